import { meetingChatIdFromJoinUrl, type CalendarEvent } from './calendar';
import { occurrenceIdFor } from './occurrences';

/*
 * Which meeting series a calendar event belongs to, as the same string in the organizer's and the attendee's
 * calendar. Boards, status-request claims and trend records are keyed by it, so it must never change for a meeting
 * that already has a board: a long Teams link keeps hashing its chat thread id exactly as before.
 */

/**
 * The meeting id of Teams' short join link, `https://teams.microsoft.com/meet/<meetingId>?p=<passcode>` (the link
 * Meet now and, increasingly, scheduled meetings get). It carries no chat thread id; the id path segment is the
 * same in every copy of the invitation. Null for any other link.
 */
export function shortLinkMeetingIdOf(joinUrl: string | null): string | null {
  const url = parsed(joinUrl);
  if (!url) return null;
  const segments = url.pathname.split('/').filter(Boolean);
  if (segments.length !== 2 || segments[0]?.toLowerCase() !== 'meet') return null;
  const id = segments[1] ?? '';
  return /^[A-Za-z0-9_-]+$/.test(id) ? id : null;
}

/** The 16 bytes that open every Outlook Global Object Id (MS-OXOCAL PidLidGlobalObjectId), in hex. */
const GLOBAL_OBJECT_ID_PREFIX = '040000008200E00074C5B7101A82E008';

/**
 * The series' own Global Object Id from one occurrence's iCalUId: bytes 16–19 (year, month, day of the
 * occurrence) zeroed, as Exchange's "clean" global object id is, so every occurrence and the series master give the
 * same string, in the organizer's calendar and the attendee's alike. Null when the iCalUId is not one.
 */
export function seriesGlobalObjectIdOf(iCalUId: string | null | undefined): string | null {
  if (!iCalUId) return null;
  const hex = iCalUId.toUpperCase();
  if (!/^[0-9A-F]+$/.test(hex) || hex.length < 40 || !hex.startsWith(GLOBAL_OBJECT_ID_PREFIX)) return null;
  return `${hex.slice(0, 32)}00000000${hex.slice(40)}`;
}

/**
 * The series key of an event: the chat thread id of a long link (what every existing board hashes), else
 * `meet:<meetingId>` of a short link, else — a meeting without a Teams link (in person, by phone) —
 * `goid:<series Global Object Id>`, else `event:<eventId>`: a mailbox's own id, the last resort, which the other
 * person's calendar does not share.
 */
export function seriesIdentityOf(event: Pick<CalendarEvent, 'joinUrl' | 'eventId' | 'iCalUId'>): string {
  const threadId = meetingChatIdFromJoinUrl(event.joinUrl);
  if (threadId) return threadId;
  const meetingId = shortLinkMeetingIdOf(event.joinUrl);
  if (meetingId) return `meet:${meetingId}`;
  const globalId = seriesGlobalObjectIdOf(event.iCalUId);
  if (globalId) return `goid:${globalId}`;
  return `event:${event.eventId}`;
}

/**
 * The board's occurrence id of a calendar event: its original start plus its series identity. The board route, the
 * pre-meeting scan and the trends job all use this, so they land on the same board.
 */
export function boardOccurrenceIdOf(
  event: Pick<CalendarEvent, 'joinUrl' | 'eventId' | 'iCalUId' | 'originalStartUtc' | 'startUtc'>,
): string {
  return occurrenceIdFor(event.originalStartUtc ?? event.startUtc, seriesIdentityOf(event));
}

/**
 * A join link reduced to what names the meeting, for comparing the calendar's copy with the one Graph gives for a
 * chat: host in lower case and the decoded path (escapes are written in either case, and the long link's `context`
 * query differs between copies). The passcode is not part of the meeting's name. Null when it is not a URL.
 */
export function normalizedJoinUrl(joinUrl: string | null): string | null {
  const url = parsed(joinUrl);
  if (!url) return null;
  let path: string;
  try {
    path = decodeURIComponent(url.pathname);
  } catch {
    path = url.pathname;
  }
  // The path keeps its case: thread ids and meeting ids are case-sensitive.
  return `${url.host.toLowerCase()}${path.replace(/\/+$/, '')}`;
}

/** Whether two join links name the same meeting (see normalizedJoinUrl). */
export function sameMeetingLink(a: string | null, b: string | null): boolean {
  const left = normalizedJoinUrl(a);
  return left !== null && left === normalizedJoinUrl(b);
}

function parsed(joinUrl: string | null): URL | null {
  if (!joinUrl) return null;
  try {
    return new URL(joinUrl);
  } catch {
    return null;
  }
}
