import type { Blocker, BoardView } from '@candor/contract';
import { useCallback } from 'react';
import type { ApiClient } from '../api/client';
import { BlockerList } from '../ui/BlockerList';

/** On the board: the blockers earlier recaps of this pair named and nobody has resolved (loaded after first paint). */
export default function OpenBlockers({ api, board, locale }: { api: ApiClient; board: BoardView; locale: string }) {
  const occurrenceId = board.ref.occurrenceId;
  const earlier = useCallback((b: Blocker) => b.occurrenceId < occurrenceId, [occurrenceId]);
  return <BlockerList api={api} pair={board.ref} heading="Open blockers" locale={locale} show={earlier} />;
}
