import { odata, type TableClient, type TableEntity } from '@azure/data-tables';
import {
  STATUS_FIELD_IDS,
  statusSurfaceSchema,
  statusUpdateSchema,
  type StatusFieldId,
  type StatusFields,
  type StatusSurface,
  type StatusUpdate,
} from '../contract';
import { applyStatusEdit, legacyStamps, stampsAfter, type PartStamps, type StatusEdit } from '../domain/statusEdits';
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

/**
 * A status update as read for a write: the update, when and where each part last changed, the ids of board moves
 * already in it, and the row's guard.
 */
export interface StoredStatusUpdate {
  update: StatusUpdate;
  parts: PartStamps;
  appliedMoves: string[];
  guard: RowGuard;
}

export type StatusWrite = { kind: 'written'; update: StatusUpdate } | { kind: 'stale' };

export type StatusSave =
  | { kind: 'saved'; update: StatusUpdate; changed: StatusFieldId[] }
  /** Nothing was written: these parts changed elsewhere since the edit's base; `current` is what is stored. */
  | { kind: 'conflict'; current: StatusUpdate; parts: Array<{ part: StatusFieldId; changedIn: StatusSurface | null }> };

export interface StatusUpdateStore {
  get(key: StatusUpdateKey): Promise<StatusUpdate | null>;
  read(key: StatusUpdateKey): Promise<StoredStatusUpdate | null>;
  /**
   * Writes `fields` if the row is still as `previous` was read (null: create it); `stale` when someone wrote in
   * between. Guarded like a board row (see guardedRows), so no two surfaces' writes lose each other; parts whose
   * text changed are stamped with the new revision and `via`.
   */
  write(
    key: StatusUpdateKey,
    next: { fields: StatusFields; appliedMoves: string[] },
    previous: StoredStatusUpdate | null,
    now: Date,
    via: StatusSurface,
  ): Promise<StatusWrite>;
  /**
   * Saves the parts a person changed (the form, the chat card), merged into what is stored (domain/statusEdits):
   * re-reads and merges again when stale, so two surfaces saving at once both land; a conflict writes nothing.
   */
  save(key: StatusUpdateKey, edit: StatusEdit, now: Date): Promise<StatusSave>;
  /** Occurrences of the pair that have a status update (monthly trends: "answered"). */
  occurrenceIds(pair: Omit<StatusUpdateKey, 'occurrenceId'>): Promise<Set<string>>;
}

/** Each attempt merges against a fresh read, so a retry after a stale write is always right; a few suffice. */
const MAX_SAVE_ATTEMPTS = 5;

