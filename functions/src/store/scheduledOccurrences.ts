import { odata, type TableClient, type TableEntity } from '@azure/data-tables';
import { occurrenceIdSchema, type OccurrenceId } from '../contract';
import type { ScheduledOccurrence } from '../domain/trendFacts';
import { readRow } from './guardedRows';
import { keyPart, pairPartitionKey } from './keys';

/** A pair within a tenant (ids compared lower-case). */
export interface PairAddress {
  tenantId: string;
  managerId: string;
  reportId: string;
}

/**
 * The calendar's record that a pair's 1:1 occurred: RowKey `sched~<occurrenceId>` (kind `sched`) in the pair's
 * partition of the boards table, beside its boards, so a rebuild finds every 1:1 of the pair — held or not — in one
 * partition. Times only, never the subject. The daily trends job is the one writer and the calendar is the source,
 * so a plain upsert is right: the latest read of the calendar wins, and writing the same again changes nothing.
 */
export interface ScheduledOccurrenceStore {
  get(pair: PairAddress, occurrenceId: OccurrenceId): Promise<ScheduledOccurrence | null>;
  put(pair: PairAddress, scheduled: ScheduledOccurrence): Promise<void>;
  /** Every scheduled occurrence of the pair (one range query). */
  list(pair: PairAddress): Promise<ScheduledOccurrence[]>;
}

export const SCHED_PREFIX = 'sched~';

export function schedRowKey(occurrenceId: OccurrenceId): string {
  return `${SCHED_PREFIX}${keyPart(occurrenceId)}`;
}

export function createScheduledOccurrenceStore(table: () => Promise<TableClient>): ScheduledOccurrenceStore {
  return {
    async get(pair, occurrenceId) {
      const row = await readRow(await table(), partitionOf(pair), schedRowKey(occurrenceId));
      return row ? fromEntity(row) : null;
    },
    async put(pair, scheduled) {
      await (await table()).upsertEntity(toEntity(pair, scheduled), 'Replace');
    },
    async list(pair) {
      const client = await table();
      const filter = odata`PartitionKey eq ${partitionOf(pair)} and RowKey gt ${SCHED_PREFIX} and RowKey lt ${`${SCHED_PREFIX}~`}`;
      const found: ScheduledOccurrence[] = [];
      for await (const row of client.listEntities<Record<string, unknown>>({ queryOptions: { filter } })) {
        if (row['kind'] === 'sched') found.push(fromEntity(row));
      }
      return found;
    },
  };
}

function partitionOf(pair: PairAddress): string {
  return pairPartitionKey(pair.tenantId, pair.managerId, pair.reportId);
}

function toEntity(pair: PairAddress, s: ScheduledOccurrence): TableEntity<Record<string, string | boolean>> {
  return {
    partitionKey: partitionOf(pair),
    rowKey: schedRowKey(s.occurrenceId),
    kind: 'sched',
    managerId: pair.managerId.toLowerCase(),
    reportId: pair.reportId.toLowerCase(),
    occurrenceId: s.occurrenceId,
    start: new Date(s.start).toISOString(),
    end: new Date(s.end).toISOString(),
    cancelled: s.cancelled,
  };
}

function fromEntity(row: Record<string, unknown>): ScheduledOccurrence {
  return {
    occurrenceId: occurrenceIdSchema.parse(row['occurrenceId']),
    start: String(row['start']),
    end: String(row['end']),
    cancelled: row['cancelled'] === true,
  };
}
