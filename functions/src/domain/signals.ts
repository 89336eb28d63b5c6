import {
  BLOCKER_REVIEW_DAYS,
  NOT_SHARED,
  type MeetingOutcome,
  type Month,
  type MonthTrend,
  type OpenBlocker,
  type OpenCommitment,
  type Signal,
} from '../contract';
import { dayOf, inWords, monthNamer, num, percent, plural } from './signalText';
import { monthOf } from './trendMonths';

/*
 * Early signals (monthly trends). Each rule reads only what the months it is given hold, so a month whose mood or life
 * load is `notShared` can never fire a mood or life-load signal, and a month with no data fires nothing. Every
 * signal says why in numbers and names the 1:1s behind it. Equal months are neither falling nor rising.
 */

/** A trend must end in one of the window's two most recent months: a fall that ended long ago is not an early signal. */
export const RECENT_MONTHS = 2;
/** Life load is 1–5; 4 is "heavy". */
export const HEAVY_LIFE_LOAD = 4;
/** How many of the latest scheduled 1:1s are looked at, and how many of them not taking place fires. */
export const SKIP_LOOKBACK = 3;
export const SKIPS_TO_FIRE = 2;
/** Status drift: the status guard speaking at least once per 1:1 at the end of a two-month rise. */
export const DRIFT_NUDGES_PER_MEETING = 1;
/** After-hours meetings in the latest month of a two-month rise. */
export const AFTER_HOURS_MEETINGS = 3;

interface Point {
  month: MonthTrend;
  value: number;
}

/**
 * The last three months that have a value, when they move strictly in `direction` (two months running) and the
 * latest is recent; else null. Months without a value (no 1:1 held, not shared, no calendar) are passed over.
 */
function twoMonthsRunning(
  months: readonly MonthTrend[],
  valueOf: (m: MonthTrend) => number | null,
  direction: 'falling' | 'rising',
): [Point, Point, Point] | null {
  const points = months.flatMap((month): Point[] => {
    const value = valueOf(month);
    return value === null ? [] : [{ month, value }];
  });
  const [a, b, c] = points.slice(-3);
  if (!a || !b || !c || !isRecent(months, c.month)) return null;
  const moved =
    direction === 'falling' ? a.value > b.value && b.value > c.value : a.value < b.value && b.value < c.value;
  return moved ? [a, b, c] : null;
}

function isRecent(months: readonly MonthTrend[], month: MonthTrend): boolean {
  return months.indexOf(month) >= months.length - RECENT_MONTHS;
}

function meetingIds(months: readonly MonthTrend[], outcomes: readonly MeetingOutcome[]): string[] {
  return months.flatMap((m) => m.meetings.filter((r) => outcomes.includes(r.outcome)).map((r) => r.occurrenceId));
}

/** "A in Sep, B in Oct and C in Nov." */
function series(points: readonly Point[], show: (p: Point) => string): string {
  const name = monthNamer(points.map((p) => p.month.month));
  return inWords(points.map((p) => `${show(p)} in ${name(p.month.month)}`));
}

function trendSignal(kind: Signal['kind'], title: string, why: string, points: readonly Point[]): Signal {
  const months = points.map((p) => p.month);
  return { kind, title, why, months: months.map((m) => m.month), occurrenceIds: meetingIds(months, ['held']) };
}

const moodAverage = (m: MonthTrend): number | null => (m.mood === NOT_SHARED ? null : m.mood.average);
const lifeLoadAverage = (m: MonthTrend): number | null => (m.lifeLoad === NOT_SHARED ? null : m.lifeLoad.average);

function energyFalling(months: readonly MonthTrend[]): Signal | null {
  const run = twoMonthsRunning(months, (m) => m.energyShare, 'falling');
  if (!run) return null;
  const why = `Share of 1:1s where something energizing was named fell: ${series(run, (p) => percent(p.value))}.`;
  return trendSignal('energyFalling', 'Energy falling two months running', why, run);
}

function moodFalling(months: readonly MonthTrend[]): Signal | null {
  const run = twoMonthsRunning(months, moodAverage, 'falling');
  if (!run) return null;
  return trendSignal(
    'moodFalling',
    'Mood falling two months running',
    `Mood averaged ${series(run, (p) => num(p.value))}.`,
    run,
  );
}

/** In the latest month with a 1:1 held, life load is heavy while the energy share fell against the month before. */
function lifeLoadHighEnergyFalling(months: readonly MonthTrend[]): Signal | null {
  const held = months.filter((m) => m.energyShare !== null);
  const [before, latest] = held.slice(-2);
  if (!before || !latest || !isRecent(months, latest)) return null;
  const load = lifeLoadAverage(latest);
  if (load === null || load < HEAVY_LIFE_LOAD) return null;
  if (!(latest.energyShare !== null && before.energyShare !== null && latest.energyShare < before.energyShare))
    return null;
  const name = monthNamer([before.month, latest.month]);
  const why =
    `Life load averaged ${num(load)} in ${name(latest.month)} (${HEAVY_LIFE_LOAD} is heavy) while something energizing ` +
    `was named in ${percent(before.energyShare)} of 1:1s in ${name(before.month)} and ${percent(latest.energyShare)} in ${name(latest.month)}.`;
  return trendSignal('lifeLoadHighEnergyFalling', 'Life load high while energy falls', why, [
    { month: before, value: before.energyShare },
    { month: latest, value: latest.energyShare },
  ]);
}

