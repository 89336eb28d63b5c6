import type { Client } from '@microsoft/microsoft-graph-client';
import { z } from 'zod';
import { graphPageSchema } from './graphShapes';

/**
 * What Graph states about a Teams meeting's chat, for meetings whose short join link (`/meet/<id>?p=…`) carries no
 * chat id. App-only, with the least that works:
 *   - the chat's `onlineMeetingInfo`: resource-specific `ChatSettings.Read.Chat`, which the chat grants when Candor
 *     is added to it (the side panel is only ever opened there), so no tenant-wide Chat.* permission is needed;
 *   - the organizer's online meeting by join link (its `chatInfo.threadId`): `OnlineMeetings.Read.All` plus a Teams
 *     application access policy granted to the organizers (delegated access only works for one's own meetings).
 */
export interface MeetingChatGateway {
  /** GET /chats/{id}: the meeting the chat belongs to, or null when it is no meeting's chat. */
  meetingOfChat(chatId: string): Promise<ChatMeeting | null>;
  /** GET /users/{organizer}/onlineMeetings?$filter=JoinWebUrl eq '…': the meeting chat's thread id, or null. */
  chatIdOfMeeting(organizer: string, joinUrl: string): Promise<string | null>;
}

export interface ChatMeeting {
  joinWebUrl: string | null;
  organizerId: string | null;
  /** The organizer's calendar event (only their mailbox has this id). */
  calendarEventId: string | null;
}

const chatSchema = z.object({
  onlineMeetingInfo: z
    .object({
      joinWebUrl: z.string().nullish(),
      calendarEventId: z.string().nullish(),
      organizer: z.object({ id: z.string().nullish() }).nullish(),
    })
    .nullish(),
});

const onlineMeetingSchema = z.object({
  joinWebUrl: z.string().nullish(),
  chatInfo: z.object({ threadId: z.string().nullish() }).nullish(),
});

export function createMeetingChatGateway(graph: Client): MeetingChatGateway {
  return {
    async meetingOfChat(chatId) {
      const chat = chatSchema.parse(
        await graph
          .api(`/chats/${encodeURIComponent(chatId)}`)
          .select(['id', 'onlineMeetingInfo'])
          .get(),
      );
      const info = chat.onlineMeetingInfo;
      if (!info) return null;
      return {
        joinWebUrl: info.joinWebUrl ?? null,
        organizerId: info.organizer?.id ?? null,
        calendarEventId: info.calendarEventId ?? null,
      };
    },
    async chatIdOfMeeting(organizer, joinUrl) {
      // The join link exactly as the invitation has it; quotes doubled as OData string literals need.
      const page = graphPageSchema.parse(
        await graph
          .api(`/users/${encodeURIComponent(organizer)}/onlineMeetings`)
          .filter(`JoinWebUrl eq '${joinUrl.replace(/'/g, "''")}'`)
          .get(),
      );
      for (const raw of page.value) {
        const meeting = onlineMeetingSchema.safeParse(raw);
        const threadId = meeting.success ? meeting.data.chatInfo?.threadId : null;
        if (threadId) return threadId;
      }
      return null;
    },
  };
}
