import { directoryPersonOf, graphPageSchema, PERSON_SELECT } from './graphShapes';
import type { Client } from '@microsoft/microsoft-graph-client';
import type { DirectoryPerson, OrgChartFacts, ReportingLine } from '../domain/oneOnOnes';
import { normalizeId } from '../domain/pairs';
import { graphStatusOf } from './graphClient';
import { createTtlCache } from './ttlCache';

/** Who people are and who reports to whom, as the directory (Entra ID via Graph) says. */
export interface OrgChartGateway {
  person(userId: string): Promise<DirectoryPerson | null>;
  managerOf(userId: string): Promise<DirectoryPerson | null>;
  directReportsOf(userId: string): Promise<DirectoryPerson[]>;
}

export const DEFAULT_ORG_CHART_TTL_MS = 5 * 60_000;

const MAX_PAGES = 20;

/**
 * Graph-backed org chart with a TTL cache (default 5 minutes): reporting lines change rarely, and every save
 * re-checks the pair's reporting line, which must not cost a Graph round trip each time.
 */
export function createGraphOrgChartGateway(
  client: Client,
  options: { ttlMs?: number; now?: () => number } = {},
): OrgChartGateway {
  const cacheOptions = {
    ttlMs: options.ttlMs ?? DEFAULT_ORG_CHART_TTL_MS,
    ...(options.now ? { now: options.now } : {}),
  };
  const people = createTtlCache<DirectoryPerson | null>(cacheOptions);
  const managers = createTtlCache<DirectoryPerson | null>(cacheOptions);
  const reports = createTtlCache<DirectoryPerson[]>(cacheOptions);
  const userPath = (userId: string): string => `/users/${encodeURIComponent(userId)}`;

  return {
    person: (userId) =>
      people.getOrLoad(normalizeId(userId), () =>
        nullOn404(async () =>
          directoryPersonOf(
            await client
              .api(userPath(userId))
              .select([...PERSON_SELECT])
              .get(),
          ),
        ),
      ),
    managerOf: (userId) =>
      // Graph answers 404 for someone without a manager.
      managers.getOrLoad(normalizeId(userId), () =>
        nullOn404(async () =>
          directoryPersonOf(
            await client
              .api(`${userPath(userId)}/manager`)
              .select([...PERSON_SELECT])
              .get(),
          ),
        ),
      ),
    directReportsOf: (userId) =>
      reports.getOrLoad(normalizeId(userId), async () => {
        const found: DirectoryPerson[] = [];
        let request = client.api(`${userPath(userId)}/directReports`).select([...PERSON_SELECT]);
        for (let pages = 0; pages < MAX_PAGES; pages++) {
          const body = graphPageSchema.parse(await request.get());
          for (const raw of body.value) {
            const person = directoryPersonOf(raw);
            if (person) found.push(person);
          }
          const next = body['@odata.nextLink'];
          if (!next) break;
          request = client.api(next);
        }
        return found;
      }),
  };
}

async function nullOn404<T>(load: () => Promise<T>): Promise<T | null> {
  try {
    return await load();
  } catch (error) {
    if (graphStatusOf(error) === 404) return null;
    throw error;
  }
}

/**
 * The org chart around one person: themselves, their manager and their direct reports, and those reporting lines.
 * Enough to recognise any 1:1 that person can be in, in their own calendar (they are its owner).
 */
export async function orgChartFactsAround(orgChart: OrgChartGateway, userId: string): Promise<OrgChartFacts> {
  const [self, manager, reports] = await Promise.all([
    orgChart.person(userId),
    orgChart.managerOf(userId),
    orgChart.directReportsOf(userId),
  ]);
  const id = normalizeId(userId);
  const people = [...(self ? [self] : []), ...(manager ? [manager] : []), ...reports];
  const reportingLines: ReportingLine[] = [
    ...(manager ? [{ managerId: manager.id, reportId: id }] : []),
    ...reports.map((r) => ({ managerId: id, reportId: r.id })),
  ];
  return { people, reportingLines, ownerId: id };
}
