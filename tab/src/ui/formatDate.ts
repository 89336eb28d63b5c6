import { calendarDayText, dateTimeText, dayText } from '@candor/contract/timeText';

/*
 * The tab's dates and times: the shared formatter (@candor/contract/timeText, the same one the emails and cards
 * use) with the Teams locale and the zone this browser runs in.
 */

/** The reader's zone as the browser knows it; null (the text then says UTC) when it cannot tell. */
export function browserTimeZone(): string | null {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || null;
  } catch {
    return null;
  }
}

/** A meeting's start, zone named: the two people of a 1:1 may sit in different zones. */
export function formatMeetingDate(iso: string, locale: string, timeZone: string | null = browserTimeZone()): string {
  return dateTimeText(iso, { locale, timeZone });
}

/** When something was sent or saved, in the same words as a meeting time. */
export function formatSentAt(iso: string, locale: string, timeZone: string | null = browserTimeZone()): string {
  return dateTimeText(iso, { locale, timeZone });
}

export function formatDay(iso: string, locale: string, timeZone: string | null = browserTimeZone()): string {
  return dayText(iso, { locale, timeZone });
}

/** A due date (YYYY-MM-DD) is a calendar day, not an instant: shown without any time-zone shift. */
export function formatDueDate(day: string, locale: string): string {
  return calendarDayText(day, locale);
}
