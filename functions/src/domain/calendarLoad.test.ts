import type { CalendarEvent, MeetingAttendee } from './calendar';
import {
  boardOccurrenceIdOf,
  loadWindowOf,
  scheduledOneOnOnesOf,
  weekLoadsOf,
  weekStartOf,
  workingHoursOf,
  zonedMidnightUtc,
  type LoadEvent,
  type WorkingHoursSetting,
} from './calendarLoad';
import { occurrenceIdFor } from './occurrences';
import type { OrgChartFacts } from './oneOnOnes';
import { findDueOneOnOnes } from './statusRequests';

const BERLIN_HOURS: WorkingHoursSetting = {
  daysOfWeek: ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'],
  startTime: '08:00:00.0000000',
  endTime: '17:00:00.0000000',
  timeZoneName: 'W. Europe Standard Time',
};

/** A meeting booked a week ahead unless `overrides` say otherwise. */
const meeting = (startUtc: string, endUtc: string, overrides: Partial<LoadEvent> = {}): LoadEvent => ({
  startUtc,
  endUtc,
  showAs: 'busy',
  isCancelled: false,
  createdUtc: new Date(Date.parse(startUtc) - 7 * 24 * 3600_000).toISOString(),
  ...overrides,
});
const NO_SCRAMBLES = { shortNoticeAfterHours: 0, eveningOrWeekend: 0 };

describe('workingHoursOf', () => {
  it('maps Exchange working hours (Windows zone names) to IANA and minutes', () => {
    const hours = workingHoursOf(BERLIN_HOURS, 'Pacific Standard Time');
    expect(hours).toEqual({
      days: new Set([1, 2, 3, 4, 5]),
      startMinute: 480,
      endMinute: 1020,
      zone: 'Europe/Berlin',
      fallback: false,
    });
  });

  it('falls back to Monday–Friday 09:00–17:00 in the mailbox zone without working hours', () => {
    expect(workingHoursOf(null, 'Eastern Standard Time')).toEqual({
      days: new Set([1, 2, 3, 4, 5]),
      startMinute: 540,
      endMinute: 1020,
      zone: 'America/New_York',
      fallback: true,
    });
  });

  it.each<[string, Partial<WorkingHoursSetting>]>([
    ['no working days', { daysOfWeek: [] }],
    ['an unreadable time', { startTime: 'soon' }],
    ['an end before the start', { startTime: '22:00:00', endTime: '06:00:00' }],
  ])('falls back on %s, keeping the zone', (_, change) => {
    const hours = workingHoursOf({ ...BERLIN_HOURS, ...change }, null);
    expect(hours).toMatchObject({ fallback: true, startMinute: 540, endMinute: 1020, zone: 'Europe/Berlin' });
  });

  it('uses the mailbox zone when the working hours name a custom zone, and UTC when nothing is known', () => {
    expect(workingHoursOf({ ...BERLIN_HOURS, timeZoneName: 'Customized Time Zone' }, 'GMT Standard Time').zone).toBe(
      'Europe/London',
    );
    expect(workingHoursOf(null, null).zone).toBe('UTC');
  });
});

describe('weeks in the working hours zone', () => {
  it('starts weeks on Monday in the zone, not in UTC', () => {
    // Sunday 23:30 UTC is already Monday in Berlin, still Sunday in New York.
    expect(weekStartOf(new Date('2026-11-22T23:30:00Z'), 'Europe/Berlin')).toBe('2026-11-23');
    expect(weekStartOf(new Date('2026-11-22T23:30:00Z'), 'America/New_York')).toBe('2026-11-16');
  });

  it('spans the previous and the current week, from local midnight to local midnight', () => {
    const window = loadWindowOf(new Date('2026-11-26T10:00:00Z'), 'Europe/Berlin');
    expect(window.weekStarts).toEqual(['2026-11-16', '2026-11-23']);
    expect(window.start.toISOString()).toBe('2026-11-15T23:00:00.000Z');
    expect(window.end.toISOString()).toBe('2026-11-29T23:00:00.000Z');
  });

  it('finds local midnight on either side of a daylight-saving change', () => {
    expect(new Date(zonedMidnightUtc('2026-10-25', 'Europe/Berlin')).toISOString()).toBe('2026-10-24T22:00:00.000Z');
    expect(new Date(zonedMidnightUtc('2026-10-26', 'Europe/Berlin')).toISOString()).toBe('2026-10-25T23:00:00.000Z');
    expect(new Date(zonedMidnightUtc('2026-03-08', 'America/New_York')).toISOString()).toBe('2026-03-08T05:00:00.000Z');
  });
});

