import type { CalendarEvent } from './calendar';
import { ianaTimeZoneOf } from './meetingTime';
import { offsetAt, wallClockOf } from './zonedClock';
import { detectOneOnOne, type OrgChartFacts } from './oneOnOnes';
import { normalizeId, type Pair } from './pairs';
import type { ScheduledOccurrence, WeekLoad } from './trendFacts';
import { boardOccurrenceIdOf } from './seriesIdentity';

export { boardOccurrenceIdOf };

/*
 * What the daily trends job (jobs/trendsDaily.ts) reads from calendars, as pure rules:
 *   1. the calendar's record of a pair's 1:1s (held, skipped or cancelled is decided later, from the board), and
 *   2. a report's calendar load per week, for "fewer after-hours scrambles": counts only, never what a meeting is.
 */

// ---------------------------------------------------------------------------------------------------------------
// 1. Scheduled 1:1s

export interface ScheduledOneOnOne {
  pair: Pair;
  scheduled: ScheduledOccurrence;
}

/**
 * The manager's 1:1s with their direct reports that have ended by `now`, or that were called off: cancelled (an
 * attendee's copy stays in the calendar marked cancelled) or declined by either side (it was called off, not
 * silently skipped). Each occurrence once, with the occurrence id the board of that meeting has.
 */
export function scheduledOneOnOnesOf(input: {
  managerId: string;
  events: readonly CalendarEvent[];
  orgChart: OrgChartFacts;
  now: Date;
}): ScheduledOneOnOne[] {
  const managerId = normalizeId(input.managerId);
  const found = new Map<string, ScheduledOneOnOne>();
  for (const event of input.events) {
    const decision = detectOneOnOne(event, input.orgChart);
    let cancelled = false;
    let pair: Pair | null = decision.kind === 'oneOnOne' ? decision.pair : null;
    if (decision.kind === 'notOneOnOne' && (decision.reason === 'cancelled' || decision.reason === 'declined')) {
      // Would it be the pair's 1:1 had nobody called it off? Then it counts, as cancelled.
      const again = detectOneOnOne(asNotCalledOff(event), input.orgChart);
      if (again.kind === 'oneOnOne') {
        pair = again.pair;
        cancelled = true;
      }
    }
    if (!pair || pair.managerId !== managerId) continue;
    if (!cancelled && Date.parse(event.endUtc) > input.now.getTime()) continue;
    const occurrenceId = boardOccurrenceIdOf(event);
    const key = `${pair.reportId}|${occurrenceId}`;
    const earlier = found.get(key);
    // Listed twice (e.g. a shared calendar): a copy that still takes place wins over a cancelled one.
    if (earlier && !earlier.scheduled.cancelled) continue;
    found.set(key, {
      pair,
      scheduled: {
        occurrenceId,
        start: new Date(event.startUtc).toISOString(),
        end: new Date(event.endUtc).toISOString(),
        cancelled,
      },
    });
  }
  return [...found.values()];
}

