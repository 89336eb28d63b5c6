import type { TableClient } from '@azure/data-tables';
import { statusOf } from './guardedRows';
import { readRow } from './guardedRows';
import { keyPart, pairPartitionKey } from './keys';
import type { TableClientFactory } from './tables';

export const MEETING_CHATS_TABLE = 'meetingChats';

export interface MeetingChatKey {
  tenantId: string;
  managerId: string;
  reportId: string;
  occurrenceId: string;
}

/**
 * The Teams chat of a 1:1's occurrence (issue 10): the board knows only a hash of it, so the meeting board route
 * records it when the board is opened, and the recap is posted there once. The post's claim is a row created if
 * absent (`<occurrence>~recap`): whoever creates it posts; nobody posts twice.
 */
export interface MeetingChatStore {
  remember(key: MeetingChatKey, chatId: string): Promise<void>;
  chatOf(key: MeetingChatKey): Promise<string | null>;
  claimRecapPost(key: MeetingChatKey, at: Date): Promise<'claimed' | 'exists'>;
  recordRecapPost(key: MeetingChatKey, outcome: { state: 'posted'; activityId: string } | { state: 'failed'; problem: string }): Promise<void>;
}

export function createTableMeetingChatStore(tables: TableClientFactory): MeetingChatStore {
  const table = (): Promise<TableClient> => tables(MEETING_CHATS_TABLE);
  const partition = (key: MeetingChatKey) => pairPartitionKey(key.tenantId, key.managerId, key.reportId);
  const recapRow = (key: MeetingChatKey) => `${keyPart(key.occurrenceId)}~recap`;
  return {
    async remember(key, chatId) {
      await (await table()).upsertEntity({ partitionKey: partition(key), rowKey: keyPart(key.occurrenceId), chatId }, 'Merge');
    },
    async chatOf(key) {
      const row = await readRow(await table(), partition(key), keyPart(key.occurrenceId));
      const chatId = row?.['chatId'];
      return typeof chatId === 'string' && chatId !== '' ? chatId : null;
    },
    async claimRecapPost(key, at) {
      try {
        await (await table()).createEntity({ partitionKey: partition(key), rowKey: recapRow(key), state: 'claimed', claimedAt: at.toISOString() });
        return 'claimed';
      } catch (error) {
        if (statusOf(error) === 409) return 'exists';
        throw error;
      }
    },
    async recordRecapPost(key, outcome) {
      await (await table()).updateEntity(
        { partitionKey: partition(key), rowKey: recapRow(key), ...(outcome.state === 'posted' ? { state: 'posted', activityId: outcome.activityId } : { state: 'failed', problem: outcome.problem }) },
        'Merge',
      );
    },
  };
}
