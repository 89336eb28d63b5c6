import type { Client } from '@microsoft/microsoft-graph-client';
import { z } from 'zod';
import { graphStatusOf } from './graphClient';
import { graphPageSchema } from './graphShapes';

/**
 * Candor in a meeting's chat (for a meeting chat Teams applies it to the meeting): the app installed there and its
 * configurable tab pinned, so the side panel is present when the meeting starts. App-only, with the least that works:
 * `TeamsAppInstallation.ReadWriteSelfForChat.All` (the app may list and install only itself) and
 * `TeamsTab.ReadWriteSelfForChat.All` (it may list and pin only its own tabs).
 */
export interface ChatAppsGateway {
  /** GET /chats/{id}/installedApps filtered to Candor: whether it is installed there. */
  installed(chatId: string): Promise<boolean>;
  /** POST /chats/{id}/installedApps; an installation that exists already (409) counts as done. */
  install(chatId: string): Promise<void>;
  /** GET /chats/{id}/tabs filtered to Candor's app: whether its tab is pinned there. */
  tabPinned(chatId: string): Promise<boolean>;
  /** POST /chats/{id}/tabs with the configuration the configuration page saves. */
  pinTab(chatId: string): Promise<void>;
}

/** What a configurable tab carries (Graph's teamsTabConfiguration). */
export interface MeetingTabConfiguration {
  entityId: string;
  contentUrl: string;
  websiteUrl: string;
}

/** The tab's entity id in a meeting: the configuration page's (tab/src/config/meetingTabConfig.ts). */
export const MEETING_TAB_ENTITY_ID = 'candor-board';
export const MEETING_TAB_DISPLAY_NAME = 'Candor';

/**
 * What the configuration page saves when a person adds the tab by hand: the tab's root URL (no `?surface=`, the tab
 * picks its surface from the frame it is opened in) as content and website URL, and the board's entity id.
 */
export function meetingTabConfiguration(tabBaseUrl: string): MeetingTabConfiguration {
  const root = new URL('./', `${tabBaseUrl.replace(/\/+$/, '')}/`);
  root.search = '';
  root.hash = '';
  return { entityId: MEETING_TAB_ENTITY_ID, contentUrl: root.href, websiteUrl: root.href };
}

const listedSchema = z.object({ id: z.string().min(1) });

export function createChatAppsGateway(
  graph: Client,
  options: { graphBaseUrl: string; teamsCatalogAppId: string; tabBaseUrl: string },
): ChatAppsGateway {
  const chat = (chatId: string): string => `/chats/${encodeURIComponent(chatId)}`;
  const appFilter = `teamsApp/id eq '${options.teamsCatalogAppId.replace(/'/g, "''")}'`;
  const bind = `${options.graphBaseUrl}/v1.0/appCatalogs/teamsApps/${options.teamsCatalogAppId}`;
  const any = async (path: string): Promise<boolean> => {
    const page = graphPageSchema.parse(await graph.api(path).filter(appFilter).expand('teamsApp').get());
    return page.value.some((item) => listedSchema.safeParse(item).success);
  };
  return {
    installed: (chatId) => any(`${chat(chatId)}/installedApps`),
    async install(chatId) {
      try {
        await graph.api(`${chat(chatId)}/installedApps`).post({ 'teamsApp@odata.bind': bind });
      } catch (error) {
        // Installed meanwhile (a person, or another run): what was wanted is there.
        if (graphStatusOf(error) !== 409) throw error;
      }
    },
    tabPinned: (chatId) => any(`${chat(chatId)}/tabs`),
    async pinTab(chatId) {
      await graph.api(`${chat(chatId)}/tabs`).post({
        displayName: MEETING_TAB_DISPLAY_NAME,
        'teamsApp@odata.bind': bind,
        configuration: meetingTabConfiguration(options.tabBaseUrl),
      });
    },
  };
}
