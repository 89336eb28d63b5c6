import type { TableClient, TransactionAction } from '@azure/data-tables';
import { statusOf } from './guardedRows';

/** A row's address, and whatever properties a query selected beside it. */
export interface RowRef {
  partitionKey: string;
  rowKey: string;
  [property: string]: unknown;
}

/** An entity-group transaction holds at most 100 operations, all in one partition. */
const MAX_BATCH = 100;

/** Every row a filter matches, with only `select`ed properties (keys always): the deletion paths never read text. */
export async function listRows(client: TableClient, filter: string, select: readonly string[] = []): Promise<RowRef[]> {
  const rows: RowRef[] = [];
  const queryOptions = { filter, select: ['PartitionKey', 'RowKey', ...select] };
  for await (const row of client.listEntities<Record<string, unknown>>({ queryOptions })) {
    if (typeof row.partitionKey === 'string' && typeof row.rowKey === 'string') rows.push(row as RowRef);
  }
  return rows;
}

/**
 * Deletes rows, a partition's rows 100 to a transaction. A row that is already gone is not an error (a re-run, or two
 * instances of a job at once): when a transaction fails on one, that chunk is deleted row by row, ignoring 404s.
 * Answers how many rows this call deleted.
 */
export async function deleteRows(client: TableClient, rows: readonly RowRef[]): Promise<number> {
  const byPartition = new Map<string, string[]>();
  for (const { partitionKey, rowKey } of rows) {
    const keys = byPartition.get(partitionKey) ?? [];
    if (!keys.includes(rowKey)) keys.push(rowKey);
    byPartition.set(partitionKey, keys);
  }
  let deleted = 0;
  for (const [partitionKey, keys] of byPartition) {
    for (let at = 0; at < keys.length; at += MAX_BATCH) {
      const chunk = keys.slice(at, at + MAX_BATCH);
      const actions: TransactionAction[] = chunk.map((rowKey) => ['delete', { partitionKey, rowKey }]);
      try {
        await client.submitTransaction(actions);
        deleted += chunk.length;
      } catch (error) {
        const status = statusOf(error);
        if (status !== 404 && status !== 400) throw error;
        for (const rowKey of chunk) if (await deleteOne(client, partitionKey, rowKey)) deleted += 1;
      }
    }
  }
  return deleted;
}

async function deleteOne(client: TableClient, partitionKey: string, rowKey: string): Promise<boolean> {
  try {
    await client.deleteEntity(partitionKey, rowKey);
    return true;
  } catch (error) {
    if (statusOf(error) === 404) return false;
    throw error;
  }
}

/** The row key a version (`~v<n>`) or takeover (`~t<n>`) marker belongs to; a plain row's own key. */
export function baseRowKey(rowKey: string): string {
  const marker = /~[vt]\d+$/.exec(rowKey);
  return marker ? rowKey.slice(0, marker.index) : rowKey;
}
