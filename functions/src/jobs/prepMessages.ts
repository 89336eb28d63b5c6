import { randomUUID } from 'node:crypto';
import type { IAdaptiveCard } from '@microsoft/teams.cards';
import { prepCard } from '../bot/statusCards';
import { nextClaimStep } from '../domain/claimSteps';
import { ianaTimeZoneOf } from '../domain/meetingTime';
import { normalizeId } from '../domain/pairs';
import { prepEmail, prepMessageOf, type PrepMessage } from '../domain/prepMessage';
import type { DueOneOnOne } from '../domain/statusRequests';
import { chatVerdictOf, NOT_RESENT, type ChatDelivery, type ChatSendOutcome } from '../delivery/chat';
import { forEachLimited } from '../delivery/concurrency';
import {
  deliverExactlyOnce,
  emptyTally,
  type DeliveryPolicy,
  type DeliveryStep,
  type DeliveryTally,
} from '../delivery/exactlyOnce';
import { timerMailPolicy, type MailSending } from '../delivery/mail';
import type { StatusScanGateway } from '../graph/statusScanGateway';
import type { BoardStore } from '../store/boardStore';
import { partitionOf } from '../store/boardStore';
import type { ClaimFieldsPatch } from '../store/claimRows';
import type { CommitmentStore } from '../store/commitmentStore';
import type { Enrolment } from '../store/enrolmentStore';
import type { PairHistoryStore } from '../store/pairHistory';
import { prepClaimIdOf, type PrepClaim, type PrepClaimStore } from '../store/prepClaimStore';
import type { StatusUpdateStore } from '../store/statusUpdateStore';
import type { TrendSharingStore } from '../store/trendSharingStore';

/*
 * The manager's prep message (an opt-in of the enrolment): a set time before each 1:1, one message with what to read
 * before going in. It rides on the pre-meeting scan's calendar reads (jobs/preMeetingScan finds the 1:1s inside
 * each opted-in manager's prep time, whether or not that manager is enrolled for status requests) and leaves through
 * the one sender (delivery/exactlyOnce) under a claim per manager and occurrence: by the bot in the manager's
 * personal chat when the bot is set up and Teams lets it reach them, else by email.
 */

/** A 1:1 whose prep time has come, with the manager's choices. */
export interface PrepDue {
  occurrence: DueOneOnOne;
  enrolment: Enrolment;
}

/** The stores the message is composed from; all of them are the board's own. */
export interface PrepSources {
  prepClaims: PrepClaimStore;
  statusUpdates: Pick<StatusUpdateStore, 'get'>;
  boards: Pick<BoardStore, 'get'>;
  pairHistory: Pick<PairHistoryStore, 'lastRecapBefore'>;
  commitments: Pick<CommitmentStore, 'relevantTo'>;
  trendSharing: Pick<TrendSharingStore, 'get'>;
}

export interface PrepDeps extends PrepSources {
  tenantId: string;
  clock: () => Date;
  claimLeaseMs: number;
  /** The mailbox a refused manager's mailbox falls back to (delivery/mail). */
  serviceMailbox: string | null;
  /** The mailbox a manager's email goes from: the status requests' rule (jobs/preMeetingScan requestSenderOf). */
  senderOf(enrolment: Enrolment, managerId: string): string | null;
  gateway: Pick<StatusScanGateway, 'timeZones' | 'send' | 'sentAlready'>;
  /** The bot, when it is set up: the manager's personal chat with it. Absent: every prep message is an email. */
  chat?: ChatDelivery;
  mailSending?: MailSending;
  /** Test seam: throwing stops the run where a crash would, after the claims are written. */
  hooks?: { afterClaim?(claims: readonly PrepClaim[]): void | Promise<void> };
  log?: (line: string) => void;
}

/** What one run did, in counts only. */
export interface PrepReport extends DeliveryTally {
  due: number;
  alreadySent: number;
  /** Managers whose prep could go by no mailbox (no service mailbox and none of their own chosen). */
  noSender: number;
  byChat: number;
  byEmail: number;
}

/** The managers who opted into prep, by lower-case id, with their choices. */
export function prepManagersOf(enrolments: readonly Enrolment[]): Map<string, Enrolment> {
  return new Map(enrolments.filter((e) => e.prepEnabled).map((e) => [normalizeId(e.managerId), e]));
}

