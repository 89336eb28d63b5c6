import { odata, type TableClient } from '@azure/data-tables';
import { z } from 'zod';
import { readRow, statusOf } from './guardedRows';
import { compositeKey, keyPart } from './keys';
import { rowText } from './rowValues';
import type { TableClientFactory } from './tables';

export const MEETING_RESOLUTIONS_TABLE = 'meetingResolutions';

const occurrenceSchema = z.object({
  occurrenceId: z.string().min(1),
  subject: z.string(),
  startUtc: z.string().min(1),
  endUtc: z.string().min(1),
  othersInChat: z.boolean(),
});

/** One occurrence of the chat's series as the calendar showed it when the chat was resolved. */
export type ResolvedOccurrence = z.infer<typeof occurrenceSchema>;

/**
 * What a meeting chat was resolved to from a calendar: the pair and the series' occurrences around then. It says
 * nothing about who may open it: the directory still decides that on every open.
 */
export interface MeetingResolution {
  managerId: string;
  reportId: string;
  occurrences: ResolvedOccurrence[];
  /** After this the calendar is read again. */
  freshUntil: string;
}

/**
 * Meeting chat → pair and occurrences, so an unchanged side panel open reads one row instead of the caller's
 * calendar. One partition per tenant, one row per chat. Rows hold no names (the directory gives them) and expire.
 */
export interface MeetingResolutionStore {
  get(tenantId: string, chatId: string): Promise<MeetingResolution | null>;
  put(tenantId: string, chatId: string, resolution: MeetingResolution): Promise<void>;
  forget(tenantId: string, chatId: string): Promise<void>;
  /** The chats resolved to this pair (the scan's refresh: it knows pairs and occurrences, not chats). */
  chatsOfPair(tenantId: string, managerId: string, reportId: string): Promise<Array<[string, MeetingResolution]>>;
}

export function createTableMeetingResolutionStore(tables: TableClientFactory): MeetingResolutionStore {
  const table = (): Promise<TableClient> => tables(MEETING_RESOLUTIONS_TABLE);
  return {
    async get(tenantId, chatId) {
      const row = await readRow(await table(), compositeKey(tenantId), keyPart(chatId));
      return row ? fromEntity(row) : null;
    },
    async put(tenantId, chatId, resolution) {
      await (
        await table()
      ).upsertEntity(
        {
          partitionKey: compositeKey(tenantId),
          rowKey: keyPart(chatId),
          managerId: resolution.managerId.toLowerCase(),
          reportId: resolution.reportId.toLowerCase(),
          occurrences: JSON.stringify(resolution.occurrences),
          freshUntil: resolution.freshUntil,
        },
        'Replace',
      );
    },
    async forget(tenantId, chatId) {
      try {
        await (await table()).deleteEntity(compositeKey(tenantId), keyPart(chatId));
      } catch (error) {
        if (statusOf(error) !== 404) throw error;
      }
    },
    async chatsOfPair(tenantId, managerId, reportId) {
      const found: Array<[string, MeetingResolution]> = [];
      const rows = (await table()).listEntities<Record<string, unknown>>({
        queryOptions: {
          filter: odata`PartitionKey eq ${compositeKey(tenantId)} and managerId eq ${managerId.toLowerCase()} and reportId eq ${reportId.toLowerCase()}`,
        },
      });
      for await (const row of rows) {
        const resolution = fromEntity(row);
        if (resolution) found.push([rowText(row, 'rowKey'), resolution]);
      }
      return found;
    },
  };
}

/** A row that does not read as a resolution (written by another version, say) is as good as none. */
function fromEntity(row: Record<string, unknown>): MeetingResolution | null {
  let occurrences: unknown;
  try {
    occurrences = JSON.parse(rowText(row, 'occurrences', '[]'));
  } catch {
    return null;
  }
  const parsed = z.array(occurrenceSchema).safeParse(occurrences);
  const managerId = rowText(row, 'managerId');
  const reportId = rowText(row, 'reportId');
  const freshUntil = rowText(row, 'freshUntil');
  if (!parsed.success || !managerId || !reportId || !freshUntil) return null;
  return { managerId, reportId, occurrences: parsed.data, freshUntil };
}