describe('weekLoadsOf', () => {
  const hours = workingHoursOf(BERLIN_HOURS, null);
  const weekStarts = ['2026-11-16', '2026-11-23'];

  it('counts meetings, their hours and the after-hours ones per week, zeros for an empty week', () => {
    const loads = weekLoadsOf({
      workingHours: hours,
      weekStarts,
      events: [
        meeting('2026-11-23T08:00:00Z', '2026-11-23T09:00:00Z'), // 09:00–10:00 Berlin
        meeting('2026-11-24T15:30:00Z', '2026-11-24T16:15:00Z'), // 16:30–17:15: ends after hours
        meeting('2026-11-25T06:30:00Z', '2026-11-25T07:00:00Z', { showAs: 'tentative' }), // 07:30: starts before
        meeting('2026-11-26T12:00:00Z', '2026-11-26T12:20:00Z', { showAs: 'workingElsewhere' }),
      ],
    });
    expect(loads).toEqual([
      { weekStart: '2026-11-16', meetings: 0, meetingHours: 0, afterHoursMeetings: 0, ...NO_SCRAMBLES },
      { weekStart: '2026-11-23', meetings: 4, meetingHours: 2.6, afterHoursMeetings: 2, ...NO_SCRAMBLES },
    ]);
  });

  it('leaves out cancelled, free and unknown entries, and all-day or multi-day blocks', () => {
    const loads = weekLoadsOf({
      workingHours: hours,
      weekStarts,
      events: [
        meeting('2026-11-23T08:00:00Z', '2026-11-23T09:00:00Z', { isCancelled: true }),
        meeting('2026-11-23T10:00:00Z', '2026-11-23T11:00:00Z', { showAs: 'free' }),
        meeting('2026-11-23T10:00:00Z', '2026-11-23T11:00:00Z', { showAs: 'unknown' }),
        meeting('2026-11-23T10:00:00Z', '2026-11-23T11:00:00Z', { showAs: null }),
        meeting('2026-11-24T00:00:00Z', '2026-11-25T00:00:00Z', { showAs: 'oof' }), // all day, read in UTC
        meeting('2026-11-25T00:00:00Z', '2026-11-27T00:00:00Z'), // two days
        meeting('2026-11-26T09:00:00Z', '2026-11-26T10:30:00Z', { showAs: 'oof' }), // a timed out-of-office
      ],
    });
    expect(loads[1]).toEqual({
      weekStart: '2026-11-23',
      meetings: 1,
      meetingHours: 1.5,
      afterHoursMeetings: 0,
      ...NO_SCRAMBLES,
    });
  });

  it('counts a meeting across midnight as after hours, in the week it starts', () => {
    const [previous, current] = weekLoadsOf({
      workingHours: hours,
      weekStarts,
      // Sunday 22:30 Berlin to Monday 00:30 Berlin: starts in the previous week.
      events: [meeting('2026-11-22T21:30:00Z', '2026-11-22T23:30:00Z')],
    });
    expect(previous).toMatchObject({ meetings: 1, meetingHours: 2, afterHoursMeetings: 1 });
    expect(current).toMatchObject({ meetings: 0 });
  });

  it('counts a meeting inside working hours on a non-working day as after hours', () => {
    const saturday = weekLoadsOf({
      workingHours: hours,
      weekStarts,
      events: [meeting('2026-11-28T09:00:00Z', '2026-11-28T10:00:00Z')],
    });
    expect(saturday[1]).toMatchObject({ meetings: 1, afterHoursMeetings: 1 });
  });

  it('follows the local clock through a daylight-saving week', () => {
    // Berlin leaves summer time on Sunday 2026-10-25: 08:30 local is 06:30 UTC before, 07:30 UTC after.
    const loads = weekLoadsOf({
      workingHours: hours,
      weekStarts: ['2026-10-19', '2026-10-26'],
      events: [
        meeting('2026-10-23T06:30:00Z', '2026-10-23T07:00:00Z'), // Fri 08:30 CEST: inside
        meeting('2026-10-26T07:30:00Z', '2026-10-26T08:00:00Z'), // Mon 08:30 CET: inside
        meeting('2026-10-26T06:30:00Z', '2026-10-26T07:00:00Z'), // Mon 07:30 CET: before the day starts
        meeting('2026-10-19T15:30:00Z', '2026-10-19T16:00:00Z'), // Mon 17:30 CEST: after it ends
      ],
    });
    expect(loads).toEqual([
      {
        weekStart: '2026-10-19',
        meetings: 2,
        meetingHours: 1,
        afterHoursMeetings: 1,
        ...NO_SCRAMBLES,
        eveningOrWeekend: 1,
      },
      { weekStart: '2026-10-26', meetings: 2, meetingHours: 1, afterHoursMeetings: 1, ...NO_SCRAMBLES },
    ]);
  });

  it('applies the fallback hours (09:00–17:00) when none are configured', () => {
    const fallback = workingHoursOf(null, 'W. Europe Standard Time');
    // 08:30 Berlin: inside the configured 08:00 start, before the fallback's 09:00.
    const events = [meeting('2026-11-23T07:30:00Z', '2026-11-23T08:00:00Z')];
    expect(weekLoadsOf({ workingHours: fallback, weekStarts, events })[1]?.afterHoursMeetings).toBe(1);
    expect(weekLoadsOf({ workingHours: hours, weekStarts, events })[1]?.afterHoursMeetings).toBe(0);
  });

  it('counts a meeting that ends exactly when the working day ends, or starts when it starts, as inside', () => {
    const events = [
      meeting('2026-11-23T15:00:00Z', '2026-11-23T16:00:00Z'),
      meeting('2026-11-24T07:00:00Z', '2026-11-24T07:30:00Z'),
    ];
    expect(weekLoadsOf({ workingHours: hours, weekStarts, events })[1]).toMatchObject({
      meetings: 2,
      afterHoursMeetings: 0,
    });
  });

  it('ignores meetings outside the requested weeks', () => {
    const loads = weekLoadsOf({
      workingHours: hours,
      weekStarts,
      events: [meeting('2026-11-30T09:00:00Z', '2026-11-30T10:00:00Z')],
    });
    expect(loads.every((w) => w.meetings === 0)).toBe(true);
  });
});

