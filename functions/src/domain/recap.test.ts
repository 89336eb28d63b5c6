import type { RecapTag, SaveRecapRequest } from '../contract';
import { emptyBoard, type Board } from './board';
import {
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
const context = { savedBy: MANAGER, now: NOW, claimId: 'candor-recap:t:m:r:o' };
type Line = { text: string; tags: RecapTag[] };
const good: { lines: [Line, Line] } = {
  lines: [
    { text: ' Blocked on the data contract; you will chase legal ', tags: ['blocker', 'supportNeed'] },
    { text: 'Learned to raise risks in week one', tags: ['learning'] },
  ],
};
const request = (lines: Line[]): SaveRecapRequest => ({ lines: [lines[0]!, lines[1]!] });

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
      claimId: context.claimId,
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
