import { RECAP_CORRECTION_WINDOW_MS, type RecapTag, type SaveRecapRequest } from '../contract';
import { emptyBoard, type Board } from './board';
import {
  applyRecapDraftEdit,
  correctableUntil,
  decideRecapCorrection,
  decideRecapSave,
  missingRecapTags,
  nextMailStep,
  normalizeRecapLines,
  RECAP_MAIL_LEASE_MS,
  MAX_RECAP_MAIL_ATTEMPTS,
} from './recap';
import { recapEmail } from './recapEmail';

const MANAGER = '11111111-1111-4111-8111-111111111111';
const NOW = new Date('2026-11-26T09:28:00.000Z');
const REPORT = '22222222-2222-4222-8222-222222222222';
const claimIdFor = (version: number): string =>
  version === 1 ? 'candor-recap:t:m:r:o' : `candor-recap:t:m:r:o:v${version}`;
const context = { by: MANAGER, now: NOW, claimIdFor };
type Line = { text: string; tags: RecapTag[] };
const good: { lines: [Line, Line] } = {
  lines: [
    { text: ' Blocked on the data contract; you will chase legal ', tags: ['blocker', 'supportNeed'] },
    { text: 'Learned to raise risks in week one', tags: ['learning'] },
  ],
};
const request = (lines: Line[]): SaveRecapRequest & { lines: [Line, Line] } => ({ lines: [lines[0]!, lines[1]!] });

describe('recap rules', () => {
  it('needs all three tags covered between the two lines', () => {
    expect(missingRecapTags(good.lines)).toEqual([]);
    expect(
      missingRecapTags([
        { text: 'a', tags: ['blocker'] },
        { text: 'b', tags: ['blocker'] },
      ]),
    ).toEqual(['supportNeed', 'learning']);
    const decision = decideRecapSave(
      emptyBoard(),
      request([
        { text: 'a', tags: ['blocker'] },
        { text: 'b', tags: ['supportNeed'] },
      ]),
      context,
    );
    expect(decision).toEqual({
      kind: 'invalid',
      field: 'lines',
      message: expect.stringContaining('missing: learning') as unknown,
    });
  });

  it('normalises text and tag order, so a retry compares equal', () => {
    expect(
      normalizeRecapLines(
        request([
          { text: ' x ', tags: ['learning', 'blocker', 'learning'] },
          { text: 'y', tags: ['supportNeed'] },
        ]).lines,
      ),
    ).toEqual([
      { text: 'x', tags: ['blocker', 'learning'] },
      { text: 'y', tags: ['supportNeed'] },
    ]);
  });

  it('finalises the board and opens the email claim in the same change', () => {
    const decision = decideRecapSave(emptyBoard(), request(good.lines), context);
    if (decision.kind !== 'save') throw new Error(decision.kind);
    expect(decision.board.recap).toEqual({
      lines: [
        { text: 'Blocked on the data contract; you will chase legal', tags: ['blocker', 'supportNeed'] },
        { text: 'Learned to raise risks in week one', tags: ['learning'] },
      ],
      savedBy: MANAGER,
      savedAt: NOW.toISOString(),
    });
    expect(decision.board.recapMail).toEqual({
      version: 1,
      claimId: 'candor-recap:t:m:r:o',
      senderId: MANAGER,
      state: 'pending',
      attempts: 0,
      leaseUntil: null,
    });
  });

  it('answers a retried save as already saved, and a different recap as a conflict', () => {
    const first = decideRecapSave(emptyBoard(), request(good.lines), context);
    if (first.kind !== 'save') throw new Error(first.kind);
    expect(decideRecapSave(first.board, request(good.lines), context)).toEqual({ kind: 'alreadySaved' });
    const other = decideRecapSave(
      first.board,
      request([
        { text: 'other', tags: ['blocker', 'supportNeed', 'learning'] },
        { text: 'x', tags: ['learning'] },
      ]),
      context,
    );
    expect(other).toEqual({ kind: 'conflict', recap: first.board.recap });
  });
});

