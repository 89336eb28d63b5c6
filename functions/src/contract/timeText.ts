/**
 * Every date and time a person reads in Candor — the board, the prep view, the status form, the chat cards, the
 * emails, the digest and the bot's replies — is written here and nowhere else, so the same meeting reads the same
 * everywhere: "Thursday, December 10, 10:00 AM (GMT+1)".
 *
 * It lives in the shared contract folder because both the Functions app and the tab import it. It is pure (Intl
 * only, no zod) and the tab imports it by its own path, `@candor/contract/timeText`, never through the contract
 * index, so it adds a few hundred bytes to the side panel's first download instead of the whole contract.
 *
 * Locale and zone are always parameters: the tab passes the Teams locale and the browser's zone, the emails and
 * cards the recipient's mailbox zone. An unknown zone reads in UTC and says "UTC"; an unknown locale reads in
 * en-US; neither ever throws.
 */

/** Who reads the text: a BCP 47 locale and an IANA zone (null = not known, the text is then in UTC and says so). */
export interface TimeReader {
  locale: string;
  timeZone: string | null;
}

/** The locale of texts whose reader's language is not known yet (emails, cards). */
export const DEFAULT_LOCALE = 'en-US';

const formatters = new Map<string, Intl.DateTimeFormat>();

/** A formatter for a valid locale and zone; an invalid locale falls back to en-US, an invalid zone to UTC. */
function formatter(reader: TimeReader, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const zone = knownZone(reader.timeZone);
  const key = `${reader.locale}|${zone}|${JSON.stringify(options)}`;
  let found = formatters.get(key);
  if (!found) {
    try {
      found = new Intl.DateTimeFormat(reader.locale, { ...options, timeZone: zone });
    } catch {
      found = new Intl.DateTimeFormat(DEFAULT_LOCALE, { ...options, timeZone: zone });
    }
    formatters.set(key, found);
  }
  return found;
}

function knownZone(zone: string | null): string {
  if (!zone) return 'UTC';
  try {
    new Intl.DateTimeFormat(DEFAULT_LOCALE, { timeZone: zone });
    return zone;
  } catch {
    return 'UTC';
  }
}

// ICU versions differ in the space before "AM" (plain, no-break or narrow no-break); one plain space makes the
// email, the card and the tab (Node and the browser carry different ICU builds) say exactly the same thing.
const tidy = (text: string): string => text.replace(/[\u00a0\u202f]/g, ' ');

const DAY: Intl.DateTimeFormatOptions = { weekday: 'long', month: 'long', day: 'numeric' };
const TIME: Intl.DateTimeFormatOptions = { hour: 'numeric', minute: '2-digit' };

function instant(iso: string): Date | null {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** "Thursday, December 10": the one date style, in the reader's zone. */
export function dayText(iso: string, reader: TimeReader): string {
  const date = instant(iso);
  return date ? tidy(formatter(reader, DAY).format(date)) : iso;
}

/** "10:00 AM" in the reader's zone. */
export function clockText(iso: string, reader: TimeReader): string {
  const date = instant(iso);
  return date ? tidy(formatter(reader, TIME).format(date)) : iso;
}

/** "GMT+1", or "UTC" for UTC itself and for an unknown zone. */
export function zoneText(iso: string, reader: TimeReader): string {
  const date = instant(iso) ?? new Date(0);
  if (knownZone(reader.timeZone) === 'UTC') return 'UTC';
  const name = formatter(reader, { timeZoneName: 'shortOffset' })
    .formatToParts(date)
    .find((part) => part.type === 'timeZoneName')?.value;
  return !name || name === 'GMT' || name === 'GMT+0' ? 'UTC' : tidy(name);
}

/**
 * "Thursday, December 10, 10:00 AM (GMT+1)". The zone is named by default: a meeting time is read by two people who
 * may sit in different zones. `zone: false` for places where only the reader's own clock matters.
 */
export function dateTimeText(iso: string, reader: TimeReader, { zone = true }: { zone?: boolean } = {}): string {
  if (!instant(iso)) return iso;
  const text = `${dayText(iso, reader)}, ${clockText(iso, reader)}`;
  return zone ? `${text} (${zoneText(iso, reader)})` : text;
}

/** A calendar day (YYYY-MM-DD, e.g. a due date) is not an instant: "Thursday, December 10" with no zone shift. */
export function calendarDayText(day: string, locale: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return day;
  return dayText(`${day}T12:00:00Z`, { locale, timeZone: 'UTC' });
}

/** A month (YYYY-MM) as a person reads it: "November 2026". */
export function monthText(month: string, locale: string): string {
  if (!/^\d{4}-\d{2}$/.test(month)) return month;
  return tidy(
    formatter({ locale, timeZone: 'UTC' }, { month: 'long', year: 'numeric' }).format(
      new Date(`${month}-15T12:00:00Z`),
    ),
  );
}
