import type { BoardView, MeetingSummary } from '../contract';
import type { Caller } from '../auth/tokenValidator';
import type { Services } from '../composition';
import { emptyBoard } from '../domain/board';
import type { BoardKey } from '../store/boardStore';
import { boardViewOf } from './boardView';
import type { BoardOccurrence } from './meetingResolution';
import { openBoard, type BoardDataServices } from './pairBoardData';

export type OccurrenceBoardServices = Pick<Services, 'boards' | 'orgChart' | 'statusUpdates'> & BoardDataServices;

/**
 * The board of one occurrence found in the caller's calendar, created on first open, as the side panel and Home
 * show it. `beforeView` runs once the board exists (the side panel remembers its meeting chat there);
 * `recapMissingOn` names the pair's previous occurrence still lacking its recap, when the caller looked.
 */
export async function occurrenceBoardView(
  services: OccurrenceBoardServices,
  caller: Caller,
  found: BoardOccurrence,
  now: Date,
  options: {
    beforeView?: (key: BoardKey) => Promise<void>;
    recapMissingOn?: BoardView['recapMissingOn'];
  } = {},
): Promise<BoardView> {
  const { event, ref, role } = found;
  const meeting: MeetingSummary = { subject: event.subject, start: event.startUtc, end: event.endUtc };
  const key = { tenantId: caller.tenantId, ...ref };
  const stored = (await services.boards.get(key)) ?? (await services.boards.create(key, emptyBoard(meeting)));
  if (options.beforeView) await options.beforeView(key);
  // The detection already has both people's names from the directory.
  const participants = {
    manager: { id: found.pair.managerId, displayName: found.manager.displayName },
    report: { id: found.pair.reportId, displayName: found.report.displayName },
  };
  const { board, pairData } = await openBoard(services, key, stored);
  return boardViewOf(services.orgChart, {
    ref,
    caller,
    role,
    board,
    meeting,
    participants,
    statusUpdates: services.statusUpdates,
    now,
    pairData,
    ...(options.recapMissingOn === undefined ? {} : { recapMissingOn: options.recapMissingOn }),
  });
}
