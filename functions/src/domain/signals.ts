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
import { dayOf, inWords, monthNamer, num, plural } from './signalText';
import { monthOf } from './trendMonths';

/*
 * Early signals (monthly trends). Each rule reads only what the months it is given hold, so a month whose rating is
 * `notShared` or not stated (nobody rated it; a filled-in or empty box is no rating) can never fire a rating signal,
 * and a month with no data fires nothing. Every
 * signal says why in numbers and names the 1:1s behind it. Equal months are neither falling nor rising.
 */

/** A trend must end in one of the window's two most recent months: a fall that ended long ago is not an early signal. */
export const RECENT_MONTHS = 2;
/** Life load is 1–5; 4 is "heavy". */
export const HEAVY_LIFE_LOAD = 4;
/** Drain is 1–5; a rise that ends below the middle of the scale is not yet worth a word. */
export const DRAIN_RISING_FLOOR = 3;
/** How many of the latest scheduled 1:1s are looked at, and how many of them not taking place fires. */
export const SKIP_LOOKBACK = 3;
export const SKIPS_TO_FIRE = 2;
/** Status drift: the status guard speaking at least once per 1:1 at the end of a two-month rise. */
export const DRIFT_NUDGES_PER_MEETING = 1;
/** After-hours meetings in the latest month of a two-month rise. */
export const AFTER_HOURS_MEETINGS = 3;
/**
 * After-hours scrambles (meetings outside working hours booked under 24 hours ahead): a rise into a recent month to at
 * least SCRAMBLES_RISING fires, and so does a heavy recent month — HEAVY_SCRAMBLES scrambles, or HEAVY_EVENINGS
 * meetings in the evening or at the weekend (about one and a half a week), whatever the month before was.
 */
export const SCRAMBLES_RISING = 2;
export const HEAVY_SCRAMBLES = 4;
export const HEAVY_EVENINGS = 6;

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

/** The ratings a report states and may keep from their manager; each signal on them reads only what they stated. */
type StatedRating = 'energy' | 'drain' | 'mood' | 'lifeLoad';
const RATING_NAMES: Readonly<Record<StatedRating, string>> = {
  energy: 'Energy',
  drain: 'Drain',
  mood: 'Mood',
  lifeLoad: 'Life load',
};

/** The month's average of a rating; null when it was not shared or not stated (no numeric answer), never a zero. */
function averageOf(rating: StatedRating): (m: MonthTrend) => number | null {
  return (m) => {
    const summary = m[rating];
    return summary === NOT_SHARED ? null : summary.average;
  };
}

/** The 1:1s whose answer to the rating the points rest on: only those that carried one. */
function ratedIn(rating: StatedRating, months: readonly MonthTrend[]): string[] {
  return months.flatMap((m) => {
    const summary = m[rating];
    return summary === NOT_SHARED ? [] : summary.ratedIn;
  });
}

/** "Energy, as the report rated it (1 to 5), averaged 3.5 in Sep and 3 in Oct (rated in 4 and 2 1:1s)". */
function ratingSeries(rating: StatedRating, points: readonly Point[], lead = RATING_NAMES[rating]): string {
  const counts = points.map((p) => ratedIn(rating, [p.month]).length);
  return (
    `${lead}, as the report rated it (1 to 5), averaged ${series(points, (p) => num(p.value))} ` +
    `(rated in ${inWords(counts.map(String))} 1:1s)`
  );
}

function ratingSignal(
  kind: Signal['kind'],
  title: string,
  why: string,
  rating: StatedRating,
  points: readonly Point[],
) {
  const months = points.map((p) => p.month);
  return { kind, title, why, months: months.map((m) => m.month), occurrenceIds: ratedIn(rating, months) };
}

function energyFalling(months: readonly MonthTrend[]): Signal | null {
  const run = twoMonthsRunning(months, averageOf('energy'), 'falling');
  if (!run) return null;
  const why = `${ratingSeries('energy', run)}.`;
  return ratingSignal('energyFalling', 'Energy falling two months running', why, 'energy', run);
}

function drainRising(months: readonly MonthTrend[]): Signal | null {
  const run = twoMonthsRunning(months, averageOf('drain'), 'rising');
  if (!run || run[2].value < DRAIN_RISING_FLOOR) return null;
  const why = `${ratingSeries('drain', run)}.`;
  return ratingSignal('drainRising', 'Drain rising two months running', why, 'drain', run);
}

function moodFalling(months: readonly MonthTrend[]): Signal | null {
  const run = twoMonthsRunning(months, averageOf('mood'), 'falling');
  if (!run) return null;
  const why = `${ratingSeries('mood', run)}.`;
  return ratingSignal('moodFalling', 'Mood falling two months running', why, 'mood', run);
}

