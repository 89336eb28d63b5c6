import { randomUUID } from 'node:crypto';
import type { IAdaptiveCard } from '@microsoft/teams.cards';
import { DEFAULT_STATUS_CHANNEL, deliveryChannelsOf, type StatusChannel } from '../contract';
import { ianaTimeZoneOf } from '../domain/meetingTime';
import { statusRequestCard } from '../bot/statusCards';
import type { DueOneOnOne } from '../domain/statusRequests';
import { chatVerdictOf, describeError, NOT_RESENT, type ChatDelivery, type ChatSendOutcome } from '../delivery/chat';
import { forEachLimited } from '../delivery/concurrency';
import { deliverExactlyOnce, type Composed, type DeliveryPolicy } from '../delivery/exactlyOnce';
import type { StatusScanGateway } from '../graph/statusScanGateway';
import type { StatusRequestConfig } from '../config/statusRequests';
import type { StatusChannelStore } from '../store/statusChannelStore';
import type { StatusRequestClaim, StatusRequestClaimStore } from '../store/statusRequestClaimStore';
import type { StatusUpdateStore } from '../store/statusUpdateStore';
import { requestedMeetingOf, statusFormUrl, statusLinkOf, statusRequestSteps } from './statusRequestSteps';

export type { ChatDelivery, ChatSendOutcome };

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
}

/** Bot Connector calls in flight at once. */
export const CHAT_CONCURRENCY = 8;

/** Each report's choice, read once per scan (a point read per report). */
export async function channelsOf(
  channels: StatusChannelStore,
  tenantId: string,
  reportIds: readonly string[],
): Promise<Map<string, StatusChannel>> {
  const found = new Map<string, StatusChannel>();
  await forEachLimited([...new Set(reportIds)], async (id) => {
    found.set(id, (await channels.get(tenantId, id)).channel);
  });
  return found;
}

export function wants(
  channels: ReadonlyMap<string, StatusChannel>,
  reportId: string,
  channel: 'email' | 'chat',
): boolean {
  return deliveryChannelsOf(channels.get(reportId) ?? DEFAULT_STATUS_CHANNEL).includes(channel);
}

interface ChatCard {
  conversationId: string;
  card: IAdaptiveCard;
}

/**
 * The chat card of each due 1:1 whose report chose chat (or both), through the one sender in its own claim rows
 * (`channel: 'chat'`), so one card per occurrence and generation whatever the timer or the process do. Its policy:
 * a card that may have been posted is never posted again (delivery/chat).
 */
export async function runChatRequests(deps: ChatRequestDeps, due: readonly DueOneOnOne[]): Promise<ChatScanReport> {
  const counts = { alreadySent: 0, busyElsewhere: 0, rejected: 0 };
  const link = statusLinkOf(deps.config, deps.tenantId);
  if (due.length === 0 || !link)
    return { due: due.length, claimed: 0, sent: 0, ...counts, retryLater: 0, unknownOutcome: 0 };
  const now = deps.clock();
  const run = { owner: randomUUID(), leaseUntil: new Date(now.getTime() + deps.config.claimLeaseMs).toISOString() };
  const steps = await statusRequestSteps(
    { tenantId: deps.tenantId, claims: deps.claims, now, run, channel: 'chat' },
    due.map((occurrence) => ({ occurrence, sender: 'bot' })),
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
        let conversationId: string;
        try {
          conversationId = await deps.delivery.conversationFor(occurrence.pair.reportId);
        } catch (error) {
          return { kind: 'release', problem: `no chat yet: ${describeError(error)}` };
        }
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
    rejected: counts.rejected + tally.rejected,
  };
  deps.log?.(
    `pre-meeting scan (chat): ${report.due} due, ${report.sent} sent, ${report.alreadySent} already sent, ` +
      `${report.retryLater} later, ${report.unknownOutcome} unknown, ${report.rejected} refused`,
  );
  return report;
}
