import {
  NOT_SHARED,
  type Month,
  type MonthTrend,
  type MeetingOutcome,
  type MeetingRef,
  type OpenCommitment,
  type PairTrend,
  type SharedRatingSummary,
} from '@candor/contract';

/*
 * Pure helpers of the Trends tab: which numbers a row, a chart and a table show, and the words a screen reader hears
 * for them. No React here, so every rule is unit-tested in Node.
 */

/** Every series is a rating the report stated, 1 to 5: never how often a box held text. */
export type SeriesKey = 'energy' | 'drain' | 'mood' | 'lifeLoad' | 'careerPulse';

export interface SeriesInfo {
  key: SeriesKey;
  label: string;
  /** One short sentence: what the number is (shown under the detail chart, read as the sparkline's description). */
  meaning: string;
}

export const SERIES: readonly SeriesInfo[] = [
  { key: 'energy', label: 'Energy', meaning: 'How energized the weeks felt, as rated 1 (not at all) to 5 (very).' },
  { key: 'drain', label: 'Drain', meaning: 'How drained the weeks felt, as rated 1 (not at all) to 5 (very).' },
  { key: 'mood', label: 'Mood', meaning: 'The average of the mood answers, 1 (low) to 5 (great).' },
  { key: 'lifeLoad', label: 'Life load', meaning: 'The average of the life-load answers, 1 (light) to 5 (heavy).' },
  { key: 'careerPulse', label: 'Career pulse', meaning: 'The average of the career-pulse answers, 1 to 5.' },
];

/** What a month without a rating says: nobody rated it, which is not a zero. */
export const NOT_STATED = 'Not stated';

/** A month's value of a series: a number, not stated (null), or hidden by the report. */
export type SeriesValue = number | null | typeof NOT_SHARED;

export const WINDOW_CHOICES = [6, 12] as const;
export type WindowMonths = (typeof WINDOW_CHOICES)[number];
export const DEFAULT_WINDOW: WindowMonths = 12;

/** The last `count` months of a trend (the API answers oldest first). */
export function lastMonths(months: readonly MonthTrend[], count: number): MonthTrend[] {
  return months.slice(Math.max(0, months.length - count));
}

/** The UTC month of a moment, the way the API places 1:1s in months. */
export function monthOfDate(date: Date): Month {
  return `${date.getUTCFullYear()}-${String(date.getUTCMonth() + 1).padStart(2, '0')}`;
}

/**
 * The months a view draws: the last `count` whole months, and the month in progress apart. One 1:1 into a month its
 * shares and averages are one answer's (a single December 1:1 read "Drain 100%"), so it is never drawn or headlined
 * as a month; it is named with its count of 1:1s instead.
 */
export function windowOf(
  months: readonly MonthTrend[],
  count: number,
  now: Date,
): { complete: MonthTrend[]; partial: MonthTrend | null } {
  const last = months.at(-1);
  const partial = last && last.month === monthOfDate(now) ? last : null;
  const whole = partial ? months.slice(0, -1) : months;
  return { complete: lastMonths(whole, count), partial };
}

/** "December so far · 1 1:1": the month in progress, with how many 1:1s it has had. */
export function partialMonthText(month: MonthTrend): string {
  const name = monthLabel(month.month, 'long').split(' ')[0];
  const count = month.held === 0 ? 'no 1:1s yet' : `${month.held} ${month.held === 1 ? '1:1' : '1:1s'}`;
  return `${name} so far · ${count}`;
}

function ratingValue(summary: SharedRatingSummary): SeriesValue {
  return summary === NOT_SHARED ? NOT_SHARED : summary.average;
}

export function seriesValue(month: MonthTrend, key: SeriesKey): SeriesValue {
  switch (key) {
    case 'energy':
      return ratingValue(month.energy);
    case 'drain':
      return ratingValue(month.drain);
    case 'mood':
      return ratingValue(month.mood);
    case 'lifeLoad':
      return ratingValue(month.lifeLoad);
    case 'careerPulse':
      return month.careerPulse.average;
  }
}

export function seriesValues(months: readonly MonthTrend[], key: SeriesKey): SeriesValue[] {
  return months.map((m) => seriesValue(m, key));
}

/** Hidden in every month shown: the row says "Not shared" in words instead of drawing anything. */
export function isNotShared(values: readonly SeriesValue[]): boolean {
  return values.length > 0 && values.every((v) => v === NOT_SHARED);
}

export function formatValue(value: number): string {
  return `${(Math.round(value * 10) / 10).toFixed(1)} of 5`;
}

const MONTH_NAMES = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const LONG_MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** `2026-11` → `Nov 2026` (or `November 2026`). Months are UTC months, so no time zone can move them. */
export function monthLabel(month: Month, style: 'short' | 'long' = 'short'): string {
  const [year, m] = month.split('-');
  const index = Number(m) - 1;
  return `${(style === 'long' ? LONG_MONTH_NAMES : MONTH_NAMES)[index] ?? m} ${year}`;
}

/** The first day of a month as a Date (UTC midnight), for chart x values. */
export function monthStart(month: Month): Date {
  const [year, m] = month.split('-').map(Number);
  return new Date(Date.UTC(year ?? 1970, (m ?? 1) - 1, 1));
}

