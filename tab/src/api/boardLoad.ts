import type { BoardRef, BoardView } from '@candor/contract';
import type { Session } from '../host/session';
import { CONSENT_REQUIRED } from './token';
import { refusalText } from './failureText';

/** The meeting's board as its screen shows it: ready, or why not (and whether trying again by itself may help). */
export type BoardLoad =
  | { kind: 'ready'; board: BoardView }
  /** Teams SSO or the API's On-Behalf-Of needs the person's consent first (tab/src/consent). */
  | { kind: 'consent' }
  | { kind: 'no-meeting'; reason: 'no-chat' | 'not-found' }
  | {
      kind: 'error';
      title: string;
      message: string;
      /** worth retrying on its own (network, 5xx) */ retryable: boolean;
    };

/** Offline or the API unreachable: the board retries on its own. */
export const UNREACHABLE: Extract<BoardLoad, { kind: 'error' }> = {
  kind: 'error',
  title: 'Can’t reach Candor',
  message: 'Check your connection. Candor keeps trying.',
  retryable: true,
};

/**
 * The board of the meeting the host runs in (its chat), or, given `ref`, the board of that occurrence opened
 * outside any meeting (Home's full-width board, a 1:1 without a Teams meeting).
 */
export async function loadBoard(session: Session, ref: BoardRef | null = null): Promise<BoardLoad> {
  const { chatId } = session.host;
  if (!ref && !chatId) return { kind: 'no-meeting', reason: 'no-chat' };
  const result = ref ? await session.api.openBoard(ref) : await session.api.getMeetingBoard(chatId!);
  performance.mark('candor:board-response'); // with boot.ts's marks, read by `npm run bench:panel`
  if (result.ok) return { kind: 'ready', board: result.value };
  switch (result.kind) {
    case 'network':
      return UNREACHABLE;
    case 'conflict':
      return {
        kind: 'error',
        title: 'Something went wrong',
        message: 'Unexpected answer from Candor.',
        retryable: false,
      };
    case 'http':
      if (result.code === CONSENT_REQUIRED) return { kind: 'consent' };
      {
        // An access policy or an unreachable mailbox: said plainly; trying again by itself would not help.
        const refused = refusalText(result);
        if (refused) return { kind: 'error', ...refused, retryable: false };
      }
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
