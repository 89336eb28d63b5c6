import type { TableClient } from '@azure/data-tables';
import {
  chatUnavailableReasonSchema,
  DEFAULT_STATUS_CHANNEL,
  statusChannelSchema,
  type ChatUnavailableReason,
  type StatusChannel,
} from '../contract';
import { readRow } from './guardedRows';
import { keyPart } from './keys';
import { rowText } from './rowValues';
import type { TableClientFactory } from './tables';

export const STATUS_CHANNELS_TABLE = 'statusChannels';

/** Teams refused to add the bot for the person: why, since when, and when that was last tried. */
export interface ChatUnavailableRecord {
  reason: ChatUnavailableReason;
  since: string;
  /** The last time the scan tried to add the bot; empty when the person asked for a new try (saved a choice). */
  checkedAt: string;
}

/** A person's channel choice and, once the bot reached them, their personal chat with it. */
export interface StatusChannelRecord {
  channel: StatusChannel;
  /** False until the person saved a choice (the default applies). */
  chosen: boolean;
  /** The bot's 1:1 conversation with the person (Graph: the installed app's chat id); null until first needed. */
  chatConversationId: string | null;
  /** Set while Teams refuses to add the bot for them (their requests go by email meanwhile). */
  chatUnavailable: ChatUnavailableRecord | null;
}

export interface StatusChannelStore {
  get(tenantId: string, userId: string): Promise<StatusChannelRecord>;
  /** Saving a choice also asks the next scan to try the bot again for a person it could not reach. */
  saveChoice(tenantId: string, userId: string, channel: StatusChannel): Promise<void>;
  /** The bot reached the person: its chat, and whatever refusal was recorded before is over. */
  saveConversation(tenantId: string, userId: string, conversationId: string): Promise<void>;
  saveChatUnavailable(tenantId: string, userId: string, unavailable: ChatUnavailableRecord): Promise<void>;
}

const NOT_UNAVAILABLE = { chatUnavailableReason: '', chatUnavailableSince: '', chatCheckedAt: '' };

/*
 * PartitionKey = tenant, RowKey = user id (lower-case). Two writers touch the row — the person's choice (the API)
 * and the bot's conversation id and refusals (the scan) — each only its own properties, by Merge upserts, so
 * neither can undo the other and no version guard is needed. The one shared property, `chatCheckedAt`, only ever
 * makes the scan try again sooner when the API clears it.
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
      const row = (await readRow(await table(), partitionKey, rowKey)) ?? {};
      const parsed = statusChannelSchema.safeParse(row['channel']);
      const conversation = rowText(row, 'chatConversationId');
      const reason = chatUnavailableReasonSchema.safeParse(row['chatUnavailableReason']);
      return {
        channel: parsed.success ? parsed.data : DEFAULT_STATUS_CHANNEL,
        chosen: parsed.success,
        chatConversationId: conversation !== '' ? conversation : null,
        chatUnavailable: reason.success
          ? {
              reason: reason.data,
              since: rowText(row, 'chatUnavailableSince'),
              checkedAt: rowText(row, 'chatCheckedAt'),
            }
          : null,
      };
    },
    async saveChoice(tenantId, userId, channel) {
      await (await table()).upsertEntity({ ...keys(tenantId, userId), channel, chatCheckedAt: '' }, 'Merge');
    },
    async saveConversation(tenantId, userId, conversationId) {
      await (
        await table()
      ).upsertEntity({ ...keys(tenantId, userId), chatConversationId: conversationId, ...NOT_UNAVAILABLE }, 'Merge');
    },
    async saveChatUnavailable(tenantId, userId, unavailable) {
      await (
        await table()
      ).upsertEntity(
        {
          ...keys(tenantId, userId),
          chatUnavailableReason: unavailable.reason,
          chatUnavailableSince: unavailable.since,
          chatCheckedAt: unavailable.checkedAt,
        },
        'Merge',
      );
    },
  };
}
