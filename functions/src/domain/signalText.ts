import type { Month } from '../contract';

/*
 * Words for a signal's `why`. Month names are short English names ("Sep"); when the months one sentence quotes
 * span two years, every one of them carries its year ("Dec 2025", "Jan 2026"), so a sentence is never ambiguous.
 */

const MONTH_NAMES = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

function nameOf(month: Month, withYear: boolean): string {
  const name = MONTH_NAMES[Number(month.slice(5, 7)) - 1] ?? month;
  return withYear ? `${name} ${month.slice(0, 4)}` : name;
}

/** A namer for the months of one sentence. */
export function monthNamer(months: readonly Month[]): (month: Month) => string {
  const withYear = new Set(months.map((m) => m.slice(0, 4))).size > 1;
  return (month) => nameOf(month, withYear);
}

/** "12 Nov" (UTC day of an ISO instant). */
export function dayOf(iso: string): string {
  const date = new Date(iso);
  return `${date.getUTCDate()} ${MONTH_NAMES[date.getUTCMonth()] ?? ''}`;
}

/** "a", "a and b", "a, b and c". */
export function inWords(parts: readonly string[]): string {
  if (parts.length <= 1) return parts.join('');
  return `${parts.slice(0, -1).join(', ')} and ${parts.at(-1) ?? ''}`;
}

/** At most two decimals, no trailing zeros: 3.8, 3.75, 1. */
export function num(value: number): string {
  return String(Math.round(value * 100) / 100);
}

export function percent(share: number): string {
  return `${Math.round(share * 100)}%`;
}

/** "1 commitment", "2 commitments". */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}
