import type { IAdaptiveCard } from '@microsoft/teams.cards';
import type { ChatReach } from '../graph/botInstallGateway';
import type { Verdict } from './exactlyOnce';

export type { ChatReach };

/*
 * Chat's side of the one sender. The Bot Connector has no idempotency key and nothing like Sent Items to look in,
 * so a card whose send may have left is never sent again: at most one card, and its claim records that its fate
 * is unknown. Throttling (429) and 503 are refusals before anything was posted, so those are sent again later.
 */

/** Recorded on a claim whose card may have been posted and nothing can tell. */
export const NOT_RESENT = 'outcome unknown after a crash or timeout; not resent';

/** How a card's send ended, in the terms exactly-once needs. */
export type ChatSendOutcome =
  | { kind: 'sent'; activityId: string }
  /** Not carried out (429/503, or the person's chat could not be found yet): a later try may send. */
  | { kind: 'retryLater'; detail: string }
  /** Refused for good (4xx): resending would not help. */
  | { kind: 'refused'; status: number }
  /** May or may not have been posted (a lost connection, a timeout, another 5xx). */
  | { kind: 'unknown'; detail: string };

/** The bot's side of a status request: the person's chat with the bot, and the card into it. */
export interface ChatDelivery {
  /**
   * The person's chat with the bot: stored per person, found (installing the app for them) through Graph the first
   * time; or Teams' lasting refusal to add the bot for them. Throws when the failure may pass by itself.
   */
  reach(userId: string): Promise<ChatReach>;
  send(conversationId: string, card: IAdaptiveCard): Promise<ChatSendOutcome>;
}

export function chatVerdictOf(outcome: ChatSendOutcome): Verdict {
  switch (outcome.kind) {
    case 'sent':
      return { kind: 'sent' };
    case 'retryLater':
      return { kind: 'retryLater', problem: outcome.detail };
    case 'refused':
      return { kind: 'refused', status: outcome.status };
    case 'unknown':
      return { kind: 'unknown', detail: outcome.detail };
  }
}

/** Maps what the Bot Connector client threw to an outcome: only a status that proves "not carried out" is retried. */
export function chatOutcomeOf(error: unknown): ChatSendOutcome {
  const status = responseStatusOf(error);
  if (status === 429 || status === 503) return { kind: 'retryLater', detail: `throttled: status ${status}` };
  if (status !== undefined && status >= 400 && status < 500) return { kind: 'refused', status };
  if (status !== undefined) return { kind: 'unknown', detail: `status ${status}` };
  return { kind: 'unknown', detail: describeError(error) };
}

/** A short, content-free description of a failure for a claim's `problem`. */
export function describeError(error: unknown): string {
  return (error instanceof Error ? error.message : 'failed').slice(0, 120);
}

function responseStatusOf(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null || !('response' in error)) return undefined;
  const response = (error as { response?: unknown }).response;
  if (typeof response !== 'object' || response === null || !('status' in response)) return undefined;
  const status = (response as { status?: unknown }).status;
  return typeof status === 'number' ? status : undefined;
}
