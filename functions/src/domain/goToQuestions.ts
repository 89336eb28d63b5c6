import type { GoToOffer, GoToQuestion, GoToSource } from '../contract';
import type { GoToState } from './board';

/** How many of the pair's latest questions the rotation avoids (fewer when the bank is smaller). */
export const AVOID_LAST = 3;

/** One earlier meeting's go-to question in this pair, newest first: which it was and whether the report answered. */
export interface AskedBefore {
  questionId: string;
  answered: boolean;
}

export const sourceOf = (q: GoToQuestion): GoToSource => q.source ?? 'manager';

/** The window never covers the whole bank: with one question it comes up every time, with two they alternate. */
export function avoidWindow(bankSize: number): number {
  return Math.max(0, Math.min(AVOID_LAST, bankSize - 1));
}

/**
 * The questions that may come up in this meeting, best first: the last few asked in the pair are left out; then
 * unanswered before answered, the report's "ask me this" before the rest, the longest-unasked first, bank order last.
 */
export function rankGoToQuestions(bank: readonly GoToQuestion[], history: readonly AskedBefore[]): GoToQuestion[] {
  const inBank = new Set(bank.map((q) => q.id));
  const recent: string[] = [];
  for (const asked of history) {
    if (inBank.has(asked.questionId) && !recent.includes(asked.questionId)) recent.push(asked.questionId);
  }
  const avoided = new Set(recent.slice(0, avoidWindow(bank.length)));
  const answered = new Set(history.filter((h) => h.answered).map((h) => h.questionId));
  const lastAsked = (id: string): number => {
    const at = recent.indexOf(id);
    return at === -1 ? Number.MAX_SAFE_INTEGER : at;
  };
  return bank
    .map((question, order) => ({ question, order }))
    .filter(({ question }) => !avoided.has(question.id))
    .sort(
      (a, b) =>
        Number(answered.has(a.question.id)) - Number(answered.has(b.question.id)) ||
        Number(sourceOf(a.question) !== 'report') - Number(sourceOf(b.question) !== 'report') ||
        lastAsked(b.question.id) - lastAsked(a.question.id) ||
        a.order - b.order,
    )
    .map(({ question }) => question);
}

/** The first offer of a meeting; null when there is nothing to offer (or the board already has its offer). */
export function firstOffer(
  current: GoToState,
  bank: readonly GoToQuestion[],
  history: readonly AskedBefore[],
): GoToState | null {
  if (current.kind !== 'notOffered') return null;
  const [question] = rankGoToQuestions(bank, history);
  return question ? { kind: 'offered', questionId: question.id, text: question.text, skips: 0 } : null;
}

/**
 * Skips the offered question for the next one in this meeting's ranking. Idempotent by question id: a retry that
 * names a question no longer offered changes nothing. After the last candidate, none is offered for this meeting.
 */
export function skipOffer(
  current: GoToState,
  bank: readonly GoToQuestion[],
  history: readonly AskedBefore[],
  skippedId: string,
): GoToState | null {
  if (current.kind !== 'offered' || current.questionId !== skippedId) return null;
  const ranked = rankGoToQuestions(bank, history);
  const at = ranked.findIndex((q) => q.id === current.questionId);
  const next = at === -1 ? undefined : ranked[at + 1];
  const skips = current.skips + 1;
  if (!next) return { kind: 'skipped', lastQuestionId: current.questionId, skips };
  return { kind: 'offered', questionId: next.id, text: next.text, skips };
}

/** The question a meeting ended on: the one offered, or skipped last. */
export function rotationMark(state: GoToState): string | null {
  if (state.kind === 'offered') return state.questionId;
  if (state.kind === 'skipped') return state.lastQuestionId;
  return null;
}

export type AddOutcome = { kind: 'added'; questions: GoToQuestion[] } | { kind: 'exists' } | { kind: 'full' };

/**
 * Adds one question to a bank, idempotently: the same id, the same library question or the same words (ignoring
 * case and spacing) is already there.
 */
export function addToBank(questions: readonly GoToQuestion[], question: GoToQuestion, max: number): AddOutcome {
  const words = (text: string) => text.trim().replace(/\s+/g, ' ').toLowerCase();
  const exists = questions.some(
    (q) =>
      q.id === question.id ||
      (question.libraryId !== undefined && q.libraryId === question.libraryId) ||
      words(q.text) === words(question.text),
  );
  if (exists) return { kind: 'exists' };
  if (questions.length >= max) return { kind: 'full' };
  return { kind: 'added', questions: [...questions, question] };
}

/** Removes one question by id; null when it is not there (already removed, or never in this bank). */
export function removeFromBank(questions: readonly GoToQuestion[], questionId: string): GoToQuestion[] | null {
  const kept = questions.filter((q) => q.id !== questionId);
  return kept.length === questions.length ? null : kept;
}

export function goToOfferView(state: GoToState): GoToOffer {
  switch (state.kind) {
    case 'offered':
      return { state: 'offered', questionId: state.questionId, text: state.text };
    case 'skipped':
      return { state: 'skipped' };
    case 'notOffered':
      return { state: 'noQuestions' };
  }
}
