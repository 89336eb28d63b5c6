import type { TableClient, TableEntity, TransactionAction } from '@azure/data-tables';

/*
 * Optimistic concurrency for one row, and why not on the ETag alone.
 *
 * A guarded row carries an explicit `version`, and next to it (same partition) lives one marker row
 * `<rowKey>~v<version>`. A replace is one entity-group transaction:
 *   delete marker v(n)  +  create marker v(n+1)  +  replace the row with If-Match <etag read at v(n)>  (+ extras)
 * The transaction is atomic, so it succeeds only while the row is still at v(n): a writer that lost the race
 * finds marker v(n) gone (404) or v(n+1) taken (409) and the whole transaction rolls back. That makes the version,
 * not the ETag, the concurrency token. It matters for Azurite, whose ETag is a timestamp and may not change between
 * two updates in quick succession, letting a stale If-Match pass and lose a write.
 * Real Table Storage changes the ETag on every write, where the If-Match alone would already suffice.
 *
 * Another Azurite quirk: a failed single-entity operation reports its code in `err.details.errorCode`
 * (e.g. 'UpdateConditionNotSatisfied'), not `err.code`, so only HTTP status codes are relied on here.
 */

/** What a later replace must present: the ETag and the version that were read. */
export interface RowGuard {
  etag: string;
  version: number;
}

export type GuardedReplace = { kind: 'replaced'; guard: RowGuard } | { kind: 'stale' };

export function markerRowKey(rowKey: string, version: number): string {
  return `${rowKey}~v${version}`;
}

function marker(partitionKey: string, rowKey: string, version: number): TableEntity {
  return { partitionKey, rowKey: markerRowKey(rowKey, version), kind: 'version' };
}

/** Reads one row; null when absent. */
export async function readRow(
  client: TableClient,
  partitionKey: string,
  rowKey: string,
): Promise<Record<string, unknown> | null> {
  try {
    return await client.getEntity<Record<string, unknown>>(partitionKey, rowKey);
  } catch (error) {
    if (statusOf(error) === 404) return null;
    throw error;
  }
}

/** The guard of a row as read; throws for a row written without one (a programming error). */
export function guardOf(entity: Record<string, unknown>): RowGuard {
  const etag = entity['etag'];
  const version = entity['version'];
  if (typeof etag !== 'string' || typeof version !== 'number') throw new Error('guarded row lacks etag or version');
  return { etag, version };
}

/** Creates a guarded row at version 1; `exists` when another request created it first. */
export async function createGuarded(
  client: TableClient,
  entity: TableEntity,
  extra: TransactionAction[] = [],
): Promise<{ kind: 'created'; guard: RowGuard } | { kind: 'exists' }> {
  try {
    const response = await client.submitTransaction([
      ['create', { ...entity, version: 1 }],
      ['create', marker(entity.partitionKey, entity.rowKey, 1)],
      ...extra,
    ]);
    const etag = response.subResponses[0]?.etag;
    if (etag) return { kind: 'created', guard: { etag, version: 1 } };
    const reread = await readRow(client, entity.partitionKey, entity.rowKey);
    if (!reread) throw new Error('row vanished right after it was created');
    return { kind: 'created', guard: guardOf(reread) };
  } catch (error) {
    if (statusOf(error) === 409) return { kind: 'exists' };
    throw error;
  }
}

/** Replaces a guarded row read at `expected`, with `extra` actions on rows of the same partition in the same transaction. */
export async function replaceGuarded(
  client: TableClient,
  entity: TableEntity,
  expected: RowGuard,
  extra: TransactionAction[] = [],
): Promise<GuardedReplace> {
  const version = expected.version + 1;
  const { partitionKey, rowKey } = entity;
  const actions: TransactionAction[] = [
    ['delete', marker(partitionKey, rowKey, expected.version)],
    ['create', marker(partitionKey, rowKey, version)],
    ['update', { ...entity, version }, 'Replace', { etag: expected.etag }],
    ...extra,
  ];
  try {
    const response = await client.submitTransaction(actions);
    const etag = response.subResponses[2]?.etag;
    if (etag) return { kind: 'replaced', guard: { etag, version } };
    const reread = await readRow(client, partitionKey, rowKey);
    if (reread && reread['version'] === version) return { kind: 'replaced', guard: guardOf(reread) };
    return { kind: 'stale' };
  } catch (error) {
    const status = statusOf(error);
    if (status === 404 || status === 409 || status === 412) return { kind: 'stale' };
    throw error;
  }
}

/** Duck-typed: the workspace holds two copies of @azure/core-rest-pipeline, so `instanceof RestError` is unreliable. */
export function statusOf(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null || !('statusCode' in error)) return undefined;
  return typeof error.statusCode === 'number' ? error.statusCode : undefined;
}
