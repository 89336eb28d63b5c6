import { odata, type TableClient } from '@azure/data-tables';
import { occurrenceIdSchema, type OccurrenceId } from '../contract';
import { compositeKey, pairPartitionKey } from './keys';
import type { PairAddress } from './scheduledOccurrences';

/*
 * What a rebuild of monthly trends enumerates in the boards table: the pairs that have any 1:1 (a board row, kind
 * `board`, or a calendar record, kind `sched`), and a pair's board occurrences. Keys and kinds only are selected,
 * never the text on the boards.
 */

/** Occurrence ids of the pair's boards (RowKey = occurrence id). */
export async function boardOccurrenceIds(client: TableClient, pair: PairAddress): Promise<OccurrenceId[]> {
  const filter = odata`PartitionKey eq ${pairPartitionKey(pair.tenantId, pair.managerId, pair.reportId)} and kind eq ${'board'}`;
  const found: OccurrenceId[] = [];
  for await (const row of client.listEntities<Record<string, unknown>>({
    queryOptions: { filter, select: ['RowKey'] },
  })) {
    const id = occurrenceIdSchema.safeParse(row.rowKey);
    if (id.success) found.push(id.data);
  }
  return found;
}

/** A pair with the number of its board and sched rows. */
export interface PairWithOccurrences extends PairAddress {
  occurrences: number;
}

/**
 * Every pair of the tenant (or of one manager) with a board or a sched row: one query over the tenant's partitions
 * of the boards table. Partition keys are `tenant|manager|report`, so the pair is read from the key itself.
 */
export async function pairsWithOccurrences(
  client: TableClient,
  tenantId: string,
  managerId: string | null = null,
): Promise<PairWithOccurrences[]> {
  const prefix = managerId ? `${compositeKey(tenantId, managerId.toLowerCase())}|` : `${compositeKey(tenantId)}|`;
  const filter = odata`PartitionKey gt ${prefix} and PartitionKey lt ${`${prefix}~`} and (kind eq ${'board'} or kind eq ${'sched'})`;
  const pairs = new Map<string, PairWithOccurrences>();
  for await (const row of client.listEntities<Record<string, unknown>>({
    queryOptions: { filter, select: ['PartitionKey'] },
  })) {
    const partition = String(row.partitionKey);
    const [, manager, report] = partition.split('|');
    if (!manager || !report) continue;
    const found = pairs.get(partition) ?? { tenantId, managerId: manager, reportId: report, occurrences: 0 };
    found.occurrences += 1;
    pairs.set(partition, found);
  }
  return [...pairs.values()];
}
