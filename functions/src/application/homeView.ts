import { HOME_HORIZON_DAYS, type Commitment, type HomeOneOnOne, type HomeView } from '../contract';
import type { Caller } from '../auth/tokenValidator';
import type { Services } from '../composition';
import type { Board } from '../domain/board';
import { homeStatusOf } from '../domain/homeStatus';
import { latestEnded, nextOccurrence, recapStillDue } from '../domain/occurrences';
import { normalizeId, type Pair } from '../domain/pairs';
import { seriesIdentityOf } from '../domain/seriesIdentity';
import { claimBaseOf } from '../domain/statusRequests';
import type { CalendarGateway } from '../graph/calendarGateway';
import { orgChartFactsAround } from '../graph/orgChartGateway';
import { fromGraph } from '../http/pipeline/errors';
import { partitionOf } from '../store/boardStore';
import type { Enrolment } from '../store/enrolmentStore';
import {
  lookupWindow,
  oneOnOnesOf,
  pairLeadTimeMs,
  readCallerCalendar,
  withNextOccurrences,
  type CalendarRead,
  type CallerOneOnOne,
  type LeadTimeServices,
} from './callerOneOnOnes';

export type HomeServices = Pick<
  Services,
  | 'orgChart'
  | 'boards'
  | 'statusUpdates'
  | 'statusRequestClaims'
  | 'statusRequests'
  | 'enrolments'
  | 'statusChannels'
  | 'commitments'
>;

type Listed = CallerOneOnOne & { startUtc: string; endUtc: string; recapFirst: boolean };

const DAY_MS = 24 * 3600_000;

/**
 * Home for one caller: their 1:1s as manager and as report from one calendar read (plus a series' instances where
 * its next occurrence lies past the window), each with its state read by point reads in parallel.
 */
export async function homeViewOf(
  services: HomeServices,
  calendar: CalendarGateway,
  caller: Caller,
  now: Date,
): Promise<{ ok: true; view: HomeView } | Extract<CalendarRead, { ok: false }>> {
  const window = lookupWindow(now);
  const [facts, read] = await Promise.all([
    fromGraph('the org chart', () => orgChartFactsAround(services.orgChart, caller.userId)),
    readCallerCalendar(calendar, caller, window.start, window.end),
  ]);
  if (!read.ok) return read;
  const found = oneOnOnesOf(read.events, facts, caller.userId);
  const events = await withNextOccurrences(
    calendar,
    caller,
    found.map((o) => o.event),
    now,
  );
  const enrolments = memo((managerId: string) => services.enrolments.get(caller.tenantId, managerId));
  const commitments = memo((partition: string) => services.commitments.all(partition));
  const listed = await listedOccurrences(
    { ...services, enrolments: { get: (_t, id) => enrolments(id) } },
    caller,
    oneOnOnesOf(events, facts, caller.userId),
    now,
  );
  const callerId = normalizeId(caller.userId);
  const self = facts.people.find((p) => normalizeId(p.id) === callerId);
  const isManager = facts.reportingLines.some((l) => normalizeId(l.managerId) === callerId);
  const hasManager = facts.reportingLines.some((l) => normalizeId(l.reportId) === callerId);
  const [oneOnOnes, ownEnrolment, channel] = await Promise.all([
    Promise.all(listed.map((o) => homeOneOnOneOf(services, { enrolments, commitments }, caller, o, now))),
    isManager ? enrolments(callerId) : Promise.resolve(null),
    hasManager ? services.statusChannels.get(caller.tenantId, callerId) : Promise.resolve(null),
  ]);
  const configured = services.statusRequests.enrolledManagerIds.map(normalizeId).includes(callerId);
  return {
    ok: true,
    view: {
      me: { id: callerId, displayName: self?.displayName ?? '', isManager, hasManager },
      firstRun: {
        manager: isManager && !ownEnrolment && !configured,
        report: hasManager && channel !== null && !channel.chosen,
      },
      oneOnOnes,
    },
  };
}

/**
 * Per series: an ended occurrence whose recap is still due (domain/occurrences) first, then every occurrence not yet
 * ended within the horizon, or the series' next one when none is.
 */
