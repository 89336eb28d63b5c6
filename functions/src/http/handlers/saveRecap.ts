import type { HttpRequest, InvocationContext } from '@azure/functions';
import {
  correctRecapRequestSchema,
  saveRecapRequestSchema,
  type CorrectRecapRequest,
  type SavedRecap,
  type SaveRecapRequest,
  type SaveRecapResponse,
} from '../../contract';
import type { BoardRecap } from '../../domain/board';
import { decideRecapCorrection, decideRecapSave, type CorrectionDecision } from '../../domain/recap';
import type { BoardKey, StoredBoard } from '../../store/boardStore';
import type { AuthenticatedHandler } from '../pipeline/authenticate';
import { changeBoard } from '../../application/boardWrites';
import { checkPairAccess } from '../../application/pairAccess';
import { parseJsonBody, parseRouteParams, type Parsed } from '../pipeline/parse';
import { recapConflict } from '../pipeline/promptBoardResponses';
import { deliverRecapMail, recapClaimId, type RecapMailServices } from '../../application/recapMail';
import { badRequest, errorResponse, notFound, ok, serviceUnavailable } from '../pipeline/responses';
import { boardParams } from '../pipeline/routeParams';
import type { Services } from '../../composition';
import { recordTrendSafely } from '../../application/trendRecording';
import { postRecapToMeetingChatSafely } from '../../application/recapChat';
import { DEFAULT_LOCALE, dateTimeText } from '../../contract/timeText';

type RecapServices = RecapMailServices & Pick<Services, 'trendRecorder' | 'bot' | 'meetingChats'>;

function savedRecapOf(key: BoardKey, meetingStart: string | null, recap: BoardRecap): SavedRecap {
  return { occurrenceId: key.occurrenceId, meetingStart, ...recap };
}

/**
 * PUT pairs/{managerId}/{reportId}/boards/{occurrenceId}/recap: either person closes the board with the recap (the
 * lines in the body, or else the shared draft both wrote) and it is emailed to both.
 * Idempotent: the same recap again (a retry, or both people pressing save) answers 200 and never sends a second mail;
 * a different one after the board was closed answers 409 with the recap that closed it (a change is a correction).
 */
export function saveRecapHandler(services: RecapServices): AuthenticatedHandler {
  return recapWriteHandler(services, 'close');
}

/**
 * PUT pairs/{managerId}/{reportId}/boards/{occurrenceId}/recap/correction: either person corrects the closed recap
 * until 24 hours after the close. Each correction is a new version and one correction email to both; the same
 * correction again sends nothing; one typed against an older version answers 409 with the current one.
 */
export function correctRecapHandler(services: RecapServices): AuthenticatedHandler {
  return recapWriteHandler(services, 'correct');
}

function recapWriteHandler(services: RecapServices, mode: 'close' | 'correct'): AuthenticatedHandler {
  return async (request, context, caller) => {
    const params = parseRouteParams(request.params, boardParams);
    if (!params.ok) return params.response;
    const body = await parseRecapBody(request, mode);
    if (!body.ok) return body.response;
    const access = await checkPairAccess(services.orgChart, caller, params.value);
    if (!access.ok) return access.response;

    const key = { tenantId: caller.tenantId, ...params.value };
    const writer = { by: caller.userId, now: services.clock(), claimIdFor: (v: number) => recapClaimId(key, v) };
    const outcome = await changeBoard<CorrectionDecision>(services.boards, key, (board) => {
      const decision =
        body.value.mode === 'correct'
          ? decideRecapCorrection(board, body.value.request, writer)
          : decideRecapSave(board, body.value.request, writer);
      return decision.kind === 'save' ? { write: decision.board, result: decision } : { result: decision };
    });
    if (outcome.kind === 'missing')
      return notFound('There is no board for this meeting occurrence yet. Open it from the meeting.');
    if (outcome.kind === 'busy')
      return serviceUnavailable('The board is very busy right now; the recap was not saved yet. Try again.', 1);

    const decision = outcome.result;
    const meetingStart = outcome.stored.board.meeting?.start ?? null;
    switch (decision.kind) {
      case 'invalid':
        return badRequest(decision.message, decision.field);
      case 'conflict':
        return recapConflict(mode, savedRecapOf(key, meetingStart, decision.recap));
      case 'notClosed':
        return errorResponse(409, 'notClosed', 'This 1:1 has no recap to correct yet: close it with one first.');
      case 'windowClosed':
        return errorResponse(
          409,
          'correctionClosed',
          `A recap can be corrected until 24 hours after the close; this one could be until ${dateTimeText(decision.until.toISOString(), { locale: DEFAULT_LOCALE, timeZone: null })}, so it stays as it is.`,
        );
      case 'save':
      case 'alreadySaved':
        return ok(await afterRecapWrite(services, key, outcome.stored, mode, context));
    }
  };
}

type RecapWrite = { mode: 'close'; request: SaveRecapRequest } | { mode: 'correct'; request: CorrectRecapRequest };

async function parseRecapBody(request: HttpRequest, mode: 'close' | 'correct'): Promise<Parsed<RecapWrite>> {
  if (mode === 'close') {
    const body = await parseJsonBody(request, saveRecapRequestSchema);
    return body.ok ? { ok: true, value: { mode, request: body.value } } : body;
  }
  const body = await parseJsonBody(request, correctRecapRequestSchema);
  return body.ok ? { ok: true, value: { mode, request: body.value } } : body;
}

/** After a recap version is stored (or found already stored): its email, the month's trend facts, the chat card. */
async function afterRecapWrite(
  services: RecapServices,
  key: BoardKey,
  stored: StoredBoard,
  mode: 'close' | 'correct',
  context: InvocationContext,
): Promise<SaveRecapResponse> {
  const recap = stored.board.recap;
  if (!recap) throw new Error('recap missing right after it was saved');
  const mail = await deliverRecapMail(services, key, stored, context);
  // Monthly trends: set this occurrence's fact from the latest version (idempotent, so a re-save counts nothing
  // twice). Never fails the save.
  await recordTrendSafely(context, 'recap', () => services.trendRecorder.recordOccurrence(key, key.occurrenceId));
  // The meeting chat (the recap posted by the Candor bot): the two lines and their tags, once, at the close; the
  // correction email tells both people what changed. Never fails the save.
  if (mode === 'close') await postRecapToMeetingChatSafely(services, key, recap, context);
  return { recap: savedRecapOf(key, stored.board.meeting?.start ?? null, recap), mail };
}
