import {
  RATING_FIELD_IDS,
  TEXT_FIELD_IDS,
  type ExportedBoard,
  type RatingFieldId,
  type Role,
  type TextFieldId,
} from '../contract';
import { fieldOwner, ratingOwner, type Board } from './board';

/*
 * A person's part of a board, for export and for deletion. Every field has one owner role (domain/board), so "what
 * is mine" is the fields my role writes: a report's answers, ratings, career note and go-to answer; a manager's
 * shared notes and recognition. What both share — the meeting, the recap written together, the go-to question — is
 * exported to both and deleted by neither (PRIVACY.md says so).
 */

export type OwnPart = Pick<ExportedBoard, 'fields' | 'ratings' | 'recap' | 'recapDraft' | 'goToQuestion'>;

export function ownTextFields(role: Role): TextFieldId[] {
  return TEXT_FIELD_IDS.filter((id) => fieldOwner(id) === role);
}

export function ownRatings(role: Role): RatingFieldId[] {
  return RATING_FIELD_IDS.filter((id) => ratingOwner(id) === role);
}

/** The caller's own non-empty fields and answered ratings, plus the board's shared record. */
export function ownPartOf(board: Board, role: Role): OwnPart {
  const fields: OwnPart['fields'] = {};
  for (const id of ownTextFields(role)) {
    const field = board.fields[id];
    if (field.text !== '') fields[id] = { text: field.text, updatedAt: field.updatedAt };
  }
  const ratings: OwnPart['ratings'] = {};
  for (const id of ownRatings(role)) {
    const rating = board.ratings[id];
    if (rating.value !== null) ratings[id] = { value: rating.value, updatedAt: rating.updatedAt };
  }
  return {
    fields,
    ratings,
    recap: board.recap
      ? {
          lines: [...board.recap.lines],
          ...(board.recap.noBlocker ? { noBlocker: true } : {}),
          savedAt: board.recap.savedAt,
          ...(board.recap.correction ? { correction: board.recap.correction } : {}),
        }
      : null,
    recapDraft: board.recap ? null : recapDraftOf(board),
    goToQuestion: board.goTo.kind === 'offered' ? board.goTo.text : null,
  };
}

/**
 * The board with the role's own fields emptied and its ratings unanswered, each as a new revision (so an open tab
 * sees the change like any other save), even on a closed board: deletion beats the read-only rule. The recap stays.
 * `changed` is false when there was nothing of the role's to clear.
 */
export function clearOwnPart(
  board: Board,
  role: Role,
  editorId: string,
  now: Date,
): { board: Board; changed: boolean } {
  const at = now.toISOString();
  let changed = false;
  const fields = { ...board.fields };
  for (const id of ownTextFields(role)) {
    if (fields[id].text === '') continue;
    fields[id] = { text: '', revision: fields[id].revision + 1, updatedBy: editorId, updatedAt: at };
    changed = true;
  }
  const ratings = { ...board.ratings };
  for (const id of ownRatings(role)) {
    if (ratings[id].value === null) continue;
    ratings[id] = { value: null, revision: ratings[id].revision + 1, updatedBy: editorId, updatedAt: at };
    changed = true;
  }
  // The status guard's marks name cleared fields only; its count (a number the trends read) is not text and stays.
  const cleared = new Set<TextFieldId>(ownTextFields(role));
  const statusGuard = {
    ...board.statusGuard,
    nudgedFields: board.statusGuard.nudgedFields.filter((id) => !cleared.has(id)),
  };
  return changed ? { board: { ...board, fields, ratings, statusGuard }, changed } : { board, changed };
}

/** The shared draft of a recap not yet closed, when anyone wrote anything in it. */
function recapDraftOf(board: Board): OwnPart['recapDraft'] {
  const { lines, noBlocker } = board.recapDraft;
  const written = lines.some((l) => l.text !== '' || l.tags.length > 0) || noBlocker.revision > 0;
  return written
    ? { lines: lines.map((l) => ({ text: l.text, tags: [...l.tags] })), noBlocker: noBlocker.value }
    : null;
}
