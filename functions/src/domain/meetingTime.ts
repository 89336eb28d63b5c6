import { findIana } from 'windows-iana';

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

/** "Thu 10:00 AM" in the reader's zone (for subject lines); UTC when the zone is unknown. */
export function formatShortMeetingTime(startUtc: string, ianaZone: string | null, locale = 'en-US'): string {
  return new Intl.DateTimeFormat(locale, { timeZone: ianaZone ?? 'UTC', weekday: 'short', hour: 'numeric', minute: '2-digit' }).format(new Date(startUtc));
}

/** "Thursday, November 26 at 10:00 AM (GMT+1)" in the reader's zone; UTC when the zone is unknown. */
export function formatMeetingTime(startUtc: string, ianaZone: string | null, locale = 'en-US'): string {
  const zone = ianaZone ?? 'UTC';
  const start = new Date(startUtc);
  const day = new Intl.DateTimeFormat(locale, { timeZone: zone, weekday: 'long', month: 'long', day: 'numeric' }).format(start);
  const time = new Intl.DateTimeFormat(locale, { timeZone: zone, hour: 'numeric', minute: '2-digit' }).format(start);
  const offset =
    new Intl.DateTimeFormat(locale, { timeZone: zone, timeZoneName: 'shortOffset' })
      .formatToParts(start)
      .find((part) => part.type === 'timeZoneName')?.value ?? zone;
  return `${day} at ${time} (${offset === 'GMT' || offset === 'GMT+0' || zone === 'UTC' ? 'UTC' : offset})`;
}
