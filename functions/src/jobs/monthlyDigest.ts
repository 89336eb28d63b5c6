import { randomUUID } from 'node:crypto';
import { DEFAULT_TREND_MONTHS, type Month, type PairTrend } from '../contract';
import { digestMonthOf, isFirstWorkingDayOfMonth, midMonth, monthlyDigestEmail } from '../domain/monthlyDigest';
import { normalizeId } from '../domain/pairs';
import { monthsEndingAt, pairTrendOf } from '../domain/trends';
import type { SendOutcome } from '../graph/mailGateway';
import type { ManagerDirectory, StatusScanGateway } from '../graph/statusScanGateway';
import type { StatusRequestConfig } from '../config/statusRequests';
import type { TrendsConfig } from '../config/trends';
import {
  digestClaimIdOf,
  type DigestClaim,
  type DigestClaimPatch,
  type DigestClaimStore,
} from '../store/digestClaimStore';
import type { Enrolment, EnrolmentStore } from '../store/enrolmentStore';
import type { TrendReader, TrendSharingStore } from '../application/trends';
import { nextClaimStep } from '../domain/claimSteps';
import { deliverExactlyOnce, type DeliveryStep, type DeliveryTally } from '../delivery/exactlyOnce';
import { timerMailPolicy, type MailPolicy, type MailSending } from '../delivery/mail';
import { enrolledManagers } from './managers';

/** Where a test can stop a run as a crash would (like jobs/preMeetingScan ScanHooks). */
export interface DigestHooks {
  /** The claims are written; none of this run's has been marked `sending` or sent yet. */
  afterClaim?(claims: readonly DigestClaim[]): void | Promise<void>;
  /** The sends have answered; their outcome is not recorded yet. */
  afterSend?(outcomes: ReadonlyMap<string, SendOutcome>): void | Promise<void>;
}

export interface MonthlyDigestDeps {
  tenantId: string;
  config: Pick<StatusRequestConfig, 'enrolledManagerIds' | 'serviceMailbox' | 'claimLeaseMs'> & {
    trendsTabUrl: TrendsConfig['tabUrl'];
  };
  clock: () => Date;
  enrolments: EnrolmentStore;
  claims: DigestClaimStore;
  /** The pre-meeting scan's Graph gateway: directories, `$batch`ed sendMail and the Sent Items lookup. */
  gateway: Pick<StatusScanGateway, 'directories' | 'send' | 'sentAlready'>;
  trends: TrendReader;
  sharing: TrendSharingStore;
  hooks?: DigestHooks;
  log?: (line: string) => void;
  /** Pacing under Exchange's per-minute limit and the settling bounds, shared with the scan (delivery/mail). */
  mailSending?: MailSending;
}

/** What one run did, in counts only; the sends as the one sender tallied them (a digest has one generation). */
export interface DigestReport extends Omit<DeliveryTally, 'freshAfterMove'> {
  month: Month;
  firstWorkingDay: boolean;
  managers: number;
  alreadySent: number;
  noSender: number;
}

/**
 * The monthly digest (timer `monthlyDigest`): on the first working day of a month (UTC, domain/monthlyDigest),
 * every enrolled manager gets one email about the month before — exactly once, through the one sender
 * (delivery/exactlyOnce) with mail's policy: a claim row per manager and month (digestClaims), Sent Items settles a
 * send that may have left, a manager's mailbox closed to Candor falls back to the service mailbox. Firings on later
 * days of the month only finish claims made on the first working day; they never start a digest, so a manager
 * never gets one late or twice.
 */
export async function runMonthlyDigest(deps: MonthlyDigestDeps): Promise<DigestReport> {
  const now = deps.clock();
  const month = digestMonthOf(now);
  const firstWorkingDay = isFirstWorkingDayOfMonth(now);
  const report: DigestReport = {
    month,
    firstWorkingDay,
    managers: 0,
    claimed: 0,
    sent: 0,
    alreadySent: 0,
    settledAsSent: 0,
    decidedUnsent: 0,
    busyElsewhere: 0,
    unknownOutcome: 0,
    retryLater: 0,
    rejected: 0,
    noSender: 0,
  };
  const existing = await deps.claims.ofMonth(deps.tenantId, month);
  if (!firstWorkingDay && existing.size === 0) return report;
  const managers = await enrolledManagers(deps.enrolments, deps.tenantId, deps.config.enrolledManagerIds);
  report.managers = managers.size;

  const run = { owner: randomUUID(), leaseUntil: new Date(now.getTime() + deps.config.claimLeaseMs).toISOString() };
  const steps = digestSteps(deps, [...managers], existing, { month, firstWorkingDay, now, run }, report);
  const tally = await deliverExactlyOnce(digestPolicy(deps, month, now), deps.claims, run, steps);
  report.claimed = tally.claimed;
  report.sent = tally.sent;
  report.settledAsSent = tally.settledAsSent;
  report.decidedUnsent = tally.decidedUnsent;
  report.unknownOutcome = tally.unknownOutcome;
  report.retryLater = tally.retryLater;
  report.busyElsewhere += tally.busyElsewhere;
  report.rejected += tally.rejected;
  deps.log?.(
    `monthly digest ${month}: ${report.managers} managers, ${report.sent} sent, ${report.alreadySent} already sent, ` +
      `${report.settledAsSent} settled as sent, ${report.unknownOutcome} unknown, ${report.retryLater} later, ${report.rejected} refused`,
  );
  return report;
}

