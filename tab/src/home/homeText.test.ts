import type { HomeOneOnOne, HomeView } from '@candor/contract';
import { TEST_MANAGER, TEST_REPORT, testRef } from '../testing/boardView';
import { firstRunCard, homeSections, oneOnOneText } from './homeText';

const reader = { locale: 'en-US', timeZone: 'UTC' };

function oneOnOne(overrides: Partial<HomeOneOnOne> = {}): HomeOneOnOne {
  return {
    ref: testRef,
    role: 'manager',
    counterpart: { id: TEST_REPORT, displayName: 'Ada Report' },
    subject: 'Ada / Max 1:1',
    start: '2026-11-26T09:00:00Z',
    end: '2026-11-26T09:30:00Z',
    online: true,
    ended: false,
    status: { state: 'notAsked', why: 'The lead time has not begun.' },
    boardStarted: false,
    recapMissing: false,
    openCommitments: 0,
    ...overrides,
  };
}

const view = (oneOnOnes: HomeOneOnOne[], firstRun = { manager: false, report: false }): HomeView => ({
  me: { id: TEST_MANAGER, displayName: 'Max Manager', isManager: true, hasManager: false },
  firstRun,
  oneOnOnes,
});

describe('oneOnOneText', () => {
  it('says who, when, and every state in words for a manager', () => {
    const text = oneOnOneText(
      oneOnOne({
        status: { state: 'asked', askedAt: '2026-11-25T09:00:00Z' },
        boardStarted: true,
        openCommitments: 2,
      }),
      reader,
    );
    expect(text.title).toBe('Ada Report');
    expect(text.when).toBe('Thursday, November 26, 9:00 AM (UTC)');
    expect(text.states).toEqual([
      'Status update asked Wednesday, November 25, 9:00 AM (UTC), no answer yet',
      'Board started',
      '2 commitments open',
    ]);
    expect(text.action).toEqual({ label: 'Open the board', primary: false });
    expect(text.actionName).toBe('Open the board: 1:1 with Ada Report, Thursday, November 26, 9:00 AM (UTC)');
  });

  it('speaks to the report about their own status update', () => {
    const received = oneOnOneText(
      oneOnOne({
        role: 'report',
        status: { state: 'received', updatedAt: '2026-11-25T10:00:00Z' },
        openCommitments: 1,
      }),
      reader,
    );
    expect(received.states).toEqual([
      'You sent your status update Wednesday, November 25, 10:00 AM (UTC)',
      'Board not started yet',
      '1 commitment open',
    ]);
    const asked = oneOnOneText(
      oneOnOne({ role: 'report', status: { state: 'asked', askedAt: '2026-11-25T09:00:00Z' } }),
      reader,
    );
    expect(asked.states[0]).toBe('Candor asked for your status update Wednesday, November 25, 9:00 AM (UTC)');
  });

  it('says why no status update was asked for, and that a 1:1 has no Teams meeting', () => {
    const text = oneOnOneText(
      oneOnOne({ online: false, status: { state: 'notAsked', why: 'Status requests are off.' } }),
      reader,
    );
    expect(text.states).toEqual([
      'Status update not asked: Status requests are off.',
      'Board not started yet',
      'No open commitments',
    ]);
    expect(text.where).toBe('No Teams meeting: in person or by phone');
  });

  it('offers "Write the recap" first for an ended 1:1 without one', () => {
    const text = oneOnOneText(oneOnOne({ ended: true, recapMissing: true, boardStarted: true }), reader);
    expect(text.when).toBe('Ended Thursday, November 26, 9:30 AM (UTC)');
    expect(text.states).toContain('Recap missing');
    expect(text.action).toEqual({ label: 'Write the recap', primary: true });
  });
});

describe('homeSections', () => {
  it('puts the 1:1s waiting for a recap first, then the coming ones in the order given', () => {
    const next = oneOnOne({ start: '2026-12-03T09:00:00Z' });
    const later = oneOnOne({ start: '2026-12-10T09:00:00Z' });
    const ended = oneOnOne({ start: '2026-11-19T09:00:00Z', ended: true, recapMissing: true });
    expect(homeSections(view([next, ended, later]))).toEqual({ recap: [ended], coming: [next, later] });
    expect(homeSections(view([]))).toEqual({ recap: [], coming: [] });
  });
});

describe('firstRunCard', () => {
  it('leads a manager to set Candor up, and a report to choose how requests reach them', () => {
    expect(firstRunCard(view([]))).toBeNull();
    expect(firstRunCard(view([], { manager: true, report: false }))?.title).toBe('Set up Candor for your 1:1s');
    expect(firstRunCard(view([], { manager: false, report: true }))?.title).toBe(
      'Choose how status requests reach you',
    );
    // Someone who is both sees the manager's card: its settings page has the report's choice too.
    expect(firstRunCard(view([], { manager: true, report: true }))?.title).toBe('Set up Candor for your 1:1s');
  });
});
