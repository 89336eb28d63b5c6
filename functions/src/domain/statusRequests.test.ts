import type { CalendarEvent, MeetingAttendee } from './calendar';
import type { OrgChartFacts } from './oneOnOnes';
import { claimBaseOf, findDueOneOnOnes, leadTimeMinutes, nextRequestStep, type LatestRequest } from './statusRequests';

/*
 * Which events of a manager's calendar get a status request, as a table of calendar fixtures. "Now" is Monday
 * 2026-11-23 06:00 UTC and the lead time is 24 hours unless a row says otherwise.
 */
const NOW = new Date('2026-11-23T06:00:00.000Z');
const MEGAN = {
  id: '11111111-1111-1111-1111-111111111111',
  displayName: 'Megan Bowen',
  addresses: ['megan@contoso.test'],
};
const ADELE = {
  id: '22222222-2222-2222-2222-222222222222',
  displayName: 'Adele Vance',
  addresses: ['adele@contoso.test'],
};
const LEE = { id: '33333333-3333-3333-3333-333333333333', displayName: 'Lee Gu', addresses: ['lee@contoso.test'] };
const PATTI = {
  id: '44444444-4444-4444-4444-444444444444',
  displayName: 'Patti Fernandez',
  addresses: ['patti@contoso.test'],
};
const ORG: OrgChartFacts = {
  people: [MEGAN, ADELE, LEE],
  reportingLines: [
    { managerId: MEGAN.id, reportId: ADELE.id },
    { managerId: MEGAN.id, reportId: LEE.id },
  ],
};
/** Lee moved to Patti's team: the directory no longer lists him under Megan. */
const ORG_AFTER_LEE_MOVED: OrgChartFacts = {
  people: [MEGAN, ADELE, LEE],
  reportingLines: [{ managerId: MEGAN.id, reportId: ADELE.id }],
};
const CHAT = '19:meeting_MEGANADELE@thread.v2';
const JOIN = `https://teams.microsoft.com/l/meetup-join/${encodeURIComponent(CHAT)}/0`;
const ROOM = 'rainier@contoso.test';

const person = (
  address: string,
  kind: MeetingAttendee['kind'] = 'required',
  response: MeetingAttendee['response'] = 'accepted',
): MeetingAttendee => ({ address, kind, response });

function event(overrides: Partial<CalendarEvent> = {}): CalendarEvent {
  return {
    eventId: 'AAMkAD-occurrence',
    subject: 'Megan / Adele 1:1',
    startUtc: '2026-11-23T09:00:00.000Z',
    endUtc: '2026-11-23T09:30:00.000Z',
    originalStartUtc: '2026-11-23T09:00:00.000Z',
    isAllDay: false,
    isCancelled: false,
    organizerAddress: 'megan@contoso.test',
    attendees: [person('adele@contoso.test')],
    roomAddresses: [],
    joinUrl: JOIN,
    ownerResponse: 'organizer',
    ...overrides,
  };
}

const due = (events: CalendarEvent[], org: OrgChartFacts = ORG, lead = 24 * 60) =>
  findDueOneOnOnes({ managerId: MEGAN.id, events, orgChart: org, leadTimeMinutesFor: () => lead, now: NOW });

