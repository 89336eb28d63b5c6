import { randomUUID } from 'node:crypto';
import { Semaphore } from 'async-mutex';
import { DEFAULT_TREND_MONTHS, type Month, type PairTrend } from '../contract';
import { digestMonthOf, isFirstWorkingDayOfMonth, midMonth, monthlyDigestEmail } from '../domain/monthlyDigest';
import { normalizeId } from '../domain/pairs';
import { monthsEndingAt, pairTrendOf } from '../domain/trends';
import type { SendOutcome } from '../graph/mailGateway';
import type { ManagerDirectory, OutgoingStatusRequest, StatusScanGateway } from '../graph/statusScanGateway';
import type { StatusRequestConfig } from '../statusRequestsConfig';
import { digestClaimIdOf, type DigestClaim, type DigestClaimStore } from '../store/digestClaimStore';
import type { Enrolment, EnrolmentStore } from '../store/enrolmentStore';
import type { TrendReader, TrendSharingStore } from '../trendServices';

/** Where a test can stop a run as a crash would (like jobs/preMeetingScan ScanHooks). */
export interface DigestHooks {
  /** The claims are written; none of this run's has been marked `sending` or sent yet. */
  afterClaim?(claims: readonly DigestClaim[]): void | Promise<void>;
  /** The sends have answered; their outcome is not recorded yet. */
  afterSend?(outcomes: ReadonlyMap<string, SendOutcome>): void | Promise<void>;
}

export interface MonthlyDigestDeps {
  tenantId: string;
  config: Pick<StatusRequestConfig, 'enrolledManagerIds' | 'serviceMailbox' | 'claimLeaseMs' | 'trendsTabUrl'>;
  clock: () => Date;
  enrolments: EnrolmentStore;
  claims: DigestClaimStore;
  /** The pre-meeting scan's Graph gateway: directories, `$batch`ed sendMail and the Sent Items lookup. */
  gateway: Pick<StatusScanGateway, 'directories' | 'send' | 'sentAlready'>;
  trends: TrendReader;
  sharing: TrendSharingStore;
  hooks?: DigestHooks;
  log?: (line: string) => void;
}

/** What one run did, in counts only. */
export interface DigestReport {
  month: Month;
  firstWorkingDay: boolean;
  managers: number;
  claimed: number;
  sent: number;
  alreadySent: number;
  settledAsSent: number;
  busyElsewhere: number;
  unknownOutcome: number;
  retryLater: number;
  rejected: number;
  noSender: number;
}

/** A send must be able to finish well inside the lease, or another run could settle and resend meanwhile. */
const SEND_SAFETY_MARGIN_MS = 120_000;
const TABLE_CONCURRENCY = 16;

/**
 * The monthly digest (timer `monthlyDigest`): on the first working day of a month (UTC, domain/monthlyDigest),
 * every enrolled manager gets one email about the month before — exactly once, by the pre-meeting email's rules:
 *
 * 1. claim: a row per manager and month is created if absent (digestClaims); only its creator goes on.
 * 2. mark `sending` (with the sender), then send (Graph `$batch`, the claim id in an extended property).
 * 3. record `sent`; a refusal is recorded too; an unknown outcome stays `sending`; a throttled send goes back to
 *    `claimed` for the next firing.
 * A later firing takes an expired claim over (one winner, by a marker row): `claimed` → it sends; `sending` → it
 * looks for the claim id in Sent Items first. Firings on later days of the month only finish claims made on the
 * first working day; they never start a digest, so a manager never gets one late or twice.
 */
