import {
  recapDraftPartSchema,
  saveRecapDraftChoiceRequestSchema,
  saveRecapDraftLineRequestSchema,
  type RecapDraftResponse,
} from '../../contract';
import { applyRecapDraftEdit, type RecapDraftDecision, type RecapDraftEdit } from '../../domain/recap';
import type { Services } from '../../composition';
import type { AuthenticatedHandler } from '../pipeline/authenticate';
import { changeBoard } from '../../application/boardWrites';
import { checkPairAccess } from '../../application/pairAccess';
import { parseJsonBody, parseRouteParams, type Parsed } from '../pipeline/parse';
import { boardFinalised, recapDraftConflict } from '../pipeline/promptBoardResponses';
import { notFound, ok, serviceUnavailable } from '../pipeline/responses';
import { boardParams } from '../pipeline/routeParams';

const recapDraftParams = boardParams.extend({ part: recapDraftPartSchema });

/**
 * PUT pairs/{managerId}/{reportId}/boards/{occurrenceId}/recap/draft/{line1|line2|noBlocker}: one part of the recap
 * both people write on the open board. Either person may write any part; each part has its own revision, so a write
 * typed against an older one (the other person changed that part since) answers 409 with the current draft, and a
 * retry of what is stored answers 200 without a write. The other person sees it on their next poll of the board.
 */
export function saveRecapDraftHandler(services: Pick<Services, 'boards' | 'orgChart' | 'clock'>): AuthenticatedHandler {
  return async (request, _context, caller) => {
    const params = parseRouteParams(request.params, recapDraftParams);
    if (!params.ok) return params.response;
    const { part, ...ref } = params.value;
    const edit = await parseEdit(request, part, caller.userId, services.clock());
    if (!edit.ok) return edit.response;
    const access = await checkPairAccess(services.orgChart, caller, ref);
    if (!access.ok) return access.response;

    const key = { tenantId: caller.tenantId, ...ref };
    const outcome = await changeBoard<RecapDraftDecision>(services.boards, key, (board) => {
      const decision = applyRecapDraftEdit(board, edit.value);
      return decision.kind === 'saved' && decision.changed
        ? { write: decision.board, result: decision }
        : { result: decision };
    });
    if (outcome.kind === 'missing')
      return notFound('There is no board for this meeting occurrence yet. Open it from the meeting.');
    if (outcome.kind === 'busy')
      return serviceUnavailable('The board is very busy right now; the recap draft was not saved yet. Try again.', 1);
    const decision = outcome.result;
    if (decision.kind === 'finalised') return boardFinalised();
    if (decision.kind === 'conflict') return recapDraftConflict(decision.draft);
    const saved: RecapDraftResponse = { draft: outcome.stored.board.recapDraft };
    return ok(saved);
  };
}

async function parseEdit(
  request: Parameters<AuthenticatedHandler>[0],
  part: RecapDraftEdit['part'],
  editorId: string,
  now: Date,
): Promise<Parsed<RecapDraftEdit>> {
  if (part === 'noBlocker') {
    const body = await parseJsonBody(request, saveRecapDraftChoiceRequestSchema);
    return body.ok ? { ok: true, value: { part, ...body.value, editorId, now } } : body;
  }
  const body = await parseJsonBody(request, saveRecapDraftLineRequestSchema);
  return body.ok ? { ok: true, value: { part, ...body.value, editorId, now } } : body;
}
