import { PREFER_NOT_TO_SAY } from '../contract';
import {
  applyFieldEdit,
  applyRatingEdit,
  emptyBoard,
  fieldOwner,
  type Board,
  type FieldEdit,
  type RatingEdit,
} from './board';

const REPORT = '22222222-2222-2222-2222-222222222222';
const MANAGER = '11111111-1111-1111-1111-111111111111';
const NOW = new Date('2026-11-26T09:05:00.000Z');

function edit(overrides: Partial<FieldEdit> = {}): FieldEdit {
  return {
    fieldId: 'energizing',
    text: 'Mentoring the new joiners',
    baseRevision: 0,
    editorId: REPORT,
    editorRole: 'report',
    now: NOW,
    ...overrides,
  };
}

function saved(board: Board, e: FieldEdit): Board {
  const decision = applyFieldEdit(board, e);
  if (decision.kind !== 'saved') throw new Error(`expected saved, got ${decision.kind}`);
  return decision.board;
}

describe('fieldOwner', () => {
  it.each([
    ['energizing', 'report'],
    ['draining', 'report'],
    ['support', 'report'],
    ['energizingNote', 'manager'],
    ['drainingNote', 'manager'],
    ['supportNote', 'manager'],
    ['careerNote', 'report'],
    ['unseenWork', 'manager'],
    ['goToAnswer', 'report'],
  ] as const)('%s is written by the %s', (fieldId, role) => {
    expect(fieldOwner(fieldId)).toBe(role);
  });
});

describe('applyFieldEdit', () => {
  it('saves a first write and bumps the revision', () => {
    const decision = applyFieldEdit(emptyBoard(), edit());
    expect(decision).toEqual({
      kind: 'saved',
      changed: true,
      statusNudge: false,
      statusGuard: { state: 'on' },
      field: { text: 'Mentoring the new joiners', revision: 1, updatedBy: REPORT, updatedAt: NOW.toISOString() },
      board: expect.objectContaining({}) as unknown,
    });
    if (decision.kind === 'saved') expect(decision.board.fields.energizing.revision).toBe(1);
  });

  it('leaves the input board and the other fields untouched', () => {
    const before = emptyBoard();
    const after = saved(before, edit());
    expect(before.fields.energizing.revision).toBe(0);
    expect(after.fields.draining).toEqual(before.fields.draining);
  });

  it('forbids writing a field owned by the other role', () => {
    expect(applyFieldEdit(emptyBoard(), edit({ editorRole: 'manager', editorId: MANAGER }))).toEqual({
      kind: 'forbidden',
      reason: expect.stringContaining('report') as unknown,
    });
    expect(applyFieldEdit(emptyBoard(), edit({ fieldId: 'supportNote' })).kind).toBe('forbidden');
  });

  it('lets the manager write notes', () => {
    const decision = applyFieldEdit(
      emptyBoard(),
      edit({ fieldId: 'supportNote', editorRole: 'manager', editorId: MANAGER }),
    );
    expect(decision.kind).toBe('saved');
  });

  it('reports a conflict when the text was typed against an older revision and differs', () => {
    const board = saved(emptyBoard(), edit({ text: 'first' }));
    const decision = applyFieldEdit(board, edit({ text: 'second', baseRevision: 0 }));
    expect(decision).toEqual({ kind: 'conflict', current: board.fields.energizing });
  });

  it('reports a conflict for a base revision from the future too', () => {
    expect(applyFieldEdit(emptyBoard(), edit({ baseRevision: 7 })).kind).toBe('conflict');
  });

  it('treats a retry of an already saved write as success, without another revision', () => {
    const board = saved(emptyBoard(), edit({ text: 'same' }));
    // The first response was lost; the client retries with the revision it had typed against.
    const retry = applyFieldEdit(board, edit({ text: 'same', baseRevision: 0 }));
    expect(retry).toEqual({
      kind: 'saved',
      board,
      field: board.fields.energizing,
      changed: false,
      statusNudge: false,
      statusGuard: { state: 'on' },
    });
  });

  it('accepts consecutive writes at the current revision', () => {
    const once = saved(emptyBoard(), edit({ text: 'a' }));
    const twice = saved(once, edit({ text: 'ab', baseRevision: 1 }));
    expect(twice.fields.energizing).toMatchObject({ text: 'ab', revision: 2 });
  });

  it('keeps the meeting summary', () => {
    const meeting = { subject: '1:1', start: '2026-11-26T09:00:00.000Z', end: '2026-11-26T09:30:00.000Z' };
    expect(saved(emptyBoard(meeting), edit()).meeting).toEqual(meeting);
  });
});