function openPastDue(openCommitments: readonly OpenCommitment[], openBlockers: readonly OpenBlocker[]): Signal | null {
  const commitments = openCommitments.filter((c) => c.overdue);
  const blockers = openBlockers.filter((b) => b.overdue);
  if (commitments.length === 0 && blockers.length === 0) return null;
  const oldest = (ages: number[]): number => Math.max(...ages);
  const parts: string[] = [];
  if (commitments.length > 0) {
    parts.push(
      `${plural(commitments.length, 'commitment')} past the due date (the oldest made ${plural(oldest(commitments.map((c) => c.ageDays)), 'day')} ago)`,
    );
  }
  if (blockers.length > 0) {
    parts.push(
      `${plural(blockers.length, 'blocker')} open more than ${BLOCKER_REVIEW_DAYS} days without a later recap (the oldest ${plural(oldest(blockers.map((b) => b.ageDays)), 'day')})`,
    );
  }
  const why = `${parts.join('; ')}.`;
  const months = [
    ...new Set([...commitments.map((c) => monthOf(c.createdAt)), ...blockers.map((b) => monthOf(b.namedAt))]),
  ].sort();
  const occurrenceIds = [...new Set([...commitments.map((c) => c.createdIn), ...blockers.map((b) => b.occurrenceId)])];
  return { kind: 'openPastDue', title: 'Support asks or blockers open past due', why, months, occurrenceIds };
}

/** Two of the last three scheduled 1:1s of the window did not take place, or two in the latest month did not. */
function skippedRepeatedly(months: readonly MonthTrend[]): Signal | null {
  const missed = (outcome: MeetingOutcome): boolean => outcome !== 'held';
  const lastScheduled = months
    .flatMap((m) => m.meetings)
    .sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0))
    .slice(-SKIP_LOOKBACK);
  const recentMisses = lastScheduled.filter((r) => missed(r.outcome));
  const title = '1:1s repeatedly skipped';
  if (recentMisses.length >= SKIPS_TO_FIRE) {
    const why =
      `${recentMisses.length} of the last ${lastScheduled.length} scheduled 1:1s did not take place: ` +
      `${inWords(recentMisses.map((r) => `${r.outcome} ${dayOf(r.start)}`))}.`;
    const read = [...new Set(recentMisses.map((r) => monthOf(r.start)))].sort();
    return {
      kind: 'skippedRepeatedly',
      title,
      why,
      months: read,
      occurrenceIds: recentMisses.map((r) => r.occurrenceId),
    };
  }
  const latest = months.at(-1);
  if (!latest || latest.skipped + latest.cancelled < SKIPS_TO_FIRE) return null;
  const name = monthNamer([latest.month]);
  const why =
    `In ${name(latest.month)}, ${latest.skipped + latest.cancelled} of ${latest.scheduled} scheduled 1:1s did not take place ` +
    `(${latest.skipped} skipped, ${latest.cancelled} cancelled).`;
  return {
    kind: 'skippedRepeatedly',
    title,
    why,
    months: [latest.month],
    occurrenceIds: meetingIds([latest], ['skipped', 'cancelled']),
  };
}

function statusDriftRising(months: readonly MonthTrend[]): Signal | null {
  const run = twoMonthsRunning(months, (m) => m.nudgesPerMeeting, 'rising');
  if (!run || run[2].value < DRIFT_NUDGES_PER_MEETING) return null;
  const why = `Status nudges per 1:1 rose: ${series(run, (p) => num(p.value))}.`;
  return trendSignal('statusDriftRising', 'Status drifting into the 1:1', why, run);
}

function afterHoursRising(months: readonly MonthTrend[]): Signal | null {
  const run = twoMonthsRunning(months, (m) => m.calendar?.afterHoursMeetings ?? null, 'rising');
  if (!run || run[2].value < AFTER_HOURS_MEETINGS) return null;
  const why = `Meetings outside working hours rose: ${series(run, (p) => num(p.value))}.`;
  const read = run.map((p) => p.month);
  return {
    kind: 'afterHoursRising',
    title: 'After-hours meetings rising',
    why,
    months: read.map((m) => m.month),
    occurrenceIds: meetingIds(read, ['held', 'skipped']),
  };
}

/**
 * Every signal that fires, in the order of SIGNAL_KINDS. `months` is the window, oldest first. `partialMonth` is the
 * month in progress: its shares and averages rest on the few 1:1s held so far (one December 1:1 makes a 0% or 100%
 * month), so the signals that compare rates read whole months only. Counts of what did not take place, and of
 * after-hours meetings, only grow as a month goes on, so those read the month in progress as it stands.
 */
export function detectSignals(input: {
  months: readonly MonthTrend[];
  openCommitments: readonly OpenCommitment[];
  openBlockers: readonly OpenBlocker[];
  partialMonth?: Month;
}): Signal[] {
  const { months } = input;
  const whole = months.filter((m) => m.month !== input.partialMonth);
  const fired = [
    energyFalling(whole),
    moodFalling(whole),
    lifeLoadHighEnergyFalling(whole),
    openPastDue(input.openCommitments, input.openBlockers),
    skippedRepeatedly(months),
    statusDriftRising(whole),
    afterHoursRising(months),
  ];
  return fired.filter((s): s is Signal => s !== null);
}