describe('no blocker this week', () => {
  const noBlockerLines: [Line, Line] = [
    { text: 'Need a second reviewer on the billing work', tags: ['supportNeed'] },
    { text: 'Short daily check-ins kept the week calm', tags: ['learning'] },
  ];

  it('asks the lines to cover only a support need and a learning once chosen', () => {
    expect(missingRecapTags(noBlockerLines)).toEqual(['blocker']);
    expect(missingRecapTags(noBlockerLines, true)).toEqual([]);
    expect(decideRecapSave(emptyBoard(), { lines: noBlockerLines }, context)).toMatchObject({
      kind: 'invalid',
      message: expect.stringContaining('no blocker this week') as unknown,
    });
    const saved = decideRecapSave(emptyBoard(), { lines: noBlockerLines, noBlocker: true }, context);
    if (saved.kind !== 'save') throw new Error(saved.kind);
    expect(saved.board.recap).toMatchObject({ noBlocker: true, lines: noBlockerLines });
  });

  it('never lets a line be tagged as a blocker when nobody has one', () => {
    const invented: [Line, Line] = [{ ...noBlockerLines[0], tags: ['supportNeed', 'blocker'] }, noBlockerLines[1]];
    expect(decideRecapSave(emptyBoard(), { lines: invented, noBlocker: true }, context)).toMatchObject({
      kind: 'invalid',
      field: 'noBlocker',
    });
  });

  it('is part of what a retry compares: the same lines without the choice are a different recap', () => {
    const saved = decideRecapSave(emptyBoard(), { lines: good.lines, noBlocker: false }, context);
    if (saved.kind !== 'save') throw new Error(saved.kind);
    expect(decideRecapSave(saved.board, { lines: good.lines }, context)).toEqual({ kind: 'alreadySaved' });
    const withChoice = decideRecapSave(emptyBoard(), { lines: noBlockerLines, noBlocker: true }, context);
    if (withChoice.kind !== 'save') throw new Error(withChoice.kind);
    expect(decideRecapSave(withChoice.board, { lines: noBlockerLines }, context).kind).toBe('conflict');
  });
});

describe('the shared recap draft', () => {
  const edit = (board: Board, part: 'line1' | 'line2', text: string, tags: RecapTag[], baseRevision: number) =>
    applyRecapDraftEdit(board, { part, text, tags, baseRevision, editorId: REPORT, now: NOW });

  it('takes writes from either person, each line with its own revision', () => {
    const one = edit(emptyBoard(), 'line1', 'Blocked on legal', ['blocker'], 0);
    if (one.kind !== 'saved') throw new Error(one.kind);
    const two = applyRecapDraftEdit(one.board, {
      part: 'line2',
      text: 'Learned to ask early',
      tags: ['learning', 'supportNeed'],
      baseRevision: 0,
      editorId: MANAGER,
      now: NOW,
    });
    if (two.kind !== 'saved') throw new Error(two.kind);
    expect(two.board.recapDraft.lines).toEqual([
      { text: 'Blocked on legal', tags: ['blocker'], revision: 1, updatedBy: REPORT, updatedAt: NOW.toISOString() },
      {
        text: 'Learned to ask early',
        tags: ['supportNeed', 'learning'],
        revision: 1,
        updatedBy: MANAGER,
        updatedAt: NOW.toISOString(),
      },
    ]);
  });

  it('answers a stale write with the current draft, and a retry of what is stored as saved', () => {
    const one = edit(emptyBoard(), 'line1', 'Blocked on legal', ['blocker'], 0);
    if (one.kind !== 'saved') throw new Error(one.kind);
    expect(edit(one.board, 'line1', 'Something else', ['blocker'], 0)).toEqual({
      kind: 'conflict',
      draft: one.board.recapDraft,
    });
    expect(edit(one.board, 'line1', 'Blocked on legal', ['blocker'], 0)).toMatchObject({
      kind: 'saved',
      changed: false,
    });
  });

  it('is what the close saves when no lines are sent, with its "no blocker this week" choice', () => {
    let board = emptyBoard();
    for (const [part, text, tags] of [
      ['line1', ' Need a reviewer ', ['supportNeed']],
      ['line2', 'Pairing helped', ['learning']],
    ] as const) {
      const saved = edit(board, part, text, [...tags], 0);
      if (saved.kind !== 'saved') throw new Error(saved.kind);
      board = saved.board;
    }
    expect(decideRecapSave(board, {}, context)).toMatchObject({ kind: 'invalid', field: 'lines' });
    const choice = applyRecapDraftEdit(board, {
      part: 'noBlocker',
      value: true,
      baseRevision: 0,
      editorId: MANAGER,
      now: NOW,
    });
    if (choice.kind !== 'saved') throw new Error(choice.kind);
    const closed = decideRecapSave(choice.board, {}, context);
    if (closed.kind !== 'save') throw new Error(closed.kind);
    expect(closed.board.recap).toMatchObject({
      noBlocker: true,
      lines: [
        { text: 'Need a reviewer', tags: ['supportNeed'] },
        { text: 'Pairing helped', tags: ['learning'] },
      ],
    });
    expect(edit(closed.board, 'line1', 'late', ['learning'], 1)).toEqual({ kind: 'finalised' });
  });

  it('refuses to close from a draft with an empty line, naming it', () => {
    const one = edit(emptyBoard(), 'line1', 'Blocked', ['blocker', 'supportNeed', 'learning'], 0);
    if (one.kind !== 'saved') throw new Error(one.kind);
    expect(decideRecapSave(one.board, {}, context)).toMatchObject({ kind: 'invalid', field: 'lines.1' });
  });
});

