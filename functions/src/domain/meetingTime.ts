import { findIana } from 'windows-iana';
import { DEFAULT_LOCALE, dateTimeText } from '../contract/timeText';
import { offsetAt } from './zonedClock';

/**
 * Exchange stores a mailbox's time zone as a Windows name ("W. Europe Standard Time"); Intl needs an IANA one.
 * windows-iana carries CLDR's mapping; IANA names pass through. Unknown names give null (the caller falls back
 * to UTC and says so), never a guess.
 */
export function ianaTimeZoneOf(mailboxTimeZone: string | null | undefined): string | null {
  const name = mailboxTimeZone?.trim();
  if (!name) return null;
  const fromWindows = findIana(name)[0];
  const candidate = fromWindows ?? name;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: candidate });
    return candidate;
  } catch {
    return null;
  }
}

/**
 * A meeting's start as the recipient of an email or card reads it, e.g. "Thursday, November 26, 10:00 AM (GMT+1)":
 * the shared formatter (contract/timeText) with the mailbox zone; UTC, named as such, when the zone is unknown.
 */
export function formatMeetingTime(startUtc: string, ianaZone: string | null, locale: string = DEFAULT_LOCALE): string {
  return dateTimeText(startUtc, { locale, timeZone: ianaZone });
}

/** The same without the zone, for subject lines (the body names the zone). */
export function formatShortMeetingTime(
  startUtc: string,
  ianaZone: string | null,
  locale: string = DEFAULT_LOCALE,
): string {
  return dateTimeText(startUtc, { locale, timeZone: ianaZone }, { zone: false });
}

/** Graph's `dateTimeTimeZone`: a wall-clock time without offset, and the zone it is meant in. */
export interface GraphDateTime {
  dateTime: string;
  timeZone?: string | null | undefined;
}

const WALL_CLOCK = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?$/;
const HOUR_MS = 3_600_000;

/**
 * The UTC instant of a Graph dateTimeTimeZone. Graph answers in UTC when it honours `Prefer: outlook.timezone`, but
 * may answer in the event's own zone (Windows or IANA name), e.g. for all-day events; those are converted, across
 * daylight saving, rather than dropped. A wall-clock time a change skips reads one hour on (as Outlook shows it);
 * one that happens twice reads as the first. A zone name nobody knows (a custom Exchange zone) is read as UTC and
 * flagged `assumedUtc`. Null only when the dateTime is not a date and time at all.
 */
export function utcOfGraphDateTime(value: GraphDateTime): { utc: string; assumedUtc: boolean } | null {
  const text = value.dateTime.trim();
  if (/(Z|[+-]\d\d:\d\d)$/i.test(text)) {
    const t = Date.parse(text);
    return Number.isNaN(t) ? null : { utc: new Date(t).toISOString(), assumedUtc: false };
  }
  const m = WALL_CLOCK.exec(text);
  if (!m) return null;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map((part) => Number(part ?? 0)) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const millis = Number(((m[7] ?? '') + '000').slice(0, 3));
  const wall = Date.UTC(year, month - 1, day, hour, minute, second, millis);
  if (Number.isNaN(wall) || new Date(wall).getUTCDate() !== day) return null;
  const name = value.timeZone?.trim() || 'UTC';
  const zone = /^(utc|etc\/utc|tzone:\/\/microsoft\/utc)$/i.test(name) ? 'UTC' : ianaTimeZoneOf(name);
  if (!zone) return { utc: new Date(wall).toISOString(), assumedUtc: true };
  return { utc: new Date(instantOfWallClock(wall, zone)).toISOString(), assumedUtc: false };
}

/** `wall` is the wall-clock reading written as if it were UTC; the answer is the real instant in `zone`. */
function instantOfWallClock(wall: number, zone: string): number {
  const before = offsetAt(wall - 12 * HOUR_MS, zone);
  const after = offsetAt(wall + 12 * HOUR_MS, zone);
  // Either offset may be the one in force; the earlier instant that really reads `wall` wins (the first of a repeat).
  const candidates = [...new Set([before, after])].map((offset) => wall - offset).sort((a, b) => a - b);
  const exact = candidates.find((t) => t + offsetAt(t, zone) === wall);
  // None reads `wall`: the time was skipped, so it is read with the offset from before the change (one hour on).
  return exact ?? wall - before;
}
