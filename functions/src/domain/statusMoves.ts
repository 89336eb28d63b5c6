import { MAX_STATUS_FIELD_LENGTH, type StatusFieldId, type StatusFields } from '../contract';

/**
 * How many applied move ids a status update remembers. A retry comes seconds after its first attempt, so the last
 * few dozen moves are plenty; bounding the list keeps the row small however often a report moves text.
 */
export const MAX_REMEMBERED_MOVES = 50;

export interface StatusMove {
  id: string;
  section: StatusFieldId;
  text: string;
}

export type AppendDecision =
  | { kind: 'appended'; fields: StatusFields; appliedMoves: string[] }
  /** This move was applied before (a retried request): nothing changes. */
  | { kind: 'alreadyApplied' }
  | { kind: 'tooLong'; section: StatusFieldId; length: number };

export const EMPTY_STATUS_FIELDS: StatusFields = { finished: '', inProgress: '', blocked: '', fyi: '' };

/**
 * Appends the moved words to one part of the status update, on a line of their own. The words are kept exactly as
 * typed (the person is moving them, not rewriting them); only the joining newline is added.
 */
export function appendToStatus(
  current: StatusFields | null,
  appliedMoves: readonly string[],
  move: StatusMove,
): AppendDecision {
  const id = move.id.toLowerCase();
  if (appliedMoves.includes(id)) return { kind: 'alreadyApplied' };
  const fields = current ?? EMPTY_STATUS_FIELDS;
  const before = fields[move.section];
  const joined = before.trim() === '' ? move.text : `${before}${before.endsWith('\n') ? '' : '\n'}${move.text}`;
  if (joined.length > MAX_STATUS_FIELD_LENGTH) return { kind: 'tooLong', section: move.section, length: joined.length };
  return {
    kind: 'appended',
    fields: { ...fields, [move.section]: joined },
    appliedMoves: [...appliedMoves, id].slice(-MAX_REMEMBERED_MOVES),
  };
}
