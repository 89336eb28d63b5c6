import { isRecord } from './config';

/**
 * The host's side of teams-js 2.x `authentication.authenticate` (the consent pop-up), as Teams web does it:
 *
 *   tab frame → host   { func: 'authentication.authenticate', args: [url, width, height, isExternal] }
 *   host opens `url` with window.open (a real pop-up: Entra ID's pages refuse to be framed)
 *   pop-up → opener    { func: 'initialize' }   answered [ 'authentication', 'web', runtimeConfig, sdkVersion ]
 *                      { func: 'getContext' }   answered [ the tab's context with frameContext 'authentication' ]
 *                      { func: 'authentication.authenticate.success', args: [result] }  (notifySuccess)
 *                      { func: 'authentication.authenticate.failure', args: [reason] }  (notifyFailure)
 *   host → tab frame   the answer to the first request: [true, result] or [false, reason]
 *
 * teams-js in the pop-up talks to `window.opener` (this page) and closes its own window after notifying. A pop-up
 * closed before it notified answers `CancelledByUser`; one the browser refused to open, `FailedToOpenWindow`
 * (both are teams-js's documented reasons).
 */

export interface AuthPopupOptions {
  tabOrigin: string;
  url: string;
  width: number;
  height: number;
  /** The requesting tab's context, with frameContext already 'authentication'. */
  context: Record<string, unknown>;
  runtimeConfig: string;
  onEvent?: (func: string, detail?: string) => void;
}

const CLOSED_POLL_MS = 300;

/** Opens the pop-up and settles with teams-js's answer tuple for the tab's request. */
export function runAuthPopup(options: AuthPopupOptions): Promise<[boolean, string]> {
  let target: URL;
  try {
    target = new URL(options.url);
  } catch {
    return Promise.resolve([false, 'InvalidUrl']);
  }
  // Teams opens only pages of the app's valid domains, which are host names (the local https pop-up pages run on
  // another port of the tab's host).
  if (target.hostname !== new URL(options.tabOrigin).hostname) {
    return Promise.resolve([false, `The URL ${target.origin} is not on the app's domain.`]);
  }
  const features = `popup,width=${Math.round(options.width) || 600},height=${Math.round(options.height) || 600}`;
  const popup = window.open(target.href, 'candor-auth', features);
  if (!popup) return Promise.resolve([false, 'FailedToOpenWindow']);
  options.onEvent?.('open', target.pathname);

  return new Promise((resolve) => {
    let settled = false;
    const finish = (answer: [boolean, string]): void => {
      if (settled) return;
      settled = true;
      window.removeEventListener('message', onMessage);
      clearInterval(closedTimer);
      options.onEvent?.(answer[0] ? 'success' : 'failure', answer[0] ? undefined : answer[1]);
      resolve(answer);
    };
    const answer = (request: { id: number; uuidAsString?: string }, args: unknown[]): void => {
      popup.postMessage({ id: request.id, uuidAsString: request.uuidAsString, args }, target.origin);
    };
    const onMessage = (event: MessageEvent): void => {
      // Only the pop-up, and only while it shows a page of the app (not Entra ID's pages in between).
      if (event.source !== popup || event.origin !== target.origin || !isRecord(event.data)) return;
      const { id, func, args, uuidAsString } = event.data;
      if (typeof func !== 'string') return;
      const list = Array.isArray(args) ? args : [];
      const request = {
        id: typeof id === 'number' ? id : -1,
        ...(typeof uuidAsString === 'string' ? { uuidAsString } : {}),
      };
      options.onEvent?.(func);
      switch (func) {
        case 'initialize':
          answer(request, [
            'authentication',
            'web',
            options.runtimeConfig,
            typeof list[0] === 'string' ? list[0] : '2.0.0',
          ]);
          return;
        case 'getContext':
          answer(request, [options.context]);
          return;
        case 'authentication.authenticate.success':
          finish([true, typeof list[0] === 'string' ? list[0] : '']);
          return;
        case 'authentication.authenticate.failure':
          finish([false, typeof list[0] === 'string' ? list[0] : 'Failed']);
          return;
        default:
        // Anything else (appInitialization.*) needs no answer here.
      }
    };
    window.addEventListener('message', onMessage);
    const closedTimer = setInterval(() => {
      if (popup.closed) finish([false, 'CancelledByUser']);
    }, CLOSED_POLL_MS);
  });
}