/** PartitionKey = tenant|manager|report, RowKey = occurrence id: the prep view reads exactly one row. */
export function createTableStatusUpdateStore(tables: TableClientFactory): StatusUpdateStore {
  const table = (): Promise<TableClient> => tables(STATUS_UPDATES_TABLE);
  const read = async (key: StatusUpdateKey): Promise<StoredStatusUpdate | null> => {
    const row = await readRow(await table(), partitionOf(key), keyPart(key.occurrenceId));
    return row ? toStored(row) : null;
  };
  const write: StatusUpdateStore['write'] = async (key, next, previous, now, via) => {
    const client = await table();
    const update: StatusUpdate = {
      fields: next.fields,
      revision: (previous?.update.revision ?? 0) + 1,
      firstSubmittedAt: previous?.update.firstSubmittedAt ?? now.toISOString(),
      updatedAt: now.toISOString(),
    };
    const entity = toEntity(key, update, stampsAfter(previous, next.fields, update.revision, via), next.appliedMoves);
    if (!previous) {
      const created = await createGuarded(client, entity);
      return created.kind === 'created' ? { kind: 'written', update } : { kind: 'stale' };
    }
    const outcome =
      previous.guard.version === 0
        ? await adoptLegacy(client, entity, previous.guard.etag)
        : await replaceGuarded(client, entity, previous.guard);
    return outcome.kind === 'replaced' ? { kind: 'written', update } : { kind: 'stale' };
  };
  return {
    get: async (key) => (await read(key))?.update ?? null,
    read,
    write,
    async save(key, edit, now) {
      for (let attempt = 1; attempt <= MAX_SAVE_ATTEMPTS; attempt++) {
        const previous = await read(key);
        const decision = applyStatusEdit(previous, edit);
        if (decision.kind === 'conflict') {
          // A conflict needs something stored that changed after the base, so `previous` is there.
          if (!previous) throw new Error('conflict without a stored update');
          return { kind: 'conflict', current: previous.update, parts: decision.parts };
        }
        // Nothing new (a retry, or an unchanged card): answered as saved. An empty first save still creates the
        // update, so the manager sees that the report answered.
        if (previous && decision.changed.length === 0) return { kind: 'saved', update: previous.update, changed: [] };
        const outcome = await write(
          key,
          { fields: decision.fields, appliedMoves: previous?.appliedMoves ?? [] },
          previous,
          now,
          edit.via,
        );
        if (outcome.kind === 'written') return { kind: 'saved', update: outcome.update, changed: decision.changed };
      }
      throw new Error('status update kept changing during the save');
    },
    async occurrenceIds(pair) {
      const client = await table();
      const filter = odata`PartitionKey eq ${pairPartitionKey(pair.tenantId, pair.managerId, pair.reportId)}`;
      const found = new Set<string>();
      // Version markers (`<occurrence>~v<n>`, kind 'version') share the partition; update rows have no kind.
      for await (const row of client.listEntities<Record<string, unknown>>({
        queryOptions: { filter, select: ['RowKey', 'kind'] },
      })) {
        if (row['kind'] !== 'version' && typeof row.rowKey === 'string') found.add(row.rowKey);
      }
      return found;
    },
  };
}

function partitionOf(key: StatusUpdateKey): string {
  return pairPartitionKey(key.tenantId, key.managerId, key.reportId);
}

/** Each part's stamp in two columns beside its text (`finishedRevision`, `finishedVia`, ...). */
const revisionColumn = (id: StatusFieldId): string => `${id}Revision`;
const viaColumn = (id: StatusFieldId): string => `${id}Via`;

function toEntity(key: StatusUpdateKey, update: StatusUpdate, parts: PartStamps, appliedMoves: string[]): TableEntity {
  return {
    partitionKey: partitionOf(key),
    rowKey: keyPart(key.occurrenceId),
    ...update.fields,
    ...Object.fromEntries(
      STATUS_FIELD_IDS.flatMap((id): Array<[string, string | number]> => [
        [revisionColumn(id), parts[id].revision],
        [viaColumn(id), parts[id].via ?? ''],
      ]),
    ),
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
  return { update, parts: stampsOf(row, update), appliedMoves: moves, guard };
}

/** Rows saved before parts were stamped have no stamp columns: legacyStamps treats their text as possibly new. */
function stampsOf(row: Record<string, unknown>, update: StatusUpdate): PartStamps {
  const legacy = legacyStamps(update);
  return Object.fromEntries(
    STATUS_FIELD_IDS.map((id) => {
      const revision = row[revisionColumn(id)];
      if (typeof revision !== 'number') return [id, legacy[id]];
      const via = statusSurfaceSchema.safeParse(row[viaColumn(id)]);
      return [id, { revision, via: via.success ? via.data : null }];
    }),
  ) as PartStamps;
}

/**
 * Brings a row written before versions existed under the guard: creating marker v1 can succeed for one writer
 * only, and the If-Match keeps the write from landing on a row that changed since it was read.
 */
async function adoptLegacy(
  client: TableClient,
  entity: TableEntity,
  etag: string,
): Promise<{ kind: 'replaced' } | { kind: 'stale' }> {
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
