/**
 * A generated tenant of any size, for the scan's tests and `npm run bench:scan`: N managers with R direct reports
 * each, a weekly Teams 1:1 per pair and a number of other weekly meetings per manager (team meetings, 3-person
 * meetings, meetings with a peer manager, focus blocks). Deterministic: the same options give the same ids.
 * Series start a week before `now`, so expanding a calendar view walks a few days only, however large the tenant.
 */
import type { DayOfWeek, PatternedRecurrence } from '@microsoft/microsoft-graph-types';
import type { SeedAttendee, SeedMeeting, SeedUser, TenantSeed } from './types';
import { DEMO_API_APP } from './demoTenant';
import { guidFrom, teamsMeetingLinks } from './ids';
import { addDays, formatDate, formatGraphDateTime, formatInstant, toLocal } from './timeZones';

export interface GeneratedTenantOptions {
  managers: number;
  reportsPerManager?: number;
  otherMeetingsPerWeek?: number;
  /** Anchor of the calendar (series start a week before). */
  now: Date;
  tenantId?: string;
  domain?: string;
}

export interface GeneratedTenant {
  seed: TenantSeed;
  managerIds: string[];
  /** The mailbox status requests are sent from when a manager's own is not used. */
  serviceMailboxId: string;
  reportIdsOf(managerIndex: number): string[];
  /** The seed key of the 1:1 series of manager i and their j-th report. */
  oneOnOneKey(managerIndex: number, reportIndex: number): string;
}

const DAYS: DayOfWeek[] = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const ZONES = [
  'W. Europe Standard Time',
  'Eastern Standard Time',
  'GMT Standard Time',
  'India Standard Time',
  'Pacific Standard Time',
  'Tokyo Standard Time',
];

export function generatedTenantSeed(options: GeneratedTenantOptions): GeneratedTenant {
  const tenantId = options.tenantId ?? guidFrom(`generated-tenant:${options.managers}`);
  const domain = options.domain ?? 'generated.example';
  const reportsPer = options.reportsPerManager ?? 6;
  const others = options.otherMeetingsPerWeek ?? 20;
  const firstDay = addDays(toLocal(options.now, 'UTC'), -7);
  const created = formatInstant(new Date(options.now.getTime() - 14 * 86_400_000));

  const users: SeedUser[] = [];
  const person = (id: string, handle: string, displayName: string, timeZone: string, managerId?: string): SeedUser => ({
    id,
    displayName,
    givenName: displayName.split(' ')[0] ?? displayName,
    surname: displayName.split(' ')[1] ?? '',
    userPrincipalName: `${handle}@${domain}`,
    mail: `${handle}@${domain}`,
    timeZone,
    ...(managerId ? { managerId } : {}),
  });
  const serviceMailboxId = guidFrom(`${tenantId}:service-mailbox`);
  users.push(person(serviceMailboxId, 'candor-status', 'Candor Status', 'UTC'));
  const managerIds: string[] = [];
  const reports: string[][] = [];
  for (let i = 0; i < options.managers; i++) {
    const managerId = guidFrom(`${tenantId}:manager:${i}`);
    managerIds.push(managerId);
    users.push(person(managerId, `m${i}`, `Manager ${i}`, ZONES[i % ZONES.length] ?? 'UTC'));
    const mine: string[] = [];
    for (let j = 0; j < reportsPer; j++) {
      const reportId = guidFrom(`${tenantId}:report:${i}:${j}`);
      mine.push(reportId);
      users.push(person(reportId, `m${i}r${j}`, `Report ${i}-${j}`, ZONES[(i + j) % ZONES.length] ?? 'UTC', managerId));
    }
    reports.push(mine);
  }

  const weekly = (
    key: string,
    organizerId: string,
    attendees: SeedAttendee[],
    weekday: number,
    hour: number,
    minute: number,
    minutes: number,
    subject: string,
    /** A Teams meeting with a long or a short join link, or no Teams meeting. */
    teams: 'long' | 'short' | false,
  ): SeedMeeting => {
    // The first occurrence: the first `weekday` on or after the series' start date.
    const offset = (weekday - new Date(Date.UTC(firstDay.year, firstDay.month - 1, firstDay.day)).getUTCDay() + 7) % 7;
    const day = addDays(firstDay, offset);
    const start = { ...day, hour, minute, second: 0 };
    const endInstant = new Date(Date.UTC(day.year, day.month - 1, day.day, hour, minute + minutes));
    const recurrence: PatternedRecurrence = {
      pattern: {
        type: 'weekly',
        interval: 1,
        month: 0,
        dayOfMonth: 0,
        daysOfWeek: [DAYS[weekday] ?? 'monday'],
        firstDayOfWeek: 'sunday',
        index: 'first',
      },
      range: {
        type: 'noEnd',
        startDate: formatDate(firstDay),
        endDate: '0001-01-01',
        recurrenceTimeZone: 'UTC',
        numberOfOccurrences: 0,
      },
    };
    return {
      key,
      subject,
      organizerId,
      attendees,
      start: { dateTime: formatGraphDateTime(start), timeZone: 'UTC' },
      end: { dateTime: formatGraphDateTime(toLocal(endInstant, 'UTC')), timeZone: 'UTC' },
      recurrence,
      ...(teams ? teamsMeetingLinks(tenantId, organizerId, key, teams) : {}),
      createdDateTime: created,
    };
  };
  const required = (userId: string): SeedAttendee => ({ userId, type: 'required', response: 'accepted' });

  const meetings: SeedMeeting[] = [];
  const oneOnOneKey = (i: number, j: number): string => `1on1-${i}-${j}`;
  managerIds.forEach((managerId, i) => {
    const mine = reports[i] ?? [];
    mine.forEach((reportId, j) => {
      // Every other series is organized by the report, as real teams do.
      const [organizer, other] = j % 2 === 0 ? [managerId, reportId] : [reportId, managerId];
      meetings.push(
        weekly(
          oneOnOneKey(i, j),
          organizer,
          [required(other)],
          1 + ((i + j) % 5),
          8 + ((i * 7 + j * 3) % 9),
          (i % 2) * 30,
          30,
          `Manager ${i} / Report ${i}-${j} 1:1`,
          // A third of the series have Teams' short join link, as meetings Teams creates now increasingly do.
          j % 3 === 1 ? 'short' : 'long',
        ),
      );
    });
    for (let k = 0; k < others; k++) {
      const kind = k % 4;
      const attendees =
        kind === 0
          ? mine.map(required)
          : kind === 1
            ? [mine[k % mine.length], mine[(k + 1) % mine.length]]
                .filter((id): id is string => Boolean(id))
                .map(required)
            : kind === 2 && managerIds.length > 1
              ? [required(managerIds[(i + 1) % managerIds.length] ?? managerId)]
              : [];
      meetings.push(
        weekly(
          `other-${i}-${k}`,
          managerId,
          attendees,
          1 + (k % 5),
          8 + ((k * 5 + i) % 10),
          0,
          60,
          `Meeting ${k}`,
          kind === 3 ? false : k % 3 === 1 ? 'short' : 'long',
        ),
      );
    }
  });

  return {
    seed: { tenantId, domain, apiApp: DEMO_API_APP, users, meetings },
    managerIds,
    serviceMailboxId,
    reportIdsOf: (i) => [...(reports[i] ?? [])],
    oneOnOneKey,
  };
}
