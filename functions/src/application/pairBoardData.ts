import type { BoardField, Commitment, Recognition, SavedRecap, TrendSharing } from '../contract';
import { isFinalised, type Board } from '../domain/board';
import { carryForwardCommitments } from '../domain/commitments';
import { firstOffer } from '../domain/goToQuestions';
import { pairGoToQuestions } from './pairGoToQuestions';
import type { Services } from '../composition';
import { partitionOf, type BoardKey, type StoredBoard } from '../store/boardStore';

/** How many earlier recognitions a board lists. */
export const RECOGNITIONS_SHOWN = 20;

/** What a board view shows from the pair beyond the board row itself. */
export interface PairBoardData {
  careerGoal: BoardField;
  commitments: Commitment[];
  lastTime: SavedRecap | null;
  recognitions: Recognition[];
  /** The report's sharing choices: which of their ratings the manager's view shows (domain/ratingVisibility). */
  sharing: TrendSharing;
}

export type BoardDataServices = Pick<
  Services,
  'boards' | 'careerGoals' | 'commitments' | 'pairHistory' | 'goToBanks' | 'trendSharing'
>;

/**
 * Reads everything around a board in parallel (point reads and short range queries in the pair's partition), and
 * offers the meeting's go-to question the first time a board is seen while the pair has go-to questions.
 */
export async function openBoard(
  services: BoardDataServices,
  key: BoardKey,
  stored: StoredBoard,
): Promise<{ board: Board; pairData: PairBoardData }> {
  const partition = partitionOf(key);
  const [careerGoal, commitments, lastTime, recognitions, sharing, board] = await Promise.all([
    services.careerGoals.get(partition),
    services.commitments.relevantTo(partition, key.occurrenceId),
    services.pairHistory.lastRecapBefore(partition, key.occurrenceId),
    services.pairHistory.recognitionsBefore(partition, key.occurrenceId, RECOGNITIONS_SHOWN),
    services.trendSharing.get(key.tenantId, key.reportId),
    withGoToOffer(services, key, stored),
  ]);
  return {
    board,
    pairData: {
      careerGoal: careerGoal.field,
      commitments: carryForwardCommitments(commitments, key.occurrenceId),
      lastTime,
      recognitions,
      sharing,
    },
  };
}

async function withGoToOffer(services: BoardDataServices, key: BoardKey, stored: StoredBoard): Promise<Board> {
  if (stored.board.goTo.kind !== 'notOffered' || isFinalised(stored.board)) return stored.board;
  const { questions, history } = await pairGoToQuestions(services, key, key.occurrenceId);
  const offer = firstOffer(stored.board.goTo, questions, history);
  if (!offer) return stored.board;
  const next: Board = { ...stored.board, goTo: offer };
  const outcome = await services.boards.replace(key, next, stored);
  if (outcome.kind === 'replaced') return next;
  // Someone wrote the board in between (perhaps the same offer from the other person's view): show what is stored.
  return (await services.boards.get(key))?.board ?? stored.board;
}
