import type { CalendarEvent, MeetingAttendee } from './calendar';
import { detectOneOnOne, type OrgChartFacts } from './oneOnOnes';

const MANAGER = {
  id: '11111111-1111-1111-1111-111111111111',
  displayName: 'Megan Bowen',
  addresses: ['megan@contoso.test'],
};
const REPORT = {
  id: '22222222-2222-2222-2222-222222222222',
  displayName: 'Adele Vance',
  addresses: ['adele@contoso.test', 'adele.vance@contoso.onmicrosoft.test'],
};
const PEER = { id: '33333333-3333-3333-3333-333333333333', displayName: 'Lee Gu', addresses: ['lee@contoso.test'] };
const ORG: OrgChartFacts = {
  people: [MANAGER, REPORT, PEER],
  reportingLines: [{ managerId: MANAGER.id, reportId: REPORT.id }],
};
const ROOM = 'room-42@contoso.test';

const attendee = (
  address: string,
  kind: MeetingAttendee['kind'] = 'required',
  response: MeetingAttendee['response'] = 'accepted',
): MeetingAttendee => ({ address, kind, response });

function event(overrides: Partial<CalendarEvent> = {}): CalendarEvent {
  return {
    eventId: 'AAMkAD-1',
    subject: 'Megan / Adele 1:1',
    startUtc: '2026-11-26T09:00:00.000Z',
    endUtc: '2026-11-26T09:30:00.000Z',
    originalStartUtc: '2026-11-26T09:00:00.000Z',
    isAllDay: false,
    isCancelled: false,
    organizerAddress: 'megan@contoso.test',
    attendees: [attendee('adele@contoso.test')],
    roomAddresses: [],
    joinUrl: null,
    ownerResponse: 'organizer',
    ...overrides,
  };
}

const pair = { managerId: MANAGER.id, reportId: REPORT.id };

describe('detectOneOnOne', () => {
  it.each<[string, Partial<CalendarEvent>, ReturnType<typeof detectOneOnOne>['kind'], string | null]>([
    ['a plain 1:1 organized by the manager', {}, 'oneOnOne', null],
    [
      'a 1:1 organized by the report',
      { organizerAddress: 'adele@contoso.test', attendees: [attendee('megan@contoso.test')] },
      'oneOnOne',
      null,
    ],
    [
      'the organizer also listed as an attendee, in other letter case',
      { attendees: [attendee('MEGAN@contoso.test', 'required', 'none'), attendee('adele@contoso.test')] },
      'oneOnOne',
      null,
    ],
    [
      'the report invited by their UPN',
      { attendees: [attendee('Adele.Vance@contoso.onmicrosoft.test')] },
      'oneOnOne',
      null,
    ],
    [
      'a room booked as a resource',
      { attendees: [attendee('adele@contoso.test'), attendee(ROOM, 'resource')] },
      'oneOnOne',
      null,
    ],
    [
      'a room booked as a required attendee but listed among the locations',
      { attendees: [attendee('adele@contoso.test'), attendee(ROOM)], roomAddresses: [ROOM] },
      'oneOnOne',
      null,
    ],
    [
      'a 3-person meeting',
      { attendees: [attendee('adele@contoso.test'), attendee('lee@contoso.test')] },
      'notOneOnOne',
      'notTwoPeople',
    ],
    [
      'a 3-person meeting with the third person optional',
      { attendees: [attendee('adele@contoso.test'), attendee('lee@contoso.test', 'optional')] },
      'notOneOnOne',
      'notTwoPeople',
    ],
    [
      'the report only an optional attendee',
      { attendees: [attendee('adele@contoso.test', 'optional')] },
      'notOneOnOne',
      'optionalAttendee',
    ],
    [
      'the report declined',
      { attendees: [attendee('adele@contoso.test', 'required', 'declined')] },
      'notOneOnOne',
      'declined',
    ],
    ['the calendar owner declined', { ownerResponse: 'declined' }, 'notOneOnOne', 'declined'],
    ['an all-day event', { isAllDay: true }, 'notOneOnOne', 'allDay'],
    ['a cancelled occurrence', { isCancelled: true }, 'notOneOnOne', 'cancelled'],
    [
      'a meeting with a peer who is not a direct report',
      { attendees: [attendee('lee@contoso.test')] },
      'notOneOnOne',
      'notManagerAndReport',
    ],
    [
      'a meeting with someone outside the directory',
      { attendees: [attendee('guest@fabrikam.test')] },
      'notOneOnOne',
      'notManagerAndReport',
    ],
    ['a meeting with only the organizer', { attendees: [] }, 'notOneOnOne', 'notTwoPeople'],
  ])('%s', (_name, overrides, kind, reason) => {
    const decision = detectOneOnOne(event(overrides), ORG);
    expect(decision.kind).toBe(kind);
    if (decision.kind === 'oneOnOne') {
      expect(decision.pair).toEqual(pair);
      expect(decision.manager.displayName).toBe('Megan Bowen');
      expect(decision.report.displayName).toBe('Adele Vance');
    } else {
      expect(decision.reason).toBe(reason);
    }
  });

  it('knows who is the manager whichever side organized', () => {
    const byReport = detectOneOnOne(
      event({ organizerAddress: 'adele@contoso.test', attendees: [attendee('megan@contoso.test')] }),
      ORG,
    );
    expect(byReport).toMatchObject({ kind: 'oneOnOne', pair });
  });

  it('normalizes ids to lower case', () => {
    const upper: OrgChartFacts = {
      people: [{ ...MANAGER, id: MANAGER.id.toUpperCase() }, REPORT],
      reportingLines: [{ managerId: MANAGER.id.toUpperCase(), reportId: REPORT.id }],
    };
    expect(detectOneOnOne(event(), upper)).toMatchObject({ kind: 'oneOnOne', pair });
  });
});
