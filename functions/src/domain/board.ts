import {
  RATING_FIELD_IDS,
  TEXT_FIELD_IDS,
  TEXT_FIELD_OWNERS,
  type BoardField,
  type MeetingSummary,
  type RatingField,
  type RatingFieldId,
  type RatingValue,
  type RecapCorrection,
  type RecapLine,
  type Role,
  type SaveFieldResponse,
  type SharedRecapDraft,
  type TextFieldId,
} from '../contract';
import { looksLikeStatus } from './statusGuard';

/** This meeting's go-to question: not offered yet, offered (a snapshot of the question), or skipped to the end. */
export type GoToState =
  | { kind: 'notOffered' }
  | { kind: 'offered'; questionId: string; text: string; skips: number }
  | { kind: 'skipped'; lastQuestionId: string; skips: number };

/** The recap that closed the board, as its latest version reads. */
export interface BoardRecap {
  lines: [RecapLine, RecapLine];
  /** The explicit "no blocker this week"; absent (false) on recaps saved before the choice existed. */
  noBlocker?: boolean;
  /** The first close: who and when (corrections are possible for 24 hours from `savedAt`). */
  savedBy: string;
  savedAt: string;
  /** Absent until the recap is corrected; then the latest version and who corrected it when. */
  correction?: RecapCorrection;
}

/**
 * Where the recap email is. `sending` is a lease: the request that holds it sends, others wait; a lease that ran
 * out means the sender may have died mid-send, so the next request first looks in Sent Items (by claim id).
 */
export interface RecapMail {
  /** The recap version this email is for (absent: 1, the close); each correction has its own claim and email. */
  version?: number;
  claimId: string;
  senderId: string;
  state: 'pending' | 'sending' | 'sent' | 'failed';
  attempts: number;
  leaseUntil: string | null;
}

/** The shared page of one 1:1 occurrence. */
export interface Board {
  /** The meeting as it looked when the board was opened; a later move does not rewrite history. */
  meeting: MeetingSummary | null;
  fields: Record<TextFieldId, BoardField>;
  ratings: Record<RatingFieldId, RatingField>;
  statusGuard: { nudgedFields: TextFieldId[]; nudgeCount: number };
  goTo: GoToState;
  /** Set when the board was closed with a recap: answers are read-only from then on. */
  recap: BoardRecap | null;
  recapMail: RecapMail | null;
  /** The recap both people write while the board is open (kept as it was after the close). */
  recapDraft: SharedRecapDraft;
}

export function emptyField(): BoardField {
  return { text: '', revision: 0, updatedBy: null, updatedAt: null };
}

export function emptyRating(): RatingField {
  return { value: null, revision: 0, updatedBy: null, updatedAt: null };
}

export function emptyBoard(meeting: MeetingSummary | null = null): Board {
  const fields = Object.fromEntries(TEXT_FIELD_IDS.map((id) => [id, emptyField()])) as Record<TextFieldId, BoardField>;
  const ratings = Object.fromEntries(RATING_FIELD_IDS.map((id) => [id, emptyRating()])) as Record<
    RatingFieldId,
    RatingField
  >;
  return {
    meeting,
    fields,
    ratings,
    statusGuard: { nudgedFields: [], nudgeCount: 0 },
    goTo: { kind: 'notOffered' },
    recap: null,
    recapMail: null,
    recapDraft: emptyRecapDraft(),
  };
}

export function emptyRecapDraft(): SharedRecapDraft {
  const meta = { revision: 0, updatedBy: null, updatedAt: null };
  return {
    lines: [
      { text: '', tags: [], ...meta },
      { text: '', tags: [], ...meta },
    ],
    noBlocker: { value: false, ...meta },
  };
}

/** Who writes a text field. One owner per field means the two people never type over each other. */
export function fieldOwner(fieldId: TextFieldId): Role {
  return TEXT_FIELD_OWNERS[fieldId];
}

/** Ratings (career pulse, mood, life load, energy, drain) are the report's; a rating added later names its owner here. */
const RATING_OWNERS: Readonly<Record<RatingFieldId, Role>> = {
  careerPulse: 'report',
  mood: 'report',
  lifeLoad: 'report',
  energy: 'report',
  drain: 'report',
};

export function ratingOwner(ratingId: RatingFieldId): Role {
  return RATING_OWNERS[ratingId];
}

/**
 * Text the status guard reads. The manager's recognition of unseen work is about work by nature, so it is not
 * nudged; everything else people type into the shared board is.
 */
export function isGuardedField(fieldId: TextFieldId): boolean {
  return fieldId !== 'unseenWork';
}

