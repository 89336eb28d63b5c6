import { applyFieldEdit, emptyBoard, fieldOwner, type Board, type FieldEdit } from './board';

const REPORT = '22222222-2222-2222-2222-222222222222';
const MANAGER = '11111111-1111-1111-1111-111111111111';
const NOW = new Date('2026-11-26T09:05:00.000Z');

function edit(overrides: Partial<FieldEdit> = {}): FieldEdit {
  return { fieldId: 'energizing', text: 'Shipping the tab', baseRevision: 0, editorId: REPORT, editorRole: 'report', now: NOW, ...overrides };
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
      field: { text: 'Shipping the tab', revision: 1, updatedBy: REPORT, updatedAt: NOW.toISOString() },
      board: expect.objectContaining({}),
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
      reason: expect.stringContaining('report'),
    });
    expect(applyFieldEdit(emptyBoard(), edit({ fieldId: 'supportNote' })).kind).toBe('forbidden');
  });

  it('lets the manager write notes', () => {
    const decision = applyFieldEdit(emptyBoard(), edit({ fieldId: 'supportNote', editorRole: 'manager', editorId: MANAGER }));
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
    expect(retry).toEqual({ kind: 'saved', board, field: board.fields.energizing, changed: false });
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
