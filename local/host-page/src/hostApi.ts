import { isRecord, parseConfig, type HostConfig } from './config';
import type { TabSettings } from './teamsBridge.settings';

/*
 * The local stack's own endpoints under /host-api (local/src/webServers.ts): what the page poses as (users,
 * meetings), the simulator's tokens and consent record, the outbox, the pre-meeting scan and the tabs it pinned.
 */

export async function loadHostConfig(): Promise<HostConfig> {
  const res = await fetch('/host-api/config', { cache: 'no-store' });
  if (!res.ok) throw new Error(`GET /host-api/config → HTTP ${res.status}`);
  return parseConfig(await res.json());
}

/** A Teams SSO token for the signed-in person, as getAuthToken answers it (with `claims`: satisfying them). */
export async function fetchToken(userId: string, claims?: readonly string[]): Promise<string> {
  const res = await fetch('/host-api/token', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(claims ? { userId, claims } : { userId }),
  });
  const json: unknown = await res.json().catch(() => null);
  if (res.ok && json && typeof json === 'object' && 'accessToken' in json && typeof json.accessToken === 'string') {
    return json.accessToken;
  }
  const error =
    json && typeof json === 'object' && 'error' in json && json.error && typeof json.error === 'object'
      ? json.error
      : null;
  // Teams rejects getAuthToken with exactly this reason while consent is missing.
  if (error && 'code' in error && error.code === 'resourceRequiresConsent') throw new Error('resourceRequiresConsent');
  const message = error && 'message' in error ? String(error.message) : `HTTP ${res.status}`;
  throw new Error(`Token for ${userId}: ${message}`);
}

/** Whether the identity simulator has the person's consent missing, or null when its record cannot be read. */
export async function readConsentMissing(userId: string): Promise<boolean | null> {
  const res = await fetch(`/host-api/consent?userId=${encodeURIComponent(userId)}`, { cache: 'no-store' });
  const json: unknown = await res.json().catch(() => null);
  return res.ok && json && typeof json === 'object' && 'given' in json ? json.given === false : null;
}

export async function writeConsent(userId: string, given: boolean): Promise<void> {
  await fetch('/host-api/consent', {
    method: 'PUT',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ userId, given }),
  });
}

/** The mails the stack sent, as the raw list the outbox normalizes. */
export async function readOutbox(): Promise<unknown[]> {
  const res = await fetch('/host-api/outbox', { cache: 'no-store' });
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  const json: unknown = await res.json();
  const mails: unknown[] = Array.isArray(json) ? json : [];
  return mails;
}

export async function runPreMeetingScan(): Promise<void> {
  const res = await fetch('/host-api/run-scan', { method: 'POST' });
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
}

/**
 * Candor's tab pinned in a meeting's chat (Candor attaches itself to 1:1s), as what a configuration page would have
 * saved; null when it is not pinned there or the host cannot tell.
 */
export async function readPinnedTab(chatId: string): Promise<TabSettings | null> {
  const res = await fetch(`/host-api/pinned-tab?chatId=${encodeURIComponent(chatId)}`, { cache: 'no-store' });
  const json: unknown = await res.json().catch(() => null);
  const tab = res.ok && isRecord(json) ? json.tab : null;
  if (!isRecord(tab) || typeof tab.contentUrl !== 'string') return null;
  return { contentUrl: tab.contentUrl, ...(typeof tab.entityId === 'string' ? { entityId: tab.entityId } : {}) };
}
