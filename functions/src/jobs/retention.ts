import { retentionCutoff } from '../domain/retention';
import type { Services } from '../composition';
import { purgeExpired, type RetentionCounts } from '../store/retentionStore';
import type { PairAddress } from '../store/scheduledOccurrences';
import type { TableClientFactory } from '../store/tables';

/*
 * The retention timer (`RETENTION_SCHEDULE`, daily): deletes what is older than `RETENTION_MONTHS` (default 13) —
 * boards with their index rows, version markers and calendar records, status updates, status-request and digest
 * claims, private notes, closed commitments and monthly aggregate rows (store/retentionStore). Settings (enrolment,
 * sharing choices, go-to questions, career goals) and open commitments stay. Running it twice, or on two instances at
 * once, deletes nothing more: every deletion tolerates a row already gone.
 */

export interface RetentionDeps {
  tables: TableClientFactory;
  now: () => Date;
  months: number;
  /** Re-snapshots a pair's commitments into its trend row, so a deleted commitment's text leaves the aggregates too. */
  refreshCommitments: (pair: PairAddress) => Promise<void>;
  log: (line: string) => void;
}

export interface RetentionRun {
  cutoff: string;
  deleted: RetentionCounts;
  pairsRefreshed: number;
}

export async function runRetention(deps: RetentionDeps): Promise<RetentionRun> {
  const cutoff = retentionCutoff(deps.now(), deps.months);
  const outcome = await purgeExpired(deps.tables, cutoff);
  for (const pair of outcome.pairsWithCommitmentsRemoved) await deps.refreshCommitments(pair);
  const run = {
    cutoff: cutoff.toISOString(),
    deleted: outcome.deleted,
    pairsRefreshed: outcome.pairsWithCommitmentsRemoved.length,
  };
  // Counts only: never a key, which would name people by object id in the logs.
  const counts = Object.entries(run.deleted)
    .map(([table, n]) => `${table} ${n}`)
    .join(', ');
  deps.log(
    `retention: rows older than ${run.cutoff} deleted (${counts}); ${run.pairsRefreshed} commitment snapshots refreshed`,
  );
  return run;
}

export function retentionDeps(services: Services, options: { log: (line: string) => void }): RetentionDeps {
  return {
    tables: services.privacyTables,
    now: services.clock,
    months: services.privacy.retentionMonths,
    refreshCommitments: (pair) => services.trendRecorder.recordCommitments(pair),
    log: options.log,
  };
}
