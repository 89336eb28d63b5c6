import {
  NOT_SHARED,
  PREFER_NOT_TO_SAY,
  type CalendarLoad,
  type MeetingRef,
  type Month,
  type MonthTrend,
  type RatingSummary,
  type RatingValue,
  type SharedRatingSummary,
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

/**
 * Average of the numeric answers, with the 1:1s that carried them; "prefer not to say" is counted apart and never
 * becomes a number, and a 1:1 without an answer is not stated (it counts nowhere).
 */
export function ratingSummaryOf(
  answers: readonly { occurrenceId: string; value: RatingValue | null }[],
): RatingSummary {
  const rated = answers.filter((a): a is { occurrenceId: string; value: number } => typeof a.value === 'number');
  const numbers = rated.map((a) => a.value);
  const preferNot = answers.filter((a) => a.value === PREFER_NOT_TO_SAY).length;
  const average = numbers.length === 0 ? null : round2(numbers.reduce((a, b) => a + b, 0) / numbers.length);
  return { average, answered: numbers.length, preferNot, ratedIn: rated.map((a) => a.occurrenceId) };
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
    shortNoticeAfterHours: weeks.reduce((sum, w) => sum + (w.shortNoticeAfterHours ?? 0), 0),
    eveningOrWeekendMeetings: weeks.reduce((sum, w) => sum + (w.eveningOrWeekend ?? 0), 0),
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
 * month of its closedAt (when done). In the manager's view, a rating the report did not share (energy, drain, mood,
 * life load) is the word `notShared`; the report's own view always holds their own numbers.
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
  const answers = (id: 'energy' | 'drain' | 'mood' | 'lifeLoad' | 'careerPulse') =>
    facts.map((f) => ({ occurrenceId: f.occurrenceId, value: f[id] }));
  const rating = (id: 'energy' | 'drain' | 'mood' | 'lifeLoad'): SharedRatingSummary =>
    ratingVisibleTo(audience, id, sharing) ? ratingSummaryOf(answers(id)) : NOT_SHARED;
  const statusNudges = facts.reduce((sum, f) => sum + f.statusNudges, 0);
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
    energy: rating('energy'),
    drain: rating('drain'),
    mood: rating('mood'),
    lifeLoad: rating('lifeLoad'),
    careerPulse: ratingSummaryOf(answers('careerPulse')),
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