export function isFinalised(board: Board): boolean {
  return board.recap !== null;
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
  | { kind: 'saved'; board: Board; field: BoardField; changed: boolean; statusNudge: boolean; statusGuard: GuardState }
  | { kind: 'conflict'; current: BoardField }
  | { kind: 'forbidden'; reason: string }
  | { kind: 'finalised' };

/**
 * Decides one field write. A write typed against an older revision is a conflict only if it would
 * change the text: when the text already equals what is stored, the write (typically a client retry
 * whose first attempt succeeded but whose response was lost) is answered with the stored field,
 * so retries are safe and never produce spurious conflicts or revision bumps.
 *
 * The status guard reads every accepted text: `statusNudge` says whether the text reads like a status update now
 * (so the nudge clears once it stops), and the first time a field does, the field is marked as nudged and the
 * meeting's nudge count goes up, in the same write: the trend counts a field once per meeting.
 */
export function applyFieldEdit(board: Board, edit: FieldEdit): FieldEditDecision {
  const owner = fieldOwner(edit.fieldId);
  if (edit.editorRole !== owner) {
    return { kind: 'forbidden', reason: `Only the ${owner} writes "${edit.fieldId}".` };
  }
  const current = board.fields[edit.fieldId];
  const nudged = (b: Board): boolean => b.statusGuard.nudgedFields.includes(edit.fieldId);
  if (edit.text === current.text) {
    return { kind: 'saved', board, field: current, changed: false, ...guardReading(edit.fieldId, edit.text) };
  }
  if (isFinalised(board)) return { kind: 'finalised' };
  if (edit.baseRevision !== current.revision) {
    return { kind: 'conflict', current };
  }
  const field: BoardField = {
    text: edit.text,
    revision: current.revision + 1,
    updatedBy: edit.editorId,
    updatedAt: edit.now.toISOString(),
  };
  const next: Board = { ...board, fields: { ...board.fields, [edit.fieldId]: field } };
  const reading = guardReading(edit.fieldId, edit.text);
  if (reading.statusNudge && !nudged(board)) {
    next.statusGuard = {
      nudgedFields: [...board.statusGuard.nudgedFields, edit.fieldId],
      nudgeCount: board.statusGuard.nudgeCount + 1,
    };
  }
  return { kind: 'saved', board: next, field, changed: true, ...reading };
}

type GuardState = NonNullable<SaveFieldResponse['statusGuard']>;

/** What the status guard makes of a field's text now: nudge or not, or off for the text's language. */
function guardReading(fieldId: TextFieldId, text: string): { statusNudge: boolean; statusGuard: GuardState } {
  if (!isGuardedField(fieldId)) return { statusNudge: false, statusGuard: { state: 'on' } };
  const verdict = looksLikeStatus(text);
  if (verdict.guard === 'off') return { statusNudge: false, statusGuard: { state: 'off', reason: verdict.reason } };
  return { statusNudge: verdict.isStatus, statusGuard: { state: 'on' } };
}

export interface RatingEdit {
  ratingId: RatingFieldId;
  value: RatingValue | null;
  baseRevision: number;
  editorId: string;
  editorRole: Role;
  now: Date;
}

export type RatingEditDecision =
  | { kind: 'saved'; board: Board; field: RatingField; changed: boolean }
  | { kind: 'conflict'; current: RatingField }
  | { kind: 'forbidden'; reason: string }
  | { kind: 'finalised' };

/** A rating is a field like any other: owner, revision, conflict only when it would change the stored value. */
export function applyRatingEdit(board: Board, edit: RatingEdit): RatingEditDecision {
  const owner = ratingOwner(edit.ratingId);
  if (edit.editorRole !== owner) return { kind: 'forbidden', reason: `Only the ${owner} answers "${edit.ratingId}".` };
  const current = board.ratings[edit.ratingId];
  if (edit.value === current.value) return { kind: 'saved', board, field: current, changed: false };
  if (isFinalised(board)) return { kind: 'finalised' };
  if (edit.baseRevision !== current.revision) return { kind: 'conflict', current };
  const field: RatingField = {
    value: edit.value,
    revision: current.revision + 1,
    updatedBy: edit.editorId,
    updatedAt: edit.now.toISOString(),
  };
  return {
    kind: 'saved',
    board: { ...board, ratings: { ...board.ratings, [edit.ratingId]: field } },
    field,
    changed: true,
  };
}

/** The career goal is one text per pair, written by the report; the same revision rules as a board field. */
export function applyCareerGoalEdit(
  current: BoardField,
  edit: { text: string; baseRevision: number; editorId: string; editorRole: Role; now: Date },
):
  | { kind: 'saved'; field: BoardField; changed: boolean }
  | { kind: 'conflict'; current: BoardField }
  | { kind: 'forbidden'; reason: string } {
  if (edit.editorRole !== 'report') return { kind: 'forbidden', reason: 'The career goal is the report’s to write.' };
  if (edit.text === current.text) return { kind: 'saved', field: current, changed: false };
  if (edit.baseRevision !== current.revision) return { kind: 'conflict', current };
  return {
    kind: 'saved',
    changed: true,
    field: {
      text: edit.text,
      revision: current.revision + 1,
      updatedBy: edit.editorId,
      updatedAt: edit.now.toISOString(),
    },
  };
}
