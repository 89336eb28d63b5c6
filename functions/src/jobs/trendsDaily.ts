import { Semaphore } from 'async-mutex';
import { loadWindowOf, scheduledOneOnOnesOf, weekLoadsOf, workingHoursOf } from '../domain/calendarLoad';
import { normalizeId } from '../domain/pairs';
import type { CalendarLoadGateway } from '../graph/calendarLoadGateway';
import type { StatusScanGateway } from '../graph/statusScanGateway';
import type { Services } from '../composition';
import type { EnrolmentStore } from '../store/enrolmentStore';
import type { PairKey, TrendRecorder, TrendSharingStore } from '../application/trends';
import { enrolledManagers, orgChartOf } from './managers';

export interface TrendsDailyDeps {
  tenantId: string;
  /** Managers enrolled by configuration; a stored enrolment choice adds to or opts out of it (as for the scan). */
  configuredManagerIds: readonly string[];
  clock: () => Date;
  enrolments: EnrolmentStore;
  /** The pre-meeting scan's gateway: its cached directory and its `$batch`ed calendar reads. */
  directory: Pick<StatusScanGateway, 'directories' | 'calendars'>;
  calendarLoad: CalendarLoadGateway;
  recorder: Pick<TrendRecorder, 'recordScheduled' | 'recordWeek'>;
  sharing: Pick<TrendSharingStore, 'get'>;
  log?: (line: string) => void;
}

/** What one run did, in counts only (never names, subjects or ids of people). */
export interface TrendsDailyReport {
  managers: number;
  unreadCalendars: number;
  pairs: number;
  occurrencesRecorded: number;
  weeksRecorded: number;
  reportsSkippedByChoice: number;
  unreadReportCalendars: number;
  /** People (managers and reports) whose mailbox Graph cannot serve at all (MailboxNotEnabledForRESTAPI). */
  mailboxesUnavailable: number;
  failed: number;
}

/** How far back the managers' calendars are read: a week, so a day or two the job did not run is caught up. */
export const SCHEDULED_LOOK_BACK_MS = 7 * 24 * 3600_000;
const TABLE_CONCURRENCY = 16;

/**
 * The daily trends job (timer `trendsDaily`), for every enrolled manager:
 *
 * 1. Scheduled 1:1s: the manager's calendar of the last seven days; every 1:1 with a direct report that has ended,
 *    or was cancelled, is recorded (TrendRecorder.recordScheduled), so a 1:1 nobody opened a board for still counts
 *    as skipped, and a cancelled one as cancelled.
 * 2. Calendar load: for each direct report who leaves it on (TrendSharing.calendarLoad), the previous and the
 *    current week of their calendar — times, free/busy and when each entry was made, nothing else — against their
 *    working hours, recorded whole (TrendRecorder.recordWeek): meetings, hours, after-hours meetings, and of those the
 *    scrambles (booked under 24 hours ahead) and the evening or weekend ones. For a report who switched it off nothing of their calendar or mailbox is read.
 *
 * Everything is set, never added, so running it twice, or again after a crash, gives the same aggregates.
 */
