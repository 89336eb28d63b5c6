import { randomUUID } from 'node:crypto';
import type { InvocationContext } from '@azure/functions';
import type { IAdaptiveCard } from '@microsoft/teams.cards';
import type { BoardRecap } from '../domain/board';
import { nextClaimStep } from '../domain/claimSteps';
import { recapChatCard } from '../bot/statusCards';
import { meetingChatIdFromJoinUrl } from '../domain/calendar';
import { originalStartOfOccurrenceId } from '../domain/occurrences';
import { boardOccurrenceIdOf, shortLinkMeetingIdOf } from '../domain/seriesIdentity';
import type { CalendarGateway } from '../graph/calendarGateway';
import type { MeetingChatGateway } from '../graph/meetingChatGateway';
import type { BotServices } from '../composition/bot';
import { chatOutcomeOf, chatVerdictOf, NOT_RESENT, type ChatSendOutcome } from '../delivery/chat';
import {
  deliverExactlyOnce,
  type ClaimRows,
  type DeliveryPolicy,
  type DeliveryStep,
  type DeliveryTally,
} from '../delivery/exactlyOnce';
import {
  freshRecapPost,
  RECAP_POST_LEASE_MS,
  type MeetingChatKey,
  type MeetingChatStore,
  type RecapPostClaim,
  type RecapPostPatch,
} from '../store/meetingChatStore';

type RecapChatServices = Pick<BotServices, 'bot' | 'meetingChats'> & {
  clock: () => Date;
  /** App-only calendar and Teams meeting reads, to find a chat nobody recorded (chatOfOccurrence). */
  calendar?: CalendarGateway;
  teamsMeetings?: MeetingChatGateway;
};

/** How far around an occurrence's original start its event is looked for (it may have been moved a little). */
const LOOKUP_BEFORE_MS = 24 * 3600_000;
const LOOKUP_AFTER_MS = 2 * 24 * 3600_000;

/** Tries within one save when the Bot Connector refused before posting (429/503); later saves finish the rest. */
const RECAP_POST_TRIES = 3;
const RETRY_PAUSE_MS = 200;
/** The card is small and one call: a send may start while this much of the lease is left. */
const RECAP_POST_MARGIN_MS = 10_000;

/**
 * After a recap is saved: the two lines and their tags, as a compact card, in the meeting's chat, where both
 * people already look. Through the one sender with chat's policy, so the card lands once: a post the Bot
 * Connector refused before anything was posted (throttled, unavailable) is tried again a few times in this save,
 * and its claim stays open for the next save of the recap to finish; a post that may have landed is never posted
 * again (a second card in a shared chat is worse than none; the email went out). Never fails the save.
 */
export async function postRecapToMeetingChatSafely(
  services: RecapChatServices,
  key: MeetingChatKey,
  recap: BoardRecap,
  context: InvocationContext,
): Promise<void> {
  try {
    // An assistant who booked the 1:1 is in its chat: the two lines stay between the pair (their email has them).
    if (await services.meetingChats.othersInChat(key)) return;
    const chatId = (await services.meetingChats.chatOf(key)) ?? (await chatOfOccurrence(services, key));
    if (!chatId) return;
    for (let attempt = 1; attempt <= RECAP_POST_TRIES; attempt++) {
      const tally = await postOnce(
        services,
        key,
        chatId,
        recapChatCard(recap.lines, { noBlocker: recap.noBlocker ?? false }),
        context,
      );
      if (tally.retryLater === 0) return;
      if (attempt < RECAP_POST_TRIES) await new Promise((resolve) => setTimeout(resolve, RETRY_PAUSE_MS * attempt));
    }
    context.warn(`${context.functionName}: the recap card was not posted yet; the next save of the recap tries again`);
  } catch (error) {
    const name = error instanceof Error ? error.name : 'non-Error thrown';
    context.warn(`${context.functionName}: the recap was not posted to the meeting chat (${name})`);
  }
}

/**
 * The chat of an occurrence whose board was opened without its chat being recorded: the occurrence's event in the
 * manager's calendar names it in a long join link; a short link (`/meet/<id>?p=…`) names none, so the organizer's
 * online meeting with that join link says it (`chatInfo.threadId`; app-only, only for organizers the tenant's
 * application access policy names). Recorded once found. Null when the event or its chat cannot be found.
 */
