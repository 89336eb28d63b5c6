import type { BoardView } from '@candor/contract';
import { createApiClient, type ApiClient } from './api/client';
import { createTokenSource } from './api/token';
import { apiBaseUrl, extraValidOrigins } from './config';
import {
  getAuthToken,
  getContext,
  initializeHost,
  registerOnThemeChangeHandler,
  type HostContext,
} from './host/teamsHost';
import type { ThemeStore } from './host/themeStore';

export interface Session {
  host: HostContext;
  api: ApiClient;
}

export type BoardLoad =
  | { kind: 'ready'; board: BoardView }
  | { kind: 'no-meeting'; reason: 'no-chat' | 'not-found' }
  | { kind: 'error'; title: string; message: string; /** worth retrying on its own (network, 5xx) */ retryable: boolean };

export type BootResult =
  | { kind: 'not-in-host'; message: string }
  | { kind: 'session'; session: Session; firstBoard: Promise<BoardLoad> };

/**
 * Everything between page load and the first board: host handshake, then the context and the SSO token in
 * parallel, then the board. Started before React renders so the network work overlaps with the first paint.
 */
export async function startBoot(theme: ThemeStore): Promise<BootResult> {
  const init = await initializeHost(extraValidOrigins());
  if (!init.ok) return { kind: 'not-in-host', message: init.message };

  const tokens = createTokenSource(getAuthToken);
  // Start the SSO round trip now; the board request below reuses this token.
  tokens.get().catch(() => undefined);
  let host: HostContext;
  try {
    host = await getContext();
  } catch (error) {
    return { kind: 'not-in-host', message: error instanceof Error ? error.message : String(error) };
  }
  theme.set(host.theme);
  registerOnThemeChangeHandler(theme.set);

  const session: Session = { host, api: createApiClient({ baseUrl: apiBaseUrl(), tokens }) };
  return { kind: 'session', session, firstBoard: loadBoard(session) };
}

export async function loadBoard(session: Session): Promise<BoardLoad> {
  const { chatId } = session.host;
  if (!chatId) return { kind: 'no-meeting', reason: 'no-chat' };
  const result = await session.api.getMeetingBoard(chatId);
  if (result.ok) return { kind: 'ready', board: result.value };
  switch (result.kind) {
    case 'network':
      return { kind: 'error', title: 'Can’t reach Candor', message: 'Check your connection. Candor keeps trying.', retryable: true };
    case 'conflict':
      return { kind: 'error', title: 'Something went wrong', message: 'Unexpected answer from Candor.', retryable: false };
    case 'http':
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
