import {
  BLOCKER_REVIEW_DAYS,
  type Commitment,
  type Month,
  type OpenBlocker,
  type OpenCommitment,
  type PairTrend,
  type Person,
  type TrendSharing,
} from '../contract';
import { detectSignals } from './signals';
import type { CommitmentFact, MeetingFact, MonthRecord } from './trendFacts';
import { emptyMonthRecord } from './trendRecords';
import { monthOf, monthTrendOf, type TrendAudience } from './trendMonths';

/*
 * Monthly trends of one pair (the Trends tab): pure functions from the stored facts to what one viewer sees. The month
 * arithmetic and the per-month figures live in trendMonths.ts, the fact records in trendRecords.ts, the early
 * signals in signals.ts; this module puts them together.
 */

export { monthOf, monthsEndingAt, type TrendAudience } from './trendMonths';
export { emptyMonthRecord, meetingFactOf, storedMeetingFact, withFact, withoutFact, withWeek } from './trendRecords';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Whole days from `fromIso` to `now` (never negative: a clock a little ahead must not give -1). */
export function wholeDaysSince(fromIso: string, now: Date): number {
  return Math.max(0, Math.floor((now.getTime() - Date.parse(fromIso)) / DAY_MS));
}

export function commitmentFactOf(c: Commitment): CommitmentFact {
  return {
    id: c.id,
    text: c.text,
    createdIn: c.createdIn,
    createdAt: c.createdAt,
    dueDate: c.dueDate,
    status: c.status,
    closedAt: c.closedAt,
    fromSupportAsk: c.fromSupportAsk,
  };
}

/**
 * Commitments still open, oldest first. Age is whole days since it was made; it is overdue once its due date (a
 * calendar day) is before today's UTC date, so "by Friday" is not overdue on that Friday.
 */
export function openCommitmentsOf(commitments: readonly CommitmentFact[], now: Date): OpenCommitment[] {
  const today = now.toISOString().slice(0, 10);
  return commitments
    .filter((c) => c.status === 'open')
    .sort((a, b) => (a.createdAt === b.createdAt ? a.id.localeCompare(b.id) : a.createdAt < b.createdAt ? -1 : 1))
    .map((c) => ({
      id: c.id,
      text: c.text,
      createdIn: c.createdIn,
      createdAt: c.createdAt,
      dueDate: c.dueDate,
      fromSupportAsk: c.fromSupportAsk,
      ageDays: wholeDaysSince(c.createdAt, now),
      overdue: c.dueDate !== null && c.dueDate < today,
    }));
}

/**
 * Every blocker line of a held 1:1's recap that nobody marked resolved, oldest first (then by line). A later recap does
 * not close it: only marking it resolved does. Age counts from the recap that named it; past BLOCKER_REVIEW_DAYS it is
 * overdue. A fact recorded before resolutions were kept (no `openBlockerLines`) reads as before — open until the
 * pair's next recap, as line 0 — until a rebuild derives it again.
 */
export function openBlockersOf(facts: readonly MeetingFact[], now: Date): OpenBlocker[] {
  const recapStarts = facts.filter((f) => f.recapSavedAt !== null).map((f) => f.start);
  const legacyLines = (f: MeetingFact): number[] =>
    f.blockerNamed && !recapStarts.some((start) => start > f.start) ? [0] : [];
  return facts
    .filter((f): f is MeetingFact & { recapSavedAt: string } => f.outcome === 'held' && f.recapSavedAt !== null)
    .sort((a, b) => (a.recapSavedAt < b.recapSavedAt ? -1 : a.recapSavedAt > b.recapSavedAt ? 1 : 0))
    .flatMap((f) =>
      (f.openBlockerLines ?? legacyLines(f)).map((line) => {
        const ageDays = wholeDaysSince(f.recapSavedAt, now);
        return {
          occurrenceId: f.occurrenceId,
          line,
          namedAt: f.recapSavedAt,
          ageDays,
          overdue: ageDays > BLOCKER_REVIEW_DAYS,
        };
      }),
    );
}

/**
 * The whole answer for one pair and one audience. Months come in the order given; a month without a record is all
 * zeros. Signals are computed from the audience-filtered months, so an answer the report did not share can never
 * fire a signal the manager sees. Open blockers and the last 1:1 held read every given record.
 */
export function pairTrendOf(input: {
  manager: Person;
  report: Person;
  audience: TrendAudience;
  sharing: TrendSharing;
  months: Month[];
  records: readonly MonthRecord[];
  commitments: readonly CommitmentFact[];
  now: Date;
}): PairTrend {
  const { audience, sharing, commitments, now } = input;
  const byMonth = new Map(input.records.map((r) => [r.month, r]));
  const months = input.months.map((month) =>
    monthTrendOf({ record: byMonth.get(month) ?? emptyMonthRecord(month), commitments, audience, sharing }),
  );
  const facts = input.records.flatMap((r) => Object.values(r.facts));
  const openCommitments = openCommitmentsOf(commitments, now);
  const openBlockers = openBlockersOf(facts, now);
  const heldStarts = facts
    .filter((f) => f.outcome === 'held')
    .map((f) => f.start)
    .sort();
  return {
    manager: input.manager,
    report: input.report,
    audience,
    months,
    signals: detectSignals({ months, openCommitments, openBlockers, partialMonth: monthOf(now) }),
    openCommitments,
    openBlockers,
    sharing,
    lastHeld: heldStarts.at(-1) ?? null,
  };
}
