/**
 * The calendar facts Candor needs from one event in a person's calendar, independent of Graph's shapes
 * (the Graph adapter maps into these). Times are ISO-8601 UTC strings.
 */
export type AttendeeKind = 'required' | 'optional' | 'resource';
export type AttendeeResponse = 'none' | 'organizer' | 'tentativelyAccepted' | 'accepted' | 'declined' | 'notResponded';

export interface MeetingAttendee {
  /** E-mail address as written in the invitation (compared case-insensitively). */
  address: string;
  kind: AttendeeKind;
  response: AttendeeResponse;
}

export interface CalendarEvent {
  /** Mailbox-specific id: differs between the manager's and the report's copy of the same meeting. */
  eventId: string;
  subject: string;
  startUtc: string;
  endUtc: string;
  /** Where the occurrence sat in its series before any move; null for single events. */
  originalStartUtc: string | null;
  isAllDay: boolean;
  isCancelled: boolean;
  organizerAddress: string | null;
  attendees: readonly MeetingAttendee[];
  /** Addresses of booked rooms (from the event's locations), which may also appear as attendees. */
  roomAddresses: readonly string[];
  joinUrl: string | null;
  /** The calendar owner's own answer to the invitation. */
  ownerResponse: AttendeeResponse;
  /**
   * Graph's iCalUId: the same in every attendee's copy of an occurrence. Outlook writes it as a Global Object Id,
   * whose date bytes name the occurrence (see seriesIdentity.ts). Absent where the source did not read it.
   */
  iCalUId?: string | null;
  /** The series master's id in this mailbox (for Graph's `/events/{id}/instances`); null for single events. */
  seriesMasterId?: string | null;
}

/**
 * Teams join links carry the meeting chat's thread id as their first path segment after `meetup-join/`,
 * URL-encoded (`19%3ameeting_…%40thread.v2`). Returns null for links without it (e.g. the short
 * `teams.microsoft.com/meet/…` form) or anything that is not a URL.
 */
export function meetingChatIdFromJoinUrl(joinUrl: string | null): string | null {
  if (!joinUrl) return null;
  let url: URL;
  try {
    url = new URL(joinUrl);
  } catch {
    return null;
  }
  const segments = url.pathname.split('/');
  const at = segments.indexOf('meetup-join');
  const encoded = at >= 0 ? segments[at + 1] : undefined;
  if (!encoded) return null;
  try {
    const chatId = decodeURIComponent(encoded);
    return chatId.startsWith('19:') ? chatId : null;
  } catch {
    return null;
  }
}
