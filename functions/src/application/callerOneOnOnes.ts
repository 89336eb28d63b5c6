import type { HttpRequest, HttpResponseInit } from '@azure/functions';
import { HOME_HORIZON_DAYS, type BoardRef, type Role } from '../contract';
import type { Caller } from '../auth/tokenValidator';
import { bearerTokenOf } from '../auth/tokenValidator';
import type { Services } from '../composition';
import type { CalendarEvent } from '../domain/calendar';
import { detectOneOnOne, type DirectoryPerson, type OrgChartFacts } from '../domain/oneOnOnes';
import { latestEnded, nextOccurrence, type AfterMeeting } from '../domain/occurrences';
import { roleInPair, type Pair } from '../domain/pairs';
import { boardOccurrenceIdOf } from '../domain/seriesIdentity';
import { leadTimeMinutes } from '../domain/statusRequests';
import type { CalendarGateway } from '../graph/calendarGateway';
import { fromGraph } from '../http/pipeline/errors';
import { delegatedAccessAnswer } from '../http/pipeline/delegatedAccess';
import type { StatusRequestConfig } from '../config/statusRequests';
import type { EnrolmentStore } from '../store/enrolmentStore';

/*
 * The caller's 1:1s as their own calendar shows them, for every request a person makes about them: the side panel
 * (GET meetings/{chatId}/board), Home and opening a board outside a meeting. One window read covers a weekly,
 * fortnightly or monthly series' latest past occurrence (its recap may still be missing) and its next one; a series
 * whose next occurrence lies beyond the window costs one more request (its instances), and only then.
 */

const DAY_MS = 24 * 3600_000;
/** Back far enough to see a monthly 1:1's last occurrence, and so the series itself. */
export const LOOK_BACK_MS = 35 * DAY_MS;
export const LOOK_AHEAD_MS = HOME_HORIZON_DAYS * DAY_MS;
/** How far past the window a series' next occurrence is looked for (a quarterly 1:1 is still found). */
export const NEXT_OCCURRENCE_HORIZON_MS = 400 * DAY_MS;

type CalendarServices = Pick<Services, 'calendar' | 'callerCalendar'>;

export type CalendarRead = { ok: true; events: CalendarEvent[] } | { ok: false; response: HttpResponseInit };

/** The caller's own calendar with THEIR permission (On-Behalf-Of, their token as the assertion), not app-only. */
export function calendarOfCaller(services: CalendarServices, request: HttpRequest, caller: Caller): CalendarGateway {
  const assertion = bearerTokenOf(request.headers.get('authorization'));
  return services.callerCalendar && assertion ? services.callerCalendar(caller, assertion) : services.calendar;
}

/** Reads the caller's calendar in [start, end); consent, Conditional Access or an unreachable mailbox answer as one. */
export async function readCallerCalendar(
  calendar: CalendarGateway,
  caller: Caller,
  start: Date,
  end: Date,
): Promise<CalendarRead> {
  try {
    return {
      ok: true,
      events: await fromGraph('your calendar', () => calendar.eventsBetween(caller.userId, start, end)),
    };
  } catch (error) {
    const refused = delegatedAccessAnswer(error, 'your calendar');
    if (refused) return { ok: false, response: refused };
    throw error;
  }
}

/**
 * The caller's delegated access, confirmed without reading the calendar: an open answered from a kept resolution
 * saves the calendar read, never the consent or Conditional Access check the read would have met. Null: go on.
 */
export async function confirmCallerAccess(
  services: CalendarServices,
  request: HttpRequest,
  caller: Caller,
): Promise<HttpResponseInit | null> {
  const assertion = bearerTokenOf(request.headers.get('authorization'));
  if (!services.callerCalendar || !assertion) return null;
  const calendar = services.callerCalendar(caller, assertion);
  try {
    await fromGraph('your calendar', () => calendar.confirmAccess());
    return null;
  } catch (error) {
    const refused = delegatedAccessAnswer(error, 'your calendar');
    if (refused) return refused;
    throw error;
  }
}

/** The window around `now` every lookup reads. */
export function lookupWindow(now: Date): { start: Date; end: Date } {
  return { start: new Date(now.getTime() - LOOK_BACK_MS), end: new Date(now.getTime() + LOOK_AHEAD_MS) };
}

