import type { BoardView } from '@candor/contract';
import { createApiClient, type ApiClient } from './api/client';
import { CONSENT_REQUIRED, ConsentNeeded, createTokenSource } from './api/token';
import { apiBaseUrl, extraValidOrigins } from './config';
import { chooseSurface, type Surface } from './host/surfaces';
import {
  getAuthToken,
  getContext,
  getFrameContext,
  initializeHost,
  registerOnThemeChangeHandler,
  type HostContext,
} from './host/teamsHost';
import type { ThemeStore } from './host/themeStore';
import { loadBoardUi } from './board/boardUi';

const preloadBoardUi = (): void => void loadBoardUi().catch(() => undefined);

export interface Session {
  host: HostContext;
  api: ApiClient;
}

export type BoardLoad =
  | { kind: 'ready'; board: BoardView }
  /** Teams SSO or the API's On-Behalf-Of needs the person's consent first (tab/src/consent). */
  | { kind: 'consent' }
  | { kind: 'no-meeting'; reason: 'no-chat' | 'not-found' }
  | { kind: 'error'; title: string; message: string; /** worth retrying on its own (network, 5xx) */ retryable: boolean };

export type BootResult =
  | { kind: 'not-in-host'; message: string }
  /** The configuration page: needs the host, never a token or a board. */
  | { kind: 'config' }
  | { kind: 'session'; surface: 'board' | 'prep'; session: Session; firstBoard: Promise<BoardLoad> }
  /** The personal Trends tab: host, context, theme and a token, but no board (it is not in a meeting). */
  | { kind: 'trends'; session: Session }
  /** The Trends tab while the person has not consented yet (its calls carry no board to say so; see consent/). */
  | { kind: 'consent'; host: HostContext };

/**
 * Everything between page load and the first board: host handshake, then the context and the SSO token in
 * parallel, then the board. Started before React renders so the network work overlaps with the first paint.
 * `named` is the URL's `?surface=`; without one, the frame context picks the surface (host/surfaces.ts).
 */
/** Where the time to the first board goes, as `candor:<name>` marks that `npm run bench:panel` reads. */
function phase(name: string): void {
  performance.mark(`candor:${name}`);
}

export async function startBoot(theme: ThemeStore, named: Surface | null): Promise<BootResult> {
  const init = await initializeHost(extraValidOrigins());
  phase('initialized');
  if (!init.ok) return { kind: 'not-in-host', message: init.message };

  const tokens = createTokenSource(getAuthToken);
  // Start the SSO round trip now; the board request below reuses this token. The configuration page never asks
  // for one (Teams could show a consent prompt while someone is only adding the tab).
  if (chooseSurface(named, getFrameContext()) !== 'config') tokens.get().then(() => phase('token'), () => undefined);
  let host: HostContext;
  try {
    host = await getContext();
  } catch (error) {
    return { kind: 'not-in-host', message: error instanceof Error ? error.message : String(error) };
  }
  phase('context');
  theme.set(host.theme);
  registerOnThemeChangeHandler(theme.set);

  const surface = chooseSurface(named, host.frameContext);
  if (surface === 'config') return { kind: 'config' };
  // A board surface loads the board's own chunk while its first request is in flight (board/boardUi.ts).
  const onRequestSent = surface === 'board' || surface === 'prep' ? preloadBoardUi : undefined;
  const session: Session = { host, api: createApiClient({ baseUrl: apiBaseUrl(), tokens, onRequestSent }) };
  if (surface === 'trends') {
    // Its token was asked for above; a missing consent shows the consent prompt instead of failing every call.
    const consent = await tokens.get().then(
      () => false,
      (error: unknown) => error instanceof ConsentNeeded,
    );
    return consent ? { kind: 'consent', host } : { kind: 'trends', session };
  }
  // main.tsx never boots the status form, so anything else here is a board: the panel's or the details tab's.
  return { kind: 'session', surface: surface === 'prep' ? 'prep' : 'board', session, firstBoard: loadBoard(session) };
}

/** Offline or the API unreachable: the board retries on its own. */
export const UNREACHABLE: Extract<BoardLoad, { kind: 'error' }> = {
  kind: 'error',
  title: 'Can’t reach Candor',
  message: 'Check your connection. Candor keeps trying.',
  retryable: true,
};

export async function loadBoard(session: Session): Promise<BoardLoad> {
  const { chatId } = session.host;
  if (!chatId) return { kind: 'no-meeting', reason: 'no-chat' };
  const result = await session.api.getMeetingBoard(chatId);
  phase('board-response');
  if (result.ok) return { kind: 'ready', board: result.value };
  switch (result.kind) {
    case 'network':
      return UNREACHABLE;
    case 'conflict':
      return { kind: 'error', title: 'Something went wrong', message: 'Unexpected answer from Candor.', retryable: false };
    case 'http':
      if (result.code === CONSENT_REQUIRED) return { kind: 'consent' };
      if (result.status === 404) return { kind: 'no-meeting', reason: 'not-found' };
      if (result.status === 401)
        return { kind: 'error', title: 'Couldn’t sign you in', message: result.message, retryable: false };
      if (result.status === 403)
        return { kind: 'error', title: 'This board isn’t yours', message: result.message, retryable: false };
      return {
        kind: 'error',
        title: 'Something went wrong',
        message: `${result.message} (HTTP ${result.status})`,
        retryable: result.status >= 500 || result.status === 429,
      };
  }
}
