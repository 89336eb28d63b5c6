import type { BoardRef, BoardView, MeetingSummary, Person, Role } from '../contract';
import type { Caller } from '../auth/tokenValidator';
import type { Board } from '../domain/board';
import { goToOfferView } from '../domain/goToQuestions';
import { ratingsViewFor } from '../domain/ratingVisibility';
import { correctableUntil, visibleMailState } from '../domain/recap';
import type { PairBoardData } from './pairBoardData';
import type { OrgChartGateway } from '../graph/orgChartGateway';
import { fromGraph } from '../http/pipeline/errors';
import type { StatusUpdateStore } from '../store/statusUpdateStore';
import { statusSummaryOf } from './statusSummary';

export interface BoardViewInput {
  ref: BoardRef;
  caller: Caller;
  role: Role;
  board: Board;
  /** The live meeting when known; otherwise the one stored with the board. */
  meeting?: MeetingSummary | null;
  /** Both people when already at hand; otherwise their names are read from the directory (cached). */
  participants?: BoardView['participants'];
  /** When given, the view says whether the report sent a status update for this occurrence. */
  statusUpdates?: Pick<StatusUpdateStore, 'get'>;
  /** The service's clock, so the status line can tell "not yet" from "not sent" once the 1:1 has started. */
  now?: Date;
  /** The pair's career goal, commitments and history around this board (see pairBoardData.ts). */
  pairData: PairBoardData;
  /** The pair's previous occurrence that ended without a recap, when the caller's calendar was read for it. */
  recapMissingOn?: BoardView['recapMissingOn'];
}

export async function boardViewOf(orgChart: OrgChartGateway, input: BoardViewInput): Promise<BoardView> {
  const { ref, caller, role, board } = input;
  const participants = input.participants ?? (await participantsOf(orgChart, ref));
  const meeting = input.meeting === undefined ? board.meeting : input.meeting;
  const timing = input.now ? { start: meeting?.start ?? null, now: input.now } : undefined;
  return {
    ref,
    viewer: { userId: caller.userId, role },
    participants,
    meeting,
    fields: board.fields,
    ratings: ratingsViewFor(role, board.ratings, input.pairData.sharing),
    careerGoal: input.pairData.careerGoal,
    commitments: input.pairData.commitments,
    lastTime: input.pairData.lastTime,
    ...(input.recapMissingOn === undefined ? {} : { recapMissingOn: input.recapMissingOn }),
    recognitions: input.pairData.recognitions,
    goToQuestion: goToOfferView(board.goTo),
    statusGuard: board.statusGuard,
    recap: board.recap
      ? {
          occurrenceId: ref.occurrenceId,
          meetingStart: board.meeting?.start ?? null,
          ...board.recap,
          mail: visibleMailState(board.recapMail),
          ...correctionWindow(board, input.now),
        }
      : null,
    ...(board.recap ? {} : { recapDraft: board.recapDraft }),
    ...(input.statusUpdates
      ? { statusUpdate: await statusSummaryOf(input.statusUpdates, caller.tenantId, ref, timing) }
      : {}),
  };
}

/** Until when the recap may be corrected, while it still may be by the service's clock (the tab has no clock of its own for it). */
function correctionWindow(board: Board, now: Date | undefined): { correctableUntil?: string } {
  if (!board.recap) return {};
  const until = correctableUntil(board.recap);
  return now && now.getTime() > until.getTime() ? {} : { correctableUntil: until.toISOString() };
}

async function participantsOf(orgChart: OrgChartGateway, ref: BoardRef): Promise<BoardView['participants']> {
  const [manager, report] = await Promise.all([personOf(orgChart, ref.managerId), personOf(orgChart, ref.reportId)]);
  return { manager, report };
}

async function personOf(orgChart: OrgChartGateway, id: string): Promise<Person> {
  const person = await fromGraph('names', () => orgChart.person(id));
  return { id, displayName: person?.displayName ?? '' };
}