export async function runTrendsDaily(deps: TrendsDailyDeps): Promise<TrendsDailyReport> {
  const report: TrendsDailyReport = {
    managers: 0,
    unreadCalendars: 0,
    pairs: 0,
    occurrencesRecorded: 0,
    weeksRecorded: 0,
    reportsSkippedByChoice: 0,
    unreadReportCalendars: 0,
    mailboxesUnavailable: 0,
    failed: 0,
  };
  const unavailable = new Set<string>();
  const onMailboxUnavailable = (userId: string): void => {
    unavailable.add(userId);
    report.mailboxesUnavailable = unavailable.size;
  };
  const log = deps.log ?? (() => undefined);
  const now = deps.clock();
  const managerIds = [...(await enrolledManagers(deps.enrolments, deps.tenantId, deps.configuredManagerIds)).keys()];
  report.managers = managerIds.length;
  if (managerIds.length === 0) {
    log('trends daily: no enrolled managers');
    return report;
  }

  const directories = await deps.directory.directories(managerIds);
  const readable = managerIds.filter((id) => directories.get(id));
  const calendars = await deps.directory.calendars(
    readable,
    new Date(now.getTime() - SCHEDULED_LOOK_BACK_MS),
    now,
    onMailboxUnavailable,
  );
  const limit = new Semaphore(TABLE_CONCURRENCY);
  const guarded = async (work: () => Promise<void>): Promise<void> => {
    try {
      await limit.runExclusive(work);
    } catch {
      // One pair's failure must not stop the others; tomorrow's run reads the same week again.
      report.failed++;
    }
  };

  // 1. The calendar's record of each 1:1.
  const pairs: PairKey[] = [];
  const scheduledWork: Array<Promise<void>> = [];
  for (const managerId of managerIds) {
    const directory = directories.get(managerId);
    const events = calendars.get(managerId);
    if (!directory) {
      report.unreadCalendars++;
      continue;
    }
    for (const r of directory.reports) pairs.push({ tenantId: deps.tenantId, managerId, reportId: normalizeId(r.id) });
    if (!events) {
      report.unreadCalendars++;
      continue;
    }
    for (const found of scheduledOneOnOnesOf({ managerId, events, orgChart: orgChartOf(directory), now })) {
      const pair = { tenantId: deps.tenantId, ...found.pair };
      scheduledWork.push(
        guarded(async () => {
          await deps.recorder.recordScheduled(pair, found.scheduled);
          report.occurrencesRecorded++;
        }),
      );
    }
  }
  report.pairs = pairs.length;
  await Promise.all(scheduledWork);

  // 2. Calendar load, only for the reports who leave it on. Their choice is read before anything of theirs is.
  const counted: PairKey[] = [];
  await Promise.all(
    pairs.map((pair) =>
      guarded(async () => {
        const sharing = await deps.sharing.get(pair.tenantId, pair.reportId);
        if (sharing.calendarLoad) counted.push(pair);
        else report.reportsSkippedByChoice++;
      }),
    ),
  );
  if (counted.length > 0) {
    const settings = await deps.calendarLoad.workingHours(
      counted.map((p) => p.reportId),
      onMailboxUnavailable,
    );
    const plans = counted.flatMap((pair) => {
      const mailbox = settings.get(pair.reportId);
      if (!mailbox) {
        report.unreadReportCalendars++;
        return [];
      }
      const workingHours = workingHoursOf(mailbox.workingHours, mailbox.timeZone);
      return [{ pair, workingHours, window: loadWindowOf(now, workingHours.zone) }];
    });
    const events = await deps.calendarLoad.loadEvents(
      plans.map((p) => ({ userId: p.pair.reportId, start: p.window.start, end: p.window.end })),
      onMailboxUnavailable,
    );
    const weekWork: Array<Promise<void>> = [];
    for (const plan of plans) {
      const entries = events.get(plan.pair.reportId);
      if (!entries) {
        report.unreadReportCalendars++;
        continue;
      }
      for (const week of weekLoadsOf({
        events: entries,
        workingHours: plan.workingHours,
        weekStarts: plan.window.weekStarts,
      })) {
        weekWork.push(
          guarded(async () => {
            await deps.recorder.recordWeek(plan.pair, week);
            report.weeksRecorded++;
          }),
        );
      }
    }
    await Promise.all(weekWork);
  }

  log(
    `trends daily: ${report.managers} managers, ${report.pairs} pairs, ${report.occurrencesRecorded} occurrences recorded, ` +
      `${report.weeksRecorded} weeks recorded, ${report.reportsSkippedByChoice} reports skipped by choice, ` +
      `${report.unreadCalendars + report.unreadReportCalendars} calendars unread (${report.mailboxesUnavailable} mailboxes unavailable), ${report.failed} failed`,
  );
  return report;
}

/** What one run works on, from the services: the timer and the tests share it. */
export function trendsDailyDeps(
  services: Pick<
    Services,
    | 'tenantId'
    | 'statusRequests'
    | 'clock'
    | 'enrolments'
    | 'statusScan'
    | 'calendarLoad'
    | 'trendRecorder'
    | 'trendSharing'
  >,
  extras: Pick<TrendsDailyDeps, 'log'> = {},
): TrendsDailyDeps {
  return {
    tenantId: services.tenantId,
    configuredManagerIds: services.statusRequests.enrolledManagerIds,
    clock: services.clock,
    enrolments: services.enrolments,
    directory: services.statusScan,
    calendarLoad: services.calendarLoad,
    recorder: services.trendRecorder,
    sharing: services.trendSharing,
    ...(extras.log ? { log: extras.log } : {}),
  };
}
