import { emptyBoard, type Board } from './board';
import { clearOwnPart, ownPartOf } from './personalData';

const REPORT = '22222222-2222-2222-2222-222222222222';
const MANAGER = '11111111-1111-1111-1111-111111111111';
const AT = '2026-11-25T09:20:00.000Z';

function filledBoard(): Board {
  const board = emptyBoard({ subject: '1:1', start: '2026-11-25T09:00:00.000Z', end: '2026-11-25T09:30:00.000Z' });
  const field = (text: string, by: string) => ({ text, revision: 2, updatedBy: by, updatedAt: AT });
  return {
    ...board,
    fields: {
      ...board.fields,
      energizing: field('The new team', REPORT),
      goToAnswer: field('More pairing', REPORT),
      energizingNote: field('Noted: pairing', MANAGER),
      unseenWork: field('The migration runbook', MANAGER),
    },
    ratings: {
      ...board.ratings,
      mood: { value: 2, revision: 1, updatedBy: REPORT, updatedAt: AT },
      lifeLoad: { value: 'preferNot', revision: 1, updatedBy: REPORT, updatedAt: AT },
    },
    statusGuard: { nudgedFields: ['energizing', 'energizingNote'], nudgeCount: 2 },
    goTo: { kind: 'offered', questionId: 'q1', text: 'What would you change?', skips: 0 },
    recap: {
      lines: [
        { text: 'Line one', tags: ['blocker', 'supportNeed'] },
        { text: 'Line two', tags: ['learning'] },
      ],
      savedBy: MANAGER,
      savedAt: AT,
    },
  };
}

describe("a person's part of a board", () => {
  it('exports the recap both wrote as it reads now: its correction, the no-blocker choice, or the open draft', () => {
    const closed = filledBoard();
    const corrected: Board = {
      ...closed,
      recap: {
        ...closed.recap!,
        noBlocker: true,
        lines: [
          { text: 'Needs a reviewer', tags: ['supportNeed'] },
          { text: 'Line two', tags: ['learning'] },
        ],
        correction: { version: 2, correctedBy: REPORT, correctedAt: AT },
      },
    };
    expect(ownPartOf(corrected, 'manager').recap).toMatchObject({
      noBlocker: true,
      correction: { version: 2, correctedBy: REPORT },
    });

    const open = emptyBoard();
    const meta = { revision: 1, updatedBy: MANAGER, updatedAt: AT };
    open.recapDraft = {
      lines: [
        { text: 'Half a thought', tags: ['blocker'], ...meta },
        { text: '', tags: [], revision: 0, updatedBy: null, updatedAt: null },
      ],
      noBlocker: { value: false, revision: 0, updatedBy: null, updatedAt: null },
    };
    expect(ownPartOf(open, 'report').recapDraft).toEqual({
      lines: [
        { text: 'Half a thought', tags: ['blocker'] },
        { text: '', tags: [] },
      ],
      noBlocker: false,
    });
    expect(ownPartOf(emptyBoard(), 'report').recapDraft).toBeNull();
  });

  it("exports the caller's own fields and ratings with the shared record, never the other person's fields", () => {
    const mine = ownPartOf(filledBoard(), 'report');
    expect(mine.fields).toEqual({
      energizing: { text: 'The new team', updatedAt: AT },
      goToAnswer: { text: 'More pairing', updatedAt: AT },
    });
    expect(mine.ratings).toEqual({
      mood: { value: 2, updatedAt: AT },
      lifeLoad: { value: 'preferNot', updatedAt: AT },
    });
    expect(mine.recap?.lines.map((l) => l.text)).toEqual(['Line one', 'Line two']);
    expect(mine.goToQuestion).toBe('What would you change?');
    const managers = ownPartOf(filledBoard(), 'manager');
    expect(Object.keys(managers.fields).sort()).toEqual(['energizingNote', 'unseenWork']);
    expect(managers.ratings).toEqual({});
  });

  it("clears the report's answers and ratings as new revisions, keeps the manager's fields, the recap and the nudge count", () => {
    const { board, changed } = clearOwnPart(filledBoard(), 'report', REPORT, new Date('2026-11-26T08:00:00.000Z'));
    expect(changed).toBe(true);
    expect(board.fields.energizing).toEqual({
      text: '',
      revision: 3,
      updatedBy: REPORT,
      updatedAt: '2026-11-26T08:00:00.000Z',
    });
    expect(board.fields.goToAnswer.text).toBe('');
    expect(board.ratings.mood).toMatchObject({ value: null, revision: 2 });
    expect(board.ratings.lifeLoad.value).toBeNull();
    expect(board.fields.energizingNote.text).toBe('Noted: pairing');
    expect(board.recap).not.toBeNull();
    expect(board.statusGuard).toEqual({ nudgedFields: ['energizingNote'], nudgeCount: 2 });
  });

  it("clears the manager's notes and recognition only, and reports no change when there is nothing left", () => {
    const first = clearOwnPart(filledBoard(), 'manager', MANAGER, new Date(AT));
    expect(first.board.fields.energizingNote.text).toBe('');
    expect(first.board.fields.unseenWork.text).toBe('');
    expect(first.board.fields.energizing.text).toBe('The new team');
    expect(first.board.ratings.mood.value).toBe(2);
    expect(clearOwnPart(first.board, 'manager', MANAGER, new Date(AT)).changed).toBe(false);
  });
});