export async function runMonthlyDigest(deps: MonthlyDigestDeps): Promise<DigestReport> {
  const now = deps.clock();
  const month = digestMonthOf(now);
  const firstWorkingDay = isFirstWorkingDayOfMonth(now);
  const report: DigestReport = {
    month, firstWorkingDay, managers: 0, claimed: 0, sent: 0, alreadySent: 0, settledAsSent: 0, busyElsewhere: 0,
    unknownOutcome: 0, retryLater: 0, rejected: 0, noSender: 0,
  };
  const log = deps.log ?? (() => undefined);
  const existing = await deps.claims.ofMonth(deps.tenantId, month);
  if (!firstWorkingDay && existing.size === 0) return report;
  const managers = await enrolledManagers(deps);
  report.managers = managers.size;

  const runId = randomUUID();
  const leaseUntil = new Date(now.getTime() + deps.config.claimLeaseMs).toISOString();
  const toSend: Work[] = [];
  const toSettle: Work[] = [];
  await forEachLimited([...managers], async ([managerId, enrolment]) => {
    const sender = enrolment?.sendFromManagerMailbox ? managerId : deps.config.serviceMailbox;
    if (!sender) {
      report.noSender++;
      return;
    }
    const claim = existing.get(managerId);
    if (!claim) {
      if (!firstWorkingDay) return;
      const fresh: DigestClaim = {
        tenantId: deps.tenantId, managerId, month, state: 'claimed', owner: runId, leaseUntil, takeovers: 0,
        claimId: digestClaimIdOf(managerId, month), sender: null, attempts: 0, problem: null, sentAt: null,
      };
      if ((await deps.claims.create(fresh)) === 'exists') {
        report.busyElsewhere++;
        return;
      }
      report.claimed++;
      toSend.push({ claim: fresh, sender });
    } else if (claim.state === 'sent') {
      report.alreadySent++;
    } else if (claim.state === 'rejected') {
      report.rejected++;
    } else if (Date.parse(claim.leaseUntil) > now.getTime()) {
      report.busyElsewhere++;
    } else {
      const taken = await deps.claims.takeOver(claim, runId, leaseUntil);
      if (!taken) report.busyElsewhere++;
      else if (taken.state === 'sending') toSettle.push({ claim: taken, sender: taken.sender ?? sender });
      else toSend.push({ claim: taken, sender });
    }
  });

  // A run that died after `sending` may have sent: its claim id in the sender's Sent Items means it went out.
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

  await deps.hooks?.afterClaim?.(toSend.map((w) => w.claim));
  await sendAll(deps, toSend, month, report, log);
  log(
    `monthly digest ${month}: ${report.managers} managers, ${report.sent} sent, ${report.alreadySent} already sent, ` +
      `${report.settledAsSent} settled as sent, ${report.unknownOutcome} unknown, ${report.retryLater} later, ${report.rejected} refused`,
  );
  return report;
}

interface Work {
  claim: DigestClaim;
  sender: string;
}

