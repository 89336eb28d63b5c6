/**
 * The demo tenant: Megan Bowen manages four people and reports to Patti Fernandez. Their calendars are built
 * relative to "now" so a demo always has a 1:1 in progress (Megan / Adele, started at now rounded down to the
 * half hour) plus the awkward cases a
 * real calendar has: a report-organized series, a moved and a cancelled occurrence, a team meeting, a 3-person
 * meeting, an all-day event and an in-person meeting with a room. Patti, whom nothing enrols, is the newcomer's first
 * run: a Teams 1:1 with Megan later today and an in-person walk with her that ended within the hour.
 */
import type { DayOfWeek, PatternedRecurrence } from '@microsoft/microsoft-graph-types';
import type { SeedApiApp, SeedAttendee, SeedMeeting, SeedUser, TenantSeed } from './types';
import { teamsJoinUrl, teamsMeetingLinks } from './ids';
import { oneOnOnes } from './oneOnOnes';
import {
  addDays,
  formatDate,
  formatGraphDateTime,
  formatInstant,
  fromLocal,
  resolveTimeZone,
  toLocal,
  weekday,
  withTime,
} from './timeZones';

export const DEMO_TENANT_ID = '8f3a1c2e-5b7d-4e9f-a1c3-d5e7f9b2c4a6';
export const DEMO_DOMAIN = 'candor-demo.example';
/** The Candor API's app registration (client) id: the audience of the tab's SSO tokens. */
export const API_CLIENT_ID = '4b2d8e6f-1a3c-4d5e-8f7a-9b0c1d2e3f4a';
export const API_SCOPE = 'access_as_user';
/** The Candor Teams app's id in the demo tenant's app catalog (Graph `appCatalogs/teamsApps/{id}`), for the bot's install. */
export const DEMO_TEAMS_CATALOG_APP_ID = 'ca0d0000-7ea5-4a11-b0b0-000000000010';
/** Teams SSO needs the Application ID URI in the form `api://{domain}/{client id}`. */
export const API_APP_ID_URI = `api://localhost/${API_CLIENT_ID}`;
/** Microsoft's first-party clients a Teams/Outlook SSO app pre-authorizes (public, documented ids). */
export const TEAMS_WEB_CLIENT_ID = '5e3ce6c0-2b1f-4285-8d4b-75ee78787346';
export const TEAMS_DESKTOP_CLIENT_ID = '1fec8e78-bce4-4aaf-ab1b-5451cc387264';
export const OFFICE_CLIENT_ID = 'ea5a67f6-b6f3-4338-b240-c655ddc3cc8e';

export const DEMO_USER_IDS = {
  patti: '0c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f',
  megan: '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d',
  adele: '2b3c4d5e-6f7a-4b8c-9d0e-1f2a3b4c5d6e',
  alex: '3c4d5e6f-7a8b-4c9d-8e1f-2a3b4c5d6e7f',
  diego: '4d5e6f7a-8b9c-4d0e-9f2a-3b4c5d6e7f8a',
  lynne: '5e6f7a8b-9c0d-4e1f-8a3b-4c5d6e7f8a9b',
} as const;
export const DEMO_MANAGER_ID = DEMO_USER_IDS.megan;
export const DEMO_SKIP_LEVEL_ID = DEMO_USER_IDS.patti;
export const DEMO_REPORT_IDS = [
  DEMO_USER_IDS.adele,
  DEMO_USER_IDS.alex,
  DEMO_USER_IDS.diego,
  DEMO_USER_IDS.lynne,
] as const;
export const DEMO_ROOM = { name: 'Conf Room Rainier', address: `rainier@${DEMO_DOMAIN}` };

function user(
  key: keyof typeof DEMO_USER_IDS,
  displayName: string,
  jobTitle: string,
  timeZone: string,
  roleHint: string,
  managerId?: string,
): SeedUser {
  const [givenName = displayName, surname = ''] = displayName.split(' ');
  const address = `${key}@${DEMO_DOMAIN}`;
  return {
    id: DEMO_USER_IDS[key],
    displayName,
    givenName,
    surname,
    userPrincipalName: address,
    mail: address,
    jobTitle,
    department: 'Product Engineering',
    officeLocation:
      timeZone === 'Eastern Standard Time' ? 'New York' : timeZone === 'GMT Standard Time' ? 'London' : 'Berlin',
    timeZone,
    roleHint,
    ...(managerId ? { managerId } : {}),
  };
}

