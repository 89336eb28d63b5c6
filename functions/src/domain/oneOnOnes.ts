import type { AttendeeKind, AttendeeResponse, CalendarEvent } from './calendar';
import { normalizeId, type Pair } from './pairs';

/**
 * A person of the directory, with every address an invitation may name them by: mail, UPN, every SMTP proxy
 * address (aliases, addresses from before a rename or a domain move) and X.500 proxies (legacy Exchange DNs,
 * which calendars sometimes carry instead of an SMTP address). Compared case-insensitively.
 */
export interface DirectoryPerson {
  id: string;
  displayName: string;
  addresses: readonly string[];
}

export interface ReportingLine {
  managerId: string;
  reportId: string;
}

/** What the directory says about the people involved: who they are and who reports to whom. */
export interface OrgChartFacts {
  people: readonly DirectoryPerson[];
  reportingLines: readonly ReportingLine[];
  /**
   * Whose calendar the events come from. Their copy says how they answered (`ownerResponse`), so they are known
   * without their address: 'organizer' means they organised it, under whatever address the organizer shows.
   */
  ownerId?: string;
}

export type NotOneOnOneReason =
  'cancelled' | 'allDay' | 'notTwoPeople' | 'optionalAttendee' | 'declined' | 'notManagerAndReport';

export type OneOnOneDecision =
  | {
      kind: 'oneOnOne';
      pair: Pair;
      manager: DirectoryPerson;
      report: DirectoryPerson;
      /** Someone else is in the meeting, and so in its chat: the assistant who booked it for the pair. */
      othersInChat: boolean;
    }
  | { kind: 'notOneOnOne'; reason: NotOneOnOneReason };

interface Participant {
  key: string;
  person: DirectoryPerson | null;
  kind: AttendeeKind;
  response: AttendeeResponse;
  /** Named as the organizer and never among the attendees. */
  organizerOnly: boolean;
  /** The calendar's owner, named nowhere in the event (invited through a list, say). */
  unlisted?: true;
}

/**
 * Is this event a 1:1 of a manager and one of their direct reports? The people in it are the organizer plus the
 * attendees, minus rooms and other resources; there must be exactly two, both required (a 1:1 with an optional
 * extra person, or with one side only optional, is not the private conversation the board is for), neither may
 * have declined, and one must be the other's manager. Either side may be the organizer. One exception: an
 * organizer who does not attend, with exactly the pair as attendees, booked it for them (an assistant booking from
 * their own calendar); it is the pair's 1:1, but the organizer is in its chat.
 */
export function detectOneOnOne(event: CalendarEvent, orgChart: OrgChartFacts): OneOnOneDecision {
  if (event.isCancelled) return no('cancelled');
  if (event.isAllDay) return no('allDay');

  const participants = participantsOf(event, orgChart);
  const booked = participants.length === 3 ? bookedForOthers(participants, orgChart.reportingLines) : null;
  const two = booked ?? participants;
  if (two.length !== 2) return no('notTwoPeople');
  const [a, b] = two as [Participant, Participant];
  // With a booker, two strangers or non-pairs are simply a meeting of three.
  if (!a.person || !b.person) return no(booked ? 'notTwoPeople' : 'notManagerAndReport');
  if (a.kind === 'optional' || b.kind === 'optional') return no('optionalAttendee');
  if (a.response === 'declined' || b.response === 'declined' || event.ownerResponse === 'declined') {
    return no('declined');
  }
  const [manager, report] = managerFirst(a.person, b.person, orgChart.reportingLines) ?? [];
  if (!manager || !report) return no(booked ? 'notTwoPeople' : 'notManagerAndReport');
  return {
    kind: 'oneOnOne',
    pair: { managerId: normalizeId(manager.id), reportId: normalizeId(report.id) },
    manager,
    report,
    othersInChat: booked !== null,
  };
}

/**
 * Of three people, the two attendees when the third only organised it (never attended) and manages neither of
 * them: a skip-level manager's meeting with the pair is a meeting of three, not the pair's 1:1.
 */
function bookedForOthers(participants: Participant[], lines: readonly ReportingLine[]): Participant[] | null {
  const organizers = participants.filter((p) => p.organizerOnly);
  const booker = organizers[0];
  if (organizers.length !== 1 || !booker) return null;
  const attendees = participants.filter((p) => p !== booker);
  // Booked for the pair means the invitation names both of them.
  if (attendees.some((a) => a.unlisted)) return null;
  const bookerId = booker.person ? normalizeId(booker.person.id) : null;
  const attendeeIds = new Set(attendees.flatMap((a) => (a.person ? [normalizeId(a.person.id)] : [])));
  const managesOne = lines.some(
    (l) => normalizeId(l.managerId) === bookerId && attendeeIds.has(normalizeId(l.reportId)),
  );
  return managesOne ? null : attendees;
}

