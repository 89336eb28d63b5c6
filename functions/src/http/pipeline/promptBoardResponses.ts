import type { HttpResponseInit } from '@azure/functions';
import type {
  Commitment,
  CommitmentConflict,
  GoToBank,
  PrivateNote,
  RatingConflict,
  RatingField,
  RecapConflict,
  RecapDraftConflict,
  SavedRecap,
  SharedRecapDraft,
} from '../../contract';
import { errorResponse } from './responses';

const PRIVATE = { 'Cache-Control': 'no-store' } as const;

/** 409 for a write to a board that was closed with a recap: the answers are read-only now (private notes are not). */
export const boardFinalised = (): HttpResponseInit =>
  errorResponse(409, 'finalised', 'This 1:1 was closed with a recap, so its answers are read-only now.');

const conflictMessage = 'This changed since you last saw it; the current value is attached.';

export const ratingConflict = (current: RatingField): HttpResponseInit => {
  const body: RatingConflict = { error: { code: 'conflict', message: conflictMessage }, current };
  return { status: 409, jsonBody: body, headers: { ...PRIVATE } };
};

export const commitmentConflict = (current: Commitment): HttpResponseInit => {
  const body: CommitmentConflict = { error: { code: 'conflict', message: conflictMessage }, current };
  return { status: 409, jsonBody: body, headers: { ...PRIVATE } };
};

export const privateNoteConflict = (current: PrivateNote): HttpResponseInit => ({
  status: 409,
  jsonBody: { error: { code: 'conflict', message: conflictMessage }, current },
  headers: { ...PRIVATE },
});

export const goToBankConflict = (current: GoToBank): HttpResponseInit => ({
  status: 409,
  jsonBody: { error: { code: 'conflict', message: conflictMessage }, current },
  headers: { ...PRIVATE },
});

/** 409 for a recap write that lost: the close to another close, a correction to the other person's correction. */
export const recapConflict = (mode: 'close' | 'correct', recap: SavedRecap): HttpResponseInit => {
  const body: RecapConflict = {
    error:
      mode === 'close'
        ? { code: 'recapExists', message: 'This 1:1 was already closed with a different recap; it is attached.' }
        : {
            code: 'recapCorrected',
            message: 'The recap was corrected since you opened it; the current version is attached.',
          },
    recap,
  };
  return { status: 409, jsonBody: body, headers: { ...PRIVATE } };
};

/** 409 for a stale write to the shared recap draft: the whole current draft is attached. */
export const recapDraftConflict = (draft: SharedRecapDraft): HttpResponseInit => {
  const body: RecapDraftConflict = { error: { code: 'conflict', message: conflictMessage }, draft };
  return { status: 409, jsonBody: body, headers: { ...PRIVATE } };
};
