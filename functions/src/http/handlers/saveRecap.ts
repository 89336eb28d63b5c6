import { saveRecapRequestSchema, type SavedRecap, type SaveRecapResponse } from '../../contract';
import type { BoardRecap } from '../../domain/board';
import { decideRecapSave, type RecapDecision } from '../../domain/recap';
import type { BoardKey } from '../../store/boardStore';
import type { AuthenticatedHandler } from '../pipeline/authenticate';
import { changeBoard } from '../../application/boardWrites';
import { checkPairAccess } from '../../application/pairAccess';
import { parseJsonBody, parseRouteParams } from '../pipeline/parse';
import { recapExists } from '../pipeline/promptBoardResponses';
import { deliverRecapMail, recapClaimId, type RecapMailServices } from '../../application/recapMail';
import { badRequest, notFound, ok, serviceUnavailable } from '../pipeline/responses';
import { boardParams } from '../pipeline/routeParams';
import type { Services } from '../../composition';
import { recordTrendSafely } from '../../application/trendRecording';
import { postRecapToMeetingChatSafely } from '../../application/recapChat';

function savedRecapOf(key: BoardKey, meetingStart: string | null, recap: BoardRecap): SavedRecap {
  return { occurrenceId: key.occurrenceId, meetingStart, ...recap };
}

/**
 * PUT pairs/{managerId}/{reportId}/boards/{occurrenceId}/recap: closes the board with two lines and emails both people.
 * Idempotent: the same lines again (a retry, or both people pressing save) answer 200 and never send a second mail;
 * different lines after the board was closed answer 409 with the recap that closed it.
 */
export function saveRecapHandler(
  services: RecapMailServices & Pick<Services, 'trendRecorder' | 'bot' | 'meetingChats'>,
): AuthenticatedHandler {
  return async (request, context, caller) => {
    const params = parseRouteParams(request.params, boardParams);
    if (!params.ok) return params.response;
    const body = await parseJsonBody(request, saveRecapRequestSchema);
    if (!body.ok) return body.response;
    const access = await checkPairAccess(services.orgChart, caller, params.value);
    if (!access.ok) return access.response;

    const key = { tenantId: caller.tenantId, ...params.value };
    const now = services.clock();
    const outcome = await changeBoard<RecapDecision>(services.boards, key, (board) => {
      const decision = decideRecapSave(board, body.value, { savedBy: caller.userId, now, claimId: recapClaimId(key) });
      return decision.kind === 'save' ? { write: decision.board, result: decision } : { result: decision };
    });
    if (outcome.kind === 'missing')
      return notFound('There is no board for this meeting occurrence yet. Open it from the meeting.');
    if (outcome.kind === 'busy')
      return serviceUnavailable('The board is very busy right now; the recap was not saved yet. Try again.', 1);

    const decision = outcome.result;
    const meetingStart = outcome.stored.board.meeting?.start ?? null;
    if (decision.kind === 'invalid') return badRequest(decision.message, decision.field);
    if (decision.kind === 'conflict') return recapExists(savedRecapOf(key, meetingStart, decision.recap));

    const recap = outcome.stored.board.recap;
    if (!recap) throw new Error('recap missing right after it was saved');
    const mail = await deliverRecapMail(services, key, outcome.stored, context);
    // Monthly trends: set this occurrence's fact (idempotent, so a re-save counts nothing twice). Never fails the save.
    await recordTrendSafely(context, 'recap', () => services.trendRecorder.recordOccurrence(key, key.occurrenceId));
    // The meeting chat (the recap posted by the Candor bot): the two lines and their tags, once. Never fails the save.
    await postRecapToMeetingChatSafely(services, key, recap, context);
    const response: SaveRecapResponse = { recap: savedRecapOf(key, meetingStart, recap), mail };
    return ok(response);
  };
}