describe('after-hours scrambles', () => {
  const hours = workingHoursOf(BERLIN_HOURS, null); // Mon–Fri 08:00–17:00 Berlin
  const weekStarts = ['2026-11-16', '2026-11-23'];
  const loadOf = (events: LoadEvent[]) => weekLoadsOf({ workingHours: hours, weekStarts, events })[1];
  const bookedAhead = (startUtc: string, ms: number): string => new Date(Date.parse(startUtc) - ms).toISOString();
  const HOUR = 3600_000;

  it('counts an after-hours meeting booked under 24 hours ahead as short notice, and exactly 24 hours ahead not', () => {
    const start = '2026-11-24T18:00:00Z'; // Tue 19:00 Berlin
    const end = '2026-11-24T19:00:00Z';
    expect(loadOf([meeting(start, end, { createdUtc: bookedAhead(start, 24 * HOUR - 1000) })])).toMatchObject({
      afterHoursMeetings: 1,
      shortNoticeAfterHours: 1,
    });
    expect(loadOf([meeting(start, end, { createdUtc: bookedAhead(start, 24 * HOUR) })])).toMatchObject({
      afterHoursMeetings: 1,
      shortNoticeAfterHours: 0,
    });
  });

  it('does not count a short-notice meeting inside working hours, a cancelled one, or one without a creation time', () => {
    const evening = '2026-11-24T18:00:00Z';
    const events = [
      meeting('2026-11-24T09:00:00Z', '2026-11-24T10:00:00Z', { createdUtc: '2026-11-24T08:00:00Z' }), // 10:00
      meeting(evening, '2026-11-24T19:00:00Z', { createdUtc: bookedAhead(evening, HOUR), isCancelled: true }),
      meeting(evening, '2026-11-24T19:00:00Z', { createdUtc: null }),
    ];
    expect(loadOf(events)).toMatchObject({ meetings: 2, afterHoursMeetings: 1, shortNoticeAfterHours: 0 });
  });

  it('counts evening meetings from the working day’s end and any meeting on a day off, but not early mornings', () => {
    const events = [
      meeting('2026-11-23T16:00:00Z', '2026-11-23T16:30:00Z'), // Mon 17:00 Berlin: evening
      meeting('2026-11-24T15:30:00Z', '2026-11-24T16:30:00Z'), // Tue 16:30–17:30: after hours, starts in the day
      meeting('2026-11-25T05:00:00Z', '2026-11-25T05:30:00Z'), // Wed 06:00: early morning
      meeting('2026-11-29T10:00:00Z', '2026-11-29T11:00:00Z'), // Sun 11:00: weekend
    ];
    expect(loadOf(events)).toMatchObject({ afterHoursMeetings: 4, eveningOrWeekend: 2 });
  });

  it('reads the weekend in the report’s zone, not in UTC', () => {
    // Friday 23:30 UTC is Saturday 08:30 in Tokyo, and still Friday evening in Berlin.
    const tokyo = workingHoursOf({ ...BERLIN_HOURS, timeZoneName: 'Tokyo Standard Time' }, null);
    const event = meeting('2026-11-27T23:30:00Z', '2026-11-28T00:00:00Z', { createdUtc: '2026-11-27T20:00:00Z' });
    const inTokyo = weekLoadsOf({ workingHours: tokyo, weekStarts, events: [event] })[1];
    expect(inTokyo).toMatchObject({ afterHoursMeetings: 1, shortNoticeAfterHours: 1, eveningOrWeekend: 1 });
    // In New York it is Friday 18:30: an evening, not a weekend, and still counted once.
    const newYork = workingHoursOf({ ...BERLIN_HOURS, timeZoneName: 'Eastern Standard Time' }, null);
    expect(weekLoadsOf({ workingHours: newYork, weekStarts, events: [event] })[1]).toMatchObject({
      eveningOrWeekend: 1,
    });
  });

  it('follows the local clock across daylight saving: 17:00 is the evening on both sides', () => {
    // Berlin leaves summer time on Sunday 2026-10-25: 17:00 local is 15:00 UTC before, 16:00 UTC after.
    const loads = weekLoadsOf({
      workingHours: hours,
      weekStarts: ['2026-10-19', '2026-10-26'],
      events: [
        meeting('2026-10-23T15:00:00Z', '2026-10-23T15:30:00Z', { createdUtc: '2026-10-23T08:00:00Z' }), // Fri 17:00 CEST
        meeting('2026-10-26T15:00:00Z', '2026-10-26T15:30:00Z', { createdUtc: '2026-10-26T08:00:00Z' }), // Mon 16:00 CET
        meeting('2026-10-27T16:00:00Z', '2026-10-27T16:30:00Z', { createdUtc: '2026-10-27T08:00:00Z' }), // Tue 17:00 CET
      ],
    });
    expect(loads.map((w) => [w.afterHoursMeetings, w.shortNoticeAfterHours, w.eveningOrWeekend])).toEqual([
      [1, 1, 1],
      [1, 1, 1],
    ]);
  });
});

