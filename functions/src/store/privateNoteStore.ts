import type { TableClient } from '@azure/data-tables';
import { privateNoteSchema, type OccurrenceId, type PrivateNote } from '../contract';
import { createGuarded, guardOf, readRow, replaceGuarded, type RowGuard } from './guardedRows';
import { compositeKey } from './keys';
import type { TableClientFactory } from './tables';

export const PRIVATE_NOTES_TABLE = 'privateNotes';

/**
 * Private notes live in a table of their own, partitioned by their AUTHOR (tenant|author), never in the pair's
 * partition: no query of a board or a pair can reach them, and every read names the author, which the API takes
 * from the caller's token.
 */
export interface PrivateNoteKey {
  tenantId: string;
  authorId: string;
  managerId: string;
  reportId: string;
  occurrenceId: OccurrenceId;
}

export interface StoredPrivateNote {
  note: PrivateNote;
  guard: RowGuard | null;
}

export interface PrivateNoteStore {
  get(key: PrivateNoteKey): Promise<StoredPrivateNote>;
  save(key: PrivateNoteKey, note: PrivateNote, expected: RowGuard | null): Promise<'saved' | 'stale'>;
}

export function privateNoteKeys(key: PrivateNoteKey): { partitionKey: string; rowKey: string } {
  return {
    partitionKey: compositeKey(key.tenantId, key.authorId.toLowerCase()),
    rowKey: compositeKey(key.managerId.toLowerCase(), key.reportId.toLowerCase(), key.occurrenceId),
  };
}

export function createPrivateNoteStore(tables: TableClientFactory): PrivateNoteStore {
  const table = (): Promise<TableClient> => tables(PRIVATE_NOTES_TABLE);
  return {
    async get(key) {
      const { partitionKey, rowKey } = privateNoteKeys(key);
      const entity = await readRow(await table(), partitionKey, rowKey);
      if (!entity) return { note: { text: '', revision: 0, updatedAt: null }, guard: null };
      const note = privateNoteSchema.parse({
        text: entity['text'] ?? '',
        revision: entity['revision'] ?? 0,
        updatedAt: entity['updatedAt'] ?? null,
      });
      return { note, guard: guardOf(entity) };
    },

    async save(key, note, expected) {
      const client = await table();
      const entity = {
        ...privateNoteKeys(key),
        kind: 'privateNote',
        text: note.text,
        revision: note.revision,
        ...(note.updatedAt ? { updatedAt: note.updatedAt } : {}),
      };
      if (expected === null) return (await createGuarded(client, entity)).kind === 'created' ? 'saved' : 'stale';
      return (await replaceGuarded(client, entity, expected)).kind === 'replaced' ? 'saved' : 'stale';
    },
  };
}