/** `2026-11-03T09:00:00Z` → `3 Nov 2026` (the day in UTC, the same day the API placed it in a month). */
export function dayLabel(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${date.getUTCDate()} ${MONTH_NAMES[date.getUTCMonth()]} ${date.getUTCFullYear()}`;
}

/**
 * What a screen reader hears for a sparkline: the first and last values it shows, with their months. Hidden answers
 * are said in words ("not shared"), never left out silently.
 */
export function sparklineName(info: SeriesInfo, months: readonly MonthTrend[]): string {
  const values = seriesValues(months, info.key);
  const span = `${months.length} ${months.length === 1 ? 'month' : 'months'}`;
  if (isNotShared(values)) return `${info.label}: not shared`;
  const known = months.flatMap((m, i) => {
    const v = values[i];
    return typeof v === 'number' ? [{ month: m.month, value: v }] : [];
  });
  const first = known[0];
  const last = known[known.length - 1];
  if (!first || !last) return `${info.label}, last ${span}: ${NOT_STATED.toLowerCase()}`;
  const hidden = values.some((v) => v === NOT_SHARED) ? ' Some months not shared.' : '';
  if (first === last)
    return `${info.label}, last ${span}: ${formatValue(first.value)} in ${monthLabel(first.month)}.${hidden}`;
  return (
    `${info.label}, last ${span}: from ${formatValue(first.value)} in ${monthLabel(first.month)} ` +
    `to ${formatValue(last.value)} in ${monthLabel(last.month)}.${hidden}`
  );
}

/** The latest value shown beside a sparkline, in words. */
export function latestText(info: SeriesInfo, months: readonly MonthTrend[]): string {
  const values = seriesValues(months, info.key);
  if (isNotShared(values)) return 'Not shared';
  for (let i = values.length - 1; i >= 0; i--) {
    const v = values[i];
    if (typeof v === 'number') return formatValue(v);
  }
  return NOT_STATED;
}

export interface SparkGeometry {
  /** SVG path data, one `M…L…` run per stretch of consecutive known values (gaps stay gaps). */
  path: string;
  /** Where the last known value is drawn (a dot), or null with none. */
  last: { x: number; y: number } | null;
}

/** Points of a sparkline in a `width`×`height` box, on the ratings' fixed 1–5 scale. */
export function sparkGeometry(values: readonly SeriesValue[], width: number, height: number, pad = 2): SparkGeometry {
  const [min, max] = [1, 5];
  const step = values.length > 1 ? (width - 2 * pad) / (values.length - 1) : 0;
  const round = (n: number) => Math.round(n * 10) / 10;
  let path = '';
  let last: SparkGeometry['last'] = null;
  let drawing = false;
  values.forEach((v, i) => {
    if (typeof v !== 'number') {
      drawing = false;
      return;
    }
    const clamped = Math.min(max, Math.max(min, v));
    const x = round(values.length > 1 ? pad + i * step : width / 2);
    const y = round(height - pad - ((clamped - min) / (max - min)) * (height - 2 * pad));
    path += `${drawing ? 'L' : 'M'}${x} ${y} `;
    drawing = true;
    last = { x, y };
  });
  return { path: path.trim(), last };
}

export function heldOverWindow(months: readonly MonthTrend[]): { held: number; scheduled: number } {
  return months.reduce((sum, m) => ({ held: sum.held + m.held, scheduled: sum.scheduled + m.scheduled }), {
    held: 0,
    scheduled: 0,
  });
}

/** The oldest open commitment's age in days, or null with none open. */
export function oldestAgeDays(commitments: readonly OpenCommitment[]): number | null {
  return commitments.length === 0 ? null : Math.max(...commitments.map((c) => c.ageDays));
}

export function ageText(days: number): string {
  if (days <= 0) return 'today';
  if (days === 1) return '1 day';
  if (days < 14) return `${days} days`;
  return `${Math.floor(days / 7)} weeks`;
}

/** Whether the pair has had any 1:1 yet (held, skipped or cancelled) in the answer's window. */
export function hasOneOnOnes(trend: PairTrend): boolean {
  return trend.lastHeld !== null || trend.months.some((m) => m.scheduled > 0 || m.meetings.length > 0);
}

export const OUTCOME_LABELS: Record<MeetingOutcome, string> = {
  held: 'Held',
  skipped: 'Skipped',
  cancelled: 'Cancelled',
};

/** Every 1:1 behind the months shown, newest first (the detail view's table). */
export function meetingRows(months: readonly MonthTrend[]): MeetingRef[] {
  return months.flatMap((m) => m.meetings).sort((a, b) => b.start.localeCompare(a.start));
}

/** The id of a 1:1's row in the detail view, the target of a signal's link. */
export function meetingAnchor(occurrenceId: string): string {
  return `meeting-${occurrenceId.replace(/[^A-Za-z0-9_-]/g, '-')}`;
}

/**
 * A rating's table cell: the average and how many answered, "prefer not to say" counted apart, never averaged; a
 * month nobody rated is "Not stated", never a zero.
 */
export function ratingCell(summary: SharedRatingSummary): string {
  if (summary === NOT_SHARED) return 'Not shared';
  if (summary.average === null && summary.preferNot === 0) return NOT_STATED;
  const parts: string[] = [];
  parts.push(summary.average === null ? '—' : (Math.round(summary.average * 10) / 10).toFixed(1));
  const counts: string[] = [];
  if (summary.answered > 0) counts.push(`${summary.answered} ${summary.answered === 1 ? 'answer' : 'answers'}`);
  if (summary.preferNot > 0) counts.push(`${summary.preferNot} preferred not to say`);
  if (counts.length > 0) parts.push(`(${counts.join(', ')})`);
  return parts.join(' ');
}

/**
 * Support asked and given per month: asked is the 1:1s whose recap had a line tagged "support need" (a statement,
 * never a filled-in box); given is the commitments made, and done those closed as done.
 */
export function supportRows(
  months: readonly MonthTrend[],
): Array<{ month: Month; asked: number; given: number; done: number }> {
  return months.map((m) => ({
    month: m.month,
    asked: m.supportNeedsNamed,
    given: m.commitmentsOpened,
    done: m.commitmentsDone,
  }));
}
