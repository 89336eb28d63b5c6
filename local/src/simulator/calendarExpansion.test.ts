import type { PatternedRecurrence } from '@microsoft/microsoft-graph-types';
import { fromLocal, parseLocal, resolveTimeZone, toLocal, formatGraphDateTime } from './timeZones';
import { occurrenceDates } from './recurrence';
import { Tenant } from './tenant';
import { expandMeeting } from './calendarExpansion';
import { DEMO_USER_IDS, demoMeetings, demoTenantSeed } from './demoTenant';
import { chatIdFromJoinUrl } from './ids';
import type { TenantSeed } from './types';

describe('time zones', () => {
  test('Windows and IANA names resolve; unknown names do not', () => {
    expect(resolveTimeZone('W. Europe Standard Time')).toBe('Europe/Berlin');
    expect(resolveTimeZone('pacific standard time')).toBe('America/Los_Angeles');
    expect(resolveTimeZone('Eastern Standard Time')).toBe('America/New_York');
    expect(resolveTimeZone('GMT Standard Time')).toBe('Europe/London');
    expect(resolveTimeZone('UTC')).toBe('UTC');
    expect(resolveTimeZone('Asia/Kolkata')).toBe('Asia/Kolkata');
    expect(resolveTimeZone('Mars Standard Time')).toBeUndefined();
  });

  test('wall clock to instant across daylight saving (a time in the spring gap moves forward)', () => {
    const berlin = 'Europe/Berlin';
    expect(fromLocal({ year: 2026, month: 1, day: 15, hour: 9, minute: 0, second: 0 }, berlin).toISOString()).toBe(
      '2026-01-15T08:00:00.000Z',
    );
    expect(fromLocal({ year: 2026, month: 7, day: 15, hour: 9, minute: 0, second: 0 }, berlin).toISOString()).toBe(
      '2026-07-15T07:00:00.000Z',
    );
    expect(fromLocal({ year: 2026, month: 3, day: 29, hour: 2, minute: 30, second: 0 }, berlin).toISOString()).toBe(
      '2026-03-29T01:30:00.000Z',
    );
    // 02:30 happens twice on 2026-10-25 in Berlin: the earlier (summer time) instant wins.
    expect(fromLocal({ year: 2026, month: 10, day: 25, hour: 2, minute: 30, second: 0 }, berlin).toISOString()).toBe(
      '2026-10-25T00:30:00.000Z',
    );
    expect(formatGraphDateTime(toLocal(new Date('2026-11-26T17:05:09Z'), 'America/Los_Angeles'))).toBe(
      '2026-11-26T09:05:09.0000000',
    );
  });
});

describe('recurrence', () => {
  const weekly = (
    startDate: string,
    days: PatternedRecurrence['pattern'] extends infer P ? (P extends { daysOfWeek?: infer D } ? D : never) : never,
    interval = 1,
  ): PatternedRecurrence => ({
    pattern: { type: 'weekly', interval, daysOfWeek: days, firstDayOfWeek: 'sunday' },
    range: { type: 'noEnd', startDate },
  });
  const until = (s: string) => parseLocal(s) ?? { year: 0, month: 0, day: 0 };
  const dates = (r: PatternedRecurrence, end: string) =>
    occurrenceDates(r, until(end)).map(
      (d) => `${d.year}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`,
    );

  test('weekly on two days, every other week, from the range start', () => {
    expect(dates(weekly('2026-11-02', ['monday', 'thursday'], 2), '2026-11-30')).toEqual([
      '2026-11-02',
      '2026-11-05',
      '2026-11-16',
      '2026-11-19',
      '2026-11-30',
    ]);
  });

  test('daily with an interval, numbered and end-dated ranges', () => {
    expect(
      dates(
        {
          pattern: { type: 'daily', interval: 3 },
          range: { type: 'numbered', startDate: '2026-11-01', numberOfOccurrences: 4 },
        },
        '2026-12-31',
      ),
    ).toEqual(['2026-11-01', '2026-11-04', '2026-11-07', '2026-11-10']);
    expect(
      dates(
        {
          pattern: { type: 'daily', interval: 1 },
          range: { type: 'endDate', startDate: '2026-11-01', endDate: '2026-11-03' },
        },
        '2026-12-31',
      ),
    ).toEqual(['2026-11-01', '2026-11-02', '2026-11-03']);
  });

  test('monthly patterns', () => {
    expect(
      dates(
        {
          pattern: { type: 'absoluteMonthly', interval: 1, dayOfMonth: 31 },
          range: { type: 'noEnd', startDate: '2026-01-01' },
        },
        '2026-05-31',
      ),
    ).toEqual(['2026-01-31', '2026-03-31', '2026-05-31']);
    expect(
      dates(
        {
          pattern: { type: 'relativeMonthly', interval: 1, daysOfWeek: ['friday'], index: 'last' },
          range: { type: 'noEnd', startDate: '2026-01-01' },
        },
        '2026-03-31',
      ),
    ).toEqual(['2026-01-30', '2026-02-27', '2026-03-27']);
  });

  test('a weekly series keeps its local time across a daylight-saving change (so its UTC time moves)', () => {
    const seed: TenantSeed = {
      ...demoTenantSeed(new Date('2026-03-20T10:00:00Z')),
      meetings: [
        {
          key: 'dst',
          subject: 'DST',
          organizerId: DEMO_USER_IDS.megan,
          attendees: [],
          createdDateTime: '2026-01-01T00:00:00Z',
          start: { dateTime: '2026-03-16T09:00:00.0000000', timeZone: 'W. Europe Standard Time' },
          end: { dateTime: '2026-03-16T09:30:00.0000000', timeZone: 'W. Europe Standard Time' },
          recurrence: weekly('2026-03-16', ['monday']),
        },
      ],
    };
    const meeting = new Tenant(seed).meeting('dst');
    if (!meeting) throw new Error('missing');
    const starts = expandMeeting(
      meeting,
      new Date('2026-03-15T00:00:00Z'),
      new Date('2026-04-07T00:00:00Z'),
      'UTC',
    ).map((i) => i.start.toISOString());
    expect(starts).toEqual([
      '2026-03-16T08:00:00.000Z',
      '2026-03-23T08:00:00.000Z',
      '2026-03-30T07:00:00.000Z',
      '2026-04-06T07:00:00.000Z',
    ]);
  });

  test('a seed naming an exception that is not an occurrence is refused', () => {
    const seed = demoTenantSeed(new Date('2026-11-26T10:00:00Z'));
    const broken = {
      ...seed,
      meetings: seed.meetings.map((m) =>
        m.key === '1on1-megan-adele' ? { ...m, cancelledOccurrences: ['2026-11-26T10:17:00Z'] } : m,
      ),
    };
    expect(() => new Tenant(broken)).toThrow(/not an occurrence/);
  });
});

