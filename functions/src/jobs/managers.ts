import type { CalendarEvent } from '../domain/calendar';
import { addressesToResolve, type DirectoryPerson, type OrgChartFacts } from '../domain/oneOnOnes';
import { normalizeId } from '../domain/pairs';
import type { Enrolment, EnrolmentStore } from '../store/enrolmentStore';
import type { ManagerDirectory, StatusScanGateway } from '../graph/statusScanGateway';

/**
 * Configuration enrols managers; a manager's own choice (the enrolment API) adds to it or opts out of it. By
 * lower-case id, with the manager's stored choice where there is one.
 */
export async function enrolledManagers(
  enrolments: Pick<EnrolmentStore, 'list'>,
  tenantId: string,
  configuredIds: readonly string[],
): Promise<Map<string, Enrolment | null>> {
  const managers = new Map<string, Enrolment | null>();
  for (const id of configuredIds) managers.set(normalizeId(id), null);
  for (const enrolment of await enrolments.list(tenantId)) {
    const id = normalizeId(enrolment.managerId);
    if (enrolment.enrolled) managers.set(id, enrolment);
    else managers.delete(id);
  }
  return managers;
}

/** A manager's directory read as the org chart facts the domain decides from, for the manager's own calendar. */
export function orgChartOf(directory: ManagerDirectory): OrgChartFacts {
  return {
    people: [directory.manager, ...directory.reports],
    reportingLines: directory.reports.map((r) => ({ managerId: directory.manager.id, reportId: r.id })),
    ownerId: directory.manager.id,
  };
}

/**
 * Each manager's facts plus whoever the directory knows by the addresses of their possible 1:1s that the facts
 * lacked (an alias added since the directory was read, an assistant who booked a 1:1): one lookup for all the
 * managers' addresses together, before anything is decided.
 */
export async function withAddressesResolved(
  gateway: Pick<StatusScanGateway, 'peopleByAddress'>,
  calendars: ReadonlyArray<{ facts: OrgChartFacts; events: readonly CalendarEvent[] }>,
): Promise<OrgChartFacts[]> {
  const wanted = calendars.map(({ facts, events }) => addressesToResolve(events, facts));
  const unique = [...new Set(wanted.flat())];
  const found = unique.length > 0 ? await gateway.peopleByAddress(unique) : new Map<string, DirectoryPerson | null>();
  return calendars.map(({ facts }, i) => {
    const extra = (wanted[i] ?? []).flatMap((address) => {
      const person = found.get(address);
      // Known by the looked-up address even when Graph matched it in another letter case.
      return person ? [{ ...person, addresses: [...person.addresses, address] }] : [];
    });
    return extra.length > 0 ? { ...facts, people: [...facts.people, ...extra] } : facts;
  });
}
