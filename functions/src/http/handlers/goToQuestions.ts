import { z } from 'zod';
import {
  addGoToQuestionRequestSchema,
  goToBankSchema,
  goToLibrarySchema,
  MAX_GO_TO_QUESTIONS,
  pairGoToBankSchema,
  saveGoToBankRequestSchema,
  skipGoToQuestionRequestSchema,
  skipGoToQuestionResponseSchema,
  type AddGoToQuestionRequest,
  type GoToBank,
  type GoToQuestion,
  type PairGoToBank,
  type Role,
} from '../../contract';
import { isFinalised, type GoToState } from '../../domain/board';
import { GO_TO_LIBRARY, GO_TO_THEME_LABELS, GO_TO_THEMES, libraryQuestion } from '../../domain/goToLibrary';
import { addToBank, goToOfferView, removeFromBank, skipOffer, sourceOf } from '../../domain/goToQuestions';
import type { Services } from '../../composition';
import type { StoredGoToBank } from '../../store/goToBankStore';
import type { RowGuard } from '../../store/guardedRows';
import type { AuthenticatedHandler } from '../pipeline/authenticate';
import { changeBoard, MAX_BOARD_WRITE_ATTEMPTS } from '../../application/boardWrites';
import { checkPairAccess } from '../../application/pairAccess';
import { AFTER_EVERY_OCCURRENCE, pairGoToQuestions, type PairAddressLike } from '../../application/pairGoToQuestions';
import { parseJsonBody, parseRouteParams } from '../pipeline/parse';
import { pairParams } from '../pipeline/promptBoardParams';
import { boardFinalised, goToBankConflict } from '../pipeline/promptBoardResponses';
import { badRequest, forbidden, notFound, ok, serviceUnavailable } from '../pipeline/responses';
import { boardParams } from '../pipeline/routeParams';

const pairQuestionParams = pairParams.extend({
  questionId: z.uuid('must be the id of a go-to question').transform((id) => id.toLowerCase()),
});

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
      const questions = body.value.questions.map((q) => ({ ...q, id: q.id.toLowerCase() }));
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
 * POST me/go-to-questions: adds one question to the caller's own bank, typed or picked from the library, outside any
 * meeting (the settings surface). Retries with the same id, library question or words add nothing.
 */
export function addMyGoToQuestionHandler(services: Pick<Services, 'goToBanks'>): AuthenticatedHandler {
  return async (request, _context, caller) => {
    const body = await parseJsonBody(request, addGoToQuestionRequestSchema);
    if (!body.ok) return body.response;
    const question = questionOf(body.value, 'manager');
    if (!question) return badRequest('"libraryId" is not a question of the library', 'libraryId');
    const outcome = await addQuestion(
      () => services.goToBanks.get(caller.tenantId, caller.userId),
      (bank, guard) => services.goToBanks.save(caller.tenantId, caller.userId, bank, guard),
      question,
    );
    if (outcome === 'full') return bankFull();
    if (outcome === 'busy') return serviceUnavailable('The question was not added yet. Try again.', 1);
    const { bank } = await services.goToBanks.get(caller.tenantId, caller.userId);
    return outcome === 'added' ? { ...ok(bank), status: 201 } : ok(bank);
  };
}

/** The question an add request names, as the bank keeps it; null when its library id names no library question. */
function questionOf(body: AddGoToQuestionRequest, role: Role): GoToQuestion | null {
  const picked = 'libraryId' in body ? libraryQuestion(body.libraryId) : null;
  if ('libraryId' in body && !picked) return null;
  return {
    id: body.id.toLowerCase(),
    text: picked ? picked.text : 'text' in body ? body.text : '',
    source: role === 'report' ? 'report' : picked ? 'library' : 'manager',
    ...(picked ? { libraryId: picked.id } : {}),
  };
}

export type AddedOutcome = 'added' | 'exists' | 'full' | 'busy';

