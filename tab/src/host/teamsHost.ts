import { app, authentication } from '@microsoft/teams-js';
import { normalizeTheme, toHostContext, type HostContext, type HostTheme } from './context';

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

/** An Entra ID access token for the Candor API (the host does SSO). Rejects with the host's reason. */
export function getAuthToken(): Promise<string> {
  return authentication.getAuthToken();
}

export function registerOnThemeChangeHandler(handler: (theme: HostTheme) => void): void {
  app.registerOnThemeChangeHandler((theme) => handler(normalizeTheme(theme)));
}

/** Tells the host the app has rendered (hides the host's loading indicator where it shows one). */
export function notifySuccess(): void {
  void app.notifySuccess().catch(() => undefined);
}
