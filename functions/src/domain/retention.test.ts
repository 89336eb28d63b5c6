import {
  cutoffMonth,
  isClosedCommitmentExpired,
  isMonthExpired,
  isOccurrenceExpired,
  occurrenceStampOf,
  originalStartOf,
  retentionCutoff,
} from './retention';

describe('retention rules', () => {
  const now = new Date('2026-11-26T10:00:00.000Z');
  const cutoff = retentionCutoff(now, 13);

  it('puts the cutoff the given number of calendar months back, clamping to the month end', () => {
    expect(cutoff.toISOString()).toBe('2025-10-26T10:00:00.000Z');
    expect(retentionCutoff(new Date('2026-03-31T08:00:00.000Z'), 1).toISOString()).toBe('2026-02-28T08:00:00.000Z');
    expect(retentionCutoff(new Date('2026-01-15T00:00:00.000Z'), 13).toISOString()).toBe('2024-12-15T00:00:00.000Z');
  });

  it('dates an occurrence by the original start in its id', () => {
    expect(occurrenceStampOf(cutoff)).toBe('20251026T1000Z');
    expect(originalStartOf('20251026T0959Z-0123456789abcdef')?.toISOString()).toBe('2025-10-26T09:59:00.000Z');
    expect(originalStartOf('careerGoal')).toBeNull();
  });

  it('drops an occurrence a minute outside the period and keeps one exactly at its edge', () => {
    expect(isOccurrenceExpired('20251026T0959Z-0123456789abcdef', cutoff)).toBe(true);
    expect(isOccurrenceExpired('20251026T1000Z-0123456789abcdef', cutoff)).toBe(false);
    expect(isOccurrenceExpired('20261126T0900Z-0123456789abcdef', cutoff)).toBe(false);
    expect(isOccurrenceExpired('not-an-occurrence', cutoff)).toBe(false);
  });

  it('drops months wholly before the cutoff and keeps the cutoff month', () => {
    expect(cutoffMonth(cutoff)).toBe('2025-10');
    expect(isMonthExpired('2025-09', cutoff)).toBe(true);
    expect(isMonthExpired('2025-10', cutoff)).toBe(false);
    expect(isMonthExpired('2026-11', cutoff)).toBe(false);
    expect(isMonthExpired('garbage', cutoff)).toBe(false);
  });

  it('drops closed commitments closed before the cutoff; open ones are live whatever their age', () => {
    expect(isClosedCommitmentExpired({ status: 'done', closedAt: '2025-10-26T09:59:00.000Z' }, cutoff)).toBe(true);
    expect(isClosedCommitmentExpired({ status: 'dropped', closedAt: '2025-10-26T10:01:00.000Z' }, cutoff)).toBe(false);
    expect(isClosedCommitmentExpired({ status: 'open', closedAt: null }, cutoff)).toBe(false);
    expect(isClosedCommitmentExpired({ status: 'done', closedAt: null }, cutoff)).toBe(false);
  });
});
