import type { Board } from '../domain/board';
import type { BoardKey, BoardStore, StoredBoard } from '../store/boardStore';

/**
 * Writers of the same board are two people in different fields, each with a few fields in flight: a handful of
 * re-reads suffices. A short random pause before a re-read keeps writers that lost the same race from colliding
 * again in lockstep.
 */
export const MAX_BOARD_WRITE_ATTEMPTS = 10;

export function pauseBeforeRetry(attempt: number, random: () => number = Math.random): Promise<void> {
  const ms = Math.round(random() * 15 * attempt);
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** What a decision on the current board says: write this board (and answer `result`), or only answer. */
export type BoardChange<R> = { write: Board; result: R } | { result: R };

export type BoardWriteOutcome<R> =
  | { kind: 'done'; result: R; stored: StoredBoard }
  | { kind: 'missing' }
  /** The board kept changing under every attempt. */
  | { kind: 'busy' };

/**
 * Read, decide, write-if-unchanged; on a stale write re-read and decide again. The common case is one board read
 * and one board write. `decide` must be pure: it may run more than once.
 */
export async function changeBoard<R>(
  boards: Pick<BoardStore, 'get' | 'replace'>,
  key: BoardKey,
  decide: (board: Board) => BoardChange<R>,
): Promise<BoardWriteOutcome<R>> {
  for (let attempt = 1; attempt <= MAX_BOARD_WRITE_ATTEMPTS; attempt++) {
    if (attempt > 1) await pauseBeforeRetry(attempt);
    const stored = await boards.get(key);
    if (!stored) return { kind: 'missing' };
    const change = decide(stored.board);
    if (!('write' in change)) return { kind: 'done', result: change.result, stored };
    const outcome = await boards.replace(key, change.write, stored);
    if (outcome.kind === 'replaced') return { kind: 'done', result: change.result, stored: outcome.stored };
  }
  return { kind: 'busy' };
}