describe('concurrent edits of one board (what the save handler re-applies after a stale write)', () => {
  it('keeps both people’s edits when they saved different fields from the same base', () => {
    const base = emptyBoard();
    const fromReport = edit({ fieldId: 'support', text: 'Cover for Friday' });
    const fromManager = edit({ fieldId: 'supportNote', text: 'Booked', editorId: MANAGER, editorRole: 'manager' });
    // The report's write wins the race; the manager's, typed against the same base, is re-applied on the re-read.
    const afterReport = saved(base, fromReport);
    const merged = saved(afterReport, fromManager);
    expect(merged.fields.support.text).toBe('Cover for Friday');
    expect(merged.fields.supportNote.text).toBe('Booked');
  });

  it('turns a stale edit of the same field into a conflict that carries the other text, never an overwrite', () => {
    const laptop = saved(emptyBoard(), edit({ text: 'from the laptop' }));
    const phone = applyFieldEdit(laptop, edit({ text: 'from the phone', baseRevision: 0 }));
    expect(phone).toEqual({ kind: 'conflict', current: laptop.fields.energizing });
  });

  it('keeps ratings and texts independent', () => {
    const withText = saved(emptyBoard(), edit({ fieldId: 'careerNote', text: 'Staff by 2028' }));
    const rated = applyRatingEdit(withText, rating({ ratingId: 'careerPulse', value: 4 }));
    if (rated.kind !== 'saved') throw new Error(rated.kind);
    expect(rated.board.fields.careerNote.text).toBe('Staff by 2028');
    expect(rated.board.ratings.careerPulse).toMatchObject({ value: 4, revision: 1 });
  });
});

function rating(overrides: Partial<RatingEdit> = {}): RatingEdit {
  return {
    ratingId: 'mood',
    value: 3,
    baseRevision: 0,
    editorId: REPORT,
    editorRole: 'report',
    now: NOW,
    ...overrides,
  };
}

describe('applyRatingEdit', () => {
  it('stores "prefer not to say" as those words, never as a number', () => {
    const decision = applyRatingEdit(emptyBoard(), rating({ value: PREFER_NOT_TO_SAY }));
    expect(decision).toMatchObject({ kind: 'saved', field: { value: 'preferNot', revision: 1 } });
  });

  it('lets the report clear a rating', () => {
    const rated = applyRatingEdit(emptyBoard(), rating({ value: 2 }));
    if (rated.kind !== 'saved') throw new Error(rated.kind);
    expect(applyRatingEdit(rated.board, rating({ value: null, baseRevision: 1 }))).toMatchObject({
      kind: 'saved',
      field: { value: null, revision: 2 },
    });
  });

  it('is the report’s alone', () => {
    expect(applyRatingEdit(emptyBoard(), rating({ editorRole: 'manager', editorId: MANAGER })).kind).toBe('forbidden');
  });

  it('conflicts only when a stale write would change the value', () => {
    const rated = applyRatingEdit(emptyBoard(), rating({ value: 4 }));
    if (rated.kind !== 'saved') throw new Error(rated.kind);
    expect(applyRatingEdit(rated.board, rating({ value: 5, baseRevision: 0 })).kind).toBe('conflict');
    expect(applyRatingEdit(rated.board, rating({ value: 4, baseRevision: 0 }))).toMatchObject({
      kind: 'saved',
      changed: false,
    });
  });
});

