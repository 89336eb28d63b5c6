import type { GoToOffer, GoToQuestion } from '../contract';
import type { GoToState } from './board';

/** The question after `afterId` in the bank, wrapping around; the first one when `afterId` is unknown. */
export function nextGoToQuestion(bank: readonly GoToQuestion[], afterId: string | null): GoToQuestion | null {
  if (bank.length === 0) return null;
  const at = afterId === null ? -1 : bank.findIndex((q) => q.id === afterId);
  return bank[(at + 1) % bank.length] ?? null;
}

/**
 * The first offer of a meeting: the question after the one offered last time in this pair's 1:1s, so the bank
 * rotates meeting by meeting. Null when there is nothing to offer (or the board already has its offer).
 */
export function firstOffer(
  current: GoToState,
  bank: readonly GoToQuestion[],
  lastOfferedId: string | null,
): GoToState | null {
  if (current.kind !== 'notOffered') return null;
  const question = nextGoToQuestion(bank, lastOfferedId);
  return question ? { kind: 'offered', questionId: question.id, text: question.text, skips: 0 } : null;
}

/**
 * Skips the offered question for the next one. Skipping is idempotent by question id: a retry that names a question
 * no longer offered changes nothing. After the whole bank was skipped, none is offered for this meeting.
 */
export function skipOffer(current: GoToState, bank: readonly GoToQuestion[], skippedId: string): GoToState | null {
  if (current.kind !== 'offered' || current.questionId !== skippedId) return null;
  const skips = current.skips + 1;
  const next = nextGoToQuestion(bank, current.questionId);
  if (!next || skips >= bank.length || next.id === current.questionId) {
    return { kind: 'skipped', lastQuestionId: current.questionId, skips };
  }
  return { kind: 'offered', questionId: next.id, text: next.text, skips };
}

/** The question the rotation continues after: the one offered (or skipped last) in a meeting. */
export function rotationMark(state: GoToState): string | null {
  if (state.kind === 'offered') return state.questionId;
  if (state.kind === 'skipped') return state.lastQuestionId;
  return null;
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
