import { boardViewOf } from '../../application/boardView';
import { etagOf, matchesIfNoneMatch, notModified } from '../pipeline/conditional';
import { openBoard, type BoardDataServices } from '../../application/pairBoardData';
import type { AuthenticatedHandler } from '../pipeline/authenticate';
import { checkPairAccess } from '../../application/pairAccess';
import { parseRouteParams } from '../pipeline/parse';
import { notFound, ok } from '../pipeline/responses';
import { boardParams } from '../pipeline/routeParams';
import type { Services } from '../../composition';

/**
 * GET pairs/{managerId}/{reportId}/boards/{occurrenceId}: a board by its ref (it must exist already). Answers with an
 * ETag and honours If-None-Match, so the tab's polling costs a 304 while nothing changed.
 */
export function getBoardHandler(
  services: Pick<Services, 'boards' | 'orgChart' | 'statusUpdates' | 'clock'> & BoardDataServices,
): AuthenticatedHandler {
  return async (request, _context, caller) => {
    const params = parseRouteParams(request.params, boardParams);
    if (!params.ok) return params.response;
    const ref = params.value;

    const access = await checkPairAccess(services.orgChart, caller, ref);
    if (!access.ok) return access.response;

    const key = { tenantId: caller.tenantId, ...ref };
    const stored = await services.boards.get(key);
    if (!stored) return notFound('There is no board for this meeting occurrence yet. Open it from the meeting.');
    const { board, pairData } = await openBoard(services, key, stored);
    const view = await boardViewOf(services.orgChart, {
      ref,
      caller,
      role: access.role,
      board,
      statusUpdates: services.statusUpdates,
      now: services.clock(),
      pairData,
    });
    const etag = etagOf(view);
    // Cross-origin callers may read the ETag only when it is exposed; Azure's platform CORS does not add that itself.
    return matchesIfNoneMatch(request, etag)
      ? notModified(etag)
      : ok(view, { ETag: etag, 'Access-Control-Expose-Headers': 'ETag' });
  };
}
