import type { Commitment } from '../contract';
import { carryForwardCommitments, changeCommitmentStatus, newCommitment } from './commitments';
import { occurrenceIdFor } from './occurrences';

const MANAGER = '11111111-1111-4111-8111-111111111111';
const SERIES = '19:meeting_weekly@thread.v2';
/** A weekly 1:1: week n's occurrence id is keyed by its ORIGINAL start, whatever happened to it later. */
const week = (n: number): string => occurrenceIdFor(new Date(Date.UTC(2026, 10, 5 + 7 * n, 9, 0)), SERIES);
const at = (n: number): Date => new Date(Date.UTC(2026, 10, 5 + 7 * n, 9, 10));

function made(n: number, text: string, id: string): Commitment {
  return newCommitment(
    { id, text, dueDate: null, fromSupportAsk: true },
    { occurrenceId: week(n), managerId: MANAGER, now: at(n) },
  );
}

function closed(c: Commitment, n: number, status: 'done' | 'dropped'): Commitment {
  const decision = changeCommitmentStatus(c, { status, baseRevision: c.revision, occurrenceId: week(n), now: at(n) });
  if (decision.kind !== 'saved') throw new Error(decision.kind);
  return decision.commitment;
}

const ID = (n: number): string => `00000000-0000-4000-8000-00000000000${n}`;

describe('carryForwardCommitments', () => {
  it('carries an open commitment to every later board until it is closed', () => {
    const review = made(1, 'I will review your design doc', ID(1));
    for (const n of [2, 3, 7]) expect(carryForwardCommitments([review], week(n)).map((c) => c.id)).toEqual([ID(1)]);
  });

  it('carries across a cancelled meeting: week 2 was cancelled and never had a board', () => {
    const intro = made(1, 'I will introduce you to the platform lead', ID(1));
    // Nothing happened in week 2; the commitments alone decide week 3's board.
    expect(carryForwardCommitments([intro], week(3))).toEqual([intro]);
  });

  it('carries to a moved meeting, which keeps the id of its original start', () => {
    const intro = made(1, 'I will introduce you to the platform lead', ID(1));
    // Week 2 moved from Thursday to the Monday after: its board is still week(2), which sorts after week(1).
    const movedOccurrence = week(2);
    expect(carryForwardCommitments([intro], movedOccurrence)).toEqual([intro]);
  });

  it('shows a commitment closed in this meeting, and not on the boards after', () => {
    const done = closed(made(1, 'I will book the training', ID(1)), 3, 'done');
    expect(carryForwardCommitments([done], week(3)).map((c) => c.status)).toEqual(['done']);
    expect(carryForwardCommitments([done], week(4))).toEqual([]);
    const dropped = closed(made(1, 'I will ask finance', ID(2)), 2, 'dropped');
    expect(carryForwardCommitments([dropped], week(3))).toEqual([]);
  });

  it('keeps commitments of later meetings off earlier boards', () => {
    const later = made(5, 'I will check in on the move', ID(1));
    expect(carryForwardCommitments([later], week(4))).toEqual([]);
  });

  it('lists carried ones first (oldest first), then those made in this meeting', () => {
    const a = made(3, 'I will a', ID(1));
    const b = made(1, 'I will b', ID(2));
    const c = made(4, 'I will c', ID(3));
    expect(carryForwardCommitments([a, c, b], week(4)).map((x) => x.text)).toEqual([
      'I will b',
      'I will a',
      'I will c',
    ]);
  });
});

describe('changeCommitmentStatus', () => {
  it('records where and when a commitment was closed, and forgets it on reopening', () => {
    const done = closed(made(1, 'I will x', ID(1)), 2, 'done');
    expect(done).toMatchObject({ status: 'done', closedIn: week(2), revision: 2 });
    const reopened = changeCommitmentStatus(done, {
      status: 'open',
      baseRevision: 2,
      occurrenceId: week(2),
      now: at(2),
    });
    expect(reopened).toMatchObject({
      kind: 'saved',
      commitment: { status: 'open', closedIn: null, closedAt: null, revision: 3 },
    });
  });

  it('answers the same status again as a success, and a stale different one as a conflict', () => {
    const done = closed(made(1, 'I will x', ID(1)), 2, 'done');
    expect(
      changeCommitmentStatus(done, { status: 'done', baseRevision: 1, occurrenceId: week(2), now: at(2) }),
    ).toMatchObject({
      kind: 'saved',
      changed: false,
    });
    expect(
      changeCommitmentStatus(done, { status: 'dropped', baseRevision: 1, occurrenceId: week(2), now: at(2) }).kind,
    ).toBe('conflict');
  });
});
