import { hostProfile, type HostProfile } from '../host/hostKind';
import type { HostTheme } from '../host/context';

/**
 * The status form is first a plain web page (the email's link opens it in any browser, its link token is its
 * credential). When a host frames it — Outlook or Microsoft 365 opening it as a personal app, Teams through a deep
 * link — it also takes the host's theme, tells the host it loaded, and may get its token as the deep link's
 * sub-page id instead of `?token=`.
 */

/** The link token: the URL's `token` (the email's link) wins; otherwise the host's `page.subPageId`; else ''. */
export function statusLinkToken(search: string, subPageId: string | null | undefined): string {
  const fromUrl = new URLSearchParams(search).get('token')?.trim();
  if (fromUrl) return fromUrl;
  return subPageId?.trim() ?? '';
}

/** How long a framed form waits for the host's answer before it carries on as a plain page. */
export const STATUS_HOST_TIMEOUT_MS = 2500;

export type StatusHost =
  { hosted: false } | { hosted: true; profile: HostProfile; theme: HostTheme; subPageId: string | null };

/** What the form needs from teams-js, injectable so the decision below is tested without a host. */
export interface StatusHostPort {
  /** True when the page runs in a frame (a host); a top-level page never starts teams-js. */
  framed: boolean;
  initialize(timeoutMs: number): Promise<{ ok: boolean }>;
  getContext(): Promise<{ hostName: string; clientType: string; theme: HostTheme; subPageId: string | null }>;
}

/**
 * Connects to the host when there can be one. Not framed: answers at once without touching teams-js, so the
 * browser case (the email's link) is not slowed. Framed but no host answers (another site embedding it), or the
 * context fails: a plain page too.
 */
export async function connectStatusHost(
  port: StatusHostPort,
  timeoutMs: number = STATUS_HOST_TIMEOUT_MS,
): Promise<StatusHost> {
  if (!port.framed) return { hosted: false };
  const init = await port.initialize(timeoutMs);
  if (!init.ok) return { hosted: false };
  try {
    const context = await port.getContext();
    return {
      hosted: true,
      profile: hostProfile(context.hostName, context.clientType),
      theme: context.theme,
      subPageId: context.subPageId,
    };
  } catch {
    return { hosted: false };
  }
}
