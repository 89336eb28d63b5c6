import { randomUUID } from 'node:crypto';
import { Semaphore } from 'async-mutex';
import { signStatusLink } from '../auth/statusLinkToken';
import { ianaTimeZoneOf } from '../domain/meetingTime';
import type { OrgChartFacts } from '../domain/oneOnOnes';
import { normalizeId } from '../domain/pairs';
import { findDueOneOnOnes, leadTimeMinutes, nextRequestStep, type DueOneOnOne } from '../domain/statusRequests';
import { statusRequestEmail } from '../domain/statusRequestEmail';
import type { SendOutcome } from '../graph/mailGateway';
import type { ManagerDirectory, OutgoingStatusRequest, StatusScanGateway } from '../graph/statusScanGateway';
import type { StatusRequestConfig } from '../statusRequestsConfig';
import { claimIdOf, type EmailClaimStore, type StatusRequestClaim } from '../store/emailClaimStore';
import type { Enrolment, EnrolmentStore } from '../store/enrolmentStore';
import type { StatusChannel } from '../contract';
import type { StatusChannelStore } from '../store/statusChannelStore';
import { channelsOf, runChatRequests, wants, type ChatDelivery, type ChatRequestDeps, type ChatScanReport } from './chatStatusRequests';

/**
 * Where a test can stop the scan as a crash would. Throwing from a hook ends the run right there, leaving the
 * claim rows exactly as a process that died at that point would leave them.
 */
export interface ScanHooks {
  /** The claims are written; nothing of this round has been marked `sending` or sent yet. */
  afterClaim?(claims: readonly StatusRequestClaim[]): void | Promise<void>;
  /** The sends have answered; their outcome is not recorded yet. */
  afterSend?(outcomes: ReadonlyMap<string, SendOutcome>): void | Promise<void>;
}

export interface PreMeetingScanDeps {
  tenantId: string;
  config: StatusRequestConfig;
  clock: () => Date;
  enrolments: EnrolmentStore;
  claims: EmailClaimStore;
  gateway: StatusScanGateway;
  hooks?: ScanHooks;
  log?: (line: string) => void;
  /**
   * Requests this process already saw `sent`, by occurrence. Sent is final for a generation, so a due 1:1 found
   * here (and not moved beyond its lead time) needs no table read; anything else goes to the table.
   */
  sentCache?: Map<string, StatusRequestClaim>;
  /**
   * The Candor bot (issue 10), when it is set up: reports who chose chat get the bot's card instead of the email,
   * those who chose both get both. Absent: everybody gets email, whatever they chose.
   */
  chat?: { channels: StatusChannelStore; delivery: ChatDelivery; updates: ChatRequestDeps['updates']; hooks?: ChatRequestDeps['hooks'] };
}

/** What one run did, in counts only (never names, addresses or text). */
export interface ScanReport {
  managers: number;
  unreadCalendars: number;
  due: number;
  claimed: number;
  sent: number;
  alreadySent: number;
  settledAsSent: number;
  busyElsewhere: number;
  unknownOutcome: number;
  retryLater: number;
  rejected: number;
  freshAfterMove: number;
  /** The chat cards' part of the run (issue 10), when the bot is set up. */
  chat?: ChatScanReport;
}

/** A send must be able to finish well inside the lease, or another scan could settle and resend meanwhile. */
const SEND_SAFETY_MARGIN_MS = 120_000;
/** Table Storage operations in flight at once. */
const TABLE_CONCURRENCY = 16;

/**
 * The pre-meeting scan (timer): for every enrolled manager, read the calendar ahead, find the 1:1s whose lead time
 * has come, and send each report one status request — exactly once, whatever the timer, Graph or the process do:
 *
 * 1. claim: a row per occurrence and generation is created if absent (emailClaims); only its creator goes on.
 * 2. mark `sending` (with the sender), then send (Graph `$batch`, the claim id in an extended property).
 * 3. record `sent`; a refusal is recorded too; an unknown outcome stays `sending`.
 * A later scan that finds a row whose lease ran out takes it over (one winner, by a marker row): `claimed` means
 * nothing left, so it sends; `sending` means it may have, so it looks for the claim id in Sent Items first.
 */
