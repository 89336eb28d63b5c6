import type { TableClient } from '@azure/data-tables';
import { boardFieldSchema, type BoardField } from '../contract';
import { createGuarded, guardOf, readRow, replaceGuarded, type RowGuard } from './guardedRows';

/** The career goal as read; `guard` is null while the pair has none stored yet. */
export interface StoredCareerGoal {
  field: BoardField;
  guard: RowGuard | null;
}

/** The report's career goal: one guarded row per pair (RowKey `careerGoal`) in the pair's partition of the boards table. */
export interface CareerGoalStore {
  get(partitionKey: string): Promise<StoredCareerGoal>;
  /** Writes if still as read (`guard` null: create); otherwise stale. */
  save(partitionKey: string, field: BoardField, expected: RowGuard | null): Promise<'saved' | 'stale'>;
}

const ROW_KEY = 'careerGoal';

export function createCareerGoalStore(table: () => Promise<TableClient>): CareerGoalStore {
  return {
    async get(partitionKey) {
      const entity = await readRow(await table(), partitionKey, ROW_KEY);
      if (!entity) return { field: { text: '', revision: 0, updatedBy: null, updatedAt: null }, guard: null };
      const field = boardFieldSchema.parse({
        text: entity['text'] ?? '',
        revision: entity['revision'] ?? 0,
        updatedBy: entity['updatedBy'] ?? null,
        updatedAt: entity['updatedAt'] ?? null,
      });
      return { field, guard: guardOf(entity) };
    },

    async save(partitionKey, field, expected) {
      const client = await table();
      const entity = {
        partitionKey,
        rowKey: ROW_KEY,
        kind: 'careerGoal',
        text: field.text,
        revision: field.revision,
        ...(field.updatedBy ? { updatedBy: field.updatedBy } : {}),
        ...(field.updatedAt ? { updatedAt: field.updatedAt } : {}),
      };
      if (expected === null) return (await createGuarded(client, entity)).kind === 'created' ? 'saved' : 'stale';
      return (await replaceGuarded(client, entity, expected)).kind === 'replaced' ? 'saved' : 'stale';
    },
  };
}