/**
 * `events` plus the next occurrence of each series among them that has none after `now` in the window: one
 * instances request per such series (Graph `/events/{seriesMasterId}/instances`), none when every series has one.
 */
export async function withNextOccurrences(
  calendar: CalendarGateway,
  caller: Caller,
  events: readonly CalendarEvent[],
  now: Date,
): Promise<CalendarEvent[]> {
  const { end } = lookupWindow(now);
  const masters = new Set(events.flatMap((e) => (e.seriesMasterId ? [e.seriesMasterId] : [])));
  const lacking = [...masters].filter(
    (id) => !events.some((e) => e.seriesMasterId === id && Date.parse(e.startUtc) > now.getTime()),
  );
  if (lacking.length === 0 || !calendar.instancesBetween) return [...events];
  const instances = calendar.instancesBetween.bind(calendar);
  const later = await Promise.all(
    lacking.map((id) =>
      fromGraph('your calendar', () =>
        instances(caller.userId, id, end, new Date(end.getTime() + NEXT_OCCURRENCE_HORIZON_MS)),
      ),
    ),
  );
  const next = later.flatMap((found) => {
    const first = nextOccurrence(found, now);
    return first ? [first] : [];
  });
  return [...events, ...next];
}

/** One occurrence of a 1:1 of the caller with their manager or a direct report. */
export interface CallerOneOnOne {
  event: CalendarEvent;
  pair: Pair;
  manager: DirectoryPerson;
  report: DirectoryPerson;
  role: Role;
  /** Someone else is in the meeting, and so in its chat: the assistant who booked it for the pair. */
  othersInChat: boolean;
  /** The board this occurrence has or would have: the same id from both people's calendars. */
  ref: BoardRef;
}

/** The events that are 1:1s of the caller (detectOneOnOne over the org chart around them). */
export function oneOnOnesOf(
  events: readonly CalendarEvent[],
  facts: OrgChartFacts,
  callerId: string,
): CallerOneOnOne[] {
  return events.flatMap((event) => {
    const decision = detectOneOnOne(event, facts);
    if (decision.kind !== 'oneOnOne') return [];
    const role = roleInPair(decision.pair, callerId);
    if (!role) return [];
    const { pair, manager, report, othersInChat } = decision;
    return [
      { event, pair, manager, report, role, othersInChat, ref: { ...pair, occurrenceId: boardOccurrenceIdOf(event) } },
    ];
  });
}

export interface LeadTimeServices {
  enrolments: Pick<EnrolmentStore, 'get'>;
  statusRequests: Pick<StatusRequestConfig, 'defaultLeadTimeMinutes'>;
}

/** A pair's status-request lead time: its own, else the manager's, else the configured default. */
export async function pairLeadTimeMs(services: LeadTimeServices, tenantId: string, pair: Pair): Promise<number> {
  const enrolment = await services.enrolments.get(tenantId, pair.managerId);
  const minutes = leadTimeMinutes(
    {
      globalMinutes: services.statusRequests.defaultLeadTimeMinutes,
      managerMinutes: enrolment?.leadTimeMinutes ?? null,
      pairMinutes: new Map(Object.entries(enrolment?.pairLeadTimeMinutes ?? {})),
    },
    pair.reportId,
  );
  return minutes * 60_000;
}

/**
 * What the after-the-meeting rule (domain/occurrences chooseOccurrence) needs about one series' occurrences: whether
 * its latest ended one has a recap (one board read), and the pair's lead time. Nothing is read when none has ended.
 */
export async function afterMeetingOf<T extends { startUtc: string; endUtc: string; ref: BoardRef }>(
  services: Pick<Services, 'boards'> & LeadTimeServices,
  tenantId: string,
  occurrences: readonly T[],
  now: Date,
): Promise<AfterMeeting<T> | undefined> {
  const ended = latestEnded(occurrences, now);
  if (!ended) return undefined;
  const [stored, leadTimeMs] = await Promise.all([
    services.boards.get({ tenantId, ...ended.ref }),
    pairLeadTimeMs(services, tenantId, ended.ref),
  ]);
  const missing = !stored?.board.recap;
  return { recapMissing: (c) => c === ended && missing, leadTimeMs };
}
