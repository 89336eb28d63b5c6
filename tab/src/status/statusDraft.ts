import { STATUS_FIELD_IDS, type StatusFields } from '@candor/contract';
import type { KeyValueStore } from '../board/drafts';

/**
 * What the report typed into the status form and has not had confirmed by the server, kept in this browser
 * (localStorage) until a save succeeds: a failed submit, a closed tab or a lost connection loses nothing.
 */
export interface StatusDraftStore {
  load(): StatusFields | null;
  save(fields: StatusFields): void;
  clear(): void;
}

/** Who and which occurrence the link is for, read (not verified: the server does that) from the token. */
export function linkSubject(token: string): { reportId: string; occurrenceId: string } | null {
  const payload = token.split('.')[1];
  if (!payload) return null;
  try {
    const base64 = payload.replace(/-/g, '+').replace(/_/g, '/');
    const json: unknown = JSON.parse(atob(base64 + '='.repeat((4 - (base64.length % 4)) % 4)));
    if (json && typeof json === 'object' && 'sub' in json && 'occ' in json && typeof json.sub === 'string' && typeof json.occ === 'string') {
      return { reportId: json.sub, occurrenceId: json.occ };
    }
  } catch {
    // Not a readable token: the server will say so.
  }
  return null;
}

export function statusDraftKey(reportId: string, occurrenceId: string): string {
  return `candor:status-draft:v1:${reportId}:${occurrenceId}`;
}

export function createStatusDraftStore(store: KeyValueStore | null, key: string): StatusDraftStore {
  return {
    load() {
      try {
        const raw = store?.getItem(key);
        if (!raw) return null;
        const value: unknown = JSON.parse(raw);
        if (!value || typeof value !== 'object') return null;
        const record = value as Record<string, unknown>;
        if (!STATUS_FIELD_IDS.every((id) => typeof record[id] === 'string')) return null;
        return { finished: String(record.finished), inProgress: String(record.inProgress), blocked: String(record.blocked), fyi: String(record.fyi) };
      } catch {
        return null;
      }
    },
    save(fields) {
      try {
        store?.setItem(key, JSON.stringify(fields));
      } catch {
        // Storage full or blocked: the text stays in the page while it is open.
      }
    },
    clear() {
      try {
        store?.removeItem(key);
      } catch {
        // Nothing to do.
      }
    },
  };
}

export const EMPTY_STATUS: StatusFields = { finished: '', inProgress: '', blocked: '', fyi: '' };

export function sameStatus(a: StatusFields, b: StatusFields): boolean {
  return STATUS_FIELD_IDS.every((id) => a[id] === b[id]);
}
