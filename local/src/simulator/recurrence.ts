import type { DayOfWeek, PatternedRecurrence, WeekIndex } from '@microsoft/microsoft-graph-types';
import { addDays, compareDates, daysBetween, daysInMonth, type LocalDate, parseLocal, weekday } from './timeZones';

const DAY_NAMES: DayOfWeek[] = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const WEEK_INDEXES: WeekIndex[] = ['first', 'second', 'third', 'fourth'];

function dayNumbers(days: DayOfWeek[] | null | undefined): number[] {
  return (days ?? []).map((d) => DAY_NAMES.indexOf(d)).filter((n) => n >= 0);
}

function parseDate(value: string | null | undefined, what: string): LocalDate {
  const parsed = value ? parseLocal(value) : undefined;
  if (!parsed) throw new Error(`recurrence: ${what} must be YYYY-MM-DD, got ${String(value)}`);
  return parsed;
}

/** Whether `date` is the `index`-th (or last) of its weekday in its month. */
function matchesWeekIndex(date: LocalDate, index: WeekIndex): boolean {
  if (index === 'last') return date.day + 7 > daysInMonth(date.year, date.month);
  return WEEK_INDEXES[Math.floor((date.day - 1) / 7)] === index;
}

/** The pattern test for one date; `start` is the range's start date (the anchor for intervals). */
function matchesPattern(recurrence: PatternedRecurrence, start: LocalDate, date: LocalDate): boolean {
  const pattern = recurrence.pattern ?? {};
  const interval = Math.max(1, pattern.interval ?? 1);
  const days = dayNumbers(pattern.daysOfWeek);
  const monthsApart = (date.year - start.year) * 12 + (date.month - start.month);
  switch (pattern.type) {
    case 'daily':
      return daysBetween(start, date) % interval === 0;
    case 'weekly': {
      // Weeks are counted from the week (starting on firstDayOfWeek) that holds the range's start date.
      const firstDay = DAY_NAMES.indexOf(pattern.firstDayOfWeek ?? 'sunday');
      const weekStart = (d: LocalDate): LocalDate => addDays(d, -((weekday(d) - firstDay + 7) % 7));
      const weeks = Math.round(daysBetween(weekStart(start), weekStart(date)) / 7);
      return days.includes(weekday(date)) && weeks % interval === 0;
    }
    case 'absoluteMonthly':
      return date.day === pattern.dayOfMonth && monthsApart % interval === 0;
    case 'relativeMonthly':
      return (
        days.includes(weekday(date)) && matchesWeekIndex(date, pattern.index ?? 'first') && monthsApart % interval === 0
      );
    case 'absoluteYearly':
      return (
        date.month === pattern.month && date.day === pattern.dayOfMonth && (date.year - start.year) % interval === 0
      );
    case 'relativeYearly':
      return (
        date.month === pattern.month &&
        days.includes(weekday(date)) &&
        matchesWeekIndex(date, pattern.index ?? 'first') &&
        (date.year - start.year) % interval === 0
      );
    default:
      throw new Error(`recurrence: unsupported pattern type ${String(pattern.type)}`);
  }
}

/**
 * The local dates a series occurs on, from the range's start up to and including `until` (or the range's end).
 * Walks day by day from the start because a `numbered` range can only be counted from the beginning; series in a
 * demo tenant span weeks or months, so this stays cheap.
 */
export function occurrenceDates(recurrence: PatternedRecurrence, until: LocalDate): LocalDate[] {
  const range = recurrence.range ?? {};
  const start = parseDate(range.startDate, 'range.startDate');
  const end = range.type === 'endDate' ? parseDate(range.endDate, 'range.endDate') : undefined;
  const limit = range.type === 'numbered' ? Math.max(0, range.numberOfOccurrences ?? 0) : Infinity;
  const last = end && compareDates(end, until) < 0 ? end : until;
  const dates: LocalDate[] = [];
  let count = 0;
  for (let date = start; compareDates(date, last) <= 0 && count < limit; date = addDays(date, 1)) {
    if (matchesPattern(recurrence, start, date)) {
      dates.push(date);
      count++;
    }
  }
  return dates;
}
