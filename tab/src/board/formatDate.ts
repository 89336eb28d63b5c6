/** Dates as the board shows them, in the person's locale. */
export function formatMeetingDate(iso: string, locale: string): string {
  return format(iso, locale, { weekday: 'short', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' });
}

export function formatDay(iso: string, locale: string): string {
  return format(iso, locale, { weekday: 'short', month: 'short', day: 'numeric' });
}

/** A due date (YYYY-MM-DD) is a calendar day, not an instant: shown without any time-zone shift. */
export function formatDueDate(day: string, locale: string): string {
  return format(`${day}T12:00:00Z`, locale, { month: 'short', day: 'numeric', timeZone: 'UTC' });
}

function format(iso: string, locale: string, options: Intl.DateTimeFormatOptions): string {
  const date = new Date(iso);
  try {
    return new Intl.DateTimeFormat(locale, options).format(date);
  } catch {
    return date.toLocaleString();
  }
}