describe('findDueOneOnOnes: which calendar entries get a status request', () => {
  it.each<[string, Partial<CalendarEvent>, boolean, OrgChartFacts?, number?]>([
    ['a weekly occurrence later today', {}, true],
    [
      'the same occurrence organised by the report',
      { organizerAddress: 'adele@contoso.test', attendees: [person('megan@contoso.test')], ownerResponse: 'accepted' },
      true,
    ],
    [
      'an occurrence moved from Tuesday to later today (exception)',
      {
        originalStartUtc: '2026-11-24T09:00:00.000Z',
        startUtc: '2026-11-23T15:00:00.000Z',
        endUtc: '2026-11-23T15:30:00.000Z',
      },
      true,
    ],
    [
      'an occurrence moved from today to Thursday (out of the lead time)',
      { startUtc: '2026-11-26T09:00:00.000Z', endUtc: '2026-11-26T09:30:00.000Z' },
      false,
    ],
    ['a cancelled occurrence of the series', { isCancelled: true }, false],
    [
      'next week’s occurrence (beyond 24 hours)',
      {
        startUtc: '2026-11-30T09:00:00.000Z',
        endUtc: '2026-11-30T09:30:00.000Z',
        originalStartUtc: '2026-11-30T09:00:00.000Z',
      },
      false,
    ],
    [
      'exactly at the edge of the lead time',
      { startUtc: '2026-11-24T06:00:00.000Z', endUtc: '2026-11-24T06:30:00.000Z' },
      true,
    ],
    [
      'one minute past the lead time',
      { startUtc: '2026-11-24T06:01:00.000Z', endUtc: '2026-11-24T06:31:00.000Z' },
      false,
    ],
    [
      'already started (in progress)',
      { startUtc: '2026-11-23T05:45:00.000Z', endUtc: '2026-11-23T06:15:00.000Z' },
      false,
    ],
    ['a 3-person meeting', { attendees: [person('adele@contoso.test'), person('lee@contoso.test')] }, false],
    [
      'a 3-person meeting with the third only optional',
      { attendees: [person('adele@contoso.test'), person('lee@contoso.test', 'optional')] },
      false,
    ],
    [
      'the report declined the invitation',
      { attendees: [person('adele@contoso.test', 'required', 'declined')] },
      false,
    ],
    [
      'the manager declined (report organised it)',
      {
        organizerAddress: 'adele@contoso.test',
        attendees: [person('megan@contoso.test', 'required', 'declined')],
        ownerResponse: 'declined',
      },
      false,
    ],
    [
      'a 1:1 in a booked room (resource attendee)',
      { attendees: [person('adele@contoso.test'), person(ROOM, 'resource', 'accepted')], roomAddresses: [ROOM] },
      true,
    ],
    [
      'a room listed as a required attendee but known as a location',
      { attendees: [person('adele@contoso.test'), person(ROOM)], roomAddresses: [ROOM] },
      true,
    ],
    [
      'an all-day event with the report',
      { isAllDay: true, startUtc: '2026-11-24T00:00:00.000Z', endUtc: '2026-11-25T00:00:00.000Z' },
      false,
    ],
    [
      'an event across midnight in Tokyo (23:30–00:30 JST), 14:30 UTC',
      {
        startUtc: '2026-11-23T14:30:00.000Z',
        endUtc: '2026-11-23T15:30:00.000Z',
        originalStartUtc: '2026-11-23T14:30:00.000Z',
      },
      true,
    ],
    ['a meeting with a peer who is not a report', { attendees: [person('patti@contoso.test')] }, false],
    ['a 1:1 with someone outside the directory', { attendees: [person('guest@fabrikam.test')] }, false],
    [
      'a 1:1 with a report who has since changed manager',
      { attendees: [person('lee@contoso.test')] },
      false,
      ORG_AFTER_LEE_MOVED,
    ],
    ['the same 1:1 while Lee still reported to Megan', { attendees: [person('lee@contoso.test')] }, true, ORG],
    ['a 1:1 in person, without a Teams link', { joinUrl: null }, true],
    [
      'a 1:1 on Thursday with a 96-hour lead time for the pair',
      { startUtc: '2026-11-26T09:00:00.000Z', endUtc: '2026-11-26T09:30:00.000Z' },
      true,
      ORG,
      96 * 60,
    ],
    ['a 1:1 later today with a 2-hour lead time for the pair', {}, false, ORG, 120],
  ])('%s', (...row) => {
    // A rest parameter: jest would take a fourth declared parameter of a 3-column row for a `done` callback.
    const [, overrides, expected, org, lead] = row;
    expect(due([event(overrides)], org ?? ORG, lead ?? 24 * 60)).toHaveLength(expected ? 1 : 0);
  });

  it('a recurring series with a moved and a cancelled occurrence: only the live ones inside the lead time', () => {
    const series = [
      event({ eventId: 'occ-mon', originalStartUtc: '2026-11-23T09:00:00.000Z' }),
      // Tuesday's occurrence was moved to Monday 15:00: due today.
      event({
        eventId: 'occ-tue',
        originalStartUtc: '2026-11-24T09:00:00.000Z',
        startUtc: '2026-11-23T15:00:00.000Z',
        endUtc: '2026-11-23T15:30:00.000Z',
      }),
      // Wednesday's was cancelled (Graph lists it with isCancelled when the view still shows it).
      event({
        eventId: 'occ-wed',
        originalStartUtc: '2026-11-25T09:00:00.000Z',
        startUtc: '2026-11-25T09:00:00.000Z',
        endUtc: '2026-11-25T09:30:00.000Z',
        isCancelled: true,
      }),
    ];
    const found = due(series);
    expect(found.map((d) => d.startUtc)).toEqual(['2026-11-23T09:00:00.000Z', '2026-11-23T15:00:00.000Z']);
    // Each occurrence keeps its own key, tied to its original start (so a move does not make it a new occurrence).
    expect(found[1]?.claimBase).toBe(claimBaseOf(CHAT, '2026-11-24T09:00:00.000Z'));
    expect(found[1]?.occurrenceId).toMatch(/^20261124T0900Z-/);
    expect(new Set(found.map((d) => d.claimBase)).size).toBe(2);
  });

  it('a 1:1 the manager attends as someone else’s report is not theirs to request', () => {
    const org: OrgChartFacts = {
      people: [MEGAN, PATTI],
      reportingLines: [{ managerId: PATTI.id, reportId: MEGAN.id }],
    };
    expect(
      due([event({ organizerAddress: 'patti@contoso.test', attendees: [person('megan@contoso.test')] })], org),
    ).toHaveLength(0);
  });

  it('names the pair, both people and the lead time', () => {
    const [found] = due([event()]);
    expect(found).toMatchObject({
      pair: { managerId: MEGAN.id, reportId: ADELE.id },
      report: { displayName: 'Adele Vance' },
      leadTimeMinutes: 1440,
    });
  });
});

