import { boardDraftIdSchema, saveBoardDraftRequestSchemas } from '../../contract';
import type { AuthenticatedHandler } from '../pipeline/authenticate';
import { parseJsonBody, parseRouteParams } from '../pipeline/parse';
import { boardParams } from '../pipeline/routeParams';
import { boardDraftDoor, boardDraftKey, keepDraft, type BoardDraftServices } from './keepDraft';

const params = boardParams.extend({ draftId: boardDraftIdSchema });

/**
 * PUT pairs/{managerId}/{reportId}/boards/{occurrenceId}/drafts/{draftId}: keeps the caller's unsaved words of one
 * form (the recap being written, a commitment). Allowed on a closed board too: a draft is nobody's record.
 */
export function saveBoardDraftHandler(services: BoardDraftServices): AuthenticatedHandler {
  return async (request, _context, caller) => {
    const route = parseRouteParams(request.params, params);
    if (!route.ok) return route.response;
    const { draftId, ...ref } = route.value;
    const body = await parseJsonBody(request, saveBoardDraftRequestSchemas[draftId]);
    if (!body.ok) return body.response;
    const refused = await boardDraftDoor(services, caller, ref);
    if (refused) return refused;
    return keepDraft(services, boardDraftKey(caller, ref, draftId), body.value);
  };
}