const USERS: SeedUser[] = [
  user(
    'patti',
    'Patti Fernandez',
    'VP of Engineering',
    'Eastern Standard Time',
    'manager nothing enrols yet: walk the first run as her',
  ),
  user(
    'megan',
    'Megan Bowen',
    'Engineering Manager',
    'W. Europe Standard Time',
    'manager of Adele, Alex, Diego and Lynne',
    DEMO_USER_IDS.patti,
  ),
  user(
    'adele',
    'Adele Vance',
    'Senior Software Engineer',
    'W. Europe Standard Time',
    'report (1:1 with Megan happening now)',
    DEMO_USER_IDS.megan,
  ),
  user('alex', 'Alex Wilber', 'Software Engineer', 'Eastern Standard Time', 'report', DEMO_USER_IDS.megan),
  user(
    'diego',
    'Diego Siciliani',
    'Software Engineer',
    'W. Europe Standard Time',
    'report (has a moved and a cancelled 1:1)',
    DEMO_USER_IDS.megan,
  ),
  user(
    'lynne',
    'Lynne Robbins',
    'Product Designer',
    'GMT Standard Time',
    'report (organizes her own 1:1 series)',
    DEMO_USER_IDS.megan,
  ),
];

export const DEMO_API_APP: SeedApiApp = {
  clientId: API_CLIENT_ID,
  appIdUri: API_APP_ID_URI,
  // Mail.Read lets the API find a mail it sent in Sent Items (by extended property) after an unknown outcome.
  graphApplicationPermissions: [
    'Calendars.Read',
    'Mail.Send',
    'User.Read.All',
    'MailboxSettings.Read',
    'Mail.Read',
    'TeamsAppInstallation.ReadWriteSelfForUser.All',
    'OnlineMeetings.Read.All',
    // Candor attaches itself to a 1:1's meeting chat: installs itself there, then pins its tab.
    'TeamsAppInstallation.ReadWriteSelfForChat.All',
    'TeamsTab.ReadWriteSelfForChat.All',
  ],
  graphDelegatedPermissions: ['User.Read', 'User.ReadBasic.All', 'Calendars.Read', 'Mail.Send', 'MailboxSettings.Read'],
  preAuthorizedClientIds: [TEAMS_WEB_CLIENT_ID, TEAMS_DESKTOP_CLIENT_ID, OFFICE_CLIENT_ID],
  // Grant-CsApplicationAccessPolicy -Global: app-only reads of online meetings (a recap's chat) for every organizer.
  onlineMeetingsAccessPolicy: 'global',
};

export interface DemoUserInfo {
  id: string;
  displayName: string;
  userPrincipalName: string;
  mail: string;
  jobTitle: string;
  managerId: string | null;
  /** How the host page offers them: Megan and Patti manage someone; everyone else is a report. */
  role: 'manager' | 'report';
  roleHint: string;
}

/** The demo people, for the host page's "sign in as" picker. */
export function demoUsers(): DemoUserInfo[] {
  return USERS.map((u) => ({
    id: u.id,
    displayName: u.displayName,
    userPrincipalName: u.userPrincipalName,
    mail: u.mail,
    jobTitle: u.jobTitle ?? '',
    managerId: u.managerId ?? null,
    role: USERS.some((other) => other.managerId === u.id) ? ('manager' as const) : ('report' as const),
    roleHint: u.roleHint ?? '',
  }));
}

const DAY_NAMES: DayOfWeek[] = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/**
 * A weekly series in the organizer's zone whose occurrence `weeksBack` weeks after its first one is at `anchor`.
 * Built on the local wall clock, so earlier occurrences across a daylight-saving change keep their local time.
 */
function weekly(anchor: Date, timeZone: string, weeksBack: number, minutes: number) {
  const zone = resolveTimeZone(timeZone) ?? 'UTC';
  const anchorLocal = toLocal(anchor, zone);
  const firstDate = addDays(anchorLocal, -7 * weeksBack);
  const local = (weeksFromAnchor: number, extraMs = 0) =>
    toLocal(
      new Date(fromLocal(withTime(addDays(anchorLocal, 7 * weeksFromAnchor), anchorLocal), zone).getTime() + extraMs),
      zone,
    );
  const recurrence: PatternedRecurrence = {
    pattern: {
      type: 'weekly',
      interval: 1,
      month: 0,
      dayOfMonth: 0,
      daysOfWeek: [DAY_NAMES[weekday(anchorLocal)] ?? 'monday'],
      firstDayOfWeek: 'sunday',
      index: 'first',
    },
    range: {
      type: 'noEnd',
      startDate: formatDate(firstDate),
      endDate: '0001-01-01',
      recurrenceTimeZone: timeZone,
      numberOfOccurrences: 0,
    },
  };
  return {
    start: { dateTime: formatGraphDateTime(local(-weeksBack)), timeZone },
    end: { dateTime: formatGraphDateTime(local(-weeksBack, minutes * 60_000)), timeZone },
    recurrence,
    /** The original start of the occurrence `k` weeks after the anchor, as an ISO instant. */
    occurrence: (k: number): string => formatInstant(fromLocal(local(k), zone)),
    created: formatInstant(new Date(fromLocal(local(-weeksBack), zone).getTime() - 3 * DAY_MS)),
  };
}

