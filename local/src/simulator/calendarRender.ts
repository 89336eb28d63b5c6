import type {
  Attendee,
  Event,
  FreeBusyStatus,
  Location,
  ResponseStatus,
  ResponseType,
} from '@microsoft/microsoft-graph-types';
import type { SeedUser } from './types';
import type { MeetingModel, Tenant } from './tenant';
import { firstInstance, type Instance } from './calendarExpansion';
import { exchangeId, globalObjectId, shortHash } from './ids';
import { addDays, formatGraphDateTime, formatInstant, toLocal } from './timeZones';

/** The zone a reader asked for (`Prefer: outlook.timezone`): the name echoed back and the IANA zone used. */
export interface ReaderZone {
  name: string;
  zone: string;
}

export const UTC_READER: ReaderZone = { name: 'UTC', zone: 'UTC' };

/** Ids differ per mailbox (as in Exchange); an occurrence's id also encodes its original start. */
export function eventId(mailboxId: string, meetingKey: string, originalStart?: number): string {
  return exchangeId(`event|${mailboxId}|${meetingKey}|${originalStart ?? 'master'}`);
}

const NEVER = '0001-01-01T00:00:00Z';

/** Event timestamps (createdDateTime, lastModifiedDateTime) as Graph writes them: UTC with seven fractional digits. */
function graphTimestamp(iso: string): string {
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? iso : new Date(ms).toISOString().replace(/Z$/, '0000Z');
}

function showAsFor(meeting: MeetingModel, response: ResponseType): FreeBusyStatus {
  if (meeting.seed.showAs) return meeting.seed.showAs;
  if (response === 'declined') return 'free';
  if (response === 'tentativelyAccepted' || response === 'none' || response === 'notResponded') return 'tentative';
  return 'busy';
}

function attendeesFor(tenant: Tenant, meeting: MeetingModel, isOrganizer: boolean): Attendee[] {
  return meeting.seed.attendees.map((a) => {
    const user = a.userId ? tenant.user(a.userId) : undefined;
    const emailAddress = user
      ? { name: user.displayName, address: a.address ?? user.mail }
      : (a.emailAddress ?? { name: '', address: '' });
    // Only the organizer's copy tracks responses; attendees' copies show `none` for everyone.
    const response: ResponseType = isOrganizer ? (a.response ?? 'none') : 'none';
    const time = isOrganizer && response !== 'none' ? meeting.seed.createdDateTime : NEVER;
    return { type: a.type, status: { response, time }, emailAddress };
  });
}

function locationsFor(meeting: MeetingModel): Location[] {
  const { seed } = meeting;
  if (seed.location?.roomAddress) {
    return [
      {
        displayName: seed.location.displayName,
        locationType: 'conferenceRoom',
        locationEmailAddress: seed.location.roomAddress,
        uniqueId: seed.location.roomAddress,
        uniqueIdType: 'directory',
      },
    ];
  }
  if (seed.location)
    return [
      {
        displayName: seed.location.displayName,
        locationType: 'default',
        uniqueId: seed.location.displayName,
        uniqueIdType: 'private',
      },
    ];
  if (seed.teamsJoinUrl) {
    return [
      {
        displayName: 'Microsoft Teams Meeting',
        locationType: 'default',
        uniqueId: 'Microsoft Teams Meeting',
        uniqueIdType: 'private',
      },
    ];
  }
  return [];
}

function bodyFor(meeting: MeetingModel): { contentType: 'html'; content: string } {
  const text = meeting.seed.bodyText ?? '';
  const teams = meeting.seed.teamsJoinUrl
    ? `<div>________________________________________________________________________________</div>` +
      `<div><span style="font-size:24px">Microsoft Teams meeting</span></div>` +
      `<div><a href="${meeting.seed.teamsJoinUrl}">Click here to join the meeting</a></div>`
    : '';
  return {
    contentType: 'html',
    content: `<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"></head><body><div>${text}</div>${teams}</body></html>`,
  };
}

function dateTimeIn(
  instance: Instance,
  which: 'start' | 'end',
  reader: ReaderZone,
): { dateTime: string; timeZone: string } {
  if (instance.allDay) {
    // All-day events float: midnight in whatever zone the reader asked for.
    const { start, days } = instance.allDay;
    const date = which === 'start' ? start : addDays(start, days);
    return { dateTime: formatGraphDateTime({ ...date, hour: 0, minute: 0, second: 0 }), timeZone: reader.name };
  }
  return { dateTime: formatGraphDateTime(toLocal(instance[which], reader.zone)), timeZone: reader.name };
}