/** Decide: each manager's claim of the month (domain/claimSteps); a new one only on the first working day. */
function digestSteps(
  deps: MonthlyDigestDeps,
  managers: ReadonlyArray<[string, Enrolment | null]>,
  existing: ReadonlyMap<string, DigestClaim>,
  at: { month: Month; firstWorkingDay: boolean; now: Date; run: { owner: string; leaseUntil: string } },
  report: DigestReport,
): Array<DeliveryStep<DigestClaim, string>> {
  const steps: Array<DeliveryStep<DigestClaim, string>> = [];
  for (const [managerId, enrolment] of managers) {
    const sender = enrolment?.sendFromManagerMailbox ? managerId : deps.config.serviceMailbox;
    if (!sender) {
      report.noSender++;
      continue;
    }
    const claim = existing.get(managerId) ?? null;
    const step = nextClaimStep(claim, at.now);
    if (step.kind === 'claim') {
      if (!at.firstWorkingDay) continue;
      const fresh: DigestClaim = {
        tenantId: deps.tenantId,
        managerId,
        month: at.month,
        state: 'claimed',
        owner: at.run.owner,
        leaseUntil: at.run.leaseUntil,
        takeovers: 0,
        claimId: digestClaimIdOf(managerId, at.month),
        sender: null,
        attempts: 0,
        problem: null,
        sentAt: null,
      };
      steps.push({ kind: 'claim', claim: fresh, item: managerId, sender });
    } else if (step.kind === 'takeOver' && claim) {
      steps.push({ kind: 'takeOver', claim, item: managerId, sender, settle: step.settle });
    } else if (step.kind === 'done') {
      report.alreadySent++;
    } else if (step.kind === 'rejected') {
      report.rejected++;
    } else {
      report.busyElsewhere++;
    }
  }
  return steps;
}

function digestPolicy(
  deps: MonthlyDigestDeps,
  month: Month,
  now: Date,
): MailPolicy<DigestClaim, string, DigestClaimPatch> {
  const months = monthsEndingAt(midMonth(month), DEFAULT_TREND_MONTHS);
  return timerMailPolicy<DigestClaim, string, DigestClaimPatch>(
    {
      rows: deps.claims,
      clock: deps.clock,
      composer: async (works) => {
        const directories = await deps.gateway.directories(works.map((w) => w.item));
        return async ({ item: managerId }) => {
          const directory = directories.get(managerId) ?? null;
          // Graph could not tell who the manager's reports are this time: the next firing tries again.
          if (!directory) return { kind: 'release', problem: 'directory unreadable' };
          const address = directory.manager.addresses[0];
          if (!address) return { kind: 'reject', problem: 'manager has no mail address' };
          if (directory.reports.length === 0) return { kind: 'reject', problem: 'no direct reports' };
          let reports: PairTrend[];
          try {
            reports = await managerViews(deps, directory, months, now);
          } catch (error) {
            // One manager's unreadable trend rows must not hold up the others; the claim is taken over after its lease.
            deps.log?.(
              `monthly digest: trend rows unreadable for one manager (${error instanceof Error ? error.name : 'error'})`,
            );
            return { kind: 'later' };
          }
          const email = monthlyDigestEmail({
            managerName: directory.manager.displayName,
            month,
            reports,
            trendsUrl: deps.config.trendsTabUrl,
          });
          return { kind: 'ready', message: { to: [{ address, name: directory.manager.displayName }], email } };
        };
      },
      ...(deps.hooks ? { hooks: deps.hooks } : {}),
      note: (event) => {
        if (event.kind === 'refused') deps.log?.(`monthly digest refused by Graph (status ${event.status})`);
      },
    },
    deps.gateway,
    deps.config.serviceMailbox,
    deps.mailSending,
  );
}

/**
 * Each current direct report as the manager sees them (audience 'manager', the report's sharing applied), from ONE
 * partition query of the monthly table. A report whose pair row carries no sharing is looked up in the sharing store.
 */
async function managerViews(
  deps: MonthlyDigestDeps,
  directory: ManagerDirectory,
  months: Month[],
  now: Date,
): Promise<PairTrend[]> {
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

/** What a digest run works with, from the composed services: the timer and the fault tests share it. */
export function monthlyDigestDeps(
  services: {
    tenantId: string;
    statusRequests: StatusRequestConfig;
    trends: Pick<TrendsConfig, 'tabUrl'>;
    clock: () => Date;
    enrolments: EnrolmentStore;
    digestClaims: DigestClaimStore;
    statusScan: StatusScanGateway;
    trendReader: TrendReader;
    trendSharing: TrendSharingStore;
    digestHooks?: DigestHooks;
    mailSending?: MailSending;
  },
  extras: Pick<MonthlyDigestDeps, 'hooks' | 'log'> = {},
): MonthlyDigestDeps {
  const hooks = extras.hooks ?? services.digestHooks;
  return {
    tenantId: services.tenantId,
    config: { ...services.statusRequests, trendsTabUrl: services.trends.tabUrl },
    clock: services.clock,
    enrolments: services.enrolments,
    claims: services.digestClaims,
    gateway: services.statusScan,
    trends: services.trendReader,
    sharing: services.trendSharing,
    ...(services.mailSending ? { mailSending: services.mailSending } : {}),
    ...(hooks ? { hooks } : {}),
    ...(extras.log ? { log: extras.log } : {}),
  };
}
