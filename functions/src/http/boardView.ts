import type { BoardRef, BoardView, MeetingSummary, Person, Role } from '../contract';
import type { Caller } from '../auth/tokenValidator';
import type { Board } from '../domain/board';
import type { OrgChartGateway } from '../graph/orgChartGateway';
import { fromGraph } from './errorBoundary';

export interface BoardViewInput {
  ref: BoardRef;
  caller: Caller;
  role: Role;
  board: Board;
  /** The live meeting when known; otherwise the one stored with the board. */
  meeting?: MeetingSummary | null;
  /** Both people when already at hand; otherwise their names are read from the directory (cached). */
  participants?: BoardView['participants'];
}

export async function boardViewOf(orgChart: OrgChartGateway, input: BoardViewInput): Promise<BoardView> {
  const { ref, caller, role, board } = input;
  const participants = input.participants ?? (await participantsOf(orgChart, ref));
  return {
    ref,
    viewer: { userId: caller.userId, role },
    participants,
    meeting: input.meeting === undefined ? board.meeting : input.meeting,
    fields: board.fields,
  };
}

async function participantsOf(orgChart: OrgChartGateway, ref: BoardRef): Promise<BoardView['participants']> {
  const [manager, report] = await Promise.all([personOf(orgChart, ref.managerId), personOf(orgChart, ref.reportId)]);
  return { manager, report };
}

async function personOf(orgChart: OrgChartGateway, id: string): Promise<Person> {
  const person = await fromGraph('names', () => orgChart.person(id));
  return { id, displayName: person?.displayName ?? '' };
}