function single(start: Date, timeZone: string, minutes: number) {
  const zone = resolveTimeZone(timeZone) ?? 'UTC';
  return {
    start: { dateTime: formatGraphDateTime(toLocal(start, zone)), timeZone },
    end: { dateTime: formatGraphDateTime(toLocal(new Date(start.getTime() + minutes * 60_000), zone)), timeZone },
    created: formatInstant(new Date(start.getTime() - 7 * DAY_MS)),
  };
}

const attendee = (
  userId: string,
  response: SeedAttendee['response'] = 'accepted',
  type: SeedAttendee['type'] = 'required',
): SeedAttendee => ({ userId, type, response });
const tzOf = (id: string): string => USERS.find((u) => u.id === id)?.timeZone ?? 'UTC';

function oneOnOne(
  key: string,
  subject: string,
  organizerId: string,
  otherId: string,
  anchor: Date,
  weeksBack: number,
  response: SeedAttendee['response'],
  link: 'long' | 'short' = 'long',
): { meeting: SeedMeeting; occurrence: (k: number) => string } {
  const series = weekly(anchor, tzOf(organizerId), weeksBack, 30);
  const meeting: SeedMeeting = {
    key,
    subject,
    organizerId,
    attendees: [attendee(otherId, response)],
    start: series.start,
    end: series.end,
    recurrence: series.recurrence,
    ...teamsMeetingLinks(DEMO_TENANT_ID, organizerId, key, link),
    bodyText: 'Our weekly 1:1. Agenda lives in Candor.',
    createdDateTime: series.created,
  };
  return { meeting, occurrence: series.occurrence };
}

/**
 * Alex works from New York while the team is in Europe: in the last week and a half Lynne pulled him into evening
 * calls booked a few hours ahead — the after-hours scrambles the trends count. Three people each, so never a 1:1.
 */
function alexScrambles(now: Date): SeedMeeting[] {
  const zone = resolveTimeZone(tzOf(DEMO_USER_IDS.alex)) ?? 'UTC';
  const today = toLocal(now, zone);
  return [1, 2, 4, 8].map((daysAgo): SeedMeeting => {
    const start = fromLocal(withTime(addDays(today, -daysAgo), { hour: 18, minute: 30, second: 0 }), zone);
    const call = single(start, tzOf(DEMO_USER_IDS.lynne), 45);
    return {
      key: `handoff-scramble-${daysAgo}`,
      subject: 'Design handoff: urgent follow-up',
      organizerId: DEMO_USER_IDS.lynne,
      attendees: [attendee(DEMO_USER_IDS.alex), attendee(DEMO_USER_IDS.diego, 'tentativelyAccepted')],
      start: call.start,
      end: call.end,
      bodyText: 'Quick sync before the handoff.',
      createdDateTime: formatInstant(new Date(start.getTime() - 3 * HOUR_MS)),
    };
  });
}

