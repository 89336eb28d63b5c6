import { randomUUID } from 'node:crypto';
import type { IAdaptiveCard } from '@microsoft/teams.cards';
import { ianaTimeZoneOf } from '../domain/meetingTime';
import { statusRequestCard } from '../bot/statusCards';
import type { DueOneOnOne } from '../domain/statusRequests';
import { chatVerdictOf, NOT_RESENT, type ChatDelivery, type ChatSendOutcome } from '../delivery/chat';
import { forEachLimited } from '../delivery/concurrency';
import { deliverExactlyOnce, type Composed, type DeliveryPolicy } from '../delivery/exactlyOnce';
import type { StatusScanGateway } from '../graph/statusScanGateway';
import type { StatusRequestConfig } from '../config/statusRequests';
import type { StatusChannelRecord, StatusChannelStore } from '../store/statusChannelStore';
import type { StatusRequestClaim, StatusRequestClaimStore } from '../store/statusRequestClaimStore';
import type { StatusUpdateStore } from '../store/statusUpdateStore';
import { chatReacher, type ChannelRequest } from './chatReach';
import { requestedMeetingOf, statusFormUrl, statusLinkOf, statusRequestSteps } from './statusRequestSteps';

export type { ChatDelivery, ChatSendOutcome };
export { CHAT_RECHECK_MS, channelsOf, requestsByChannel, wants, type ChannelRequest } from './chatReach';

export interface ChatRequestDeps {
  tenantId: string;
  config: StatusRequestConfig;
  clock: () => Date;
  claims: StatusRequestClaimStore;
  gateway: Pick<StatusScanGateway, 'timeZones'>;
  channels: StatusChannelStore;
  delivery: ChatDelivery;
  /** What the report already wrote (the form, the board): the card opens with it, never with empty inputs. */
  updates: Pick<StatusUpdateStore, 'get'>;
  /** The reports' channel rows as the scan read them (a refusal recorded before, and since when). */
  records: ReadonlyMap<string, StatusChannelRecord>;
  /** Test seam, as the email's: throwing stops the run where a crash would. */
  hooks?: { afterChatClaim?(claims: readonly StatusRequestClaim[]): void | Promise<void> };
  log?: (line: string) => void;
}

/** What the chat part of one scan did, in counts only. */
export interface ChatScanReport {
  due: number;
  claimed: number;
  sent: number;
  alreadySent: number;
  busyElsewhere: number;
  retryLater: number;
  unknownOutcome: number;
  rejected: number;
  /** Due 1:1s whose report chose chat but whom Teams will not let the bot reach: asked by email instead. */
  emailInstead: number;
}

/** Recorded on a chat claim whose request went by email because Teams will not let the bot reach the person. */
export const CHAT_UNAVAILABLE = 'Teams will not let the bot reach this person; asked by email instead';

/** Bot Connector calls in flight at once. */
export const CHAT_CONCURRENCY = 8;

interface ChatCard {
  conversationId: string;
  card: IAdaptiveCard;
}

/**
 * The chat card of each due 1:1 whose report chose chat (or both), through the one sender in its own claim rows
 * (`channel: 'chat'`), so one card per occurrence and generation whatever the timer or the process do. Its policy:
 * a card that may have been posted is never posted again (delivery/chat).
 */
export async function runChatRequests(
  deps: ChatRequestDeps,
  due: ReadonlyArray<ChannelRequest<DueOneOnOne>>,
): Promise<{ report: ChatScanReport; emailInstead: DueOneOnOne[] }> {
  const counts = { alreadySent: 0, busyElsewhere: 0, rejected: 0 };
  const emailInstead: DueOneOnOne[] = [];
  const link = statusLinkOf(deps.config, deps.tenantId);
  if (due.length === 0 || !link) {
    const report = { due: due.length, claimed: 0, sent: 0, ...counts, retryLater: 0, unknownOutcome: 0 };
    return { report: { ...report, emailInstead: 0 }, emailInstead };
  }
  const now = deps.clock();
  const reach = chatReacher({ ...deps, now });
  const run = { owner: randomUUID(), leaseUntil: new Date(now.getTime() + deps.config.claimLeaseMs).toISOString() };
  const steps = await statusRequestSteps(
    { tenantId: deps.tenantId, claims: deps.claims, now, run, channel: 'chat' },
    due.map(({ due: occurrence, standsInFor }) => ({
      occurrence,
      sender: 'bot',
      ...(standsInFor ? { standsInFor } : {}),
    })),
    counts,
  );
  const policy: DeliveryPolicy<
    StatusRequestClaim,
    DueOneOnOne,
    ChatCard,
    ChatSendOutcome,
    Partial<StatusRequestClaim>
  > = {
    rows: deps.claims,
    clock: deps.clock,
    settle: { kind: 'neverResend', problem: NOT_RESENT },
    concurrency: CHAT_CONCURRENCY,
    composer: async (works) => {
      const zones = await deps.gateway.timeZones(works.map((w) => w.item.pair.reportId));
      return async ({ item: occurrence }): Promise<Composed<ChatCard, Partial<StatusRequestClaim>>> => {
        const route = await reach(occurrence.pair.reportId);
        if (route.kind === 'later') return { kind: 'release', problem: `no chat yet: ${route.detail}` };
        if (route.kind === 'emailInstead') {
          // Never a card for this occurrence, whatever happens later: the email stands in for it.
          emailInstead.push(occurrence);
          return { kind: 'reject', problem: CHAT_UNAVAILABLE };
        }
        const { conversationId } = route;
        const stored = await deps.updates.get({
          tenantId: deps.tenantId,
          ...occurrence.pair,
          occurrenceId: occurrence.occurrenceId,
        });
        const card = statusRequestCard(
          {
            managerName: occurrence.manager.displayName,
            startUtc: occurrence.startUtc,
            timeZone: ianaTimeZoneOf(zones.get(occurrence.pair.reportId)),
            formUrl: await statusFormUrl(link, occurrence, now),
          },
          { ...occurrence.pair, occurrenceId: occurrence.occurrenceId, claimBase: occurrence.claimBase },
          stored,
        );
        return { kind: 'ready', message: { conversationId, card }, patch: requestedMeetingOf(occurrence) };
      };
    },
    send: async (ready) => {
      const outcomes = new Map<string, ChatSendOutcome>();
      await forEachLimited(
        ready,
        async ({ work, message }) => {
          outcomes.set(work.claim.claimId, await deps.delivery.send(message.conversationId, message.card));
        },
        CHAT_CONCURRENCY,
      );
      return outcomes;
    },
    verdictOf: chatVerdictOf,
    hooks: { afterClaim: (claims) => deps.hooks?.afterChatClaim?.(claims) },
  };
  const tally = await deliverExactlyOnce(policy, deps.claims, run, steps);
  const report: ChatScanReport = {
    due: due.length,
    claimed: tally.claimed,
    sent: tally.sent,
    alreadySent: counts.alreadySent,
    busyElsewhere: counts.busyElsewhere + tally.busyElsewhere,
    retryLater: tally.retryLater,
    unknownOutcome: tally.unknownOutcome,
    rejected: counts.rejected + tally.rejected - emailInstead.length,
    emailInstead: emailInstead.length,
  };
  deps.log?.(
    `pre-meeting scan (chat): ${report.due} due, ${report.sent} sent, ${report.alreadySent} already sent, ` +
      `${report.retryLater} later, ${report.unknownOutcome} unknown, ${report.rejected} refused, ` +
      `${report.emailInstead} by email instead`,
  );
  return { report, emailInstead };
}