/** Adds one question to a guarded bank row, re-reading when another write got there first. */
export async function addQuestion(
  read: () => Promise<StoredGoToBank>,
  write: (bank: GoToBank, expected: RowGuard | null) => Promise<'saved' | 'stale'>,
  question: GoToQuestion,
): Promise<AddedOutcome> {
  for (let attempt = 1; attempt <= MAX_BOARD_WRITE_ATTEMPTS; attempt++) {
    const stored = await read();
    const outcome = addToBank(stored.bank.questions, question, MAX_GO_TO_QUESTIONS);
    if (outcome.kind !== 'added') return outcome.kind;
    const bank = { questions: outcome.questions, revision: stored.bank.revision + 1 };
    if ((await write(bank, stored.guard)) === 'saved') return 'added';
  }
  return 'busy';
}

export const bankFull = () =>
  badRequest(
    `A bank holds at most ${MAX_GO_TO_QUESTIONS} go-to questions. Remove one before adding another.`,
    'questions',
  );

async function pairView(
  services: Pick<Services, 'goToBanks' | 'pairHistory'>,
  pair: PairAddressLike,
  role: Role,
): Promise<PairGoToBank> {
  const { bank, asks, history } = await pairGoToQuestions(services, pair, AFTER_EVERY_OCCURRENCE);
  const answered = new Set(history.filter((h) => h.answered).map((h) => h.questionId));
  // The report sees their own asks only: the manager's bank is shown one question at a time, when it is asked.
  const shown = role === 'manager' ? [...bank, ...asks] : asks;
  return pairGoToBankSchema.parse({
    questions: shown.map((q) => ({
      id: q.id,
      text: q.text,
      source: sourceOf(q),
      ...(q.libraryId ? { libraryId: q.libraryId } : {}),
      answered: answered.has(q.id),
    })),
  });
}

/** GET pairs/{managerId}/{reportId}/go-to-questions: what the caller may see of the pair's go-to questions. */
export function getPairGoToQuestionsHandler(
  services: Pick<Services, 'goToBanks' | 'pairHistory' | 'orgChart'>,
): AuthenticatedHandler {
  return async (request, _context, caller) => {
    const params = parseRouteParams(request.params, pairParams);
    if (!params.ok) return params.response;
    const access = await checkPairAccess(services.orgChart, caller, params.value);
    if (!access.ok) return access.response;
    return ok(await pairView(services, { tenantId: caller.tenantId, ...params.value }, access.role));
  };
}

/**
 * POST pairs/{managerId}/{reportId}/go-to-questions: adds one question, typed or from the library. The manager's goes
 * into their own bank (so every pair of theirs has it); the report's is an "ask me this" of this pair, which the
 * rotation prefers. Retries with the same id (or the same library question, or the same words) add nothing.
 */
export function addPairGoToQuestionHandler(
  services: Pick<Services, 'goToBanks' | 'pairHistory' | 'orgChart'>,
): AuthenticatedHandler {
  return async (request, _context, caller) => {
    const params = parseRouteParams(request.params, pairParams);
    if (!params.ok) return params.response;
    const body = await parseJsonBody(request, addGoToQuestionRequestSchema);
    if (!body.ok) return body.response;
    const access = await checkPairAccess(services.orgChart, caller, params.value);
    if (!access.ok) return access.response;

    const question = questionOf(body.value, access.role);
    if (!question) return badRequest('"libraryId" is not a question of the library', 'libraryId');
    const pair = { tenantId: caller.tenantId, ...params.value };
    const outcome =
      access.role === 'manager'
        ? await addQuestion(
            () => services.goToBanks.get(pair.tenantId, pair.managerId),
            (bank, guard) => services.goToBanks.save(pair.tenantId, pair.managerId, bank, guard),
            question,
          )
        : await addQuestion(
            () => services.goToBanks.getAsks(pair.tenantId, pair.managerId, pair.reportId),
            (bank, guard) => services.goToBanks.saveAsks(pair.tenantId, pair.managerId, pair.reportId, bank, guard),
            question,
          );
    if (outcome === 'full') return bankFull();
    if (outcome === 'busy') return serviceUnavailable('The question was not added yet. Try again.', 1);
    const view = await pairView(services, pair, access.role);
    return outcome === 'added' ? { ...ok(view), status: 201 } : ok(view);
  };
}

