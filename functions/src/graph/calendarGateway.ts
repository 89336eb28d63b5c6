import { graphPageSchema } from './graphShapes';
import type { Client } from '@microsoft/microsoft-graph-client';
import type { Event } from '@microsoft/microsoft-graph-types';
import { z } from 'zod';
import type { CalendarEvent } from '../domain/calendar';
import { utcOfGraphDateTime, type GraphDateTime } from '../domain/meetingTime';

export interface CalendarGateway {
  /** Events (series expanded into occurrences) of a user's calendar overlapping [start, end). */
  eventsBetween(userId: string, start: Date, end: Date): Promise<CalendarEvent[]>;
  /**
   * The occurrences of one series (its master's id in this mailbox) starting in [start, end): Graph's
   * `/events/{id}/instances`, for a series whose next occurrence lies beyond a calendar read. Absent in test fakes.
   */
  instancesBetween?(userId: string, seriesMasterId: string, start: Date, end: Date): Promise<CalendarEvent[]>;
}

/** Only the event properties Candor reads; Graph returns everything else only when asked. */
const SELECT = [
  'id',
  'subject',
  'start',
  'end',
  'originalStart',
  'isAllDay',
  'isCancelled',
  'organizer',
  'attendees',
  'locations',
  'onlineMeeting',
  'responseStatus',
  // What both calendars share for a meeting without a Teams link, and the series to ask for more occurrences of.
  'iCalUId',
  'seriesMasterId',
] as const satisfies readonly (keyof Event)[];

const MAX_PAGES = 20;

const dateTimeTimeZone = z.object({ dateTime: z.string(), timeZone: z.string().nullish() });
const emailAddress = z.object({ address: z.string().nullish() }).nullish();
const responseType = z.enum(['none', 'organizer', 'tentativelyAccepted', 'accepted', 'declined', 'notResponded']);
const graphEvent = z.object({
  id: z.string(),
  subject: z.string().nullish(),
  start: dateTimeTimeZone,
  end: dateTimeTimeZone,
  originalStart: z.string().nullish(),
  isAllDay: z.boolean().nullish(),
  isCancelled: z.boolean().nullish(),
  organizer: z.object({ emailAddress }).nullish(),
  attendees: z
    .array(
      z.object({
        type: z.enum(['required', 'optional', 'resource']).nullish(),
        status: z.object({ response: responseType.nullish() }).nullish(),
        emailAddress,
      }),
    )
    .nullish(),
  locations: z.array(z.object({ locationEmailAddress: z.string().nullish() })).nullish(),
  onlineMeeting: z.object({ joinUrl: z.string().nullish() }).nullish(),
  responseStatus: z.object({ response: responseType.nullish() }).nullish(),
  iCalUId: z.string().nullish(),
  seriesMasterId: z.string().nullish(),
});
type GraphEvent = z.infer<typeof graphEvent>;

export function createGraphCalendarGateway(client: Client): CalendarGateway {
  const user = (userId: string): string => `/users/${encodeURIComponent(userId)}`;
  return {
    eventsBetween: (userId, start, end) => expandedEvents(client, `${user(userId)}/calendarView`, start, end),
    instancesBetween: (userId, seriesMasterId, start, end) =>
      expandedEvents(client, `${user(userId)}/events/${encodeURIComponent(seriesMasterId)}/instances`, start, end),
  };
}

/** calendarView and a series' instances answer alike: occurrences in a window, paged. */
async function expandedEvents(client: Client, path: string, start: Date, end: Date): Promise<CalendarEvent[]> {
  const events: CalendarEvent[] = [];
  let request = client
    .api(path)
    .query({ startDateTime: start.toISOString(), endDateTime: end.toISOString() })
    .select([...SELECT])
    .top(100);
  for (let pages = 0; pages < MAX_PAGES; pages++) {
    // Without this Graph answers in each event's own time zone, which has no offset in the string.
    const body = graphPageSchema.parse(await request.header('Prefer', 'outlook.timezone="UTC"').get());
    for (const raw of body.value) {
      const parsed = graphEvent.safeParse(raw);
      const event = parsed.success ? toCalendarEvent(parsed.data) : null;
      if (event) events.push(event);
    }
    const next = body['@odata.nextLink'];
    if (!next) break;
    request = client.api(next);
  }
  return events;
}

/** Maps one calendarView page's `value` (e.g. from a `$batch` answer); entries Graph shaped unexpectedly are skipped. */
export function calendarEventsOf(values: readonly unknown[]): CalendarEvent[] {
  return values.flatMap((raw) => {
    const parsed = graphEvent.safeParse(raw);
    const event = parsed.success ? toCalendarEvent(parsed.data) : null;
    return event ? [event] : [];
  });
}

/** The `$select` of every calendar read. */
export const CALENDAR_SELECT: readonly string[] = SELECT;

function toCalendarEvent(e: GraphEvent): CalendarEvent | null {
  const startUtc = utcIso(e.start);
  const endUtc = utcIso(e.end);
  if (!startUtc || !endUtc) return null;
  const addressOf = (x: { address?: string | null | undefined } | null | undefined): string | null =>
    x?.address ? x.address : null;
  return {
    eventId: e.id,
    subject: e.subject ?? '',
    startUtc,
    endUtc,
    originalStartUtc: e.originalStart ? isoOrNull(e.originalStart) : null,
    isAllDay: e.isAllDay ?? false,
    isCancelled: e.isCancelled ?? false,
    organizerAddress: addressOf(e.organizer?.emailAddress),
    attendees: (e.attendees ?? []).flatMap((a) => {
      const address = addressOf(a.emailAddress);
      return address ? [{ address, kind: a.type ?? 'required', response: a.status?.response ?? 'none' }] : [];
    }),
    roomAddresses: (e.locations ?? []).flatMap((l) => (l.locationEmailAddress ? [l.locationEmailAddress] : [])),
    joinUrl: e.onlineMeeting?.joinUrl ?? null,
    ownerResponse: e.responseStatus?.response ?? 'none',
    iCalUId: e.iCalUId ?? null,
    seriesMasterId: e.seriesMasterId ?? null,
  };
}

/** UTC because of the Prefer header, or converted from whatever named zone Graph answered in (domain/meetingTime). */
function utcIso(value: GraphDateTime): string | null {
  return utcOfGraphDateTime(value)?.utc ?? null;
}

function isoOrNull(text: string): string | null {
  const t = Date.parse(text);
  return Number.isNaN(t) ? null : new Date(t).toISOString();
}
