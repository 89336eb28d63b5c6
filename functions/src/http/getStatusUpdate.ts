import type { StatusUpdateView } from '../contract';
import type { Services } from '../services';
import type { AuthenticatedHandler } from './authenticate';
import { checkPairAccess } from './pairAccess';
import { parseRouteParams } from './parse';
import { ok } from './responses';
import { boardParams } from './routeParams';

/** GET pairs/{managerId}/{reportId}/status/{occurrenceId}: the report's status update, for the pair's two people. */
export function getStatusUpdateHandler(services: Pick<Services, 'orgChart' | 'statusUpdates'>): AuthenticatedHandler {
  return async (request, _context, caller) => {
    const params = parseRouteParams(request.params, boardParams);
    if (!params.ok) return params.response;
    const access = await checkPairAccess(services.orgChart, caller, params.value);
    if (!access.ok) return access.response;
    const view: StatusUpdateView = { update: await services.statusUpdates.get({ tenantId: caller.tenantId, ...params.value }) };
    return ok(view);
  };
}