async function listedOccurrences(
  services: Pick<Services, 'boards'> & LeadTimeServices,
  caller: Caller,
  found: readonly CallerOneOnOne[],
  now: Date,
): Promise<Listed[]> {
  const series = new Map<string, Listed[]>();
  const seen = new Set<string>();
  for (const o of found) {
    // The same occurrence can be listed twice (e.g. a calendar shared into the view): once on Home.
    if (seen.has(`${o.pair.reportId}|${o.ref.occurrenceId}`)) continue;
    seen.add(`${o.pair.reportId}|${o.ref.occurrenceId}`);
    const key = `${o.pair.managerId}|${o.pair.reportId}|${seriesIdentityOf(o.event)}`;
    const item: Listed = { ...o, startUtc: o.event.startUtc, endUtc: o.event.endUtc, recapFirst: false };
    series.set(key, [...(series.get(key) ?? []), item]);
  }
  const horizon = now.getTime() + HOME_HORIZON_DAYS * DAY_MS;
  const perSeries = await Promise.all(
    [...series.values()].map(async (occurrences) => {
      const coming = occurrences.filter((o) => Date.parse(o.endUtc) > now.getTime());
      const within = coming.filter((o) => Date.parse(o.startUtc) <= horizon);
      const next = nextOccurrence(occurrences, now);
      const shown = within.length > 0 ? within : next ? [next] : [];
      const ended = latestEnded(occurrences, now);
      if (!ended) return shown;
      const [stored, leadTimeMs] = await Promise.all([
        services.boards.get({ tenantId: caller.tenantId, ...ended.ref }),
        pairLeadTimeMs(services, caller.tenantId, ended.pair),
      ]);
      const due = recapStillDue(ended, next, now, { recapMissing: () => !stored?.board.recap, leadTimeMs });
      return due ? [{ ...ended, recapFirst: true }, ...shown] : shown;
    }),
  );
  const byStart = (a: Listed, b: Listed): number => Date.parse(a.startUtc) - Date.parse(b.startUtc);
  const all = perSeries.flat();
  return [...all.filter((o) => o.recapFirst).sort(byStart), ...all.filter((o) => !o.recapFirst).sort(byStart)];
}

async function homeOneOnOneOf(
  services: HomeServices,
  reads: {
    enrolments: (managerId: string) => Promise<Enrolment | null>;
    commitments: (partition: string) => Promise<Commitment[]>;
  },
  caller: Caller,
  o: Listed,
  now: Date,
): Promise<HomeOneOnOne> {
  const key = { tenantId: caller.tenantId, ...o.ref };
  const claimBase = claimBaseOf(seriesIdentityOf(o.event), o.event.originalStartUtc);
  const claim = { tenantId: caller.tenantId, ...o.pair, claimBase };
  const [stored, update, byEmail, byChat, commitments, enrolment, leadTimeMs] = await Promise.all([
    services.boards.get(key),
    services.statusUpdates.get(key),
    services.statusRequestClaims.latest(claim),
    services.statusRequestClaims.latest({ ...claim, channel: 'chat' }),
    reads.commitments(partitionOf(key)),
    reads.enrolments(o.pair.managerId),
    pairLeadTimeMs({ ...services, enrolments: { get: (_t, id) => reads.enrolments(id) } }, caller.tenantId, o.pair),
  ]);
  const sent = [byEmail, byChat].find((c) => c?.state === 'sent');
  const counterpart = o.role === 'manager' ? o.report : o.manager;
  const ended = Date.parse(o.endUtc) <= now.getTime();
  return {
    ref: o.ref,
    role: o.role,
    counterpart: { id: normalizeId(counterpart.id), displayName: counterpart.displayName },
    subject: o.event.subject,
    start: o.startUtc,
    end: o.endUtc,
    online: o.event.joinUrl !== null,
    ended,
    status: homeStatusOf({
      updatedAt: update?.updatedAt ?? null,
      askedAt: sent ? (sent.sentAt ?? sent.requestedStartUtc) : null,
      requestsOn: requestsOn(services, enrolment, o.pair),
      startUtc: o.startUtc,
      leadTimeMinutes: Math.round(leadTimeMs / 60_000),
      now,
    }),
    boardStarted: stored ? started(stored.board) : false,
    recapMissing: ended && !stored?.board.recap,
    openCommitments: commitments.filter((c) => c.status === 'open').length,
  };
}

/** The manager's own choice wins; configuration enrols the rest (jobs/managers.ts enrolledManagers). */
function requestsOn(services: Pick<Services, 'statusRequests'>, enrolment: Enrolment | null, pair: Pair): boolean {
  if (enrolment) return enrolment.enrolled;
  return services.statusRequests.enrolledManagerIds.map(normalizeId).includes(normalizeId(pair.managerId));
}

/** Someone wrote on the board: a field, a rating or the recap. */
function started(board: Board): boolean {
  return (
    board.recap !== null ||
    Object.values(board.fields).some((f) => f.revision > 0) ||
    Object.values(board.ratings).some((r) => r.revision > 0)
  );
}

/** One read per key within one request (a pair's commitments, a manager's enrolment). */
function memo<T>(read: (id: string) => Promise<T>): (id: string) => Promise<T> {
  const cache = new Map<string, Promise<T>>();
  return (id) => {
    const key = id.toLowerCase();
    const hit = cache.get(key) ?? read(key);
    cache.set(key, hit);
    return hit;
  };
}