/**
 * DELETE pairs/{managerId}/{reportId}/go-to-questions/{questionId}: the report takes back one of their own asks. Only
 * the asks row is touched, so naming a question of the manager's bank changes nothing, and a retry after it is gone
 * answers the same view. The manager edits their own bank instead; the report's asks are the report's words.
 */
export function removePairGoToQuestionHandler(
  services: Pick<Services, 'goToBanks' | 'pairHistory' | 'orgChart'>,
): AuthenticatedHandler {
  return async (request, _context, caller) => {
    const params = parseRouteParams(request.params, pairQuestionParams);
    if (!params.ok) return params.response;
    const { questionId, ...pairIds } = params.value;
    const access = await checkPairAccess(services.orgChart, caller, pairIds);
    if (!access.ok) return access.response;
    if (access.role !== 'report')
      return forbidden('Only the report removes the questions they asked to be asked; edit your own go-to questions.');

    const pair = { tenantId: caller.tenantId, ...pairIds };
    for (let attempt = 1; attempt <= MAX_BOARD_WRITE_ATTEMPTS; attempt++) {
      const stored = await services.goToBanks.getAsks(pair.tenantId, pair.managerId, pair.reportId);
      const kept = removeFromBank(stored.bank.questions, questionId);
      if (!kept) return ok(await pairView(services, pair, access.role));
      const bank = { questions: kept, revision: stored.bank.revision + 1 };
      if (
        (await services.goToBanks.saveAsks(pair.tenantId, pair.managerId, pair.reportId, bank, stored.guard)) ===
        'saved'
      )
        return ok(await pairView(services, pair, access.role));
    }
    return serviceUnavailable('The question was not removed yet. Try again.', 1);
  };
}

/** GET go-to-library: Candor's starter questions, by theme. */
export function getGoToLibraryHandler(): AuthenticatedHandler {
  const library = goToLibrarySchema.parse({
    themes: GO_TO_THEMES.map((theme) => ({
      id: theme,
      label: GO_TO_THEME_LABELS[theme],
      questions: GO_TO_LIBRARY.filter((q) => q.theme === theme).map(({ id, text }) => ({ id, text })),
    })),
  });
  return () => Promise.resolve(ok(library));
}

/**
 * POST pairs/{managerId}/{reportId}/boards/{occurrenceId}/go-to-question/skip: the manager skips this meeting's
 * go-to question; the next candidate of the pair's rotation is offered. Naming the skipped question makes retries
 * safe. Only the manager may skip: each skip reveals the next question, so a report skipping again and again could
 * read the manager's whole bank, which is theirs and is shown one question at a time, when it is asked.
 */
export function skipGoToQuestionHandler(
  services: Pick<Services, 'boards' | 'goToBanks' | 'pairHistory' | 'orgChart'>,
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
    const { questions, history } = await pairGoToQuestions(services, key, key.occurrenceId);
    const outcome = await changeBoard<{ finalised: true } | { state: GoToState }>(services.boards, key, (board) => {
      if (isFinalised(board)) return { result: { finalised: true } };
      const next = skipOffer(board.goTo, questions, history, body.value.questionId);
      return next ? { write: { ...board, goTo: next }, result: { state: next } } : { result: { state: board.goTo } };
    });
    if (outcome.kind === 'missing')
      return notFound('There is no board for this meeting occurrence yet. Open it from the meeting.');
    if (outcome.kind === 'busy') return serviceUnavailable('The board is very busy right now. Try again.', 1);
    if ('finalised' in outcome.result) return boardFinalised();
    return ok(skipGoToQuestionResponseSchema.parse({ goToQuestion: goToOfferView(outcome.result.state) }));
  };
}