async function sendAll(deps: MonthlyDigestDeps, work: Work[], month: Month, report: DigestReport, log: (line: string) => void): Promise<void> {
  if (work.length === 0) return;
  const now = deps.clock();
  const directories = await deps.gateway.directories(work.map((w) => w.claim.managerId));
  const months = monthsEndingAt(midMonth(month), DEFAULT_TREND_MONTHS);
  let round = work;
  for (let attempt = 1; attempt <= 2 && round.length > 0; attempt++) {
    const ready: Array<{ work: Work; request: OutgoingStatusRequest }> = [];
    await forEachLimited(round, async (w) => {
      if (Date.parse(w.claim.leaseUntil) - deps.clock().getTime() < SEND_SAFETY_MARGIN_MS) {
        report.retryLater++;
        return;
      }
      const directory = directories.get(w.claim.managerId) ?? null;
      if (!directory) {
        // Graph could not tell who the manager's reports are this time: the next firing tries again.
        await deps.claims.update(w.claim, { state: 'claimed', leaseUntil: deps.clock().toISOString(), problem: 'directory unreadable' });
        report.retryLater++;
        return;
      }
      const address = directory.manager.addresses[0];
      if (!address || directory.reports.length === 0) {
        w.claim = await deps.claims.update(w.claim, {
          state: 'rejected',
          problem: address ? 'no direct reports' : 'manager has no mail address',
        });
        report.rejected++;
        return;
      }
      let reports: PairTrend[];
      try {
        reports = await managerViews(deps, directory, months, now);
      } catch (error) {
        // One manager's unreadable trend rows must not hold up the others; the claim is taken over after its lease.
        log(`monthly digest: trend rows unreadable for one manager (${error instanceof Error ? error.name : 'error'})`);
        report.retryLater++;
        return;
      }
      const email = monthlyDigestEmail({ managerName: directory.manager.displayName, month, reports, trendsUrl: deps.config.trendsTabUrl });
      // Recorded before the send leaves: from here on a crash means "maybe sent", settled through Sent Items.
      w.claim = await deps.claims.update(w.claim, { state: 'sending', sender: w.sender, attempts: w.claim.attempts + 1, problem: null });
      ready.push({
        work: w,
        request: {
          key: w.claim.claimId,
          fromMailbox: w.sender,
          mail: { to: [{ address, name: directory.manager.displayName }], email, claimId: w.claim.claimId },
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
        // Left `sending`: the next firing past the lease looks in Sent Items before sending again.
        await deps.claims.update(w.claim, { problem: `unknown outcome: ${outcome.detail}` });
        report.unknownOutcome++;
      } else if (outcome.status === 429) {
        // Throttled on every attempt: Graph did not carry it out, so the next firing may send it straight away.
        await deps.claims.update(w.claim, { state: 'claimed', leaseUntil: deps.clock().toISOString(), problem: 'throttled' });
        report.retryLater++;
      } else if (outcome.status === 403 && w.sender !== deps.config.serviceMailbox && deps.config.serviceMailbox) {
        // The manager's mailbox is not open to Candor (Exchange's application scoping): use the service mailbox.
        again.push({ ...w, sender: deps.config.serviceMailbox });
      } else {
        await deps.claims.update(w.claim, { state: 'rejected', problem: `refused: status ${outcome.status}` });
        report.rejected++;
        log(`monthly digest refused by Graph (status ${outcome.status})`);
      }
    });
    round = again;
  }
}

/**
 * Each current direct report as the manager sees them (audience 'manager', the report's sharing applied), from ONE
 * partition query of the monthly table. A report whose pair row carries no sharing is looked up in the sharing store.
 */
async function managerViews(deps: MonthlyDigestDeps, directory: ManagerDirectory, months: Month[], now: Date): Promise<PairTrend[]> {
  const rows = await deps.trends.managerRecords(deps.tenantId, directory.manager.id, months);
  const manager = { id: directory.manager.id, displayName: directory.manager.displayName };
  return Promise.all(
    directory.reports.map(async (person) => {
      const row = rows.get(normalizeId(person.id));
      const sharing = row?.sharing ?? (await deps.sharing.get(deps.tenantId, person.id));
      return pairTrendOf({
        manager,
        report: { id: person.id, displayName: person.displayName },
        audience: 'manager',
        sharing,
        months,
        records: row?.records ?? [],
        commitments: row?.commitments ?? [],
        now,
      });
    }),
  );
}

/** Configuration enrols managers; a manager's own choice (the enrolment API) adds to it or opts out of it. */
async function enrolledManagers(deps: MonthlyDigestDeps): Promise<Map<string, Enrolment | null>> {
  const managers = new Map<string, Enrolment | null>();
  for (const id of deps.config.enrolledManagerIds) managers.set(normalizeId(id), null);
  for (const enrolment of await deps.enrolments.list(deps.tenantId)) {
    const id = normalizeId(enrolment.managerId);
    if (enrolment.enrolled) managers.set(id, enrolment);
    else managers.delete(id);
  }
  return managers;
}

async function forEachLimited<T>(items: readonly T[], work: (item: T) => Promise<void>): Promise<void> {
  const limit = new Semaphore(TABLE_CONCURRENCY);
  await Promise.all(items.map((item) => limit.runExclusive(() => work(item))));
}

/** What a digest run works with, from the composed services: the timer and the fault tests share it. */
export function monthlyDigestDeps(
  services: {
    tenantId: string;
    statusRequests: StatusRequestConfig;
    clock: () => Date;
    enrolments: EnrolmentStore;
    digestClaims: DigestClaimStore;
    statusScan: StatusScanGateway;
    trendReader: TrendReader;
    trendSharing: TrendSharingStore;
    digestHooks?: DigestHooks;
  },
  extras: Pick<MonthlyDigestDeps, 'hooks' | 'log'> = {},
): MonthlyDigestDeps {
  const hooks = extras.hooks ?? services.digestHooks;
  return {
    tenantId: services.tenantId,
    config: services.statusRequests,
    clock: services.clock,
    enrolments: services.enrolments,
    claims: services.digestClaims,
    gateway: services.statusScan,
    trends: services.trendReader,
    sharing: services.trendSharing,
    ...(hooks ? { hooks } : {}),
    ...(extras.log ? { log: extras.log } : {}),
  };
}
