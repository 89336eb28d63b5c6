import { boardViewOf } from './boardView';
import type { AuthenticatedHandler } from './authenticate';
import { checkPairAccess } from './pairAccess';
import { parseRouteParams } from './parse';
import { notFound, ok } from './responses';
import { boardParams } from './routeParams';
import type { Services } from '../services';

/** GET pairs/{managerId}/{reportId}/boards/{occurrenceId}: a board by its ref (it must exist already). */
export function getBoardHandler(services: Pick<Services, 'boards' | 'orgChart'>): AuthenticatedHandler {
  return async (request, _context, caller) => {
    const params = parseRouteParams(request.params, boardParams);
    if (!params.ok) return params.response;
    const ref = params.value;

    const access = await checkPairAccess(services.orgChart, caller, ref);
    if (!access.ok) return access.response;

    const stored = await services.boards.get({ tenantId: caller.tenantId, ...ref });
    if (!stored) return notFound('There is no board for this meeting occurrence yet. Open it from the meeting.');
    return ok(await boardViewOf(services.orgChart, { ref, caller, role: access.role, board: stored.board }));
  };
}
