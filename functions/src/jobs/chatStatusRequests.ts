import { randomUUID } from 'node:crypto';
import { Semaphore } from 'async-mutex';
import type { IAdaptiveCard } from '@microsoft/teams.cards';
import { signStatusLink } from '../auth/statusLinkToken';
import { DEFAULT_STATUS_CHANNEL, deliveryChannelsOf, type StatusChannel } from '../contract';
import { ianaTimeZoneOf } from '../domain/meetingTime';
import { statusRequestCard } from '../domain/statusCards';
import { nextRequestStep, type DueOneOnOne } from '../domain/statusRequests';
import type { StatusScanGateway } from '../graph/statusScanGateway';
import type { StatusRequestConfig } from '../statusRequestsConfig';
import { claimIdOf, type EmailClaimStore, type StatusRequestClaim } from '../store/emailClaimStore';
import type { StatusChannelStore } from '../store/statusChannelStore';
import type { StatusUpdateStore } from '../store/statusUpdateStore';

/** How a chat card's send ended, in the terms exactly-once needs. */
export type ChatSendOutcome =
  | { kind: 'sent'; activityId: string }
  /** Not carried out (429/503, or the person's chat could not be found yet): a later scan may send. */
  | { kind: 'retryLater'; detail: string }
  /** Refused for good (4xx): resending would not help. */
  | { kind: 'refused'; status: number }
  /** May or may not have been posted (a lost connection, a timeout, another 5xx). */
  | { kind: 'unknown'; detail: string };

/** The bot's side of a status request: the person's chat with the bot, and the card into it. */
export interface ChatDelivery {
  /** Stored per person; found (installing the app for them) through Graph the first time. */
  conversationFor(userId: string): Promise<string>;
  send(conversationId: string, card: IAdaptiveCard): Promise<ChatSendOutcome>;
}

