import type { Client } from '@microsoft/microsoft-graph-client';
import type { Config } from '../config';
import { createChatAppsGateway } from '../graph/chatAppsGateway';
import type { PreMeetingScanDeps } from '../jobs/preMeetingScan';
import { createTableSeriesAttachStore } from '../store/seriesAttachStore';
import { createTableClientFactory } from '../store/tables';

/** The pieces of Services that let Candor attach itself to 1:1s' meeting chats (jobs/attachToOneOnOnes). */
export interface AttachServices {
  /**
   * Null without the catalog app id (`BOT_TEAMS_APP_ID`: what Candor installs) or the tab's URL
   * (`STATUS_FORM_BASE_URL`: what its tab shows): nothing is attached then.
   */
  attachToOneOnOnes: PreMeetingScanDeps['attach'] | null;
}

export function createAttachServices(config: Config, graph: Client): AttachServices {
  const catalogId = config.bot.teamsCatalogAppId;
  const tabBaseUrl = config.statusRequests.formBaseUrl;
  if (!catalogId || !tabBaseUrl) return { attachToOneOnOnes: null };
  return {
    attachToOneOnOnes: {
      store: createTableSeriesAttachStore(createTableClientFactory(config.tables)),
      chatApps: createChatAppsGateway(graph, {
        graphBaseUrl: config.graph.baseUrl,
        teamsCatalogAppId: catalogId,
        tabBaseUrl,
      }),
    },
  };
}
