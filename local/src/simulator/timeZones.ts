/**
 * Wall-clock arithmetic in named time zones. Exchange stores Windows zone names; Graph also accepts IANA names,
 * so both resolve to an IANA zone and Intl does the offsets (including daylight saving).
 */

/** Windows zone names Outlook users commonly have, mapped as in CLDR's windowsZones (territory "001"). */
const WINDOWS_TO_IANA: Record<string, string> = {
  utc: 'UTC',
  'tzone://microsoft/utc': 'UTC',
  'gmt standard time': 'Europe/London',
  'greenwich standard time': 'Atlantic/Reykjavik',
  'w. europe standard time': 'Europe/Berlin',
  'central europe standard time': 'Europe/Budapest',
  'central european standard time': 'Europe/Warsaw',
  'romance standard time': 'Europe/Paris',
  'e. europe standard time': 'Europe/Chisinau',
  'fle standard time': 'Europe/Kiev',
  'gtb standard time': 'Europe/Bucharest',
  'russian standard time': 'Europe/Moscow',
  'israel standard time': 'Asia/Jerusalem',
  'south africa standard time': 'Africa/Johannesburg',
  'arabian standard time': 'Asia/Dubai',
  'india standard time': 'Asia/Kolkata',
  'china standard time': 'Asia/Shanghai',
  'singapore standard time': 'Asia/Singapore',
  'tokyo standard time': 'Asia/Tokyo',
  'korea standard time': 'Asia/Seoul',
  'aus eastern standard time': 'Australia/Sydney',
  'new zealand standard time': 'Pacific/Auckland',
  'atlantic standard time': 'America/Halifax',
  'eastern standard time': 'America/New_York',
  'central standard time': 'America/Chicago',
  'mountain standard time': 'America/Denver',
  'us mountain standard time': 'America/Phoenix',
  'pacific standard time': 'America/Los_Angeles',
  'alaskan standard time': 'America/Anchorage',
  'hawaiian standard time': 'Pacific/Honolulu',
  'e. south america standard time': 'America/Sao_Paulo',
};

/** IANA zone for a Windows or IANA name; undefined when neither (Graph then ignores the preference). */
export function resolveTimeZone(name: string): string | undefined {
  const trimmed = name.trim();
  const windows = WINDOWS_TO_IANA[trimmed.toLowerCase()];
  if (windows) return windows;
  try {
    // Keep the caller's spelling: ICU canonicalises some names (Asia/Kolkata → Asia/Calcutta).
    new Intl.DateTimeFormat('en-US', { timeZone: trimmed });
    return trimmed;
  } catch {
    return undefined;
  }
}

export interface LocalDate {
  year: number;
  month: number; // 1–12
  day: number;
}

export interface LocalDateTime extends LocalDate {
  hour: number;
  minute: number;
  second: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(zone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(zone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(zone, formatter);
  }
  return formatter;
}

/** The wall clock in `zone` at `instant` (seconds precision; Graph's calendar never needs more). */
export function toLocal(instant: Date, zone: string): LocalDateTime {
  const parts: Record<string, number> = {};
  for (const part of formatterFor(zone).formatToParts(instant)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return {
    year: parts.year ?? 1970,
    month: parts.month ?? 1,
    day: parts.day ?? 1,
    hour: parts.hour ?? 0,
    minute: parts.minute ?? 0,
    second: parts.second ?? 0,
  };
}

function asUtcMs(local: LocalDateTime): number {
  return Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute, local.second);
}

const offsetAt = (ms: number, zone: string): number => asUtcMs(toLocal(new Date(ms), zone)) - ms;

/**
 * The instant a wall-clock time in `zone` denotes, disambiguated like Temporal's "compatible" mode (and Outlook):
 * a time that happens twice (autumn fall-back) is the earlier instant; a time that never happens (spring gap)
 * moves forward by the size of the gap.
 */
export function fromLocal(local: LocalDateTime, zone: string): Date {
  const wanted = asUtcMs(local);
  const before = wanted - offsetAt(wanted - 86_400_000, zone);
  const after = wanted - offsetAt(wanted + 86_400_000, zone);
  const exact = [before, after].filter((ms) => asUtcMs(toLocal(new Date(ms), zone)) === wanted);
  return new Date(exact.length ? Math.min(...exact) : before);
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

export function formatDate(date: LocalDate): string {
  return `${pad(date.year, 4)}-${pad(date.month)}-${pad(date.day)}`;
}

/** Graph's `dateTime` format: local time with seven fractional digits and no offset. */
export function formatGraphDateTime(local: LocalDateTime): string {
  return `${formatDate(local)}T${pad(local.hour)}:${pad(local.minute)}:${pad(local.second)}.0000000`;
}

/** An instant the way Graph writes `originalStart` and other DateTimeOffsets: `2026-11-26T09:00:00Z`. */
export function formatInstant(instant: Date): string {
  return instant.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Parses `YYYY-MM-DD` or `YYYY-MM-DDTHH:mm[:ss[.fffffff]]` (no offset) as a wall-clock time. */
export function parseLocal(value: string): LocalDateTime | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?$/.exec(value.trim());
  if (!match) return undefined;
  const [, y, mo, d, h, mi, s] = match;
  return {
    year: Number(y),
    month: Number(mo),
    day: Number(d),
    hour: Number(h ?? 0),
    minute: Number(mi ?? 0),
    second: Number(s ?? 0),
  };
}

/** Calendar arithmetic on dates, done in UTC so no zone can shift the day. */
export function addDays(date: LocalDate, days: number): LocalDate {
  const d = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

export function daysBetween(from: LocalDate, to: LocalDate): number {
  return Math.round(
    (Date.UTC(to.year, to.month - 1, to.day) - Date.UTC(from.year, from.month - 1, from.day)) / 86_400_000,
  );
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(date: LocalDate): number {
  return new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay();
}

export function compareDates(a: LocalDate, b: LocalDate): number {
  return daysBetween(b, a);
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function withTime(date: LocalDate, time: { hour: number; minute: number; second: number }): LocalDateTime {
  return {
    year: date.year,
    month: date.month,
    day: date.day,
    hour: time.hour,
    minute: time.minute,
    second: time.second,
  };
}
