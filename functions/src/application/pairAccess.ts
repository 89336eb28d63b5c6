import type { HttpResponseInit } from '@azure/functions';
import type { Role } from '../contract';
import type { Caller } from '../auth/tokenValidator';
import { normalizeId, roleInPair, type Pair } from '../domain/pairs';
import type { OrgChartGateway } from '../graph/orgChartGateway';
import { fromGraph } from '../http/pipeline/errors';
import { forbidden } from '../http/pipeline/responses';

export type PairAccess = { ok: true; role: Role } | { ok: false; response: HttpResponseInit };

/**
 * A pair's boards are for its two people only, and only while the directory still says the one manages the other:
 * a URL naming yourself and a made-up "manager" or "report" opens nothing.
 */
export async function checkPairAccess(orgChart: OrgChartGateway, caller: Caller, pair: Pair): Promise<PairAccess> {
  const role = roleInPair(pair, caller.userId);
  if (!role) {
    return denied('Only the manager and the report of a 1:1 can open its board.');
  }
  const manager = await fromGraph("the report's manager", () => orgChart.managerOf(pair.reportId));
  if (!manager || normalizeId(manager.id) !== normalizeId(pair.managerId)) {
    return denied("The directory does not list this manager as this report's manager.");
  }
  return { ok: true, role };
}

function denied(message: string): PairAccess {
  return { ok: false, response: forbidden(message) };
}
