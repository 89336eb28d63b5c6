import type { TableClient } from '@azure/data-tables';
import { DEFAULT_STATUS_CHANNEL, statusChannelSchema, type StatusChannel } from '../contract';
import { readRow } from './guardedRows';
import { keyPart } from './keys';
import type { TableClientFactory } from './tables';

export const STATUS_CHANNELS_TABLE = 'statusChannels';

/** A person's channel choice and, once the bot reached them, their personal chat with it. */
export interface StatusChannelRecord {
  channel: StatusChannel;
  /** False until the person saved a choice (the default applies). */
  chosen: boolean;
  /** The bot's 1:1 conversation with the person (Graph: the installed app's chat id); null until first needed. */
  chatConversationId: string | null;
}

export interface StatusChannelStore {
  get(tenantId: string, userId: string): Promise<StatusChannelRecord>;
  saveChoice(tenantId: string, userId: string, channel: StatusChannel): Promise<void>;
  saveConversation(tenantId: string, userId: string, conversationId: string): Promise<void>;
}

/*
 * PartitionKey = tenant, RowKey = user id (lower-case). Two writers touch the row — the person's choice (the API)
 * and the bot's conversation id (the scan) — each only its own properties, by Merge upserts, so neither can undo
 * the other and no version guard is needed.
 */
export function createTableStatusChannelStore(tables: TableClientFactory): StatusChannelStore {
  const table = (): Promise<TableClient> => tables(STATUS_CHANNELS_TABLE);
  const keys = (tenantId: string, userId: string) => ({
    partitionKey: keyPart(tenantId),
    rowKey: keyPart(userId.toLowerCase()),
  });
  return {
    async get(tenantId, userId) {
      const { partitionKey, rowKey } = keys(tenantId, userId);
      const row = await readRow(await table(), partitionKey, rowKey);
      const parsed = statusChannelSchema.safeParse(row?.['channel']);
      const conversation = row?.['chatConversationId'];
      return {
        channel: parsed.success ? parsed.data : DEFAULT_STATUS_CHANNEL,
        chosen: parsed.success,
        chatConversationId: typeof conversation === 'string' && conversation !== '' ? conversation : null,
      };
    },
    async saveChoice(tenantId, userId, channel) {
      await (await table()).upsertEntity({ ...keys(tenantId, userId), channel }, 'Merge');
    },
    async saveConversation(tenantId, userId, conversationId) {
      await (await table()).upsertEntity({ ...keys(tenantId, userId), chatConversationId: conversationId }, 'Merge');
    },
  };
}
