/*
 * Wall-clock readings of an instant in an IANA zone, through Intl only. Calendar load (working hours, week starts)
 * and Graph's zoned dateTimes (meetingTime) both need them; one cache of formatters serves both.
 */

export interface WallClock {
  y: number;
  mo: number;
  d: number;
  h: number;
  mi: number;
  s: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(zone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(zone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(zone, formatter);
  }
  return formatter;
}

/** What a clock in `zone` reads at the instant `ms`. */
export function wallClockOf(ms: number, zone: string): WallClock {
  const parts = Object.fromEntries(
    formatterFor(zone)
      .formatToParts(new Date(ms))
      .map((p) => [p.type, p.value]),
  );
  const n = (k: string): number => Number(parts[k] ?? 0);
  // Some ICU builds still print midnight as 24 under h23.
  return { y: n('year'), mo: n('month'), d: n('day'), h: n('hour') % 24, mi: n('minute'), s: n('second') };
}

/** The zone's UTC offset (ms) at an instant. */
export function offsetAt(ms: number, zone: string): number {
  const w = wallClockOf(ms, zone);
  return Date.UTC(w.y, w.mo - 1, w.d, w.h, w.mi, w.s) - Math.floor(ms / 1000) * 1000;
}
