import {
  goToBankSchema,
  saveGoToBankRequestSchema,
  skipGoToQuestionRequestSchema,
  skipGoToQuestionResponseSchema,
  type GoToBank,
} from '../../contract';
import { isFinalised, type GoToState } from '../../domain/board';
import { goToOfferView, skipOffer } from '../../domain/goToQuestions';
import type { Services } from '../../composition';
import type { AuthenticatedHandler } from '../pipeline/authenticate';
import { changeBoard, MAX_BOARD_WRITE_ATTEMPTS } from '../../application/boardWrites';
import { checkPairAccess } from '../../application/pairAccess';
import { parseJsonBody, parseRouteParams } from '../pipeline/parse';
import { boardFinalised, goToBankConflict } from '../pipeline/promptBoardResponses';
import { forbidden, notFound, ok, serviceUnavailable } from '../pipeline/responses';
import { boardParams } from '../pipeline/routeParams';

/** GET me/go-to-questions: the caller's own bank (everyone has one; it is used in the 1:1s they manage). */
export function getGoToBankHandler(services: Pick<Services, 'goToBanks'>): AuthenticatedHandler {
  return async (_request, _context, caller) => {
    const stored = await services.goToBanks.get(caller.tenantId, caller.userId);
    return ok(goToBankSchema.parse(stored.bank));
  };
}

/** PUT me/go-to-questions: replaces the caller's bank (order = rotation order); 409 if it changed meanwhile. */
export function saveGoToBankHandler(services: Pick<Services, 'goToBanks'>): AuthenticatedHandler {
  return async (request, _context, caller) => {
    const body = await parseJsonBody(request, saveGoToBankRequestSchema);
    if (!body.ok) return body.response;
    for (let attempt = 1; attempt <= MAX_BOARD_WRITE_ATTEMPTS; attempt++) {
      const stored = await services.goToBanks.get(caller.tenantId, caller.userId);
      const questions = body.value.questions.map((q) => ({ id: q.id.toLowerCase(), text: q.text }));
      if (JSON.stringify(questions) === JSON.stringify(stored.bank.questions)) return ok(stored.bank);
      if (body.value.baseRevision !== stored.bank.revision) return goToBankConflict(stored.bank);
      const bank: GoToBank = { questions, revision: stored.bank.revision + 1 };
      if ((await services.goToBanks.save(caller.tenantId, caller.userId, bank, stored.guard)) === 'saved')
        return ok(bank);
    }
    return serviceUnavailable('Your go-to questions were not saved yet. Try again.', 1);
  };
}

/**
 * POST pairs/{managerId}/{reportId}/boards/{occurrenceId}/go-to-question/skip: the manager skips this meeting's
 * go-to question; the next one from their bank is offered. Naming the skipped question makes retries safe. Only the
 * manager may skip: each skip reveals the next question, so a report skipping again and again could read the
 * manager's whole bank, which is theirs and is shown one question at a time, when it is asked.
 */
export function skipGoToQuestionHandler(
  services: Pick<Services, 'boards' | 'goToBanks' | 'orgChart'>,
): AuthenticatedHandler {
  return async (request, _context, caller) => {
    const params = parseRouteParams(request.params, boardParams);
    if (!params.ok) return params.response;
    const body = await parseJsonBody(request, skipGoToQuestionRequestSchema);
    if (!body.ok) return body.response;
    const access = await checkPairAccess(services.orgChart, caller, params.value);
    if (!access.ok) return access.response;
    if (access.role !== 'manager') {
      return forbidden(
        'Only your manager can skip the go-to question. If it does not fit today, leave the answer empty.',
      );
    }

    const key = { tenantId: caller.tenantId, ...params.value };
    const bank = (await services.goToBanks.get(caller.tenantId, key.managerId)).bank.questions;
    const outcome = await changeBoard<{ finalised: true } | { state: GoToState }>(services.boards, key, (board) => {
      if (isFinalised(board)) return { result: { finalised: true } };
      const next = skipOffer(board.goTo, bank, body.value.questionId);
      return next ? { write: { ...board, goTo: next }, result: { state: next } } : { result: { state: board.goTo } };
    });
    if (outcome.kind === 'missing')
      return notFound('There is no board for this meeting occurrence yet. Open it from the meeting.');
    if (outcome.kind === 'busy') return serviceUnavailable('The board is very busy right now. Try again.', 1);
    if ('finalised' in outcome.result) return boardFinalised();
    return ok(skipGoToQuestionResponseSchema.parse({ goToQuestion: goToOfferView(outcome.result.state) }));
  };
}