function asNotCalledOff(event: CalendarEvent): CalendarEvent {
  const accepted = (response: CalendarEvent['ownerResponse']): CalendarEvent['ownerResponse'] =>
    response === 'declined' ? 'accepted' : response;
  return {
    ...event,
    isCancelled: false,
    ownerResponse: accepted(event.ownerResponse),
    attendees: event.attendees.map((a) => ({ ...a, response: accepted(a.response) })),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// 2. Calendar load

/** One entry of a report's calendar view, read with `$select=start,end,showAs,isCancelled,createdDateTime` only. */
export interface LoadEvent {
  startUtc: string;
  endUtc: string;
  showAs: string | null;
  isCancelled: boolean;
  /** When the entry was put in this calendar (Graph's createdDateTime), ISO UTC; null when Graph did not say. */
  createdUtc: string | null;
}

/** Exchange's working hours as mailboxSettings has them (`daysOfWeek` names, `HH:mm:ss` times, a zone name). */
export interface WorkingHoursSetting {
  daysOfWeek: readonly string[];
  startTime: string;
  endTime: string;
  timeZoneName: string | null;
}

/** Working hours ready to test an instant against: weekdays 0 = Sunday, minutes after local midnight, an IANA zone. */
export interface WorkingHours {
  days: ReadonlySet<number>;
  startMinute: number;
  endMinute: number;
  zone: string;
  /** True when the mailbox had no usable working hours and DEFAULT_WORKING_HOURS stand in. */
  fallback: boolean;
}

/** Without configured working hours: Monday to Friday, 09:00–17:00, in the mailbox's time zone. */
export const DEFAULT_WORKING_HOURS = { days: [1, 2, 3, 4, 5], startMinute: 9 * 60, endMinute: 17 * 60 } as const;

/** What counts as time in a meeting; `free` and `unknown` do not. */
const MEETING_SHOW_AS = new Set(['busy', 'tentative', 'oof', 'workingelsewhere']);
const DAY_NAMES = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const DAY_MS = 24 * 3600_000;
/** Booked less than this ahead of its start is short notice; exactly 24 hours ahead is not. */
export const SHORT_NOTICE_MS = DAY_MS;

/**
 * The report's working hours. The zone is the working hours' own (Windows names mapped to IANA), else the
 * mailbox's, else UTC. No days, unreadable times or an end not after the start (overnight shifts are not
 * modelled) fall back to DEFAULT_WORKING_HOURS in that zone.
 */
export function workingHoursOf(setting: WorkingHoursSetting | null, mailboxTimeZone: string | null): WorkingHours {
  const zone = ianaTimeZoneOf(setting?.timeZoneName) ?? ianaTimeZoneOf(mailboxTimeZone) ?? 'UTC';
  const days = new Set(
    (setting?.daysOfWeek ?? []).map((d) => DAY_NAMES.indexOf(d.toLowerCase())).filter((d) => d >= 0),
  );
  const startMinute = setting ? minutesOf(setting.startTime) : null;
  const endMinute = setting ? minutesOf(setting.endTime) : null;
  if (days.size === 0 || startMinute === null || endMinute === null || endMinute <= startMinute) {
    return {
      days: new Set(DEFAULT_WORKING_HOURS.days),
      startMinute: DEFAULT_WORKING_HOURS.startMinute,
      endMinute: DEFAULT_WORKING_HOURS.endMinute,
      zone,
      fallback: true,
    };
  }
  return { days, startMinute, endMinute, zone, fallback: false };
}

/** The two weeks the job counts each day, previous and current (Monday-based in `zone`), and the instants they span. */
export function loadWindowOf(now: Date, zone: string): { weekStarts: [string, string]; start: Date; end: Date } {
  const current = weekStartOf(now, zone);
  const previous = addDays(current, -7);
  return {
    weekStarts: [previous, current],
    start: new Date(zonedMidnightUtc(previous, zone)),
    end: new Date(zonedMidnightUtc(addDays(current, 7), zone)),
  };
}

/** The Monday (YYYY-MM-DD) of the week `instant` falls in, in `zone`. */
export function weekStartOf(instant: Date, zone: string): string {
  const local = localParts(instant.getTime(), zone);
  return addDays(local.date, -((local.weekday + 6) % 7));
}

/**
 * One WeekLoad per week in `weekStarts` (zeros for a week without meetings: an empty week is a fact too). A
 * meeting is an entry that is not cancelled, shows as busy, tentative, out of office or working elsewhere, and
 * lasts less than 24 hours — all-day and multi-day entries are blocks, not meetings (read in UTC, an all-day event
 * always spans whole days, so this needs no `isAllDay`). It belongs to the week its start falls in, in the working
 * hours' zone. It is after hours when it starts or ends outside the working hours or falls on a non-working day
 * (a meeting across midnight always is). meetingHours is the summed duration, to one decimal.
 *
 * Two kinds of after-hours meeting are counted apart, for "fewer after-hours scrambles":
 *   - shortNoticeAfterHours: after hours and put in the calendar less than 24 hours before it starts (its
 *     createdDateTime; for a series, when the series was made). Booked 24 hours ahead or more is planned. An entry
 *     whose creation time Graph did not give is not counted as short notice.
 *   - eveningOrWeekend: starts at or after the working day's end on a working day (the evening), or starts on a
 *     day that is not a working day (the weekend, whatever days those are for this person), in their zone. An
 *     early-morning meeting is after hours but neither.
 */
export function weekLoadsOf(input: {
  events: readonly LoadEvent[];
  workingHours: WorkingHours;
  weekStarts: readonly string[];
}): WeekLoad[] {
  const { workingHours } = input;
  const weeks = new Map(
    input.weekStarts.map((w) => [
      w,
      { weekStart: w, meetings: 0, ms: 0, afterHoursMeetings: 0, shortNoticeAfterHours: 0, eveningOrWeekend: 0 },
    ]),
  );
  for (const event of input.events) {
    const start = Date.parse(event.startUtc);
    const end = Date.parse(event.endUtc);
    if (event.isCancelled || !MEETING_SHOW_AS.has((event.showAs ?? '').toLowerCase())) continue;
    if (Number.isNaN(start) || Number.isNaN(end) || end <= start || end - start >= DAY_MS) continue;
    const week = weeks.get(weekStartOf(new Date(start), workingHours.zone));
    if (!week) continue;
    week.meetings += 1;
    week.ms += end - start;
    if (!isAfterHours(start, end, workingHours)) continue;
    week.afterHoursMeetings += 1;
    if (isShortNotice(start, event.createdUtc)) week.shortNoticeAfterHours += 1;
    if (isEveningOrWeekend(start, workingHours)) week.eveningOrWeekend += 1;
  }
  return [...weeks.values()].map((w) => ({
    weekStart: w.weekStart,
    meetings: w.meetings,
    meetingHours: Math.round(w.ms / 360_000) / 10,
    afterHoursMeetings: w.afterHoursMeetings,
    shortNoticeAfterHours: w.shortNoticeAfterHours,
    eveningOrWeekend: w.eveningOrWeekend,
  }));
}

/** Put in the calendar less than SHORT_NOTICE_MS before it starts (or after it began: not booked ahead at all). */
function isShortNotice(startMs: number, createdUtc: string | null): boolean {
  const created = createdUtc === null ? NaN : Date.parse(createdUtc);
  return !Number.isNaN(created) && startMs - created < SHORT_NOTICE_MS;
}

/** Starts on a day off, or at or after the end of a working day, in the person's zone. */
export function isEveningOrWeekend(startMs: number, hours: WorkingHours): boolean {
  const start = localParts(startMs, hours.zone);
  return !hours.days.has(start.weekday) || start.minuteOfDay >= hours.endMinute;
}

export function isAfterHours(startMs: number, endMs: number, hours: WorkingHours): boolean {
  const start = localParts(startMs, hours.zone);
  const end = localParts(endMs, hours.zone);
  if (!hours.days.has(start.weekday)) return true;
  const startMinute = start.minuteOfDay;
  // Ending at the next midnight is the end of the same day; ending any later on another day is after hours.
  const endMinute =
    end.date === start.date
      ? end.minuteOfDay
      : end.date === addDays(start.date, 1) && end.minuteOfDay === 0
        ? 24 * 60
        : Infinity;
  return startMinute < hours.startMinute || endMinute > hours.endMinute;
}

// ---------------------------------------------------------------------------------------------------------------
// Civil dates in a zone (Intl only; no date library needed for this much)

interface LocalParts {
  date: string;
  weekday: number;
  minuteOfDay: number;
}

function localParts(ms: number, zone: string): LocalParts {
  const w = wallClockOf(ms, zone);
  const date = `${String(w.y).padStart(4, '0')}-${String(w.mo).padStart(2, '0')}-${String(w.d).padStart(2, '0')}`;
  return { date, weekday: new Date(Date.UTC(w.y, w.mo - 1, w.d)).getUTCDay(), minuteOfDay: w.h * 60 + w.mi + w.s / 60 };
}

/** The instant of 00:00 on `date` (YYYY-MM-DD) in `zone`; two passes settle a day whose offset changes. */
export function zonedMidnightUtc(date: string, zone: string): number {
  const [y = 1970, m = 1, d = 1] = date.split('-').map(Number);
  const wall = Date.UTC(y, m - 1, d);
  const first = wall - offsetAt(wall, zone);
  return wall - offsetAt(first, zone);
}

function addDays(date: string, days: number): string {
  const [y = 1970, m = 1, d = 1] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** `08:30:00.0000000` → 510; null when it is not a time of day. */
function minutesOf(time: string): number | null {
  const match = /^(\d{1,2}):(\d{2})(?::(\d{2}))?/.exec(time.trim());
  if (!match) return null;
  const [h, m, s] = [Number(match[1]), Number(match[2]), Number(match[3] ?? 0)];
  if (h > 23 || m > 59 || s > 59) return null;
  return h * 60 + m + s / 60;
}
