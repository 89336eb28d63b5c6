import { TEXT_FIELD_IDS, type BoardField, type MeetingSummary, type Role, type TextFieldId } from '../contract';

/** The shared page of one 1:1 occurrence. */
export interface Board {
  /** The meeting as it looked when the board was opened; a later move does not rewrite history. */
  meeting: MeetingSummary | null;
  fields: Record<TextFieldId, BoardField>;
}

export function emptyField(): BoardField {
  return { text: '', revision: 0, updatedBy: null, updatedAt: null };
}

export function emptyBoard(meeting: MeetingSummary | null = null): Board {
  const fields = Object.fromEntries(TEXT_FIELD_IDS.map((id) => [id, emptyField()])) as Record<TextFieldId, BoardField>;
  return { meeting, fields };
}

/**
 * `<prompt>` fields are the report's own answers; `<prompt>Note` fields are the manager's notes under them.
 * One owner per field means the two people never type over each other.
 */
export function fieldOwner(fieldId: TextFieldId): Role {
  return fieldId.endsWith('Note') ? 'manager' : 'report';
}

export interface FieldEdit {
  fieldId: TextFieldId;
  text: string;
  /** The revision the editor's text was typed against. */
  baseRevision: number;
  editorId: string;
  editorRole: Role;
  now: Date;
}

export type FieldEditDecision =
  /** `changed` is false when the board already holds this text: nothing needs writing. */
  | { kind: 'saved'; board: Board; field: BoardField; changed: boolean }
  | { kind: 'conflict'; current: BoardField }
  | { kind: 'forbidden'; reason: string };

/**
 * Decides one field write. A write typed against an older revision is a conflict only if it would
 * change the text: when the text already equals what is stored, the write (typically a client retry
 * whose first attempt succeeded but whose response was lost) is answered with the stored field,
 * so retries are safe and never produce spurious conflicts or revision bumps.
 */
export function applyFieldEdit(board: Board, edit: FieldEdit): FieldEditDecision {
  const owner = fieldOwner(edit.fieldId);
  if (edit.editorRole !== owner) {
    return { kind: 'forbidden', reason: `Only the ${owner} writes "${edit.fieldId}".` };
  }
  const current = board.fields[edit.fieldId];
  if (edit.text === current.text) {
    return { kind: 'saved', board, field: current, changed: false };
  }
  if (edit.baseRevision !== current.revision) {
    return { kind: 'conflict', current };
  }
  const field: BoardField = {
    text: edit.text,
    revision: current.revision + 1,
    updatedBy: edit.editorId,
    updatedAt: edit.now.toISOString(),
  };
  return { kind: 'saved', board: { ...board, fields: { ...board.fields, [edit.fieldId]: field } }, field, changed: true };
}