const BOT = 'bot';
type Step = DeliveryStep<PrepClaim, PrepDue>;

export async function runPrepMessages(deps: PrepDeps, due: readonly PrepDue[]): Promise<PrepReport> {
  const report: PrepReport = { ...emptyTally(), due: due.length, alreadySent: 0, noSender: 0, byChat: 0, byEmail: 0 };
  if (due.length === 0) return report;
  const now = deps.clock();
  const run = { owner: randomUUID(), leaseUntil: new Date(now.getTime() + deps.claimLeaseMs).toISOString() };
  const chats = chatsOf(deps);
  const email: Step[] = [];
  const chat: Step[] = [];
  await forEachLimited(due, async (item) => {
    const { managerId } = item.occurrence.pair;
    const { occurrenceId } = item.occurrence;
    const claim = await deps.prepClaims.get(deps.tenantId, managerId, occurrenceId);
    const step = nextClaimStep(claim, now);
    if (step.kind === 'done') report.alreadySent++;
    else if (step.kind === 'rejected') report.rejected++;
    else if (step.kind === 'busy') report.busyElsewhere++;
    if (step.kind !== 'claim' && step.kind !== 'takeOver') return;
    // A send that may have left is settled on the channel it left by; anything else picks its channel afresh.
    const settle = step.kind === 'takeOver' && step.settle;
    const byChat = settle ? claim?.sender === BOT : (await chats(managerId)) !== null;
    const sender = byChat ? BOT : settle && claim?.sender ? claim.sender : deps.senderOf(item.enrolment, managerId);
    if (!sender) {
      report.noSender++;
      return;
    }
    const into = byChat ? chat : email;
    if (step.kind === 'takeOver' && claim) into.push({ kind: 'takeOver', claim, item, sender, settle });
    else into.push({ kind: 'claim', claim: freshClaim(deps, item, run), item, sender });
  });
  const mailTally = await deliverExactlyOnce(mailPolicy(deps, now), deps.prepClaims, run, email);
  const chatTally = await deliverExactlyOnce(chatPolicy(deps, chats, now), deps.prepClaims, run, chat);
  for (const key of Object.keys(mailTally) as Array<keyof DeliveryTally>) {
    report[key] += mailTally[key] + chatTally[key];
  }
  report.byEmail = mailTally.sent + mailTally.settledAsSent;
  report.byChat = chatTally.sent;
  deps.log?.(
    `prep messages: ${report.due} due, ${report.byEmail} by email, ${report.byChat} by chat, ${report.alreadySent} already sent, ` +
      `${report.unknownOutcome} unknown, ${report.retryLater} later, ${report.rejected} refused, ${report.noSender} without a sender`,
  );
  return report;
}

function freshClaim(deps: PrepDeps, item: PrepDue, run: { owner: string; leaseUntil: string }): PrepClaim {
  const { managerId } = item.occurrence.pair;
  return {
    tenantId: deps.tenantId,
    managerId,
    occurrenceId: item.occurrence.occurrenceId,
    state: 'claimed',
    owner: run.owner,
    leaseUntil: run.leaseUntil,
    takeovers: 0,
    claimId: prepClaimIdOf(managerId, item.occurrence.occurrenceId),
    sender: null,
    attempts: 0,
    problem: null,
    sentAt: null,
  };
}

/**
 * Each manager's chat with the bot, asked once per run: null when the bot is not set up, Teams will not let it
 * reach them, or the ask failed this time — the prep then goes by email, so it is never late for a passing outage.
 */
function chatsOf(deps: PrepDeps): (managerId: string) => Promise<string | null> {
  const found = new Map<string, Promise<string | null>>();
  const reach = async (managerId: string): Promise<string | null> => {
    if (!deps.chat) return null;
    try {
      const reached = await deps.chat.reach(managerId);
      return reached.kind === 'chat' ? reached.conversationId : null;
    } catch {
      return null;
    }
  };
  return (managerId) => {
    let chat = found.get(managerId);
    if (!chat) found.set(managerId, (chat = reach(managerId)));
    return chat;
  };
}