/** The demo tenant with every meeting placed relative to `now`. */
export function demoTenantSeed(now: Date): TenantSeed {
  const hour = new Date(Math.floor(now.getTime() / HOUR_MS) * HOUR_MS);
  const at = (hours: number): Date => new Date(hour.getTime() + hours * HOUR_MS);
  // Rounded down to the half hour, so a 30-minute meeting starting then is always in progress at `now`.
  const halfHour = new Date(Math.floor(now.getTime() / (HOUR_MS / 2)) * (HOUR_MS / 2));
  const { patti, megan, adele, alex, diego, lynne } = DEMO_USER_IDS;

  const adele1on1 = oneOnOne('1on1-megan-adele', 'Megan / Adele 1:1', megan, adele, halfHour, 8, 'accepted');
  const alex1on1 = oneOnOne('1on1-megan-alex', 'Megan / Alex 1:1', megan, alex, at(1), 8, 'tentativelyAccepted');
  const diego1on1 = oneOnOne('1on1-megan-diego', 'Megan / Diego weekly 1:1', megan, diego, at(24), 8, 'accepted');
  const lynne1on1 = oneOnOne('1on1-lynne-megan', 'Lynne <> Megan 1:1', lynne, megan, at(48), 6, 'accepted');
  // Teams' short join link (no chat id in it), as newer meetings get: found through Graph's chat and meeting info.
  const patti1on1 = oneOnOne('1on1-patti-megan', 'Patti / Megan 1:1', patti, megan, at(5), 10, 'accepted', 'short');
  // Patti and Megan also meet in person, no Teams meeting: this week's walk ended half an hour to an hour ago, so a
  // newcomer signed in as Patti finds it on Home waiting for its recap.
  const pattiWalk = weekly(new Date(halfHour.getTime() - HOUR_MS), tzOf(patti), 6, 30);

  // Diego's: last week's occurrence was deleted; tomorrow's was moved to later today.
  const moved = single(at(2), tzOf(megan), 30);
  diego1on1.meeting.cancelledOccurrences = [diego1on1.occurrence(-1)];
  diego1on1.meeting.exceptions = [{ originalStart: diego1on1.occurrence(0), start: moved.start, end: moved.end }];

  const teamSync = weekly(at(3), tzOf(megan), 12, 60);
  const roadmap = single(at(26), tzOf(patti), 45);
  const designReview = single(at(4), tzOf(megan), 60);
  const offsiteDay = toLocal(at(72), resolveTimeZone(tzOf(megan)) ?? 'UTC');
  const midnight = { hour: 0, minute: 0, second: 0 };

  const meetings: SeedMeeting[] = [
    ...[adele1on1, alex1on1, diego1on1, lynne1on1, patti1on1].map(({ meeting }) => meeting),
    {
      key: 'walk-patti-megan',
      subject: 'Patti / Megan walk',
      organizerId: patti,
      attendees: [attendee(megan)],
      start: pattiWalk.start,
      end: pattiWalk.end,
      recurrence: pattiWalk.recurrence,
      location: { displayName: 'Around the block' },
      bodyText: 'Our 1:1 on foot. Agenda lives in Candor.',
      createdDateTime: pattiWalk.created,
    },
    {
      key: 'team-sync',
      subject: 'Product Engineering weekly sync',
      organizerId: megan,
      attendees: [attendee(adele), attendee(alex), attendee(diego, 'declined'), attendee(lynne, 'none')],
      start: teamSync.start,
      end: teamSync.end,
      recurrence: teamSync.recurrence,
      teamsJoinUrl: teamsJoinUrl(DEMO_TENANT_ID, megan, 'team-sync'),
      bodyText: 'Weekly team sync.',
      createdDateTime: teamSync.created,
    },
    {
      key: 'roadmap-review',
      subject: 'Roadmap review',
      organizerId: patti,
      attendees: [attendee(megan), attendee(adele, 'tentativelyAccepted', 'optional')],
      start: roadmap.start,
      end: roadmap.end,
      teamsJoinUrl: teamsJoinUrl(DEMO_TENANT_ID, patti, 'roadmap-review'),
      bodyText: 'Review of next quarter roadmap.',
      createdDateTime: roadmap.created,
    },
    {
      key: 'design-review',
      subject: 'Design review (in person)',
      organizerId: megan,
      attendees: [
        attendee(diego),
        { emailAddress: { name: DEMO_ROOM.name, address: DEMO_ROOM.address }, type: 'resource', response: 'accepted' },
      ],
      start: designReview.start,
      end: designReview.end,
      location: { displayName: DEMO_ROOM.name, roomAddress: DEMO_ROOM.address },
      bodyText: 'Walk through the new board layout.',
      createdDateTime: designReview.created,
    },
    {
      key: 'megan-conference',
      subject: 'Conference (out of office)',
      organizerId: megan,
      attendees: [],
      start: { dateTime: formatGraphDateTime(withTime(offsiteDay, midnight)), timeZone: tzOf(megan) },
      end: { dateTime: formatGraphDateTime(withTime(addDays(offsiteDay, 1), midnight)), timeZone: tzOf(megan) },
      isAllDay: true,
      showAs: 'oof',
      createdDateTime: formatInstant(new Date(now.getTime() - 14 * DAY_MS)),
    },
    ...alexScrambles(now),
  ];

  return { tenantId: DEMO_TENANT_ID, domain: DEMO_DOMAIN, apiApp: DEMO_API_APP, users: USERS, meetings };
}

/** The demo 1:1s (manager–report Teams meetings) for the host page, with their meeting chat ids. */
export function demoMeetings(
  now: Date,
): Array<{ chatId: string; meetingId: string; subject: string; managerId: string; reportId: string }> {
  return oneOnOnes(demoTenantSeed(now)).map(({ chatId, meetingId, subject, managerId, reportId }) => ({
    chatId,
    meetingId,
    subject,
    managerId,
    reportId,
  }));
}