describe('correcting a closed recap', () => {
  const closed = (): Board => {
    const saved = decideRecapSave(emptyBoard(), request(good.lines), context);
    if (saved.kind !== 'save') throw new Error(saved.kind);
    return saved.board;
  };
  const fixed: [Line, Line] = [
    { text: 'Blocked on the data contract; legal replies Friday', tags: ['blocker', 'supportNeed'] },
    { text: 'Learned to raise risks in week one', tags: ['learning'] },
  ];
  const later = (ms: number) => new Date(NOW.getTime() + ms);

  it('makes a new version with who corrected it and when, and opens that version’s own email claim', () => {
    const at = later(3600_000);
    const decision = decideRecapCorrection(
      closed(),
      { baseVersion: 1, lines: fixed },
      { by: REPORT, now: at, claimIdFor },
    );
    if (decision.kind !== 'save') throw new Error(decision.kind);
    expect(decision.board.recap).toEqual({
      lines: fixed,
      savedBy: MANAGER,
      savedAt: NOW.toISOString(),
      correction: { version: 2, correctedBy: REPORT, correctedAt: at.toISOString() },
    });
    expect(decision.board.recapMail).toEqual({
      version: 2,
      claimId: 'candor-recap:t:m:r:o:v2',
      senderId: REPORT,
      state: 'pending',
      attempts: 0,
      leaseUntil: null,
    });
    const third = decideRecapCorrection(
      decision.board,
      { baseVersion: 2, lines: good.lines, noBlocker: false },
      { by: MANAGER, now: at, claimIdFor },
    );
    expect(third).toMatchObject({ kind: 'save', board: { recap: { correction: { version: 3 } } } });
  });

  it('is open until exactly 24 hours after the first close, and closed a moment later', () => {
    expect(correctableUntil(closed().recap!).toISOString()).toBe(later(RECAP_CORRECTION_WINDOW_MS).toISOString());
    const at = (now: Date) => decideRecapCorrection(closed(), { baseVersion: 1, lines: fixed }, { ...context, now });
    expect(at(later(RECAP_CORRECTION_WINDOW_MS)).kind).toBe('save');
    expect(at(later(RECAP_CORRECTION_WINDOW_MS + 1))).toEqual({
      kind: 'windowClosed',
      until: later(RECAP_CORRECTION_WINDOW_MS),
    });
  });

  it('answers a retry as already saved, a change typed against an older version as a conflict', () => {
    const first = decideRecapCorrection(closed(), { baseVersion: 1, lines: fixed }, context);
    if (first.kind !== 'save') throw new Error(first.kind);
    expect(decideRecapCorrection(first.board, { baseVersion: 1, lines: fixed }, context)).toEqual({
      kind: 'alreadySaved',
    });
    expect(decideRecapCorrection(first.board, { baseVersion: 1, lines: good.lines }, context)).toEqual({
      kind: 'conflict',
      recap: first.board.recap,
    });
  });

  it('refuses a version the recap does not have, an open board, and the coverage rules still hold', () => {
    expect(decideRecapCorrection(closed(), { baseVersion: 2, lines: fixed }, context)).toMatchObject({
      kind: 'invalid',
      field: 'baseVersion',
    });
    expect(decideRecapCorrection(emptyBoard(), { baseVersion: 1, lines: fixed }, context)).toEqual({
      kind: 'notClosed',
    });
    expect(
      decideRecapCorrection(closed(), { baseVersion: 1, lines: [fixed[0], { text: 'x', tags: ['blocker'] }] }, context),
    ).toMatchObject({ kind: 'invalid', field: 'lines' });
  });
});