describe('findDueOneOnOnes: one series key in both calendars, whatever the join link', () => {
  const SHORT = 'https://teams.microsoft.com/meet/23456789012345?p=Ab3CdE9fGh';
  const due = (e: CalendarEvent) =>
    findDueOneOnOnes({
      managerId: MEGAN.id,
      events: [e],
      orgChart: ORG,
      leadTimeMinutesFor: () => 24 * 60,
      now: NOW,
    })[0];

  it('keys a short-link meeting by its meeting id, not by the mailbox’s event id', () => {
    const managers = due(event({ eventId: 'AAMk-megan', joinUrl: SHORT }));
    const reports = due(event({ eventId: 'AAMk-adele', joinUrl: SHORT }));
    expect(managers?.occurrenceId).toBe(reports?.occurrenceId);
    expect(managers?.claimBase).toBe(reports?.claimBase);
    expect(managers?.claimBase).toBe(claimBaseOf('meet:23456789012345', '2026-11-23T09:00:00.000Z'));
  });

  it('keeps hashing the chat thread id of a long link, as every stored claim does', () => {
    expect(due(event())?.claimBase).toBe(claimBaseOf(CHAT, '2026-11-23T09:00:00.000Z'));
  });
});

describe('nextRequestStep: what a scan does with a due occurrence', () => {
  const dueAt = { startUtc: '2026-11-23T09:00:00.000Z', leadTimeMinutes: 1440 };
  const latest = (patch: Partial<LatestRequest>): LatestRequest => ({
    generation: 1,
    state: 'sent',
    requestedStartUtc: '2026-11-23T09:00:00.000Z',
    leaseUntil: '2026-11-23T06:05:00.000Z',
    ...patch,
  });
  it.each<[string, LatestRequest | null, ReturnType<typeof nextRequestStep>]>([
    ['never claimed', null, { kind: 'claim', generation: 1 }],
    ['sent for this time', latest({}), { kind: 'done', movedTo: null }],
    [
      'sent, then moved by an hour',
      latest({ requestedStartUtc: '2026-11-23T08:00:00.000Z' }),
      { kind: 'done', movedTo: '2026-11-23T09:00:00.000Z' },
    ],
    [
      'sent, then moved by more than the lead time',
      latest({ requestedStartUtc: '2026-11-21T08:00:00.000Z' }),
      { kind: 'fresh', generation: 2 },
    ],
    ['claimed by a scan whose lease runs', latest({ state: 'claimed' }), { kind: 'busy' }],
    [
      'claimed by a scan that died (lease over)',
      latest({ state: 'claimed', leaseUntil: '2026-11-23T05:00:00.000Z' }),
      { kind: 'takeOver', settle: false },
    ],
    [
      'sending when its scan died',
      latest({ state: 'sending', leaseUntil: '2026-11-23T05:00:00.000Z' }),
      { kind: 'takeOver', settle: true },
    ],
    ['refused by Graph', latest({ state: 'rejected' }), { kind: 'rejected' }],
  ])('%s', (_name, request, expected) => {
    expect(nextRequestStep(dueAt, request, NOW)).toEqual(expected);
  });
});

describe('leadTimeMinutes', () => {
  it('takes the pair’s, else the manager’s, else the global lead time', () => {
    const pairMinutes = new Map([[ADELE.id, 90]]);
    expect(leadTimeMinutes({ globalMinutes: 1440, managerMinutes: 600, pairMinutes }, ADELE.id.toUpperCase())).toBe(90);
    expect(leadTimeMinutes({ globalMinutes: 1440, managerMinutes: 600, pairMinutes }, LEE.id)).toBe(600);
    expect(leadTimeMinutes({ globalMinutes: 1440, managerMinutes: null, pairMinutes }, LEE.id)).toBe(1440);
  });
});
