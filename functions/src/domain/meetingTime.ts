import { findIana } from 'windows-iana';
import { DEFAULT_LOCALE, dateTimeText } from '../contract/timeText';

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
export function formatShortMeetingTime(startUtc: string, ianaZone: string | null, locale: string = DEFAULT_LOCALE): string {
  return dateTimeText(startUtc, { locale, timeZone: ianaZone }, { zone: false });
}
