import { odata, type TableClient, type TableEntity } from '@azure/data-tables';
import { STATUS_FIELD_IDS, statusUpdateSchema, type StatusFields, type StatusUpdate } from '../contract';
import { createGuarded, guardOf, markerRowKey, readRow, replaceGuarded, statusOf, type RowGuard } from './guardedRows';
import { keyPart, pairPartitionKey } from './keys';
import type { TableClientFactory } from './tables';

export const STATUS_UPDATES_TABLE = 'statusUpdates';

export interface StatusUpdateKey {
  tenantId: string;
  managerId: string;
  reportId: string;
  occurrenceId: string;
}

/** A status update as read for a write: the update, the ids of board moves already in it, and the row's guard. */
export interface StoredStatusUpdate {
  update: StatusUpdate;
  appliedMoves: string[];
  guard: RowGuard;
}

export type StatusWrite = { kind: 'written'; update: StatusUpdate } | { kind: 'stale' };

export interface StatusUpdateStore {
  get(key: StatusUpdateKey): Promise<StatusUpdate | null>;
  read(key: StatusUpdateKey): Promise<StoredStatusUpdate | null>;
  /**
   * Writes `fields` if the row is still as `previous` was read (null: create it); `stale` when someone wrote in
   * between. Guarded like a board row (see guardedRows), so the form's save and a board move never lose each other.
   */
  write(key: StatusUpdateKey, next: { fields: StatusFields; appliedMoves: string[] }, previous: StoredStatusUpdate | null, now: Date): Promise<StatusWrite>;
  /** Saves the whole update (the status form; the report is its only author): re-reads and retries when stale. */
  save(key: StatusUpdateKey, fields: StatusFields, now: Date): Promise<StatusUpdate>;
  /** Occurrences of the pair that have a status update (monthly trends: "answered"). */
  occurrenceIds(pair: Omit<StatusUpdateKey, 'occurrenceId'>): Promise<Set<string>>;
}

/** The form's save replaces the whole update, so a retry after a stale write is always right; a few suffice. */
const MAX_SAVE_ATTEMPTS = 5;

/** PartitionKey = tenant|manager|report, RowKey = occurrence id: the prep view reads exactly one row. */
export function createTableStatusUpdateStore(tables: TableClientFactory): StatusUpdateStore {
  const table = (): Promise<TableClient> => tables(STATUS_UPDATES_TABLE);
  const read = async (key: StatusUpdateKey): Promise<StoredStatusUpdate | null> => {
    const row = await readRow(await table(), partitionOf(key), keyPart(key.occurrenceId));
    return row ? toStored(row) : null;
  };
  const write: StatusUpdateStore['write'] = async (key, next, previous, now) => {
    const client = await table();
    const update: StatusUpdate = {
      fields: next.fields,
      revision: (previous?.update.revision ?? 0) + 1,
      firstSubmittedAt: previous?.update.firstSubmittedAt ?? now.toISOString(),
      updatedAt: now.toISOString(),
    };
    const entity = toEntity(key, update, next.appliedMoves);
    if (!previous) {
      const created = await createGuarded(client, entity);
      return created.kind === 'created' ? { kind: 'written', update } : { kind: 'stale' };
    }
    const outcome = previous.guard.version === 0 ? await adoptLegacy(client, entity, previous.guard.etag) : await replaceGuarded(client, entity, previous.guard);
    return outcome.kind === 'replaced' ? { kind: 'written', update } : { kind: 'stale' };
  };
  return {
    get: async (key) => (await read(key))?.update ?? null,
    read,
    write,
    async save(key, fields, now) {
      for (let attempt = 1; attempt <= MAX_SAVE_ATTEMPTS; attempt++) {
        const previous = await read(key);
        const outcome = await write(key, { fields, appliedMoves: previous?.appliedMoves ?? [] }, previous, now);
        if (outcome.kind === 'written') return outcome.update;
      }
      throw new Error('status update kept changing during the save');
    },
    async occurrenceIds(pair) {
      const client = await table();
      const filter = odata`PartitionKey eq ${pairPartitionKey(pair.tenantId, pair.managerId, pair.reportId)}`;
      const found = new Set<string>();
      // Version markers (`<occurrence>~v<n>`, kind 'version') share the partition; update rows have no kind.
      for await (const row of client.listEntities<Record<string, unknown>>({ queryOptions: { filter, select: ['RowKey', 'kind'] } })) {
        if (row['kind'] !== 'version' && typeof row.rowKey === 'string') found.add(row.rowKey);
      }
      return found;
    },
  };
}

function partitionOf(key: StatusUpdateKey): string {
  return pairPartitionKey(key.tenantId, key.managerId, key.reportId);
}

function toEntity(key: StatusUpdateKey, update: StatusUpdate, appliedMoves: string[]): TableEntity {
  return {
    partitionKey: partitionOf(key),
    rowKey: keyPart(key.occurrenceId),
    ...update.fields,
    revision: update.revision,
    firstSubmittedAt: update.firstSubmittedAt,
    updatedAt: update.updatedAt,
    // Ids only (UUIDs), never text: at most MAX_REMEMBERED_MOVES × 37 characters.
    appliedMoves: appliedMoves.join(','),
  };
}

function toStored(row: Record<string, unknown>): StoredStatusUpdate {
  const update = statusUpdateSchema.parse({
    fields: Object.fromEntries(STATUS_FIELD_IDS.map((id) => [id, typeof row[id] === 'string' ? row[id] : ''])),
    revision: row['revision'],
    firstSubmittedAt: row['firstSubmittedAt'],
    updatedAt: row['updatedAt'],
  });
  const moves = typeof row['appliedMoves'] === 'string' ? row['appliedMoves'].split(',').filter((id) => id !== '') : [];
  // Rows saved before status updates were guarded have no version: version 0 marks them (see adoptLegacy).
  const guard = typeof row['version'] === 'number' ? guardOf(row) : { etag: String(row['etag']), version: 0 };
  return { update, appliedMoves: moves, guard };
}

/**
 * Brings a row written before versions existed under the guard: creating marker v1 can succeed for one writer
 * only, and the If-Match keeps the write from landing on a row that changed since it was read.
 */
async function adoptLegacy(client: TableClient, entity: TableEntity, etag: string): Promise<{ kind: 'replaced' } | { kind: 'stale' }> {
  try {
    await client.submitTransaction([
      ['create', { partitionKey: entity.partitionKey, rowKey: markerRowKey(entity.rowKey, 1), kind: 'version' }],
      ['update', { ...entity, version: 1 }, 'Replace', { etag }],
    ]);
    return { kind: 'replaced' };
  } catch (error) {
    const status = statusOf(error);
    if (status === 404 || status === 409 || status === 412) return { kind: 'stale' };
    throw error;
  }
}