/**
 * In the latest month with an energy rating, life load is heavy while energy fell against the month rated before.
 * Months whose energy was not stated or not shared are passed over; a life load not shared fires nothing.
 */
function lifeLoadHighEnergyFalling(months: readonly MonthTrend[]): Signal | null {
  const energy = averageOf('energy');
  const rated = months.flatMap((month): Point[] => {
    const value = energy(month);
    return value === null ? [] : [{ month, value }];
  });
  const [before, latest] = rated.slice(-2);
  if (!before || !latest || !isRecent(months, latest.month)) return null;
  const load = averageOf('lifeLoad')(latest.month);
  if (load === null || load < HEAVY_LIFE_LOAD || !(latest.value < before.value)) return null;
  const name = monthNamer([latest.month.month]);
  const why =
    `Life load averaged ${num(load)} in ${name(latest.month.month)} (${HEAVY_LIFE_LOAD} is heavy) while ` +
    `${ratingSeries('energy', [before, latest], 'energy')}.`;
  const signal = ratingSignal('lifeLoadHighEnergyFalling', 'Life load high while energy falls', why, 'energy', [
    before,
    latest,
  ]);
  const occurrenceIds = [...new Set([...signal.occurrenceIds, ...ratedIn('lifeLoad', [latest.month])])];
  return { ...signal, occurrenceIds };
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
    const each = [...blockers]
      .sort((a, b) => b.ageDays - a.ageDays)
      .map((b) => `${dayOf(b.namedAt)} (${plural(b.ageDays, 'day')} ago)`);
    parts.push(
      `${plural(blockers.length, 'blocker')} open more than ${BLOCKER_REVIEW_DAYS} days and not marked resolved: named ${inWords(each)}`,
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

/**
 * After-hours scrambles, read from the latest recent month with calendar load and the one with load before it: short-
 * notice after-hours meetings rising to SCRAMBLES_RISING or more, a heavy month (HEAVY_SCRAMBLES, HEAVY_EVENINGS), or
 * after-hours meetings of any kind rising two months running to AFTER_HOURS_MEETINGS. The reason gives every count
 * that played a part, month by month.
 */
function afterHoursRising(months: readonly MonthTrend[]): Signal | null {
  const loaded = months.filter((m) => m.calendar !== null);
  const latest = loaded.at(-1);
  const before = loaded.at(-2);
  const run = twoMonthsRunning(months, (m) => m.calendar?.afterHoursMeetings ?? null, 'rising');
  const rising = run !== null && run[2].value >= AFTER_HOURS_MEETINGS ? run : null;
  const scrambles = (m: MonthTrend | undefined): number => m?.calendar?.shortNoticeAfterHours ?? 0;
  const evenings = (m: MonthTrend | undefined): number => m?.calendar?.eveningOrWeekendMeetings ?? 0;
  const recent = latest !== undefined && isRecent(months, latest);
  const scrambling =
    recent &&
    (scrambles(latest) >= HEAVY_SCRAMBLES ||
      (before !== undefined && scrambles(latest) >= SCRAMBLES_RISING && scrambles(latest) > scrambles(before)));
  const lateDays = recent && evenings(latest) >= HEAVY_EVENINGS;
  if (!latest || (!scrambling && !lateDays && !rising)) return null;

  const read = new Set<MonthTrend>(rising ? rising.map((p) => p.month) : []);
  const name = monthNamer([before, latest].flatMap((m) => (m ? [m.month] : [])));
  const parts: string[] = [];
  if (recent && scrambles(latest) > 0) {
    const earlier = before ? `, ${num(scrambles(before))} in ${name(before.month)}` : '';
    parts.push(
      `${plural(scrambles(latest), 'meeting')} booked under 24 h ahead outside working hours in ${name(latest.month)}${earlier}`,
    );
    read.add(latest);
    if (before) read.add(before);
  }
  if (recent && evenings(latest) > 0 && (scrambling || lateDays)) {
    parts.push(`${plural(evenings(latest), 'evening or weekend meeting')} in ${name(latest.month)}`);
    read.add(latest);
  }
  if (rising) parts.push(`meetings outside working hours rose: ${series(rising, (p) => num(p.value))}`);
  const why = `${parts.join('; ')}.`;
  const ordered = months.filter((m) => read.has(m));
  return {
    kind: 'afterHoursRising',
    title: 'After-hours scrambles',
    why: why.charAt(0).toUpperCase() + why.slice(1),
    months: ordered.map((m) => m.month),
    occurrenceIds: meetingIds(ordered, ['held', 'skipped']),
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
    drainRising(whole),
    moodFalling(whole),
    lifeLoadHighEnergyFalling(whole),
    openPastDue(input.openCommitments, input.openBlockers),
    skippedRepeatedly(months),
    statusDriftRising(whole),
    afterHoursRising(months),
  ];
  return fired.filter((s): s is Signal => s !== null);
}