async function chatOfOccurrence(services: RecapChatServices, key: MeetingChatKey): Promise<string | null> {
  const originalStart = originalStartOfOccurrenceId(key.occurrenceId);
  if (!services.calendar || !originalStart) return null;
  const events = await services.calendar.eventsBetween(
    key.managerId,
    new Date(originalStart.getTime() - LOOKUP_BEFORE_MS),
    new Date(originalStart.getTime() + LOOKUP_AFTER_MS),
  );
  const event = events.find((e) => boardOccurrenceIdOf(e) === key.occurrenceId);
  if (!event?.joinUrl) return null;
  let chatId = meetingChatIdFromJoinUrl(event.joinUrl);
  if (!chatId && services.teamsMeetings && event.organizerAddress && shortLinkMeetingIdOf(event.joinUrl))
    chatId = await services.teamsMeetings.chatIdOfMeeting(event.organizerAddress, event.joinUrl);
  if (chatId) await services.meetingChats.remember(key, chatId);
  return chatId;
}

/** Load → decide → deliver, once. */
async function postOnce(
  services: RecapChatServices,
  key: MeetingChatKey,
  chatId: string,
  card: IAdaptiveCard,
  context: InvocationContext,
): Promise<DeliveryTally> {
  const now = services.clock();
  const run = { owner: randomUUID(), leaseUntil: new Date(now.getTime() + RECAP_POST_LEASE_MS).toISOString() };
  const latest = await services.meetingChats.recapPost(key);
  const step = nextClaimStep(latest, now);
  const steps: Array<DeliveryStep<RecapPostClaim, string>> = [];
  if (step.kind === 'claim')
    steps.push({ kind: 'claim', claim: freshRecapPost(key, now, run.owner), item: chatId, sender: 'bot' });
  else if (step.kind === 'takeOver' && latest)
    steps.push({ kind: 'takeOver', claim: latest, item: chatId, sender: 'bot', settle: step.settle });
  const rows = recapPostRows(services.meetingChats);
  const policy: DeliveryPolicy<RecapPostClaim, string, IAdaptiveCard, ChatSendOutcome, RecapPostPatch> = {
    rows,
    clock: services.clock,
    settle: { kind: 'neverResend', problem: NOT_RESENT },
    safetyMarginMs: RECAP_POST_MARGIN_MS,
    composer: () => Promise.resolve(() => Promise.resolve({ kind: 'ready', message: card })),
    send: async (ready) => {
      const outcomes = new Map<string, ChatSendOutcome>();
      for (const { work, message } of ready) {
        try {
          outcomes.set(work.claim.claimId, {
            kind: 'sent',
            activityId: await services.bot.sendCard(work.item, message),
          });
        } catch (error) {
          outcomes.set(work.claim.claimId, chatOutcomeOf(error));
        }
      }
      return outcomes;
    },
    verdictOf: chatVerdictOf,
    note: (event) =>
      context.warn(
        `${context.functionName}: the recap card was not posted (${event.kind === 'refused' ? `status ${event.status}` : 'outcome unknown; not posted again'})`,
      ),
  };
  return deliverExactlyOnce(policy, rows, run, steps);
}

function recapPostRows(store: MeetingChatStore): ClaimRows<RecapPostClaim, RecapPostPatch> {
  return {
    create: (claim) => store.createRecapPost(claim),
    takeOver: (claim, owner, leaseUntil) => store.takeOverRecapPost(claim, owner, leaseUntil),
    update: (claim, patch) => store.updateRecapPost(claim, patch),
  };
}

/** Records the meeting's chat when a board is opened from it; a failure only means no recap card later. */
export async function rememberMeetingChatSafely(
  services: Pick<BotServices, 'meetingChats'>,
  key: MeetingChatKey,
  chatId: string,
  context: InvocationContext,
): Promise<void> {
  try {
    await services.meetingChats.remember(key, chatId);
  } catch (error) {
    context.warn(
      `${context.functionName}: the meeting chat was not recorded (${error instanceof Error ? error.name : 'error'})`,
    );
  }
}
