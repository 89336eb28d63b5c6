import type { StatusUpdateView } from '../contract';
import type { Services } from '../services';
import type { AuthenticatedHandler } from './authenticate';
import { checkPairAccess } from './pairAccess';
import { parseRouteParams } from './parse';
import { ok } from './responses';
import { boardParams } from './routeParams';

/** GET pairs/{managerId}/{reportId}/status/{occurrenceId}: the report's status update, for the pair's two people. */
export function getStatusUpdateHandler(services: Pick<Services, 'orgChart' | 'statusUpdates' | 'emailClaims'>): AuthenticatedHandler {
  return async (request, _context, caller) => {
    const params = parseRouteParams(request.params, boardParams);
    if (!params.ok) return params.response;
    const access = await checkPairAccess(services.orgChart, caller, params.value);
    if (!access.ok) return access.response;
    const key = { tenantId: caller.tenantId, ...params.value };
    const [update, channels] = await Promise.all([services.statusUpdates.get(key), services.emailClaims.sentChannels(key, key.occurrenceId)]);
    // Which channel the request used (issue 10), so the manager knows where the report was asked.
    const requestChannel = channels.size === 2 ? 'both' : channels.has('chat') ? 'chat' : channels.has('email') ? 'email' : null;
    const view: StatusUpdateView = { update, ...(requestChannel ? { requestChannel } : {}) };
    return ok(view);
  };
}
