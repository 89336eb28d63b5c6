import { saveRatingRequestSchema, type RatingField, type SaveRatingResponse } from '../../contract';
import { applyRatingEdit, type RatingEditDecision } from '../../domain/board';
import type { Services } from '../../composition';
import type { AuthenticatedHandler } from '../pipeline/authenticate';
import { changeBoard } from '../../application/boardWrites';
import { checkPairAccess } from '../../application/pairAccess';
import { parseJsonBody, parseRouteParams } from '../pipeline/parse';
import { boardRatingParams } from '../pipeline/promptBoardParams';
import { boardFinalised, ratingConflict } from '../pipeline/promptBoardResponses';
import { forbidden, notFound, ok, serviceUnavailable } from '../pipeline/responses';

/**
 * PUT pairs/{managerId}/{reportId}/boards/{occurrenceId}/ratings/{ratingId}: career pulse, mood, life load, energy or
 * drain, as a number 1–5, "preferNot", or null to clear. Same rules as a text field: owner, revision, one read and
 * one write.
 */
export function saveBoardRatingHandler(
  services: Pick<Services, 'boards' | 'orgChart' | 'clock'>,
): AuthenticatedHandler {
  return async (request, _context, caller) => {
    const params = parseRouteParams(request.params, boardRatingParams);
    if (!params.ok) return params.response;
    const body = await parseJsonBody(request, saveRatingRequestSchema);
    if (!body.ok) return body.response;
    const { ratingId, ...ref } = params.value;

    const access = await checkPairAccess(services.orgChart, caller, ref);
    if (!access.ok) return access.response;

    const now = services.clock();
    const outcome = await changeBoard<
      Exclude<RatingEditDecision, { kind: 'saved' }> | { kind: 'saved'; field: RatingField }
    >(services.boards, { tenantId: caller.tenantId, ...ref }, (board) => {
      const decision = applyRatingEdit(board, {
        ratingId,
        value: body.value.value,
        baseRevision: body.value.baseRevision,
        editorId: caller.userId,
        editorRole: access.role,
        now,
      });
      if (decision.kind !== 'saved') return { result: decision };
      const result = { kind: 'saved' as const, field: decision.field };
      return decision.changed ? { write: decision.board, result } : { result };
    });
    if (outcome.kind === 'missing')
      return notFound('There is no board for this meeting occurrence yet. Open it from the meeting.');
    if (outcome.kind === 'busy')
      return serviceUnavailable('The board is very busy right now; your answer was not saved yet. Try again.', 1);
    const result = outcome.result;
    switch (result.kind) {
      case 'forbidden':
        return forbidden(result.reason);
      case 'conflict':
        return ratingConflict(result.current);
      case 'finalised':
        return boardFinalised();
      case 'saved': {
        const saved: SaveRatingResponse = { field: result.field };
        return ok(saved);
      }
    }
  };
}
