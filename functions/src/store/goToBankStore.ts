import type { TableClient } from '@azure/data-tables';
import { goToQuestionSchema, type GoToBank } from '../contract';
import { createGuarded, guardOf, readRow, replaceGuarded, type RowGuard } from './guardedRows';
import { compositeKey } from './keys';
import { rowText } from './rowValues';
import type { TableClientFactory } from './tables';

export const GO_TO_BANKS_TABLE = 'goToBanks';

export interface StoredGoToBank {
  bank: GoToBank;
  guard: RowGuard | null;
}

/** A manager's go-to questions: one guarded row per manager (PartitionKey tenant|manager, RowKey `bank`). */
export interface GoToBankStore {
  get(tenantId: string, managerId: string): Promise<StoredGoToBank>;
  save(tenantId: string, managerId: string, bank: GoToBank, expected: RowGuard | null): Promise<'saved' | 'stale'>;
}

const ROW_KEY = 'bank';

export function createGoToBankStore(tables: TableClientFactory): GoToBankStore {
  const table = (): Promise<TableClient> => tables(GO_TO_BANKS_TABLE);
  const partition = (tenantId: string, managerId: string): string => compositeKey(tenantId, managerId.toLowerCase());
  return {
    async get(tenantId, managerId) {
      const entity = await readRow(await table(), partition(tenantId, managerId), ROW_KEY);
      if (!entity) return { bank: { questions: [], revision: 0 }, guard: null };
      const questions = goToQuestionSchema.array().parse(JSON.parse(rowText(entity, 'questions', '[]')));
      return { bank: { questions, revision: Number(entity['revision'] ?? 0) }, guard: guardOf(entity) };
    },

    async save(tenantId, managerId, bank, expected) {
      const client = await table();
      // At most 12 × 200 characters: one JSON property stays far below the 64 KiB property limit.
      const entity = {
        partitionKey: partition(tenantId, managerId),
        rowKey: ROW_KEY,
        kind: 'goToBank',
        questions: JSON.stringify(bank.questions),
        revision: bank.revision,
      };
      if (expected === null) return (await createGuarded(client, entity)).kind === 'created' ? 'saved' : 'stale';
      return (await replaceGuarded(client, entity, expected)).kind === 'replaced' ? 'saved' : 'stale';
    },
  };
}
