import type { HttpRequest } from '@azure/functions';
import { z } from 'zod';
import type { Caller } from '../../auth/tokenValidator';
import {
  DEFAULT_TREND_SHARING,
  objectIdSchema,
  saveTrendSharingRequestSchema,
  trendQuerySchema,
  type Month,
  type PairTrend,
  type PairTrendResponse,
  type Person,
  type TeamTrendsResponse,
  type TrendSharingResponse,
} from '../../contract';
import { normalizeId } from '../../domain/pairs';
import { monthsEndingAt, pairTrendOf, type TrendAudience } from '../../domain/trends';
import type { Services } from '../../composition';
import type { PairKey, PairRecords } from '../../application/trends';
import type { AuthenticatedHandler } from '../pipeline/authenticate';
import { fromGraph } from '../pipeline/errors';
import { checkPairAccess } from '../../application/pairAccess';
import { parseJsonBody, parseRouteParams, type Parsed } from '../pipeline/parse';
import { forbidden, notFound, ok } from '../pipeline/responses';

type TrendHttpServices = Pick<Services, 'clock' | 'orgChart' | 'trendReader' | 'trendSharing'>;

const lowerObjectId = objectIdSchema.transform((id) => id.toLowerCase());
const pairParams = z.object({ managerId: lowerObjectId, reportId: lowerObjectId });

/** `?months=` (1–24, default 12); anything else in the query is a 400 naming it. */
function parseQuery(request: HttpRequest): Parsed<{ months: number }> {
  return parseRouteParams(Object.fromEntries(request.query.entries()), trendQuerySchema);
}

/** A person as the directory names them; someone the directory no longer lists keeps their id and no name. */
async function personOf(services: TrendHttpServices, userId: string): Promise<Person> {
  const found = await fromGraph('a person in the directory', () => services.orgChart.person(userId));
  return { id: normalizeId(userId), displayName: found?.displayName ?? '' };
}

/** The report's choices as the manager's partition holds them, else the sharing store (never mirrored yet). */
async function sharingOf(
  services: TrendHttpServices,
  tenantId: string,
  reportId: string,
  rows: PairRecords | undefined,
) {
  return rows?.sharing ?? (await services.trendSharing.get(tenantId, reportId));
}

function trendFor(
  audience: TrendAudience,
  input: {
    manager: Person;
    report: Person;
    months: Month[];
    rows: PairRecords;
    sharing: PairTrend['sharing'];
    now: Date;
  },
): PairTrend {
  return pairTrendOf({
    manager: input.manager,
    report: input.report,
    audience,
    sharing: input.sharing,
    months: input.months,
    records: input.rows.records,
    commitments: input.rows.commitments,
    now: input.now,
  });
}

/**
 * GET trends/team: one row per CURRENT direct report of the caller (the directory decides; a report who moved to
 * another manager is no longer in the old manager's view), all read with ONE query of the manager's partition.
 * A caller without direct reports gets an empty list.
 */
export function getTeamTrendsHandler(services: TrendHttpServices): AuthenticatedHandler {
  return async (request, _context, caller) => {
    const query = parseQuery(request);
    if (!query.ok) return query.response;
    const now = services.clock();
    const months = monthsEndingAt(now, query.value.months);
    const [manager, reports] = await Promise.all([
      personOf(services, caller.userId),
      fromGraph('your direct reports', () => services.orgChart.directReportsOf(caller.userId)),
    ]);
    const rows =
      reports.length === 0
        ? new Map<string, PairRecords>()
        : await services.trendReader.managerRecords(caller.tenantId, caller.userId, months);
    const trends = await Promise.all(
      reports.map(async (person) => {
        const reportId = normalizeId(person.id);
        const pairRows = rows.get(reportId);
        const sharing = await sharingOf(services, caller.tenantId, reportId, pairRows);
        const report = { id: reportId, displayName: person.displayName };
        return trendFor('manager', { manager, report, months, rows: pairRows ?? emptyRows(), sharing, now });
      }),
    );
    trends.sort(
      (a, b) => a.report.displayName.localeCompare(b.report.displayName) || a.report.id.localeCompare(b.report.id),
    );
    const response: TeamTrendsResponse = { manager, months, reports: trends };
    return ok(response);
  };
}

