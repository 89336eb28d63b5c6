import type { app } from '@microsoft/teams-js';

/** Teams' theme names: 'default' (light), 'dark' and 'contrast' (high contrast). */
export type HostTheme = 'default' | 'dark' | 'contrast';

/** The parts of the Teams/Outlook context Candor uses. */
export interface HostContext {
  userId: string;
  tenantId: string | null;
  chatId: string | null;
  meetingId: string | null;
  frameContext: string | null;
  theme: HostTheme;
  hostName: string;
  /** teams-js `HostClientType`: desktop, web, android, ios, … (hostKind.ts maps both to what Candor adapts). */
  clientType: string;
  /**
   * A deep link's sub-entity (`context.subEntityId` in the link, `page.subPageId` here), or null. The status form
   * reads its link token from it when the host opens it that way instead of with `?token=`.
   */
  subPageId: string | null;
  locale: string;
}

export function normalizeTheme(theme: string | null | undefined): HostTheme {
  switch ((theme ?? '').toLowerCase()) {
    case 'dark':
      return 'dark';
    case 'contrast':
    case 'highcontrast':
    case 'high-contrast':
      return 'contrast';
    default:
      return 'default';
  }
}

export function toHostContext(ctx: app.Context): HostContext {
  return {
    userId: ctx.user?.id ?? '',
    tenantId: ctx.user?.tenant?.id ?? null,
    chatId: meetingChatIdOf(ctx),
    meetingId: ctx.meeting?.id ?? null,
    frameContext: ctx.page.frameContext ?? null,
    theme: normalizeTheme(ctx.app.theme),
    hostName: ctx.app.host.name,
    clientType: ctx.app.host.clientType,
    subPageId: ctx.page.subPageId || null,
    locale: ctx.app.locale || 'en-US',
  };
}

/** A meeting chat's thread id (`19:meeting_…@thread.v2`); team channels (`…@thread.tacv2`) are not meeting chats. */
const MEETING_CHAT = /^19:meeting_[^@#\s]+@thread\.v2$/;

/**
 * The chat the tab was opened in. Hosts report it in different places: `chat.id` (desktop, web), only
 * `meeting.id` — base64 of `0#<thread id>#0` — or, on Android, `channel.id` with no chat at all.
 */
export function meetingChatIdOf(ctx: Pick<app.Context, 'chat' | 'meeting' | 'channel'>): string | null {
  if (ctx.chat?.id) return ctx.chat.id;
  const fromMeeting = threadIdOfMeetingId(ctx.meeting?.id);
  if (fromMeeting) return fromMeeting;
  const channel = ctx.channel?.id;
  return channel && MEETING_CHAT.test(channel) ? channel : null;
}

function threadIdOfMeetingId(meetingId: string | undefined): string | null {
  if (!meetingId) return null;
  let decoded: string;
  try {
    decoded = atob(meetingId);
  } catch {
    return null;
  }
  const match = /^0#(.+)#0$/.exec(decoded);
  return match?.[1] && MEETING_CHAT.test(match[1]) ? match[1] : null;
}
