import { odata, type TableClient } from '@azure/data-tables';
import { anyStoredDraftSchema, occurrenceIdSchema, type AnyStoredDraft, type BoardDraftId } from '../contract';
import { createGuarded, guardOf, readRow, replaceGuarded, type RowGuard } from './guardedRows';
import { compositeKey } from './keys';
import { baseRowKey, deleteRows, listRows } from './rowDeletion';
import { rowNumber, rowText } from './rowValues';
import type { TableClientFactory } from './tables';

export const DRAFTS_TABLE = 'drafts';

/** The board's drafts and the status form's: one kind of row, told apart by the last part of the row key. */
export type DraftId = BoardDraftId | 'statusForm';

/**
 * Unsaved words live in a table of their own, partitioned by their AUTHOR (tenant|author) like private notes: no
 * query of a board or a pair reaches them, and every read names the author, which the API takes from the caller's
 * credential. RowKey `manager|report|occurrence|draftId` (and the guarded row's `~v<n>` markers), so the retention
 * sweep dates a row by its key alone.
 */
export interface DraftScope {
  tenantId: string;
  authorId: string;
  managerId: string;
  reportId: string;
  occurrenceId: string;
}

export interface DraftKey extends DraftScope {
  draftId: DraftId;
}

export interface StoredDraftRow {
  draft: AnyStoredDraft | null;
  guard: RowGuard | null;
}

/** One of the author's drafts, wherever it is (the privacy export). */
export interface OwnDraft {
  managerId: string;
  reportId: string;
  occurrenceId: string;
  draftId: DraftId;
  draft: AnyStoredDraft;
}

export interface DraftStore {
  get(key: DraftKey): Promise<StoredDraftRow>;
  /** The author's drafts on one occurrence of a pair, by draft id. */
  onOccurrence(scope: DraftScope): Promise<Partial<Record<DraftId, AnyStoredDraft>>>;
  save(key: DraftKey, draft: AnyStoredDraft, expected: RowGuard | null): Promise<'saved' | 'stale'>;
  /** Deletes the draft with its markers; answers whether there was one. */
  remove(key: DraftKey): Promise<boolean>;
  allOf(tenantId: string, authorId: string): Promise<OwnDraft[]>;
  /** Deletes the author's drafts (with their markers) in the pairs `which` accepts; answers how many drafts went. */
  deleteWhere(
    tenantId: string,
    authorId: string,
    which: (pair: { managerId: string; reportId: string }) => boolean,
  ): Promise<number>;
}

const DRAFT_IDS: readonly DraftId[] = ['recapComposer', 'commitmentForm', 'statusForm'];

export function draftPartitionKey(tenantId: string, authorId: string): string {
  return compositeKey(tenantId, authorId.toLowerCase());
}

function occurrencePrefix(scope: DraftScope): string {
  return compositeKey(scope.managerId.toLowerCase(), scope.reportId.toLowerCase(), scope.occurrenceId);
}

export function draftKeys(key: DraftKey): { partitionKey: string; rowKey: string } {
  return {
    partitionKey: draftPartitionKey(key.tenantId, key.authorId),
    rowKey: compositeKey(key.managerId.toLowerCase(), key.reportId.toLowerCase(), key.occurrenceId, key.draftId),
  };
}

/** The occurrence id a draft row (or its marker) belongs to: the retention sweep dates rows by it. */
export function draftOccurrenceOf(rowKey: string): string {
  return baseRowKey(rowKey).split('|')[2] ?? '';
}

/** A row that does not read as a draft (a damaged cell) reads as none: a draft is never worth a failed page. */
function draftOf(row: Record<string, unknown>): AnyStoredDraft | null {
  let value: unknown;
  try {
    value = JSON.parse(rowText(row, 'value'));
  } catch {
    return null;
  }
  const parsed = anyStoredDraftSchema.safeParse({
    value,
    revision: rowNumber(row, 'revision'),
    savedAt: rowText(row, 'savedAt'),
  });
  return parsed.success ? parsed.data : null;
}

function isDraftId(value: string | undefined): value is DraftId {
  return (DRAFT_IDS as readonly (string | undefined)[]).includes(value);
}

export function createDraftStore(tables: TableClientFactory): DraftStore {
  const table = (): Promise<TableClient> => tables(DRAFTS_TABLE);
  const authorRows = async (tenantId: string, authorId: string, select: readonly string[] = []) => {
    const client = await table();
    const partitionKey = draftPartitionKey(tenantId, authorId);
    return { client, rows: await listRows(client, odata`PartitionKey eq ${partitionKey}`, select) };
  };

  return {
    async get(key) {
      const { partitionKey, rowKey } = draftKeys(key);
      const row = await readRow(await table(), partitionKey, rowKey);
      return row ? { draft: draftOf(row), guard: guardOf(row) } : { draft: null, guard: null };
    },

    async onOccurrence(scope) {
      const client = await table();
      const partitionKey = draftPartitionKey(scope.tenantId, scope.authorId);
      const prefix = `${occurrencePrefix(scope)}|`;
      const drafts: Partial<Record<DraftId, AnyStoredDraft>> = {};
      for await (const row of client.listEntities<Record<string, unknown>>({
        queryOptions: {
          filter: odata`PartitionKey eq ${partitionKey} and RowKey gt ${prefix} and RowKey lt ${`${prefix}~`} and kind eq ${'draft'}`,
        },
      })) {
        const draftId = String(row.rowKey).split('|')[3];
        const draft = draftOf(row);
        if (isDraftId(draftId) && draft) drafts[draftId] = draft;
      }
      return drafts;
    },

    async save(key, draft, expected) {
      const client = await table();
      const entity = {
        ...draftKeys(key),
        kind: 'draft',
        value: JSON.stringify(draft.value),
        revision: draft.revision,
        savedAt: draft.savedAt,
      };
      if (expected === null) return (await createGuarded(client, entity)).kind === 'created' ? 'saved' : 'stale';
      return (await replaceGuarded(client, entity, expected)).kind === 'replaced' ? 'saved' : 'stale';
    },

    async remove(key) {
      const client = await table();
      const { partitionKey, rowKey } = draftKeys(key);
      const rows = await listRows(
        client,
        odata`PartitionKey eq ${partitionKey} and RowKey ge ${rowKey} and RowKey lt ${`${rowKey}~w`}`,
        ['kind'],
      );
      const mine = rows.filter((row) => baseRowKey(row.rowKey) === rowKey);
      await deleteRows(client, mine);
      return mine.some((row) => row['kind'] === 'draft');
    },

    async allOf(tenantId, authorId) {
      const { rows } = await authorRows(tenantId, authorId, ['kind', 'value', 'revision', 'savedAt']);
      return rows.flatMap((row): OwnDraft[] => {
        const [managerId, reportId, occurrence, draftId] = row.rowKey.split('|');
        const occurrenceId = occurrenceIdSchema.safeParse(occurrence);
        const draft = row['kind'] === 'draft' ? draftOf(row) : null;
        if (!managerId || !reportId || !occurrenceId.success || !isDraftId(draftId) || !draft) return [];
        return [{ managerId, reportId, occurrenceId: occurrenceId.data, draftId, draft }];
      });
    },

    async deleteWhere(tenantId, authorId, which) {
      const { client, rows } = await authorRows(tenantId, authorId, ['kind']);
      const chosen = rows.filter((row) => {
        const [managerId, reportId] = baseRowKey(row.rowKey).split('|');
        return managerId !== undefined && reportId !== undefined && which({ managerId, reportId });
      });
      await deleteRows(client, chosen);
      return chosen.filter((row) => row['kind'] === 'draft').length;
    },
  };
}