describe('demo tenant', () => {
  // Awkward moments: either side of Europe's and America's daylight-saving changes, late evening, new year.
  const moments = [
    '2026-03-29T00:45:00Z',
    '2026-03-29T01:15:00Z',
    '2026-03-08T07:40:00Z',
    '2026-10-25T00:59:00Z',
    '2026-12-31T23:50:00Z',
    '2026-11-26T05:29:59Z',
    '2026-11-26T05:30:00Z',
  ];

  test.each(moments)("at %s Adele's 1:1 is in progress and every 1:1 has a distinct, valid chat id", (iso) => {
    const now = new Date(iso);
    const tenant = new Tenant(demoTenantSeed(now));
    const adeles = tenant.meeting('1on1-megan-adele');
    if (!adeles) throw new Error('missing');
    const current = expandMeeting(adeles, now, new Date(now.getTime() + 1000), 'UTC');
    expect(current).toHaveLength(1);
    expect(current[0]?.start.getTime()).toBeLessThanOrEqual(now.getTime());
    expect(current[0]?.end.getTime()).toBeGreaterThan(now.getTime());
    expect(current[0]?.start.getTime()).toBeGreaterThan(now.getTime() - 3_600_000);

    const meetings = demoMeetings(now);
    expect(meetings.map((m) => `${m.managerId}>${m.reportId}`).sort()).toEqual(
      [
        `${DEMO_USER_IDS.megan}>${DEMO_USER_IDS.adele}`,
        `${DEMO_USER_IDS.megan}>${DEMO_USER_IDS.alex}`,
        `${DEMO_USER_IDS.megan}>${DEMO_USER_IDS.diego}`,
        `${DEMO_USER_IDS.megan}>${DEMO_USER_IDS.lynne}`,
        `${DEMO_USER_IDS.patti}>${DEMO_USER_IDS.megan}`,
      ].sort(),
    );
    expect(new Set(meetings.map((m) => m.chatId)).size).toBe(meetings.length);
    for (const m of meetings) {
      expect(m.chatId).toMatch(/^19:[A-Za-z0-9_\-.=]+@thread\.(v2|skype|tacv2)$/);
      expect(Buffer.from(m.meetingId, 'base64').toString()).toBe(`0#${m.chatId}#0`);
    }
    // The chat ids are stable for a given tenant, whatever "now" is.
    expect(meetings.map((m) => m.chatId)).toEqual(demoMeetings(new Date('2026-01-01T00:00:00Z')).map((m) => m.chatId));
  });

  test('join URLs carry the tenant and the organizer', () => {
    const seed = demoTenantSeed(new Date('2026-11-26T10:00:00Z'));
    const lynnes = seed.meetings.find((m) => m.key === '1on1-lynne-megan');
    const context = JSON.parse(
      decodeURIComponent(new URL(lynnes?.teamsJoinUrl ?? '').searchParams.get('context') ?? '{}'),
    ) as Record<string, string>;
    expect(context).toEqual({ Tid: seed.tenantId, Oid: DEMO_USER_IDS.lynne });
    expect(chatIdFromJoinUrl(lynnes?.teamsJoinUrl ?? '')).toMatch(/^19:meeting_/);
  });
});