describe('the recap email claim', () => {
  const pending = { claimId: 'c', senderId: MANAGER, state: 'pending' as const, attempts: 0, leaseUntil: null };

  it('takes a lease to send, without a Sent Items check the first time', () => {
    expect(nextMailStep(pending, NOW)).toEqual({
      kind: 'claim',
      checkSentFirst: false,
      mail: {
        ...pending,
        state: 'sending',
        attempts: 1,
        leaseUntil: new Date(NOW.getTime() + RECAP_MAIL_LEASE_MS).toISOString(),
      },
    });
  });

  it('waits while another request holds the lease, and checks Sent Items before taking over an expired one', () => {
    const sending = {
      ...pending,
      state: 'sending' as const,
      attempts: 1,
      leaseUntil: new Date(NOW.getTime() + 1000).toISOString(),
    };
    expect(nextMailStep(sending, NOW)).toEqual({ kind: 'wait' });
    const later = new Date(NOW.getTime() + 2000);
    expect(nextMailStep(sending, later)).toMatchObject({ kind: 'claim', checkSentFirst: true, mail: { attempts: 2 } });
  });

  it('is done once sent or failed, and gives up after repeated unknown outcomes', () => {
    expect(nextMailStep({ ...pending, state: 'sent' }, NOW)).toEqual({ kind: 'done', state: 'sent' });
    expect(nextMailStep({ ...pending, state: 'failed' }, NOW)).toEqual({ kind: 'done', state: 'failed' });
    expect(
      nextMailStep(
        { ...pending, state: 'sending', attempts: MAX_RECAP_MAIL_ATTEMPTS, leaseUntil: NOW.toISOString() },
        NOW,
      ),
    ).toEqual({
      kind: 'done',
      state: 'failed',
    });
  });
});

describe('recapEmail', () => {
  it('holds both lines with what they cover, and the open commitments, escaped', () => {
    const board: Board = emptyBoard({
      subject: '1:1',
      start: '2026-11-26T09:00:00.000Z',
      end: '2026-11-26T09:30:00.000Z',
    });
    const email = recapEmail({
      managerName: 'Megan <Bowen>',
      reportName: 'Adele',
      meetingStart: board.meeting?.start ?? null,
      lines: normalizeRecapLines(request(good.lines).lines),
      openCommitments: [
        {
          id: '00000000-0000-4000-8000-000000000001',
          text: 'I will chase legal',
          dueDate: '2026-12-04',
          status: 'open',
          fromSupportAsk: true,
          createdIn: '20261126T0900Z-0123456789abcdef',
          createdAt: NOW.toISOString(),
          createdBy: MANAGER,
          closedIn: null,
          closedAt: null,
          revision: 1,
        },
      ],
    });
    expect(email.subject).toBe('Recap of your 1:1 on Thursday, November 26');
    expect(email.text).toContain('Blocker · Support need:\n  Blocked on the data contract; you will chase legal');
    expect(email.text).toContain('Learning:\n  Learned to raise risks in week one');
    expect(email.text).toContain('- I will chase legal (by Friday, December 4)');
    expect(email.html).toContain('Megan &lt;Bowen&gt;');
  });
});

describe('recapEmail of a correction and of "no blocker this week"', () => {
  it('is marked Amended with the version and who corrected it, and says "No blocker this week"', () => {
    const email = recapEmail({
      managerName: 'Megan',
      reportName: 'Adele',
      meetingStart: '2026-11-26T09:00:00.000Z',
      lines: [
        { text: 'Need a reviewer', tags: ['supportNeed'] },
        { text: 'Pairing helped', tags: ['learning'] },
      ],
      noBlocker: true,
      amended: { version: 2, byName: 'Adele' },
      openCommitments: [],
    });
    expect(email.subject).toBe('Amended: Recap of your 1:1 on Thursday, November 26');
    expect(email.text).toContain('Adele corrected the recap (version 2)');
    expect(email.text).toContain('No blocker this week.');
  });
});
