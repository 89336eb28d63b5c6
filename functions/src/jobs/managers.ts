import type { OrgChartFacts } from '../domain/oneOnOnes';
import { normalizeId } from '../domain/pairs';
import type { Enrolment, EnrolmentStore } from '../store/enrolmentStore';
import type { ManagerDirectory } from '../graph/statusScanGateway';

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

/** A manager's directory read as the org chart facts the domain decides from. */
export function orgChartOf(directory: ManagerDirectory): OrgChartFacts {
  return {
    people: [directory.manager, ...directory.reports],
    reportingLines: directory.reports.map((r) => ({ managerId: directory.manager.id, reportId: r.id })),
  };
}