describe('scheduledOneOnOnesOf', () => {
  const MANAGER = {
    id: 'AAAAAAAA-1111-4111-8111-111111111111',
    displayName: 'Megan',
    addresses: ['megan@contoso.test'],
  };
  const REPORT = {
    id: 'bbbbbbbb-2222-4222-8222-222222222222',
    displayName: 'Adele',
    addresses: ['adele@contoso.test'],
  };
  const BOSS = { id: 'cccccccc-3333-4333-8333-333333333333', displayName: 'Patti', addresses: ['patti@contoso.test'] };
  const ORG: OrgChartFacts = {
    people: [MANAGER, REPORT, BOSS],
    reportingLines: [
      { managerId: MANAGER.id, reportId: REPORT.id },
      { managerId: BOSS.id, reportId: MANAGER.id },
    ],
  };
  const CHAT = '19:meeting_abc@thread.v2';
  const joinUrl = `https://teams.microsoft.com/l/meetup-join/${encodeURIComponent(CHAT)}/0`;
  const attendee = (address: string, response: MeetingAttendee['response'] = 'accepted'): MeetingAttendee => ({
    address,
    kind: 'required',
    response,
  });
  const NOW = new Date('2026-11-26T12:00:00Z');

  function event(day: string, overrides: Partial<CalendarEvent> = {}): CalendarEvent {
    return {
      eventId: `AAMk-${day}`,
      subject: 'Megan / Adele 1:1',
      startUtc: `2026-11-${day}T09:00:00.000Z`,
      endUtc: `2026-11-${day}T09:30:00.000Z`,
      originalStartUtc: `2026-11-${day}T09:00:00.000Z`,
      isAllDay: false,
      isCancelled: false,
      organizerAddress: 'megan@contoso.test',
      attendees: [attendee('adele@contoso.test')],
      roomAddresses: [],
      joinUrl,
      ownerResponse: 'organizer',
      ...overrides,
    };
  }
  const run = (events: CalendarEvent[], managerId = MANAGER.id) =>
    scheduledOneOnOnesOf({ managerId, events, orgChart: ORG, now: NOW });

  it('records ended 1:1s with the board occurrence id, lower-case pair ids, not the one still running', () => {
    const found = run([event('19'), event('26', { endUtc: '2026-11-26T12:30:00.000Z' })]);
    expect(found).toEqual([
      {
        pair: { managerId: MANAGER.id.toLowerCase(), reportId: REPORT.id },
        scheduled: {
          occurrenceId: occurrenceIdFor('2026-11-19T09:00:00.000Z', CHAT),
          start: '2026-11-19T09:00:00.000Z',
          end: '2026-11-19T09:30:00.000Z',
          cancelled: false,
        },
      },
    ]);
  });

  it('keys a moved occurrence by its original start, with the time it actually had', () => {
    const [moved] = run([
      event('24', {
        startUtc: '2026-11-24T14:00:00.000Z',
        endUtc: '2026-11-24T14:30:00.000Z',
        originalStartUtc: '2026-11-23T09:00:00.000Z',
      }),
    ]);
    expect(moved?.scheduled).toEqual({
      occurrenceId: occurrenceIdFor('2026-11-23T09:00:00.000Z', CHAT),
      start: '2026-11-24T14:00:00.000Z',
      end: '2026-11-24T14:30:00.000Z',
      cancelled: false,
    });
  });

  it('records cancelled and declined 1:1s as cancelled', () => {
    const found = run([
      event('20', { isCancelled: true }),
      event('21', { attendees: [attendee('adele@contoso.test', 'declined')] }),
      event('22', {
        organizerAddress: 'adele@contoso.test',
        attendees: [attendee('megan@contoso.test')],
        ownerResponse: 'declined',
      }),
    ]);
    expect(found.map((f) => [f.scheduled.start.slice(0, 10), f.scheduled.cancelled])).toEqual([
      ['2026-11-20', true],
      ['2026-11-21', true],
      ['2026-11-22', true],
    ]);
  });

  it('ignores meetings that are not this manager’s 1:1s', () => {
    const found = run([
      event('19', { attendees: [attendee('adele@contoso.test'), attendee('patti@contoso.test')] }), // three people
      event('20', { organizerAddress: 'patti@contoso.test', attendees: [attendee('megan@contoso.test')] }), // her own manager's
      event('21', { isAllDay: true, isCancelled: true }),
      event('22', { subject: 'Focus', attendees: [] }),
    ]);
    expect(found).toEqual([]);
  });

  it('lists an occurrence once when the calendar shows it twice, preferring the copy that takes place', () => {
    const found = run([
      event('19', { isCancelled: true, eventId: 'other' }),
      event('19'),
      event('19', { eventId: 'third', isCancelled: true }),
    ]);
    expect(found).toHaveLength(1);
    expect(found[0]?.scheduled.cancelled).toBe(false);
  });

  it('gives both calendars’ copies of a short-link meeting the same occurrence id', () => {
    const short = 'https://teams.microsoft.com/meet/23456789012345?p=Ab3CdE9fGh';
    const [managers] = run([event('19', { joinUrl: short, eventId: 'AAMk-megan' })]);
    const [reports] = run([event('19', { joinUrl: short, eventId: 'AAMk-adele' })]);
    expect(managers?.scheduled.occurrenceId).toBeDefined();
    expect(managers?.scheduled.occurrenceId).toBe(reports?.scheduled.occurrenceId);
  });

  it('gives the same occurrence id as the pre-meeting scan, with or without a Teams chat', () => {
    for (const e of [event('27'), event('27', { joinUrl: null })]) {
      const [due] = findDueOneOnOnes({
        managerId: MANAGER.id,
        events: [e],
        orgChart: ORG,
        leadTimeMinutesFor: () => 24 * 60,
        now: NOW,
      });
      expect(boardOccurrenceIdOf(e)).toBe(due?.occurrenceId);
    }
  });
});
