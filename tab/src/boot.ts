import { loadBoard, type BoardLoad } from './api/boardLoad';
import { createApiClient } from './api/client';
import { ConsentNeeded, createTokenSource } from './api/token';
import { apiBaseUrl, extraValidOrigins } from './host/pageConfig';
import type { Session } from './host/session';
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

export type BootResult =
  | { kind: 'not-in-host'; message: string }
  /** The configuration page: needs the host, never a token or a board. */
  | { kind: 'config' }
  | { kind: 'session'; surface: 'board' | 'prep'; session: Session; firstBoard: Promise<BoardLoad> }
  /** The personal Trends tab: host, context, theme and a token, but no board (it is not in a meeting). */
  | { kind: 'trends'; session: Session }
  /** Home, the first personal tab: the same, its boards opened by ref when the person picks one. */
  | { kind: 'home'; session: Session }
  /** The person's settings (opened from Home): the same needs as Trends. */
  | { kind: 'settings'; session: Session }
  /** A personal tab while the person has not consented yet (its calls carry no board to say so; see consent/). */
  | { kind: 'consent'; host: HostContext };

/** Where the time to the first board goes, as `candor:<name>` marks that `npm run bench:panel` reads. */
function phase(name: string): void {
  performance.mark(`candor:${name}`);
}

/**
 * Everything between page load and the first board: host handshake, then the context and the SSO token in
 * parallel, then the board. Started before React renders so the network work overlaps with the first paint.
 * `named` is the URL's `?surface=`; without one, the frame context picks the surface (host/surfaces.ts).
 */
export async function startBoot(theme: ThemeStore, named: Surface | null): Promise<BootResult> {
  const init = await initializeHost(extraValidOrigins());
  phase('initialized');
  if (!init.ok) return { kind: 'not-in-host', message: init.message };

  const tokens = createTokenSource(getAuthToken);
  // Start the SSO round trip now; the board request below reuses this token. The configuration page never asks
  // for one (Teams could show a consent prompt while someone is only adding the tab).
  const early = chooseSurface(named, getFrameContext());
  // A board surface starts its chunk now: the device's copy of the last board (board/BoardScreen.tsx) paints with
  // it as soon as the context names the person, before the token and the API's answer.
  if (early === 'board' || early === 'prep') preloadBoardUi();
  if (early !== 'config')
    tokens.get().then(
      () => phase('token'),
      () => undefined,
    );
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
  if (surface === 'trends' || surface === 'home' || surface === 'settings') {
    // Its token was asked for above; a missing consent shows the consent prompt instead of failing every call.
    const consent = await tokens.get().then(
      () => false,
      (error: unknown) => error instanceof ConsentNeeded,
    );
    return consent ? { kind: 'consent', host } : { kind: surface, session };
  }
  // main.tsx never boots the status form, so anything else here is a board: the panel's or the details tab's.
  return { kind: 'session', surface: surface === 'prep' ? 'prep' : 'board', session, firstBoard: loadBoard(session) };
}