/**
 * GET trends/pairs/{managerId}/{reportId}: the pair's two people only, and only while the directory still says the
 * one manages the other (no super-viewer: not the manager's manager, not a peer). The report also gets
 * `managerView`, exactly what their manager's answer holds for them.
 */
export function getPairTrendHandler(services: TrendHttpServices): AuthenticatedHandler {
  return async (request, _context, caller) => {
    const params = parseRouteParams(request.params, pairParams);
    if (!params.ok) return params.response;
    const query = parseQuery(request);
    if (!query.ok) return query.response;
    const access = await checkPairAccess(services.orgChart, caller, params.value);
    if (!access.ok) {
      return forbidden(
        'Trends of a 1:1 are for its manager and its report only, while the directory lists that reporting line.',
      );
    }
    return ok(
      await pairTrendResponse(
        services,
        caller,
        { tenantId: caller.tenantId, ...params.value },
        access.role,
        query.value.months,
      ),
    );
  };
}

/** GET trends/me: the caller's own trends with their current manager; 404 when the directory lists no manager. */
export function getMyTrendHandler(services: TrendHttpServices): AuthenticatedHandler {
  return async (request, _context, caller) => {
    const query = parseQuery(request);
    if (!query.ok) return query.response;
    const manager = await fromGraph('your manager', () => services.orgChart.managerOf(caller.userId));
    if (!manager) {
      return notFound('The directory lists no manager for you, so there are no 1:1 trends to show.');
    }
    const pair = {
      tenantId: caller.tenantId,
      managerId: normalizeId(manager.id),
      reportId: normalizeId(caller.userId),
    };
    return ok(await pairTrendResponse(services, caller, pair, 'report', query.value.months));
  };
}

async function pairTrendResponse(
  services: TrendHttpServices,
  caller: Caller,
  pair: PairKey,
  role: TrendAudience,
  monthCount: number,
): Promise<PairTrendResponse> {
  const now = services.clock();
  const months = monthsEndingAt(now, monthCount);
  const [manager, report, rows] = await Promise.all([
    personOf(services, pair.managerId),
    personOf(services, pair.reportId),
    services.trendReader.pairRecords(pair, months),
  ]);
  const sharing = await sharingOf(services, pair.tenantId, pair.reportId, rows);
  const input = { manager, report, months, rows, sharing, now };
  return {
    viewer: { userId: normalizeId(caller.userId), role },
    trend: trendFor(role, input),
    managerView: role === 'report' ? trendFor('manager', input) : null,
  };
}

/** GET trends/sharing: the caller's own choices (the defaults until they save any). */
export function getTrendSharingHandler(services: TrendHttpServices): AuthenticatedHandler {
  return async (_request, _context, caller) => {
    const response: TrendSharingResponse = { sharing: await services.trendSharing.get(caller.tenantId, caller.userId) };
    return ok(response);
  };
}

/**
 * PUT trends/sharing: the caller's own choices, nothing else can be named. Mirrored into the pair row of the
 * caller's current manager, so that manager's next trend load already leaves out what is not shared.
 */
export function saveTrendSharingHandler(services: TrendHttpServices): AuthenticatedHandler {
  return async (request, _context, caller) => {
    const body = await parseJsonBody(request, saveTrendSharingRequestSchema);
    if (!body.ok) return body.response;
    const manager = await fromGraph('your manager', () => services.orgChart.managerOf(caller.userId));
    const sharing = { ...DEFAULT_TREND_SHARING, ...body.value };
    await services.trendSharing.save(caller.tenantId, caller.userId, sharing, manager ? normalizeId(manager.id) : null);
    const response: TrendSharingResponse = { sharing };
    return ok(response);
  };
}

function emptyRows(): PairRecords {
  return { records: [], commitments: [], sharing: null };
}
