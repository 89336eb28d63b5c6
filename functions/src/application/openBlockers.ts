import {
  BLOCKER_REVIEW_DAYS,
  MAX_TREND_MONTHS,
  type Blocker,
  type BlockerResolution,
  type OccurrenceId,
} from '../contract';
import type { BoardRecap } from '../domain/board';
import { monthsEndingAt, openBlockersOf, wholeDaysSince } from '../domain/trends';
import type { BoardStore } from '../store/boardStore';
import { OPEN_RESOLUTION, type BlockerStore } from '../store/blockerStore';
import type { PairKey, TrendReader } from './trends';

/*
 * A pair's open blockers as both people see them (board and trends tab): which ones are open comes from the monthly
 * trend facts — the same that feed the trends' open list and the openPastDue signal, so the two never disagree —
 * and each one's words from the recap line that named it, read from its board.
 */

export function blockerViewOf(input: {
  occurrenceId: OccurrenceId;
  line: number;
  recap: BoardRecap;
  resolution: BlockerResolution;
  now: Date;
}): Blocker {
  const ageDays = wholeDaysSince(input.recap.savedAt, input.now);
  return {
    occurrenceId: input.occurrenceId,
    line: input.line,
    text: input.recap.lines[input.line === 1 ? 1 : 0].text,
    namedAt: input.recap.savedAt,
    ageDays,
    overdue: ageDays > BLOCKER_REVIEW_DAYS,
    ...input.resolution,
  };
}

export async function openBlockersOfPair(
  services: { trendReader: TrendReader; boards: Pick<BoardStore, 'get'>; blockers: Pick<BlockerStore, 'allOfPair'> },
  pair: PairKey,
  now: Date,
): Promise<Blocker[]> {
  const rows = await services.trendReader.pairRecords(pair, monthsEndingAt(now, MAX_TREND_MONTHS));
  const open = openBlockersOf(
    rows.records.flatMap((r) => Object.values(r.facts)),
    now,
  );
  if (open.length === 0) return [];
  const stored = await services.blockers.allOfPair(pair);
  const views: Blocker[] = [];
  for (const blocker of open) {
    const board = await services.boards.get({ ...pair, occurrenceId: blocker.occurrenceId });
    const recap = board?.board.recap;
    if (!recap) continue;
    const resolution = stored.find((s) => s.occurrenceId === blocker.occurrenceId && s.line === blocker.line);
    views.push(
      blockerViewOf({
        occurrenceId: blocker.occurrenceId,
        line: blocker.line,
        recap,
        resolution: resolution
          ? {
              resolved: resolution.resolved,
              resolvedBy: resolution.resolvedBy,
              resolvedAt: resolution.resolvedAt,
              revision: resolution.revision,
            }
          : OPEN_RESOLUTION,
        now,
      }),
    );
  }
  return views;
}