export async function runPreMeetingScan(deps: PreMeetingScanDeps): Promise<ScanReport> {
  const report: ScanReport = {
    managers: 0, unreadCalendars: 0, due: 0, claimed: 0, sent: 0, alreadySent: 0, settledAsSent: 0,
    busyElsewhere: 0, unknownOutcome: 0, retryLater: 0, rejected: 0, freshAfterMove: 0,
  };
  const { config } = deps;
  const log = deps.log ?? (() => undefined);
  if (!config.linkSecret || !config.formBaseUrl) {
    log('pre-meeting scan skipped: STATUS_LINK_SECRET and STATUS_FORM_BASE_URL must both be set');
    return report;
  }
  const runId = randomUUID();
  const now = deps.clock();
  const managers = await enrolledManagers(deps);
  report.managers = managers.size;
  if (managers.size === 0) return report;

  const ids = [...managers.keys()];
  const directories = await deps.gateway.directories(ids);
  const readable = ids.filter((id) => directories.get(id));
  const maxLead = Math.max(config.defaultLeadTimeMinutes, ...[...managers.values()].flatMap((e) => leadTimesOf(e)));
  const calendars = await deps.gateway.calendars(readable, now, new Date(now.getTime() + maxLead * 60_000));

  const due: Array<{ due: DueOneOnOne; enrolment: Enrolment | null }> = [];
  for (const id of ids) {
    const directory = directories.get(id);
    const events = calendars.get(id);
    if (!directory || !events) {
      report.unreadCalendars++;
      continue;
    }
    const enrolment = managers.get(id) ?? null;
    const lead = {
      globalMinutes: config.defaultLeadTimeMinutes,
      managerMinutes: enrolment?.leadTimeMinutes ?? null,
      pairMinutes: new Map(Object.entries(enrolment?.pairLeadTimeMinutes ?? {})),
    };
    for (const found of findDueOneOnOnes({
      managerId: id,
      events,
      orgChart: factsOf(directory),
      leadTimeMinutesFor: (reportId) => leadTimeMinutes(lead, reportId),
      now,
    })) {
      due.push({ due: found, enrolment });
    }
  }
  report.due = due.length;
  // Each report's channel (issue 10): one point read per report, only when the bot can deliver at all.
  const channels: Map<string, StatusChannel> | null = deps.chat
    ? await channelsOf(deps.chat.channels, deps.tenantId, due.map((d) => d.due.pair.reportId))
    : null;

  // Decide and claim, a few table operations at a time.
  const leaseUntil = new Date(now.getTime() + config.claimLeaseMs).toISOString();
  const toSend: Work[] = [];
  const toSettle: Work[] = [];
  await forEachLimited(due, async ({ due: occurrence, enrolment }) => {
    if (channels && !wants(channels, occurrence.pair.reportId, 'email')) return;
    const sender = senderFor(occurrence, enrolment, config);
    if (!sender) return;
    const address = { tenantId: deps.tenantId, ...occurrence.pair, claimBase: occurrence.claimBase };
    const cacheKey = `${address.managerId}|${address.reportId}|${address.claimBase}`;
    const cached = deps.sentCache?.get(cacheKey);
    if (cached && nextRequestStep(occurrence, cached, now).kind === 'done' && cached.latestStartUtc === occurrence.startUtc) {
      report.alreadySent++;
      return;
    }
    const latest = await deps.claims.latest(address);
    const step = nextRequestStep(occurrence, latest, now);
    if (latest?.state === 'sent' && step.kind === 'done') {
      deps.sentCache?.set(cacheKey, { ...latest, latestStartUtc: step.movedTo ?? latest.latestStartUtc });
    }
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
        if (step.kind === 'fresh') report.freshAfterMove++;
        toSend.push({ claim, occurrence, sender });
        return;
      }
      case 'done':
        report.alreadySent++;
        // A small move: the form's "editable until" follows the meeting.
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
        const work = { claim: taken, occurrence, sender: step.settle ? (taken.sender ?? sender) : sender };
        (step.settle ? toSettle : toSend).push(work);
        return;
      }
    }
  });

  // Settle what an earlier run may have sent: its claim id in the sender's Sent Items means it went out.
  if (toSettle.length > 0) {
    const found = await deps.gateway.sentAlready(
      toSettle.map((w) => ({ key: w.claim.claimId, fromMailbox: w.sender, claimId: w.claim.claimId })),
    );
    await forEachLimited(toSettle, async (work) => {
      const sent = found.get(work.claim.claimId);
      if (sent === true) {
        await deps.claims.update(work.claim, { state: 'sent', sentAt: now.toISOString(), problem: null });
        report.settledAsSent++;
      } else if (sent === false) {
        toSend.push(work);
      } else {
        report.retryLater++;
      }
    });
  }

  forgetPast(deps.sentCache, now);
  await deps.hooks?.afterClaim?.(toSend.map((w) => w.claim));
  await sendAll(deps, toSend, now, report, log);
  if (deps.chat && channels) {
    report.chat = await runChatRequests(
      {
        tenantId: deps.tenantId,
        config,
        clock: deps.clock,
        claims: deps.claims,
        gateway: deps.gateway,
        channels: deps.chat.channels,
        delivery: deps.chat.delivery,
        updates: deps.chat.updates,
        ...(deps.chat.hooks ? { hooks: deps.chat.hooks } : {}),
        log,
      },
      due.map((d) => d.due).filter((d) => wants(channels, d.pair.reportId, 'chat')),
    );
  }
  log(
    `pre-meeting scan: ${report.managers} managers, ${report.due} due, ${report.sent} sent, ${report.alreadySent} already sent, ` +
      `${report.settledAsSent} settled as sent, ${report.unknownOutcome} unknown, ${report.retryLater} later, ${report.rejected} refused`,
  );
  return report;
}

