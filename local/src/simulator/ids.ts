import { createHash, randomUUID } from 'node:crypto';

/** Deterministic bytes from a label, so the same seed always yields the same ids (stable across restarts). */
function digest(label: string): Buffer {
  return createHash('sha256').update(label).digest();
}

/** A GUID derived from a label (version-4 shaped), for fixed demo ids and generated object ids. */
export function guidFrom(label: string): string {
  const hex = digest(label).toString('hex');
  const variant = ((parseInt(hex[16] ?? '0', 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/**
 * An Exchange-looking item id (`AAMkA…=`): opaque, URL-safe base64. Exchange ids differ per mailbox even for the
 * same meeting, so the mailbox is part of the label.
 */
export function exchangeId(label: string): string {
  const body = Buffer.concat([digest(label), digest(`${label}#2`)])
    .toString('base64url')
    .slice(0, 110);
  return `AAMkA${body}AAA=`;
}

/** A short hex string for change keys, message ids, etc. */
export function shortHash(label: string, length = 16): string {
  return digest(label).toString('hex').slice(0, length);
}

/**
 * An Outlook Global Object Id (the iCalUId of meetings created in Outlook). Bytes 16–19 hold the occurrence's
 * date (zero for the series itself), which is why every occurrence of a series has its own iCalUId.
 */
export function globalObjectId(label: string, occurrenceDate?: { year: number; month: number; day: number }): string {
  const prefix = '040000008200E00074C5B7101A82E008';
  const date = occurrenceDate
    ? occurrenceDate.year.toString(16).padStart(4, '0') +
      occurrenceDate.month.toString(16).padStart(2, '0') +
      occurrenceDate.day.toString(16).padStart(2, '0')
    : '00000000';
  const created = digest(`${label}#created`).toString('hex').slice(0, 16);
  const data = digest(label).toString('hex').slice(0, 32);
  return `${prefix}${date}${created}000000000000000010000000${data}`.toUpperCase();
}

/** The meeting chat's thread id (`19:meeting_…@thread.v2`) Teams gives the meeting of `label`. */
export function teamsThreadId(label: string): string {
  const thread = Buffer.from(guidFrom(`teams-thread:${label}`))
    .toString('base64')
    .replace(/=+$/, '');
  return `19:meeting_${thread}@thread.v2`;
}

/**
 * A Teams meeting join URL of the long shape. The thread id inside (`19:meeting_…@thread.v2`) is the meeting
 * chat's id; Teams writes it with lowercase percent-escapes.
 */
export function teamsJoinUrl(tenantId: string, organizerId: string, label: string): string {
  const context = `{"Tid":"${tenantId}","Oid":"${organizerId}"}`;
  const lowerEscapes = (s: string): string => encodeURIComponent(s).replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase());
  return `https://teams.microsoft.com/l/meetup-join/${lowerEscapes(teamsThreadId(label))}/0?context=${lowerEscapes(context)}`;
}

/**
 * Teams' short join URL (`/meet/<meeting id>?p=<passcode>`), the default for Meet now and rolling out to scheduled
 * meetings: a numeric meeting id of 13–15 digits and a passcode. It names neither the chat nor the organizer.
 */
export function teamsShortJoinUrl(label: string): string {
  const bytes = digest(`teams-meet:${label}`);
  const digits = [...bytes.subarray(0, 14)].map((b) => String(b % 10)).join('');
  const meetingId = `${1 + ((bytes[14] ?? 0) % 9)}${digits}`;
  const passcode = bytes.subarray(16, 24).toString('base64url').replace(/[-_]/g, 'x');
  return `https://teams.microsoft.com/meet/${meetingId}?p=${passcode}`;
}

/** The join link of a Teams meeting, long or short, and the chat id a short link does not carry. */
export function teamsMeetingLinks(
  tenantId: string,
  organizerId: string,
  label: string,
  form: 'long' | 'short',
): { teamsJoinUrl: string; teamsChatId?: string } {
  return form === 'long'
    ? { teamsJoinUrl: teamsJoinUrl(tenantId, organizerId, label) }
    : { teamsJoinUrl: teamsShortJoinUrl(label), teamsChatId: teamsThreadId(label) };
}

/** The meeting chat id inside a Teams join URL (the URL-decoded first path segment after `meetup-join/`). */
export function chatIdFromJoinUrl(joinUrl: string): string | undefined {
  const match = /\/l\/meetup-join\/([^/?#]+)/.exec(joinUrl);
  return match?.[1] ? decodeURIComponent(match[1]) : undefined;
}

/** A seeded meeting's chat id: the one its long link carries, else the one recorded beside its short link. */
export function meetingChatIdOf(meeting: { teamsJoinUrl?: string; teamsChatId?: string }): string | undefined {
  if (meeting.teamsChatId) return meeting.teamsChatId;
  return meeting.teamsJoinUrl ? chatIdFromJoinUrl(meeting.teamsJoinUrl) : undefined;
}

/** A fresh id for one request (Graph's `request-id`, Entra's trace/correlation ids). */
export function requestId(): string {
  return randomUUID();
}