describe('the status guard on the board', () => {
  it('nudges once per field and counts the nudges of the meeting', () => {
    const once = applyFieldEdit(emptyBoard(), edit({ text: 'JIRA-1234 done, JIRA-1240 in progress' }));
    if (once.kind !== 'saved') throw new Error(once.kind);
    expect(once.statusNudge).toBe(true);
    expect(once.board.statusGuard).toEqual({ nudgedFields: ['energizing'], nudgeCount: 1 });

    const again = applyFieldEdit(once.board, edit({ text: 'PROJ-9 merged, PROJ-10 shipped', baseRevision: 1 }));
    if (again.kind !== 'saved') throw new Error(again.kind);
    expect(again.board.statusGuard.nudgeCount).toBe(1);

    const other = applyFieldEdit(again.board, edit({ fieldId: 'draining', text: 'Closed 12 tickets this sprint' }));
    if (other.kind !== 'saved') throw new Error(other.kind);
    expect(other.board.statusGuard).toEqual({ nudgedFields: ['energizing', 'draining'], nudgeCount: 2 });
  });

  it('clears the nudge when the text stops reading like status, still counting the field once', () => {
    const status = applyFieldEdit(emptyBoard(), edit({ text: 'JIRA-1234 done, JIRA-1240 in progress' }));
    if (status.kind !== 'saved') throw new Error(status.kind);
    expect(status.statusNudge).toBe(true);

    const talk = applyFieldEdit(
      status.board,
      edit({ text: 'Mentoring the new joiners makes me feel useful', baseRevision: 1 }),
    );
    if (talk.kind !== 'saved') throw new Error(talk.kind);
    expect(talk.statusNudge).toBe(false);
    expect(talk.board.statusGuard).toEqual({ nudgedFields: ['energizing'], nudgeCount: 1 });

    const back = applyFieldEdit(talk.board, edit({ text: 'PROJ-9 merged, PROJ-10 shipped', baseRevision: 2 }));
    if (back.kind !== 'saved') throw new Error(back.kind);
    expect(back.statusNudge).toBe(true);
    expect(back.board.statusGuard.nudgeCount).toBe(1);
  });

  it('says when the guard is off for the text’s language, and neither nudges nor counts', () => {
    const german = applyFieldEdit(
      emptyBoard(),
      edit({ text: 'Ich habe den Bericht fertig geschrieben und an das Team geschickt, JIRA-12 ist erledigt.' }),
    );
    expect(german).toMatchObject({
      kind: 'saved',
      statusNudge: false,
      statusGuard: { state: 'off', reason: 'unsupportedLanguage' },
    });
    if (german.kind !== 'saved') throw new Error(german.kind);
    expect(german.board.statusGuard.nudgeCount).toBe(0);
    expect(applyFieldEdit(emptyBoard(), edit({ text: 'Finished the hiring plan' }))).toMatchObject({
      statusGuard: { state: 'on' },
    });
  });

  it('stays quiet for conversation and for the manager’s recognition of unseen work', () => {
    const talk = applyFieldEdit(emptyBoard(), edit({ text: 'Mentoring the new joiners makes me feel useful' }));
    expect(talk).toMatchObject({ kind: 'saved', statusNudge: false });
    const recognition = applyFieldEdit(
      emptyBoard(),
      edit({
        fieldId: 'unseenWork',
        text: 'Fixed and merged PR #77 over the weekend',
        editorId: MANAGER,
        editorRole: 'manager',
      }),
    );
    expect(recognition).toMatchObject({ kind: 'saved', statusNudge: false });
  });
});

describe('a board closed with a recap', () => {
  const closed: Board = {
    ...emptyBoard(),
    recap: {
      lines: [
        { text: 'Blocked on the data contract', tags: ['blocker', 'supportNeed'] },
        { text: 'Learned to say no earlier', tags: ['learning'] },
      ],
      savedBy: MANAGER,
      savedAt: NOW.toISOString(),
    },
  };

  it('refuses new answers and ratings', () => {
    expect(applyFieldEdit(closed, edit()).kind).toBe('finalised');
    expect(applyRatingEdit(closed, rating()).kind).toBe('finalised');
  });

  it('still answers a retry of text it already holds', () => {
    expect(applyFieldEdit(closed, edit({ text: '' })).kind).toBe('saved');
  });
});
