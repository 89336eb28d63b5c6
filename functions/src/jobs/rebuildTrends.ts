import { BOARDS_TABLE } from '../store/boardStore';
import { pairsWithOccurrences } from '../store/pairOccurrences';
import type { TableClientFactory } from '../store/tables';
import type { TrendRecorder } from '../application/trends';

export interface RebuildTrendsDeps {
  tables: TableClientFactory;
  recorder: Pick<TrendRecorder, 'rebuildPair'>;
  tenantId: string;
  log?: (line: string) => void;
}

/** Counts only: never names, ids or anything typed on a board. */
export interface RebuildTrendsReport {
  pairs: number;
  occurrences: number;
  failed: number;
}

/**
 * Rebuilds the monthly trends of every pair of the tenant, or of one manager's pairs, from the stored boards: the
 * pairs are the boards-table partitions holding a board (kind `board`) or a calendar record (kind `sched`). Pairs
 * are rebuilt one at a time (each reads its boards a few at once); one pair failing does not stop the others.
 * Safe to run at any time and any number of times: a rebuild sets each month's facts, it never adds.
 */
export async function rebuildTrends(
  deps: RebuildTrendsDeps,
  options: { managerId?: string } = {},
): Promise<RebuildTrendsReport> {
  const pairs = await pairsWithOccurrences(await deps.tables(BOARDS_TABLE), deps.tenantId, options.managerId ?? null);
  const report: RebuildTrendsReport = { pairs: 0, occurrences: 0, failed: 0 };
  for (const pair of pairs) {
    try {
      await deps.recorder.rebuildPair(pair);
      report.pairs += 1;
      report.occurrences += pair.occurrences;
    } catch (error) {
      report.failed += 1;
      deps.log?.(`a pair could not be rebuilt (${error instanceof Error ? error.name : 'non-Error thrown'})`);
    }
  }
  return report;
}
