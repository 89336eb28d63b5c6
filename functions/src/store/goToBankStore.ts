import { odata, type TableClient } from '@azure/data-tables';
import { goToQuestionSchema, type GoToBank } from '../contract';
import { createGuarded, guardOf, readRow, replaceGuarded, type RowGuard } from './guardedRows';
import { compositeKey, keyPart } from './keys';
import { deleteRows, listRows } from './rowDeletion';
import { rowText } from './rowValues';
import type { TableClientFactory } from './tables';

export const GO_TO_BANKS_TABLE = 'goToBanks';

export interface StoredGoToBank {
  bank: GoToBank;
  guard: RowGuard | null;
}

/**
 * Go-to questions, one guarded row each, in the manager's partition (PartitionKey tenant|manager):
 *   `bank`            the manager's own bank, used in every pair of theirs (as before: existing banks need no move)
 *   `asks~<report>`   the report's "ask me this" questions in their pair with this manager
 * The pair's rotation draws on both. Keeping the manager's bank where it was is the migration: every existing
 * question shows in each of their pairs, and a report's asks never reach the manager's other pairs.
 */
export interface GoToBankStore {
  get(tenantId: string, managerId: string): Promise<StoredGoToBank>;
  save(tenantId: string, managerId: string, bank: GoToBank, expected: RowGuard | null): Promise<'saved' | 'stale'>;
  getAsks(tenantId: string, managerId: string, reportId: string): Promise<StoredGoToBank>;
  saveAsks(
    tenantId: string,
    managerId: string,
    reportId: string,
    bank: GoToBank,
    expected: RowGuard | null,
  ): Promise<'saved' | 'stale'>;
  /** Erasure: the report's asks in that pair, with their version markers. */
  deleteAsks(tenantId: string, managerId: string, reportId: string): Promise<number>;
}

const BANK_ROW = 'bank';
const asksRow = (reportId: string): string => `asks~${keyPart(reportId.toLowerCase())}`;

export function createGoToBankStore(tables: TableClientFactory): GoToBankStore {
  const table = (): Promise<TableClient> => tables(GO_TO_BANKS_TABLE);
  const partition = (tenantId: string, managerId: string): string => compositeKey(tenantId, managerId.toLowerCase());

  async function read(partitionKey: string, rowKey: string): Promise<StoredGoToBank> {
    const entity = await readRow(await table(), partitionKey, rowKey);
    if (!entity) return { bank: { questions: [], revision: 0 }, guard: null };
    const questions = goToQuestionSchema.array().parse(JSON.parse(rowText(entity, 'questions', '[]')));
    return { bank: { questions, revision: Number(entity['revision'] ?? 0) }, guard: guardOf(entity) };
  }

  async function write(
    partitionKey: string,
    rowKey: string,
    bank: GoToBank,
    expected: RowGuard | null,
  ): Promise<'saved' | 'stale'> {
    const client = await table();
    // At most 40 × 200 characters (and a few ids): one JSON property stays below the 64 KiB property limit.
    const entity = {
      partitionKey,
      rowKey,
      kind: rowKey === BANK_ROW ? 'goToBank' : 'goToAsks',
      questions: JSON.stringify(bank.questions),
      revision: bank.revision,
    };
    if (expected === null) return (await createGuarded(client, entity)).kind === 'created' ? 'saved' : 'stale';
    return (await replaceGuarded(client, entity, expected)).kind === 'replaced' ? 'saved' : 'stale';
  }

  return {
    get: (tenantId, managerId) => read(partition(tenantId, managerId), BANK_ROW),
    save: (tenantId, managerId, bank, expected) => write(partition(tenantId, managerId), BANK_ROW, bank, expected),
    getAsks: (tenantId, managerId, reportId) => read(partition(tenantId, managerId), asksRow(reportId)),
    saveAsks: (tenantId, managerId, reportId, bank, expected) =>
      write(partition(tenantId, managerId), asksRow(reportId), bank, expected),
    async deleteAsks(tenantId, managerId, reportId) {
      const client = await table();
      const row = asksRow(reportId);
      const rows = await listRows(
        client,
        odata`PartitionKey eq ${partition(tenantId, managerId)} and RowKey ge ${row} and RowKey lt ${`${row}~~`}`,
      );
      return deleteRows(client, rows);
    },
  };
}