interface Work {
  claim: StatusRequestClaim;
  occurrence: DueOneOnOne;
  sender: string;
}

async function sendAll(deps: PreMeetingScanDeps, work: Work[], now: Date, report: ScanReport, log: (line: string) => void): Promise<void> {
  const { config } = deps;
  const secret = config.linkSecret;
  const formBaseUrl = config.formBaseUrl;
  if (work.length === 0 || !secret || !formBaseUrl) return;
  const zones = await deps.gateway.timeZones(work.map((w) => w.occurrence.pair.reportId));
  let round = work;
  for (let attempt = 1; attempt <= 2 && round.length > 0; attempt++) {
    const ready: Array<{ work: Work; request: OutgoingStatusRequest }> = [];
    await forEachLimited(round, async (w) => {
      // Never start a send the lease might not cover: another scan could then settle it while it is in flight.
      if (Date.parse(w.claim.leaseUntil) - deps.clock().getTime() < SEND_SAFETY_MARGIN_MS) {
        report.retryLater++;
        return;
      }
      const { occurrence } = w;
      const expiresAt = new Date(Date.parse(occurrence.startUtc) + occurrence.leadTimeMinutes * 60_000);
      const token = await signStatusLink(
        secret,
        { tenantId: deps.tenantId, ...occurrence.pair, occurrenceId: occurrence.occurrenceId, claimBase: occurrence.claimBase },
        expiresAt,
        now,
      );
      const email = statusRequestEmail({
        managerName: occurrence.manager.displayName,
        reportName: occurrence.report.displayName,
        meetingSubject: occurrence.subject,
        startUtc: occurrence.startUtc,
        recipientTimeZone: ianaTimeZoneOf(zones.get(occurrence.pair.reportId)),
        formUrl: `${formBaseUrl}/?surface=status&token=${encodeURIComponent(token)}`,
      });
      const address = occurrence.report.addresses[0];
      if (!address) {
        w.claim = await deps.claims.update(w.claim, { state: 'rejected', problem: 'report has no mail address' });
        report.rejected++;
        return;
      }
      // Recorded before the send leaves: from here on a crash means "maybe sent", settled via Sent Items.
      w.claim = await deps.claims.update(w.claim, {
        state: 'sending',
        sender: w.sender,
        attempts: w.claim.attempts + 1,
        requestedStartUtc: occurrence.startUtc,
        latestStartUtc: occurrence.startUtc,
        subject: occurrence.subject,
        problem: null,
      });
      ready.push({
        work: w,
        request: {
          key: w.claim.claimId,
          fromMailbox: w.sender,
          mail: { to: [{ address, name: occurrence.report.displayName }], email, claimId: w.claim.claimId },
        },
      });
    });
    const outcomes = await deps.gateway.send(ready.map((r) => r.request));
    await deps.hooks?.afterSend?.(outcomes);
    const again: Work[] = [];
    await forEachLimited(ready, async ({ work: w }) => {
      const outcome = outcomes.get(w.claim.claimId) ?? { kind: 'unknown', detail: 'no answer' };
      if (outcome.kind === 'sent') {
        await deps.claims.update(w.claim, { state: 'sent', sentAt: deps.clock().toISOString() });
        report.sent++;
      } else if (outcome.kind === 'unknown') {
        // Left `sending`: the next scan past the lease looks in Sent Items before sending again.
        await deps.claims.update(w.claim, { problem: `unknown outcome: ${outcome.detail}` });
        report.unknownOutcome++;
      } else if (outcome.status === 429) {
        // Throttled on every attempt: Graph did not carry it out, so the next scan may send it straight away.
        await deps.claims.update(w.claim, { state: 'claimed', leaseUntil: deps.clock().toISOString(), problem: 'throttled' });
        report.retryLater++;
      } else if (outcome.status === 403 && w.sender !== config.serviceMailbox && config.serviceMailbox) {
        // The manager's mailbox is not open to Candor (application access policy): use the service mailbox.
        again.push({ ...w, sender: config.serviceMailbox });
      } else {
        await deps.claims.update(w.claim, { state: 'rejected', problem: `refused: status ${outcome.status}` });
        report.rejected++;
        log(`status request refused by Graph (status ${outcome.status})`);
      }
    });
    round = again;
  }
}

