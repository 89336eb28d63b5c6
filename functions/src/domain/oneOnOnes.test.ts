import type { CalendarEvent, MeetingAttendee } from './calendar';
import { addressesToResolve, detectOneOnOne, type OrgChartFacts } from './oneOnOnes';

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

describe('detectOneOnOne, whatever address the invitation carries', () => {
  const X500 =
    '/O=EXCHANGELABS/OU=EXCHANGE ADMINISTRATIVE GROUP (FYDIBOHF23SPDLT)/CN=RECIPIENTS/CN=4F2B9C1D0E3A4B5C-ADELE';
  const ADELE_KNOWN_BY_EVERY_ADDRESS = {
    ...REPORT,
    // What graphShapes makes of proxyAddresses: every SMTP address and every X.500 one, lower-case, no prefix.
    addresses: [...REPORT.addresses, 'adele.old@fabrikam.test', X500.toLowerCase()],
  };
  const ASSISTANT = {
    id: '44444444-4444-4444-4444-444444444444',
    displayName: 'Isaiah Langer',
    addresses: ['isaiah@contoso.test'],
  };
  const OWNED_BY_MEGAN: OrgChartFacts = {
    people: [MANAGER, ADELE_KNOWN_BY_EVERY_ADDRESS, PEER],
    reportingLines: ORG.reportingLines,
    ownerId: MANAGER.id,
  };

  it('matches an invitation addressed to an SMTP alias of the report', () => {
    const decision = detectOneOnOne(event({ attendees: [attendee('Adele.Old@fabrikam.test')] }), OWNED_BY_MEGAN);
    expect(decision).toMatchObject({ kind: 'oneOnOne', pair, othersInChat: false });
  });

  it('matches an organizer named by an X.500 address against the X500 proxy, in any letter case', () => {
    const decision = detectOneOnOne(
      event({ organizerAddress: X500, attendees: [attendee('megan@contoso.test')], ownerResponse: 'accepted' }),
      OWNED_BY_MEGAN,
    );
    expect(decision).toMatchObject({ kind: 'oneOnOne', pair });
  });

  it('counts one person once when named by an alias, the X.500 address and the primary address together', () => {
    const decision = detectOneOnOne(
      event({
        organizerAddress: X500,
        attendees: [
          attendee('megan@contoso.test'),
          attendee('adele.old@fabrikam.test'),
          attendee('adele@contoso.test'),
        ],
        ownerResponse: 'accepted',
      }),
      OWNED_BY_MEGAN,
    );
    expect(decision).toMatchObject({ kind: 'oneOnOne', pair });
  });

  it("knows the calendar's owner organized it from the owner's own response, whatever the organizer address", () => {
    const decision = detectOneOnOne(
      event({
        organizerAddress: '/o=ExchangeLabs/ou=Exchange Administrative Group (FYDIBOHF23SPDLT)/cn=Recipients/cn=megan',
        ownerResponse: 'organizer',
      }),
      OWNED_BY_MEGAN,
    );
    expect(decision).toMatchObject({ kind: 'oneOnOne', pair });
  });

  it("knows the owner among the attendees when the owner's own entry carries an address the directory did not give", () => {
    const decision = detectOneOnOne(
      event({
        organizerAddress: 'adele@contoso.test',
        attendees: [attendee('megan.bowen@old-name.test', 'required', 'none')],
        ownerResponse: 'accepted',
      }),
      OWNED_BY_MEGAN,
    );
    expect(decision).toMatchObject({ kind: 'oneOnOne', pair });
  });

  it('still sees a third person whose address nobody resolved', () => {
    const decision = detectOneOnOne(
      event({ attendees: [attendee('adele@contoso.test'), attendee('someone@fabrikam.test')] }),
      OWNED_BY_MEGAN,
    );
    expect(decision).toMatchObject({ kind: 'notOneOnOne', reason: 'notTwoPeople' });
  });

  it('knows a person from an address resolved outside the org chart, once the lookup added them', () => {
    const invited = event({ attendees: [attendee('adele.vance@newname.test')] });
    expect(detectOneOnOne(invited, OWNED_BY_MEGAN)).toMatchObject({
      kind: 'notOneOnOne',
      reason: 'notManagerAndReport',
    });
    const resolved: OrgChartFacts = {
      ...OWNED_BY_MEGAN,
      people: [
        ...OWNED_BY_MEGAN.people,
        { ...REPORT, id: REPORT.id.toUpperCase(), addresses: ['adele.vance@newname.test'] },
      ],
    };
    expect(detectOneOnOne(invited, resolved)).toMatchObject({ kind: 'oneOnOne', pair });
  });

  describe('booked by an assistant from their own calendar', () => {
    const facts: OrgChartFacts = { ...OWNED_BY_MEGAN, people: [...OWNED_BY_MEGAN.people, ASSISTANT] };
    const booked = (overrides: Partial<CalendarEvent> = {}): CalendarEvent =>
      event({
        organizerAddress: 'isaiah@contoso.test',
        attendees: [attendee('megan@contoso.test'), attendee('adele@contoso.test')],
        ownerResponse: 'accepted',
        ...overrides,
      });

    it('is the pair’s 1:1, with someone else in its chat', () => {
      expect(detectOneOnOne(booked(), facts)).toMatchObject({ kind: 'oneOnOne', pair, othersInChat: true });
    });

    it('is so even when the assistant is unknown to the directory facts', () => {
      expect(detectOneOnOne(booked(), OWNED_BY_MEGAN)).toMatchObject({ kind: 'oneOnOne', pair, othersInChat: true });
    });

    it('is not when the organizer also attends', () => {
      const attending = booked({
        attendees: [attendee('megan@contoso.test'), attendee('adele@contoso.test'), attendee('isaiah@contoso.test')],
      });
      expect(detectOneOnOne(attending, facts)).toMatchObject({ kind: 'notOneOnOne', reason: 'notTwoPeople' });
    });

    it('is not when the two attendees are not manager and report', () => {
      const peers = booked({ attendees: [attendee('megan@contoso.test'), attendee('lee@contoso.test')] });
      expect(detectOneOnOne(peers, facts)).toMatchObject({ kind: 'notOneOnOne', reason: 'notTwoPeople' });
    });

    it('is not when one of the pair is only optional', () => {
      const optional = booked({
        attendees: [attendee('megan@contoso.test'), attendee('adele@contoso.test', 'optional')],
      });
      expect(detectOneOnOne(optional, facts).kind).toBe('notOneOnOne');
    });

    it('is not when the organizer is the manager of one of them (a skip-level meeting)', () => {
      const skip: OrgChartFacts = {
        ...facts,
        reportingLines: [...facts.reportingLines, { managerId: ASSISTANT.id, reportId: MANAGER.id }],
      };
      expect(detectOneOnOne(booked(), skip)).toMatchObject({ kind: 'notOneOnOne', reason: 'notTwoPeople' });
    });
  });
});

describe('addressesToResolve', () => {
  it('names the addresses of possible 1:1s that no directory person carries, once each, never rooms', () => {
    const events = [
      event({ attendees: [attendee('Adele.Vance@NewName.test')] }),
      event({
        eventId: 'b',
        organizerAddress: 'isaiah@contoso.test',
        attendees: [attendee('adele.vance@newname.test'), attendee('megan@contoso.test')],
      }),
      event({
        eventId: 'c',
        attendees: [attendee('adele@contoso.test'), attendee(ROOM, 'resource')],
        roomAddresses: [ROOM],
      }),
      // Too many people to ever be a 1:1: nothing to resolve.
      event({
        eventId: 'd',
        attendees: ['a', 'b', 'c', 'd'].map((n) => attendee(`${n}@fabrikam.test`)),
      }),
      event({ eventId: 'e', isCancelled: true, attendees: [attendee('cancelled@fabrikam.test')] }),
    ];
    expect(addressesToResolve(events, ORG).sort()).toEqual(['adele.vance@newname.test', 'isaiah@contoso.test']);
  });
});