/** The parts shared by every event of a meeting in one mailbox (series master, occurrences, exceptions). */
function commonFields(tenant: Tenant, meeting: MeetingModel, mailbox: SeedUser): Event {
  const { seed } = meeting;
  const isOrganizer = seed.organizerId === mailbox.id;
  const own = seed.attendees.find((a) => a.userId === mailbox.id);
  const response: ResponseType = isOrganizer ? 'organizer' : (own?.response ?? 'none');
  const responseStatus: ResponseStatus = {
    response,
    time: isOrganizer || response === 'none' ? NEVER : seed.createdDateTime,
  };
  const organizer = tenant.user(seed.organizerId);
  const locations = locationsFor(meeting);
  const body = bodyFor(meeting);
  return {
    createdDateTime: graphTimestamp(seed.createdDateTime),
    lastModifiedDateTime: graphTimestamp(seed.createdDateTime),
    categories: [],
    transactionId: null,
    originalStartTimeZone: seed.start.timeZone ?? 'UTC',
    originalEndTimeZone: seed.end.timeZone ?? 'UTC',
    reminderMinutesBeforeStart: 15,
    isReminderOn: true,
    hasAttachments: false,
    bodyPreview: (seed.bodyText ?? '').slice(0, 255),
    importance: 'normal',
    sensitivity: 'normal',
    isAllDay: seed.isAllDay === true,
    isCancelled: false,
    isOrganizer,
    responseRequested: true,
    showAs: showAsFor(meeting, response),
    onlineMeetingUrl: null,
    isOnlineMeeting: Boolean(seed.teamsJoinUrl),
    onlineMeetingProvider: seed.teamsJoinUrl ? 'teamsForBusiness' : 'unknown',
    allowNewTimeProposals: true,
    isDraft: false,
    hideAttendees: false,
    responseStatus,
    body,
    location: locations[0] ?? {
      displayName: '',
      locationType: 'default',
      uniqueIdType: 'unknown',
      address: {},
      coordinates: {},
    },
    locations,
    attendees: attendeesFor(tenant, meeting, isOrganizer),
    organizer: {
      emailAddress: {
        name: organizer?.displayName ?? '',
        address: (isOrganizer ? undefined : seed.organizerAddress) ?? organizer?.mail ?? '',
      },
    },
    onlineMeeting: seed.teamsJoinUrl ? { joinUrl: seed.teamsJoinUrl } : null,
  };
}

function withIdentity(id: string, changeLabel: string, event: Event): Event {
  const changeKey = Buffer.from(shortHash(changeLabel, 24), 'hex').toString('base64');
  // Graph lists these first; keeping the order makes dumps read like real responses.
  return { '@odata.etag': `W/"${changeKey}"`, id, changeKey, ...event } as Event;
}

/** One calendar-view entry (occurrence, exception or single instance) as it appears in `mailbox`. */
export function renderInstance(tenant: Tenant, instance: Instance, mailbox: SeedUser, reader: ReaderZone): Event {
  const { meeting } = instance;
  const original = instance.originalStart?.getTime();
  const id = eventId(mailbox.id, meeting.seed.key, original);
  const masterId = eventId(mailbox.id, meeting.seed.key);
  tenant.eventRefs.set(id, {
    mailboxId: mailbox.id,
    meetingKey: meeting.seed.key,
    ...(original === undefined ? {} : { originalStart: original }),
  });
  tenant.eventRefs.set(masterId, { mailboxId: mailbox.id, meetingKey: meeting.seed.key });
  const event: Event = {
    ...commonFields(tenant, meeting, mailbox),
    iCalUId: globalObjectId(meeting.seed.key, instance.originalDate),
    // Exchange prefixes the subject of a cancelled meeting left in an attendee's calendar.
    subject: instance.cancelled ? `Canceled: ${instance.subject}` : instance.subject,
    ...(instance.cancelled ? { isCancelled: true } : {}),
    seriesMasterId: instance.type === 'singleInstance' ? null : masterId,
    type: instance.type,
    webLink: `https://outlook.office365.com/owa/?itemid=${encodeURIComponent(id)}&exvsurl=1&path=/calendar/item`,
    recurrence: null,
    start: dateTimeIn(instance, 'start', reader),
    end: dateTimeIn(instance, 'end', reader),
  };
  if (instance.originalStart) event.originalStart = formatInstant(instance.originalStart);
  return withIdentity(id, `${id}|${instance.start.getTime()}`, event);
}

/** The series master (or single event) as `/events` lists it: first occurrence's times plus the recurrence. */
export function renderMaster(tenant: Tenant, meeting: MeetingModel, mailbox: SeedUser, reader: ReaderZone): Event {
  if (!meeting.seed.recurrence) return renderInstance(tenant, firstInstance(meeting), mailbox, reader);
  const id = eventId(mailbox.id, meeting.seed.key);
  tenant.eventRefs.set(id, { mailboxId: mailbox.id, meetingKey: meeting.seed.key });
  const first = firstInstance(meeting);
  const event: Event = {
    ...commonFields(tenant, meeting, mailbox),
    iCalUId: globalObjectId(meeting.seed.key),
    subject: meeting.seed.subject,
    seriesMasterId: null,
    type: 'seriesMaster',
    webLink: `https://outlook.office365.com/owa/?itemid=${encodeURIComponent(id)}&exvsurl=1&path=/calendar/item`,
    recurrence: meeting.seed.recurrence,
    start: dateTimeIn(first, 'start', reader),
    end: dateTimeIn(first, 'end', reader),
  };
  return withIdentity(id, `${id}|master`, event);
}

/** Every property name an event can have here, for `$select` validation. */
export const EVENT_PROPERTIES = [
  'id',
  'createdDateTime',
  'lastModifiedDateTime',
  'changeKey',
  'categories',
  'transactionId',
  'originalStartTimeZone',
  'originalEndTimeZone',
  'iCalUId',
  'reminderMinutesBeforeStart',
  'isReminderOn',
  'hasAttachments',
  'subject',
  'bodyPreview',
  'importance',
  'sensitivity',
  'isAllDay',
  'isCancelled',
  'isOrganizer',
  'responseRequested',
  'seriesMasterId',
  'showAs',
  'type',
  'webLink',
  'onlineMeetingUrl',
  'isOnlineMeeting',
  'onlineMeetingProvider',
  'allowNewTimeProposals',
  'isDraft',
  'hideAttendees',
  'responseStatus',
  'body',
  'start',
  'end',
  'location',
  'locations',
  'recurrence',
  'attendees',
  'organizer',
  'onlineMeeting',
  'originalStart',
] as const;