function no(reason: NotOneOnOneReason): OneOnOneDecision {
  return { kind: 'notOneOnOne', reason };
}

/**
 * The humans of an event, one entry per person even when named twice (organizer listed as attendee, mail vs UPN vs
 * alias vs X.500). The calendar's owner is known by their own response, not by address: the organizer when they
 * answered 'organizer', otherwise the one attendee nobody could name (their invitation went to an address the
 * directory facts lack), or else present anyway (invited through a list).
 */
function participantsOf(event: CalendarEvent, orgChart: OrgChartFacts): Participant[] {
  const byAddress = new Map<string, DirectoryPerson>();
  for (const person of orgChart.people) {
    for (const address of person.addresses) byAddress.set(address.toLowerCase(), person);
  }
  const ownerId = orgChart.ownerId ? normalizeId(orgChart.ownerId) : null;
  const owner = ownerId ? (orgChart.people.find((p) => normalizeId(p.id) === ownerId) ?? null) : null;
  const rooms = new Set(event.roomAddresses.map((r) => r.toLowerCase()));

  const found = new Map<string, Participant>();
  const add = (person: DirectoryPerson | null, address: string, kind: AttendeeKind, response: AttendeeResponse) => {
    const key = person ? `id:${normalizeId(person.id)}` : `address:${address.toLowerCase()}`;
    const earlier = found.get(key);
    if (!earlier) {
      found.set(key, { key, person, kind, response, organizerOnly: response === 'organizer' });
      return;
    }
    // Named twice: required wins over optional, and a decline anywhere counts.
    if (response !== 'organizer') earlier.organizerOnly = false;
    if (kind === 'required') earlier.kind = 'required';
    if (response === 'declined' && earlier.response !== 'organizer') earlier.response = 'declined';
  };
  if (event.organizerAddress) {
    const ownerOrganized = owner && event.ownerResponse === 'organizer';
    const person = ownerOrganized ? owner : (byAddress.get(event.organizerAddress.toLowerCase()) ?? null);
    add(person, event.organizerAddress, 'required', 'organizer');
  }
  for (const attendee of event.attendees) {
    const lower = attendee.address.toLowerCase();
    if (attendee.kind === 'resource' || rooms.has(lower)) continue;
    add(byAddress.get(lower) ?? null, attendee.address, attendee.kind, attendee.response);
  }
  const participants = [...found.values()];
  if (!owner || participants.some((p) => p.person && normalizeId(p.person.id) === ownerId)) return participants;
  const unnamed = participants.filter((p) => !p.person && !p.organizerOnly);
  const [only] = unnamed;
  if (unnamed.length === 1 && only) {
    only.person = owner;
    only.response = event.ownerResponse;
    return participants;
  }
  return [
    ...participants,
    {
      key: `id:${ownerId}`,
      person: owner,
      kind: 'required',
      response: event.ownerResponse,
      organizerOnly: false,
      unlisted: true,
    },
  ];
}

/** Events with more people than this can be no 1:1, even one an assistant booked (organizer plus the pair). */
const MOST_PEOPLE_IN_A_ONE_ON_ONE = 3;

/**
 * The addresses worth one directory lookup before deciding: those of events that could still be a 1:1 (not
 * cancelled or all-day, at most three people) that no person of the facts carries. Lower-case, each once.
 */
export function addressesToResolve(events: readonly CalendarEvent[], orgChart: OrgChartFacts): string[] {
  const known = new Set(orgChart.people.flatMap((p) => p.addresses.map((a) => a.toLowerCase())));
  const unknown = new Set<string>();
  for (const event of events) {
    if (event.isCancelled || event.isAllDay) continue;
    const rooms = new Set(event.roomAddresses.map((r) => r.toLowerCase()));
    const people = new Set(
      [event.organizerAddress, ...event.attendees.filter((a) => a.kind !== 'resource').map((a) => a.address)]
        .flatMap((a) => (a ? [a.toLowerCase()] : []))
        .filter((a) => !rooms.has(a)),
    );
    if (people.size > MOST_PEOPLE_IN_A_ONE_ON_ONE) continue;
    for (const address of people) if (!known.has(address)) unknown.add(address);
  }
  return [...unknown];
}

function managerFirst(
  a: DirectoryPerson,
  b: DirectoryPerson,
  lines: readonly ReportingLine[],
): [DirectoryPerson, DirectoryPerson] | null {
  const manages = (m: DirectoryPerson, r: DirectoryPerson): boolean =>
    lines.some((l) => normalizeId(l.managerId) === normalizeId(m.id) && normalizeId(l.reportId) === normalizeId(r.id));
  if (manages(a, b)) return [a, b];
  if (manages(b, a)) return [b, a];
  return null;
}
