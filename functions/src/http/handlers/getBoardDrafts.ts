import { commitmentStoredDraftSchema, recapStoredDraftSchema, type BoardDraftsResponse } from '../../contract';
import type { AuthenticatedHandler } from '../pipeline/authenticate';
import { parseRouteParams } from '../pipeline/parse';
import { ok } from '../pipeline/responses';
import { boardParams } from '../pipeline/routeParams';
import { boardDraftDoor, type BoardDraftServices } from './keepDraft';

/** GET pairs/{managerId}/{reportId}/boards/{occurrenceId}/drafts: the caller's own unsaved words on this board. */
export function getBoardDraftsHandler(services: BoardDraftServices): AuthenticatedHandler {
  return async (request, _context, caller) => {
    const params = parseRouteParams(request.params, boardParams);
    if (!params.ok) return params.response;
    const refused = await boardDraftDoor(services, caller, params.value);
    if (refused) return refused;
    const kept = await services.drafts.onOccurrence({
      tenantId: caller.tenantId,
      authorId: caller.userId,
      ...params.value,
    });
    // Each draft read against its own schema: a row that no longer fits is left out rather than sent.
    const recap = recapStoredDraftSchema.safeParse(kept.recapComposer);
    const commitment = commitmentStoredDraftSchema.safeParse(kept.commitmentForm);
    const body: BoardDraftsResponse = {
      drafts: {
        ...(recap.success ? { recapComposer: recap.data } : {}),
        ...(commitment.success ? { commitmentForm: commitment.data } : {}),
      },
    };
    return ok(body);
  };
}
