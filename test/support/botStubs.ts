import type { BotServices } from '@candor/functions/composition/bot';
import { createTableMeetingChatStore } from '@candor/functions/store/meetingChatStore';
import { createTableStatusChannelStore } from '@candor/functions/store/statusChannelStore';
import type { TableClientFactory } from '@candor/functions/store/tables';

/**
 * The bot's pieces for tests that build Services by hand: the real table stores, no proactive chat (everyone gets
 * email), and a bot that is not reachable — any activity is refused as unauthenticated, any post fails, as when the
 * Bot Framework cannot be reached. Tests of the bot itself use the local stack and the simulator's Bot Framework.
 */
export function botStoresFor(tables: TableClientFactory): BotServices {
  return {
    statusChannels: createTableStatusChannelStore(tables),
    meetingChats: createTableMeetingChatStore(tables),
    chatDelivery: null,
    bot: {
      handle: () => Promise.resolve({ status: 401, body: { error: 'Authentication not configured' } }),
      sendCard: () => Promise.reject(new Error('the Bot Framework is not reachable in this test')),
    },
  };
}