/** Configuration enrols managers; a manager's own choice (the enrolment API) adds to it or opts out of it. */
async function enrolledManagers(deps: PreMeetingScanDeps): Promise<Map<string, Enrolment | null>> {
  const managers = new Map<string, Enrolment | null>();
  for (const id of deps.config.enrolledManagerIds) managers.set(normalizeId(id), null);
  for (const enrolment of await deps.enrolments.list(deps.tenantId)) {
    const id = normalizeId(enrolment.managerId);
    if (enrolment.enrolled) managers.set(id, enrolment);
    else managers.delete(id);
  }
  return managers;
}

function leadTimesOf(enrolment: Enrolment | null): number[] {
  if (!enrolment) return [];
  return [...(enrolment.leadTimeMinutes ? [enrolment.leadTimeMinutes] : []), ...Object.values(enrolment.pairLeadTimeMinutes)];
}

function senderFor(occurrence: DueOneOnOne, enrolment: Enrolment | null, config: StatusRequestConfig): string | null {
  if (enrolment?.sendFromManagerMailbox) return occurrence.pair.managerId;
  return config.serviceMailbox;
}

function factsOf(directory: ManagerDirectory): OrgChartFacts {
  return {
    people: [directory.manager, ...directory.reports],
    reportingLines: directory.reports.map((r) => ({ managerId: directory.manager.id, reportId: r.id })),
  };
}

/** Drops cached requests whose meeting has started: they can never be due again. */
function forgetPast(cache: Map<string, StatusRequestClaim> | undefined, now: Date): void {
  if (!cache) return;
  for (const [key, claim] of cache) if (Date.parse(claim.latestStartUtc) <= now.getTime()) cache.delete(key);
}

async function forEachLimited<T>(items: readonly T[], work: (item: T) => Promise<void>): Promise<void> {
  const limit = new Semaphore(TABLE_CONCURRENCY);
  await Promise.all(items.map((item) => limit.runExclusive(() => work(item))));
}
