import { type TableClient, type TableEntity, type TransactionAction } from '@azure/data-tables';
import { boardFieldSchema, meetingSummarySchema, TEXT_FIELD_IDS, type BoardField, type BoardRef, type TextFieldId } from '../contract';
import type { Board } from '../domain/board';
import { keyPart, pairPartitionKey } from './keys';
import type { TableClientFactory } from './tables';

export const BOARDS_TABLE = 'boards';

/** A board's address: the pair's ref plus the tenant, which is part of every partition key. */
export interface BoardKey extends BoardRef {
  tenantId: string;
}

/** A board as read: `etag` and `version` are what a later replace must present. */
export interface StoredBoard {
  board: Board;
  etag: string;
  version: number;
}

export type ReplaceOutcome = { kind: 'replaced'; stored: StoredBoard } | { kind: 'stale' };

export interface BoardStore {
  get(key: BoardKey): Promise<StoredBoard | null>;
  /** Creates the board if absent; when another request created it first, answers with that one. */
  create(key: BoardKey, board: Board): Promise<StoredBoard>;
  /** Writes only if the board is still the one that was read; otherwise `stale` (re-read and re-apply). */
  replace(key: BoardKey, board: Board, expected: StoredBoard): Promise<ReplaceOutcome>;
}

/*
 * Optimistic concurrency, and why not on the ETag alone.
 *
 * Each board row (PartitionKey = tenant|manager|report, RowKey = occurrenceId) carries an explicit `version`.
 * Next to it lives one marker row `<occurrenceId>~v<version>`. A replace is one entity-group transaction:
 *   delete marker v(n)  +  create marker v(n+1)  +  replace board with If-Match <etag read at v(n)>.
 * The transaction is atomic, so it succeeds only while the board is still at v(n): a writer that lost the race
 * finds marker v(n) gone (404) or v(n+1) taken (409) and the whole transaction rolls back. That makes the version,
 * not the ETag, the concurrency token. It matters for Azurite, whose ETag is a timestamp and may not change between
 * two updates in quick succession (Azurite issue 1286), letting a stale If-Match pass and lose a write.
 * Real Table Storage changes the ETag on every write, where the If-Match alone would already suffice.
 *
 * Another Azurite quirk: a failed single-entity operation reports its code in `err.details.errorCode`
 * (e.g. 'UpdateConditionNotSatisfied'), not `err.code`, so only HTTP status codes are relied on here.
 */
export function createTableBoardStore(tables: TableClientFactory): BoardStore {
  const table = (): Promise<TableClient> => tables(BOARDS_TABLE);

  return {
    async get(key) {
      const client = await table();
      try {
        const entity = await client.getEntity<Record<string, unknown>>(partitionOf(key), keyPart(key.occurrenceId));
        return toStored(entity);
      } catch (error) {
        if (statusOf(error) === 404) return null;
        throw error;
      }
    },

    async create(key, board) {
      const client = await table();
      const version = 1;
      try {
        const response = await client.submitTransaction([
          ['create', toEntity(key, board, version)],
          ['create', marker(key, version)],
        ]);
        const etag = response.subResponses[0]?.etag;
        if (etag) return { board, etag, version };
      } catch (error) {
        // A racing create (the other person opened the board at the same moment) is not an error: use theirs.
        if (statusOf(error) !== 409) throw error;
      }
      const stored = await this.get(key);
      if (!stored) throw new Error('board vanished right after it was created');
      return stored;
    },

    async replace(key, board, expected) {
      const client = await table();
      const version = expected.version + 1;
      const actions: TransactionAction[] = [
        ['delete', marker(key, expected.version)],
        ['create', marker(key, version)],
        ['update', toEntity(key, board, version), 'Replace', { etag: expected.etag }],
      ];
      try {
        const response = await client.submitTransaction(actions);
        const etag = response.subResponses[2]?.etag;
        if (etag) return { kind: 'replaced', stored: { board, etag, version } };
        const reread = await this.get(key);
        return reread && reread.version === version ? { kind: 'replaced', stored: reread } : { kind: 'stale' };
      } catch (error) {
        const status = statusOf(error);
        if (status === 404 || status === 409 || status === 412) return { kind: 'stale' };
        throw error;
      }
    },
  };
}

function partitionOf(key: BoardKey): string {
  return pairPartitionKey(key.tenantId, key.managerId, key.reportId);
}

function marker(key: BoardKey, version: number): TableEntity {
  return { partitionKey: partitionOf(key), rowKey: `${keyPart(key.occurrenceId)}~v${version}`, kind: 'boardVersion' };
}

/** One property per field part keeps every string far below the service's 64 KiB property limit. */
function toEntity(key: BoardKey, board: Board, version: number): TableEntity {
  const entity: TableEntity<Record<string, string | number>> = {
    partitionKey: partitionOf(key),
    rowKey: keyPart(key.occurrenceId),
    kind: 'board',
    version,
    managerId: key.managerId,
    reportId: key.reportId,
  };
  if (board.meeting) {
    entity.meetingSubject = board.meeting.subject;
    entity.meetingStart = board.meeting.start;
    entity.meetingEnd = board.meeting.end;
  }
  for (const id of TEXT_FIELD_IDS) {
    const field = board.fields[id];
    entity[`${id}Text`] = field.text;
    entity[`${id}Revision`] = field.revision;
    // Absent properties read back as null; Table Storage has no null values to write.
    if (field.updatedBy !== null) entity[`${id}UpdatedBy`] = field.updatedBy;
    if (field.updatedAt !== null) entity[`${id}UpdatedAt`] = field.updatedAt;
  }
  return entity;
}

function toStored(entity: Record<string, unknown>): StoredBoard {
  const etag = entity['etag'];
  const version = entity['version'];
  if (typeof etag !== 'string' || typeof version !== 'number') throw new Error('board entity lacks etag or version');
  const meeting =
    entity['meetingSubject'] === undefined
      ? null
      : meetingSummarySchema.parse({
          subject: entity['meetingSubject'],
          start: entity['meetingStart'],
          end: entity['meetingEnd'],
        });
  const fields = Object.fromEntries(TEXT_FIELD_IDS.map((id) => [id, fieldOf(entity, id)])) as Record<
    TextFieldId,
    BoardField
  >;
  return { board: { meeting, fields }, etag, version };
}

function fieldOf(entity: Record<string, unknown>, id: TextFieldId): BoardField {
  return boardFieldSchema.parse({
    text: entity[`${id}Text`] ?? '',
    revision: entity[`${id}Revision`] ?? 0,
    updatedBy: entity[`${id}UpdatedBy`] ?? null,
    updatedAt: entity[`${id}UpdatedAt`] ?? null,
  });
}

/** Duck-typed: the workspace holds two copies of @azure/core-rest-pipeline, so `instanceof RestError` is unreliable. */
function statusOf(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null || !('statusCode' in error)) return undefined;
  return typeof error.statusCode === 'number' ? error.statusCode : undefined;
}
