import type { AttendeeKind, AttendeeResponse, CalendarEvent } from './calendar';
import { normalizeId, type Pair } from './pairs';

/** A person of the directory, with every address an invitation may name them by (mail, UPN). */
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
}

export type NotOneOnOneReason =
  'cancelled' | 'allDay' | 'notTwoPeople' | 'optionalAttendee' | 'declined' | 'notManagerAndReport';

export type OneOnOneDecision =
  | { kind: 'oneOnOne'; pair: Pair; manager: DirectoryPerson; report: DirectoryPerson }
  | { kind: 'notOneOnOne'; reason: NotOneOnOneReason };

interface Participant {
  key: string;
  person: DirectoryPerson | null;
  kind: AttendeeKind;
  response: AttendeeResponse;
}

/**
 * Is this event a 1:1 of a manager and one of their direct reports? The people in it are the organizer plus the
 * attendees, minus rooms and other resources; there must be exactly two, both required (a 1:1 with an optional
 * extra person, or with one side only optional, is not the private conversation the board is for), neither may
 * have declined, and one must be the other's manager. Either side may be the organizer.
 */
export function detectOneOnOne(event: CalendarEvent, orgChart: OrgChartFacts): OneOnOneDecision {
  if (event.isCancelled) return no('cancelled');
  if (event.isAllDay) return no('allDay');

  const participants = participantsOf(event, orgChart.people);
  if (participants.length !== 2) return no('notTwoPeople');
  const [a, b] = participants as [Participant, Participant];
  if (!a.person || !b.person) return no('notManagerAndReport');
  if (a.kind === 'optional' || b.kind === 'optional') return no('optionalAttendee');
  if (a.response === 'declined' || b.response === 'declined' || event.ownerResponse === 'declined') {
    return no('declined');
  }
  const [manager, report] = managerFirst(a.person, b.person, orgChart.reportingLines) ?? [];
  if (!manager || !report) return no('notManagerAndReport');
  return {
    kind: 'oneOnOne',
    pair: { managerId: normalizeId(manager.id), reportId: normalizeId(report.id) },
    manager,
    report,
  };
}

function no(reason: NotOneOnOneReason): OneOnOneDecision {
  return { kind: 'notOneOnOne', reason };
}

/** The humans of an event, one entry per person even when named twice (organizer listed as attendee, mail vs UPN). */
function participantsOf(event: CalendarEvent, people: readonly DirectoryPerson[]): Participant[] {
  const byAddress = new Map<string, DirectoryPerson>();
  for (const person of people) for (const address of person.addresses) byAddress.set(address.toLowerCase(), person);
  const rooms = new Set(event.roomAddresses.map((r) => r.toLowerCase()));

  const found = new Map<string, Participant>();
  const add = (address: string, kind: AttendeeKind, response: AttendeeResponse): void => {
    const lower = address.toLowerCase();
    if (kind === 'resource' || rooms.has(lower)) return;
    const person = byAddress.get(lower) ?? null;
    const key = person ? `id:${normalizeId(person.id)}` : `address:${lower}`;
    const earlier = found.get(key);
    if (!earlier) {
      found.set(key, { key, person, kind, response });
      return;
    }
    // Named twice: required wins over optional, and a decline anywhere counts.
    if (kind === 'required') earlier.kind = 'required';
    if (response === 'declined' && earlier.response !== 'organizer') earlier.response = 'declined';
  };
  if (event.organizerAddress) add(event.organizerAddress, 'required', 'organizer');
  for (const attendee of event.attendees) add(attendee.address, attendee.kind, attendee.response);
  return [...found.values()];
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
