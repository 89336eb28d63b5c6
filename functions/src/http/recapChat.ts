import type { InvocationContext } from '@azure/functions';
import type { BoardRecap } from '../domain/board';
import { recapChatCard } from '../domain/statusCards';
import type { BotServices } from '../botServices';
import type { MeetingChatKey } from '../store/meetingChatStore';

type RecapChatServices = Pick<BotServices, 'bot' | 'meetingChats'> & { clock: () => Date };

/**
 * After a recap is saved (issue 10): the two lines and their tags, as a compact card, in the meeting's chat, where
 * both people already look. Once per occurrence (a claim row); never fails the save: a problem is logged, and a
 * claim whose post failed is not retried (a second card in a shared chat is worse than none; the email went out).
 */
export async function postRecapToMeetingChatSafely(
  services: RecapChatServices,
  key: MeetingChatKey,
  recap: BoardRecap,
  context: InvocationContext,
): Promise<void> {
  try {
    const chatId = await services.meetingChats.chatOf(key);
    if (!chatId) return;
    if ((await services.meetingChats.claimRecapPost(key, services.clock())) === 'exists') return;
    try {
      const activityId = await services.bot.sendCard(chatId, recapChatCard(recap.lines));
      await services.meetingChats.recordRecapPost(key, { state: 'posted', activityId });
    } catch (error) {
      await services.meetingChats.recordRecapPost(key, { state: 'failed', problem: error instanceof Error ? error.message.slice(0, 120) : 'failed' });
      throw error;
    }
  } catch (error) {
    const name = error instanceof Error ? error.name : 'non-Error thrown';
    context.warn(`${context.functionName}: the recap was not posted to the meeting chat (${name})`);
  }
}

/** Records the meeting's chat when a board is opened from it; a failure only means no recap card later. */
export async function rememberMeetingChatSafely(services: Pick<BotServices, 'meetingChats'>, key: MeetingChatKey, chatId: string, context: InvocationContext): Promise<void> {
  try {
    await services.meetingChats.remember(key, chatId);
  } catch (error) {
    context.warn(`${context.functionName}: the meeting chat was not recorded (${error instanceof Error ? error.name : 'error'})`);
  }
}
