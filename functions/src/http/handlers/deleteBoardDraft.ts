import { boardDraftIdSchema, type DeleteDraftResponse } from '../../contract';
import type { AuthenticatedHandler } from '../pipeline/authenticate';
import { parseRouteParams } from '../pipeline/parse';
import { ok } from '../pipeline/responses';
import { boardParams } from '../pipeline/routeParams';
import { boardDraftDoor, boardDraftKey, type BoardDraftServices } from './keepDraft';

const params = boardParams.extend({ draftId: boardDraftIdSchema });

/** DELETE pairs/{managerId}/{reportId}/boards/{occurrenceId}/drafts/{draftId}: the words were saved (or dropped). */
export function deleteBoardDraftHandler(services: BoardDraftServices): AuthenticatedHandler {
  return async (request, _context, caller) => {
    const route = parseRouteParams(request.params, params);
    if (!route.ok) return route.response;
    const { draftId, ...ref } = route.value;
    const refused = await boardDraftDoor(services, caller, ref);
    if (refused) return refused;
    const body: DeleteDraftResponse = { deleted: await services.drafts.remove(boardDraftKey(caller, ref, draftId)) };
    return ok(body);
  };
}