export interface ChatRequestDeps {
  tenantId: string;
  config: StatusRequestConfig;
  clock: () => Date;
  claims: EmailClaimStore;
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

const SEND_SAFETY_MARGIN_MS = 120_000;
const CONCURRENCY = 8;

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

export function wants(channels: ReadonlyMap<string, StatusChannel>, reportId: string, channel: 'email' | 'chat'): boolean {
  return deliveryChannelsOf(channels.get(reportId) ?? DEFAULT_STATUS_CHANNEL).includes(channel);
}

/**
 * The chat card of each due 1:1 whose report chose chat (or both): the same claim machinery as the email, in its own
 * rows (`channel: 'chat'`), so one card per occurrence and generation whatever the timer or the process do.
 *
 * The Bot Connector has no idempotency key and no "sent items" to look in, so a card whose send may have left
 * (state `sending` when its lease ran out, or an unknown outcome) is never sent again: at most one card, and the
 * claim records that its fate is unknown. Throttling (429) and 503 are refusals before anything was posted, so
 * those go back to `claimed` and a later scan sends them.
 */
export async function runChatRequests(deps: ChatRequestDeps, due: readonly DueOneOnOne[]): Promise<ChatScanReport> {
  const report: ChatScanReport = { due: due.length, claimed: 0, sent: 0, alreadySent: 0, busyElsewhere: 0, retryLater: 0, unknownOutcome: 0, rejected: 0 };
  const secret = deps.config.linkSecret;
  const formBaseUrl = deps.config.formBaseUrl;
  if (due.length === 0 || !secret || !formBaseUrl) return report;
  const runId = randomUUID();
  const now = deps.clock();
  const leaseUntil = new Date(now.getTime() + deps.config.claimLeaseMs).toISOString();
  const toSend: Array<{ claim: StatusRequestClaim; occurrence: DueOneOnOne }> = [];

  await forEachLimited(due, async (occurrence) => {
    const address = { tenantId: deps.tenantId, ...occurrence.pair, claimBase: occurrence.claimBase, channel: 'chat' as const };
    const latest = await deps.claims.latest(address);
    const step = nextRequestStep(occurrence, latest, now);
    switch (step.kind) {
      case 'claim':
      case 'fresh': {
        const claim: StatusRequestClaim = {
          ...address,
          generation: step.generation,
          state: 'claimed',
          owner: runId,
          leaseUntil,
          takeovers: 0,
          claimId: claimIdOf(address, step.generation),
          occurrenceId: occurrence.occurrenceId,
          subject: occurrence.subject,
          requestedStartUtc: occurrence.startUtc,
          latestStartUtc: occurrence.startUtc,
          sender: null,
          attempts: 0,
          problem: null,
          sentAt: null,
        };
        if ((await deps.claims.create(claim)) === 'exists') {
          report.busyElsewhere++;
          return;
        }
        report.claimed++;
        toSend.push({ claim, occurrence });
        return;
      }
      case 'done':
        report.alreadySent++;
        if (latest && step.movedTo && latest.latestStartUtc !== step.movedTo) {
          await deps.claims.update(latest, { latestStartUtc: step.movedTo });
        }
        return;
      case 'busy':
        report.busyElsewhere++;
        return;
      case 'rejected':
        report.rejected++;
        return;
      case 'takeOver': {
        if (!latest) return;
        const taken = await deps.claims.takeOver(latest, runId, leaseUntil);
        if (!taken) {
          report.busyElsewhere++;
          return;
        }
        if (step.settle) {
          // It may have been posted and nothing can tell: never a second card.
          await deps.claims.update(taken, { state: 'rejected', problem: 'outcome unknown after a crash or timeout; not resent' });
          report.unknownOutcome++;
          return;
        }
        toSend.push({ claim: taken, occurrence });
        return;
      }
    }
  });

  await deps.hooks?.afterChatClaim?.(toSend.map((w) => w.claim));
  if (toSend.length === 0) return report;
  const zones = await deps.gateway.timeZones(toSend.map((w) => w.occurrence.pair.reportId));

  await forEachLimited(toSend, async ({ claim, occurrence }) => {
    if (Date.parse(claim.leaseUntil) - deps.clock().getTime() < SEND_SAFETY_MARGIN_MS) {
      report.retryLater++;
      return;
    }
    let conversationId: string;
    try {
      conversationId = await deps.delivery.conversationFor(occurrence.pair.reportId);
    } catch (error) {
      // Nothing was posted: give the claim back at once so the next scan tries again.
      await deps.claims.update(claim, { state: 'claimed', leaseUntil: deps.clock().toISOString(), problem: `no chat yet: ${describe(error)}` });
      report.retryLater++;
      return;
    }
    const stored = await deps.updates.get({ tenantId: deps.tenantId, ...occurrence.pair, occurrenceId: occurrence.occurrenceId });
    const expiresAt = new Date(Date.parse(occurrence.startUtc) + occurrence.leadTimeMinutes * 60_000);
    const token = await signStatusLink(
      secret,
      { tenantId: deps.tenantId, ...occurrence.pair, occurrenceId: occurrence.occurrenceId, claimBase: occurrence.claimBase },
      expiresAt,
      now,
    );
    const card = statusRequestCard(
      {
        managerName: occurrence.manager.displayName,
        startUtc: occurrence.startUtc,
        timeZone: ianaTimeZoneOf(zones.get(occurrence.pair.reportId)),
        formUrl: `${formBaseUrl}/?surface=status&token=${encodeURIComponent(token)}`,
      },
      { ...occurrence.pair, occurrenceId: occurrence.occurrenceId, claimBase: occurrence.claimBase },
      stored,
    );
    // Recorded before the card leaves: from here on a crash means "maybe posted", and a maybe is never resent.
    const sending = await deps.claims.update(claim, {
      state: 'sending',
      sender: 'bot',
      attempts: claim.attempts + 1,
      requestedStartUtc: occurrence.startUtc,
      latestStartUtc: occurrence.startUtc,
      subject: occurrence.subject,
      problem: null,
    });
    const outcome = await deps.delivery.send(conversationId, card);
    switch (outcome.kind) {
      case 'sent':
        await deps.claims.update(sending, { state: 'sent', sentAt: deps.clock().toISOString() });
        report.sent++;
        return;
      case 'retryLater':
        await deps.claims.update(sending, { state: 'claimed', leaseUntil: deps.clock().toISOString(), problem: outcome.detail });
        report.retryLater++;
        return;
      case 'refused':
        await deps.claims.update(sending, { state: 'rejected', problem: `refused: status ${outcome.status}` });
        report.rejected++;
        return;
      case 'unknown':
        await deps.claims.update(sending, { problem: `unknown outcome: ${outcome.detail}` });
        report.unknownOutcome++;
        return;
    }
  });
  deps.log?.(
    `pre-meeting scan (chat): ${report.due} due, ${report.sent} sent, ${report.alreadySent} already sent, ` +
      `${report.retryLater} later, ${report.unknownOutcome} unknown, ${report.rejected} refused`,
  );
  return report;
}

/** Maps what the Bot Connector client threw to an outcome: only a status that proves "not carried out" is retried. */
export function chatOutcomeOf(error: unknown): ChatSendOutcome {
  const status = responseStatusOf(error);
  if (status === 429 || status === 503) return { kind: 'retryLater', detail: `throttled: status ${status}` };
  if (status !== undefined && status >= 400 && status < 500) return { kind: 'refused', status };
  if (status !== undefined) return { kind: 'unknown', detail: `status ${status}` };
  return { kind: 'unknown', detail: describe(error) };
}

function responseStatusOf(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null || !('response' in error)) return undefined;
  const response = (error as { response?: unknown }).response;
  if (typeof response !== 'object' || response === null || !('status' in response)) return undefined;
  const status = (response as { status?: unknown }).status;
  return typeof status === 'number' ? status : undefined;
}

function describe(error: unknown): string {
  return (error instanceof Error ? error.message : 'failed').slice(0, 120);
}

async function forEachLimited<T>(items: readonly T[], work: (item: T) => Promise<void>): Promise<void> {
  const limit = new Semaphore(CONCURRENCY);
  await Promise.all(items.map((item) => limit.runExclusive(() => work(item))));
}
