import { app, authentication } from '@microsoft/teams-js';
import { normalizeTheme, toHostContext, type HostContext, type HostTheme } from './context';
import { getSsoToken } from '../api/token';

export type { HostContext, HostTheme } from './context';

export type HostInitResult = { ok: true } | { ok: false; reason: 'not-in-host' | 'timeout'; message: string };

/** How long to wait for the host to answer `initialize` before deciding the page is not inside Teams/Outlook. */
export const HOST_INIT_TIMEOUT_MS = 6000;

let initPromise: Promise<HostInitResult> | null = null;

/**
 * Calls app.initialize once (later calls share the first result). A rejection (no parent window) or no answer
 * within the timeout both mean "not inside Teams or Outlook".
 */
export function initializeHost(
  validOrigins: string[] | undefined,
  timeoutMs: number = HOST_INIT_TIMEOUT_MS,
): Promise<HostInitResult> {
  initPromise ??= new Promise<HostInitResult>((resolve) => {
    const timer = setTimeout(
      () => resolve({ ok: false, reason: 'timeout', message: `The host did not answer within ${timeoutMs} ms.` }),
      timeoutMs,
    );
    app.initialize(validOrigins).then(
      () => {
        clearTimeout(timer);
        resolve({ ok: true });
      },
      (error: unknown) => {
        clearTimeout(timer);
        resolve({ ok: false, reason: 'not-in-host', message: error instanceof Error ? error.message : String(error) });
      },
    );
  });
  return initPromise;
}

/** The frame context the host named in its initialize answer (known before getContext), or null. */
export function getFrameContext(): string | null {
  return app.getFrameContext() ?? null;
}

export async function getContext(): Promise<HostContext> {
  return toHostContext(await app.getContext());
}

/**
 * An Entra ID access token for the Candor API (the host does SSO). A consent error is retried once with
 * `silent: false`, then rejects with ConsentNeeded (api/token.ts); other failures reject with the host's reason.
 * `claims`: a Conditional Access challenge to satisfy (asked with them and `silent: false`).
 */
export function getAuthToken(claims?: readonly string[]): Promise<string> {
  return getSsoToken(
    (silent, asked) =>
      authentication.getAuthToken(
        asked ? { claims: [...asked], silent: false } : silent === undefined ? undefined : { silent },
      ),
    claims,
  );
}

/**
 * Teams' authentication pop-up (teams-js `authentication.authenticate`): opens `url` in a window the host owns and
 * resolves with what that window passed to `notifySuccess`, or rejects with its `notifyFailure` reason
 * (`CancelledByUser` when closed). Must run from a click: hosts open it as a pop-up.
 */
export function authenticateInPopup(url: string, size: { width: number; height: number }): Promise<string> {
  return authentication.authenticate({ url, ...size });
}

export function registerOnThemeChangeHandler(handler: (theme: HostTheme) => void): void {
  app.registerOnThemeChangeHandler((theme) => handler(normalizeTheme(theme)));
}

/** Tells the host the app has rendered (hides the host's loading indicator where it shows one). */
export function notifySuccess(): void {
  void app.notifySuccess().catch(() => undefined);
}

/** True when the page runs inside a frame: only then can a Teams, Outlook or Microsoft 365 host be its parent. */
export function isFramed(): boolean {
  try {
    return window.parent !== window;
  } catch {
    return true;
  }
}
