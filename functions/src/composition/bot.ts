import type { TokenCredential } from '@azure/identity';
import type { Client } from '@microsoft/microsoft-graph-client';
import { createBotHandlers, type BotHandlerServices } from '../bot/botHandlers';
import { createCandorBot, type CandorBot } from '../bot/candorBot';
import type { Config } from '../config';
import { createBotInstallGateway } from '../graph/botInstallGateway';
import type { ChatRequestDeps } from '../jobs/chatStatusRequests';
import { chatOutcomeOf, type ChatDelivery } from '../delivery/chat';
import { createTableStatusChannelStore, type StatusChannelStore } from '../store/statusChannelStore';
import { createTableMeetingChatStore, type MeetingChatStore } from '../store/meetingChatStore';
import { createTableClientFactory } from '../store/tables';

/** The pieces of Services that the Candor bot adds. */
export interface BotServices {
  statusChannels: StatusChannelStore;
  bot: CandorBot;
  /** Each occurrence's Teams chat (recorded when its board is opened) and the recap card's claim. */
  meetingChats: MeetingChatStore;
  /** Null when the bot cannot reach people proactively (no `BOT_TEAMS_APP_ID`): every request goes by email. */
  chatDelivery: ChatDelivery | null;
  /** Test seam: stop the chat part of a scan where a crash would. */
  chatHooks?: ChatRequestDeps['hooks'];
}

/**
 * `services` is the object the finished Services become (composition/index.ts adds these pieces to it), so the
 * handlers read a test's replacement clock or store when an activity arrives.
 */
export function createBotServices(
  config: Config,
  graph: Client,
  credential: TokenCredential,
  services: BotHandlerServices,
): BotServices {
  const statusChannels = createTableStatusChannelStore(createTableClientFactory(config.tables));
  const bot = createCandorBot({
    config: config.bot,
    tenantId: config.auth.tenantId,
    loginEndpoint: config.auth.authorityHost,
    credential,
    handlers: createBotHandlers(services),
    log: (line) => console.warn(line),
  });
  const catalogId = config.bot.teamsCatalogAppId;
  const tenantId = config.auth.tenantId;
  const install = catalogId
    ? createBotInstallGateway(graph, { graphBaseUrl: config.graph.baseUrl, teamsCatalogAppId: catalogId })
    : null;
  const chatDelivery: ChatDelivery | null = install && {
    async reach(userId) {
      const stored = await statusChannels.get(tenantId, userId);
      if (stored.chatConversationId) return { kind: 'chat', conversationId: stored.chatConversationId };
      const reached = await install.personalChatId(userId);
      if (reached.kind === 'chat') await statusChannels.saveConversation(tenantId, userId, reached.conversationId);
      return reached;
    },
    async send(conversationId, card) {
      try {
        return { kind: 'sent', activityId: await bot.sendCard(conversationId, card) };
      } catch (error) {
        return chatOutcomeOf(error);
      }
    },
  };
  return {
    statusChannels,
    bot,
    chatDelivery,
    meetingChats: createTableMeetingChatStore(createTableClientFactory(config.tables)),
  };
}
