import { saveFieldRequestSchema, TEXT_FIELD_MAX_LENGTH, type SaveFieldResponse } from '../../contract';
import { applyFieldEdit } from '../../domain/board';
import type { Services } from '../../composition';
import type { AuthenticatedHandler } from '../pipeline/authenticate';
import { checkPairAccess } from '../../application/pairAccess';
import { parseJsonBody, parseRouteParams } from '../pipeline/parse';
import { badRequest, conflict, forbidden, notFound, ok, serviceUnavailable } from '../pipeline/responses';
import { boardFinalised } from '../pipeline/promptBoardResponses';
import { MAX_BOARD_WRITE_ATTEMPTS, pauseBeforeRetry } from '../../application/boardWrites';
import { boardFieldParams } from '../pipeline/routeParams';

/** Writers of the same board are two people typing in different fields: a few retries always suffice. */
export const MAX_SAVE_ATTEMPTS = MAX_BOARD_WRITE_ATTEMPTS;

/**
 * PUT pairs/{managerId}/{reportId}/boards/{occurrenceId}/fields/{fieldId}. The common case is one board read and
 * one conditional write. When the other person saved in between, the write is stale: re-read and re-apply (their
 * field and ours are different fields, so both survive). A conflict is only a change to the SAME field since the
 * editor's base revision.
 */
export function saveBoardFieldHandler(services: Pick<Services, 'boards' | 'orgChart' | 'clock'>): AuthenticatedHandler {
  return async (request, _context, caller) => {
    const params = parseRouteParams(request.params, boardFieldParams);
    if (!params.ok) return params.response;
    const body = await parseJsonBody(request, saveFieldRequestSchema);
    if (!body.ok) return body.response;
    const { fieldId, ...ref } = params.value;
    const maxLength = TEXT_FIELD_MAX_LENGTH[fieldId];
    if (body.value.text.length > maxLength) {
      return badRequest(`"text" must be at most ${maxLength} characters for ${fieldId}`, 'text');
    }

    const access = await checkPairAccess(services.orgChart, caller, ref);
    if (!access.ok) return access.response;

    const key = { tenantId: caller.tenantId, ...ref };
    for (let attempt = 1; attempt <= MAX_SAVE_ATTEMPTS; attempt++) {
      if (attempt > 1) await pauseBeforeRetry(attempt);
      const stored = await services.boards.get(key);
      if (!stored) return notFound('There is no board for this meeting occurrence yet. Open it from the meeting.');

      const decision = applyFieldEdit(stored.board, {
        fieldId,
        text: body.value.text,
        baseRevision: body.value.baseRevision,
        editorId: caller.userId,
        editorRole: access.role,
        now: services.clock(),
      });
      if (decision.kind === 'forbidden') return forbidden(decision.reason);
      if (decision.kind === 'conflict') return conflict(decision.current);
      if (decision.kind === 'finalised') return boardFinalised();
      const saved: SaveFieldResponse = {
        field: decision.field,
        statusNudge: decision.statusNudge,
        statusGuard: decision.statusGuard,
      };
      if (!decision.changed) return ok(saved);

      const outcome = await services.boards.replace(key, decision.board, stored);
      if (outcome.kind === 'replaced') return ok(saved);
    }
    return serviceUnavailable('The board is very busy right now; your text was not saved yet. Try again.', 1);
  };
}