/** What the prep says, read from the board's own stores; times in the manager's mailbox zone. */
async function composeOf(
  deps: PrepDeps,
  works: ReadonlyArray<{ item: PrepDue }>,
): Promise<(item: PrepDue) => Promise<PrepMessage>> {
  const zones = await deps.gateway.timeZones([...new Set(works.map((w) => w.item.occurrence.pair.managerId))]);
  return async ({ occurrence }) => {
    const key = { tenantId: deps.tenantId, ...occurrence.pair, occurrenceId: occurrence.occurrenceId };
    const partition = partitionOf(key);
    const [status, board, sharing, lastRecap, commitments] = await Promise.all([
      deps.statusUpdates.get(key),
      deps.boards.get(key),
      deps.trendSharing.get(deps.tenantId, occurrence.pair.reportId),
      deps.pairHistory.lastRecapBefore(partition, occurrence.occurrenceId),
      deps.commitments.relevantTo(partition, occurrence.occurrenceId),
    ]);
    return prepMessageOf({
      managerName: occurrence.manager.displayName,
      reportName: occurrence.report.displayName,
      meetingSubject: occurrence.subject,
      occurrenceId: occurrence.occurrenceId,
      startUtc: occurrence.startUtc,
      timeZone: ianaTimeZoneOf(zones.get(occurrence.pair.managerId)),
      status: status?.fields ?? null,
      ratings: board?.board.ratings ?? null,
      sharing,
      lastRecap,
      commitments,
    });
  };
}

function mailPolicy(deps: PrepDeps, now: Date) {
  return timerMailPolicy<PrepClaim, PrepDue, ClaimFieldsPatch>(
    {
      rows: deps.prepClaims,
      clock: deps.clock,
      composer: async (works) => {
        const compose = await composeOf(deps, works);
        return async ({ item }) => {
          // Past the start the prep is no use: the claim is closed instead of sending it late.
          if (Date.parse(item.occurrence.startUtc) <= now.getTime()) return { kind: 'reject', problem: 'too late' };
          const address = item.occurrence.manager.addresses[0];
          if (!address) return { kind: 'reject', problem: 'manager has no mail address' };
          const email = prepEmail(await compose(item));
          return { kind: 'ready', message: { to: [{ address, name: item.occurrence.manager.displayName }], email } };
        };
      },
      ...(deps.hooks ? { hooks: { afterClaim: (claims) => deps.hooks?.afterClaim?.(claims) } } : {}),
      note: (event) => {
        if (event.kind === 'refused') deps.log?.(`prep message refused by Graph (status ${event.status})`);
      },
    },
    deps.gateway,
    deps.serviceMailbox,
    deps.mailSending,
  );
}

interface PrepCard {
  conversationId: string;
  card: IAdaptiveCard;
}

/** Chat's side: a card that may have been posted is never posted again (delivery/chat). */
function chatPolicy(
  deps: PrepDeps,
  chats: (managerId: string) => Promise<string | null>,
  now: Date,
): DeliveryPolicy<PrepClaim, PrepDue, PrepCard, ChatSendOutcome, ClaimFieldsPatch> {
  return {
    rows: deps.prepClaims,
    clock: deps.clock,
    settle: { kind: 'neverResend', problem: NOT_RESENT },
    composer: async (works) => {
      const compose = await composeOf(deps, works);
      return async ({ item }) => {
        if (Date.parse(item.occurrence.startUtc) <= now.getTime()) return { kind: 'reject', problem: 'too late' };
        const conversationId = await chats(item.occurrence.pair.managerId);
        // Nothing left yet: given back, and the next scan picks the channel afresh.
        if (!conversationId) return { kind: 'release', problem: 'no chat with the bot this time' };
        return { kind: 'ready', message: { conversationId, card: prepCard(await compose(item)) } };
      };
    },
    send: async (ready) => {
      const outcomes = new Map<string, ChatSendOutcome>();
      const delivery = deps.chat;
      await forEachLimited(ready, async ({ work, message }) => {
        if (delivery) outcomes.set(work.claim.claimId, await delivery.send(message.conversationId, message.card));
      });
      return outcomes;
    },
    verdictOf: chatVerdictOf,
    ...(deps.hooks ? { hooks: { afterClaim: (claims) => deps.hooks?.afterClaim?.(claims) } } : {}),
  };
}
