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
    chatId: ctx.chat?.id ?? null,
    meetingId: ctx.meeting?.id ?? null,
    frameContext: ctx.page.frameContext ?? null,
    theme: normalizeTheme(ctx.app.theme),
    hostName: ctx.app.host.name,
    clientType: ctx.app.host.clientType,
    subPageId: ctx.page.subPageId || null,
    locale: ctx.app.locale || 'en-US',
  };
}
