import {
  NOT_SHARED,
  PREFER_NOT_TO_SAY,
  type CalendarLoad,
  type MeetingRef,
  type Month,
  type MonthTrend,
  type RatingSummary,
  type RatingValue,
  type TrendSharing,
} from '../contract';
import { ratingVisibleTo } from './ratingVisibility';
import type { CommitmentFact, MeetingFact, MonthRecord } from './trendFacts';

/*
 * One month's figures, derived from that month's facts. Everything here is a count or an average of the facts, so
 * the same facts always give the same month (the incremental path and a rebuild agree by construction).
 */

export type TrendAudience = 'manager' | 'report';

/** The UTC month of an instant: months are UTC months of the meeting's original start. */
export function monthOf(isoOrDate: string | Date): Month {
  const date = typeof isoOrDate === 'string' ? new Date(isoOrDate) : isoOrDate;
  if (Number.isNaN(date.getTime())) throw new RangeError(`not a date: ${String(isoOrDate)}`);
  return date.toISOString().slice(0, 7);
}

/** `count` months, oldest first, the last being `now`'s UTC month. */
export function monthsEndingAt(now: Date, count: number): Month[] {
  const year = now.getUTCFullYear();
  const month = now.getUTCMonth();
  const months: Month[] = [];
  for (let back = Math.max(0, Math.floor(count)) - 1; back >= 0; back -= 1) {
    months.push(monthOf(new Date(Date.UTC(year, month - back, 1))));
  }
  return months;
}

/** Figures are kept to two decimals so a response never carries 0.30000000000000004. */
export function round2(value: number): number {
  return Math.round(value * 100) / 100;
}

/** Average of the numeric answers; "prefer not to say" is counted apart and never becomes a number. */
export function ratingSummaryOf(values: readonly (RatingValue | null)[]): RatingSummary {
  const numbers = values.filter((v): v is number => typeof v === 'number');
  const preferNot = values.filter((v) => v === PREFER_NOT_TO_SAY).length;
  const average = numbers.length === 0 ? null : round2(numbers.reduce((a, b) => a + b, 0) / numbers.length);
  return { average, answered: numbers.length, preferNot };
}

/** The report's weeks summed; null when none was read or the report switched calendar load off. */
function calendarOf(record: MonthRecord, sharing: TrendSharing): CalendarLoad | null {
  const weeks = Object.values(record.weeks);
  if (!sharing.calendarLoad || weeks.length === 0) return null;
  return {
    weeks: weeks.length,
    meetingHours: round2(weeks.reduce((sum, w) => sum + w.meetingHours, 0)),
    meetings: weeks.reduce((sum, w) => sum + w.meetings, 0),
    afterHoursMeetings: weeks.reduce((sum, w) => sum + w.afterHoursMeetings, 0),
  };
}

function byStart(a: { start: string; occurrenceId: string }, b: { start: string; occurrenceId: string }): number {
  return a.start === b.start ? a.occurrenceId.localeCompare(b.occurrenceId) : a.start < b.start ? -1 : 1;
}

/** Facts of a record in meeting order (earliest start first). */
export function factsOf(record: MonthRecord): MeetingFact[] {
  return Object.values(record.facts).sort(byStart);
}

/**
 * One month as `audience` sees it. A commitment counts as opened in the month of its createdAt and as done in the
 * month of its closedAt (when done). In the manager's view, mood and life load the report did not share are the
 * word `notShared`; the report's own view always holds their own numbers.
 */
export function monthTrendOf(input: {
  record: MonthRecord;
  commitments: readonly CommitmentFact[];
  audience: TrendAudience;
  sharing: TrendSharing;
}): MonthTrend {
  const { record, commitments, audience, sharing } = input;
  const facts = factsOf(record);
  const count = (pick: (f: MeetingFact) => boolean): number => facts.filter(pick).length;
  const held = count((f) => f.outcome === 'held');
  const skipped = count((f) => f.outcome === 'skipped');
  const cancelled = count((f) => f.outcome === 'cancelled');
  const energizingAnswered = count((f) => f.energizing);
  const drainingAnswered = count((f) => f.draining);
  const statusNudges = facts.reduce((sum, f) => sum + f.statusNudges, 0);
  const perHeld = (n: number): number | null => (held === 0 ? null : n / held);
  const meetings: MeetingRef[] = facts.map((f) => ({
    occurrenceId: f.occurrenceId,
    start: f.start,
    outcome: f.outcome,
  }));
  return {
    month: record.month,
    scheduled: held + skipped + cancelled,
    held,
    skipped,
    cancelled,
    energizingAnswered,
    drainingAnswered,
    supportAnswered: count((f) => f.support),
    energyShare: perHeld(energizingAnswered),
    drainShare: perHeld(drainingAnswered),
    mood: ratingVisibleTo(audience, 'mood', sharing) ? ratingSummaryOf(facts.map((f) => f.mood)) : NOT_SHARED,
    lifeLoad: ratingVisibleTo(audience, 'lifeLoad', sharing)
      ? ratingSummaryOf(facts.map((f) => f.lifeLoad))
      : NOT_SHARED,
    careerPulse: ratingSummaryOf(facts.map((f) => f.careerPulse)),
    recognitions: count((f) => f.recognition),
    statusNudges,
    nudgesPerMeeting: held === 0 ? null : round2(statusNudges / held),
    statusRequested: count((f) => f.statusRequested),
    statusAnswered: count((f) => f.statusAnswered),
    blockersNamed: count((f) => f.blockerNamed),
    supportNeedsNamed: count((f) => f.supportNeedNamed),
    commitmentsOpened: commitments.filter((c) => monthOf(c.createdAt) === record.month).length,
    commitmentsDone: commitments.filter(
      (c) => c.status === 'done' && c.closedAt !== null && monthOf(c.closedAt) === record.month,
    ).length,
    calendar: calendarOf(record, sharing),
    meetings,
  };
}
