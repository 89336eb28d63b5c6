import { occurrenceIdSchema } from '../contract';
import { chooseOccurrence, occurrenceIdFor, originalStartOfOccurrenceId } from './occurrences';

describe('occurrenceIdFor', () => {
  it('formats the original start to the minute and hashes the series key', () => {
    const id = occurrenceIdFor('2026-11-26T09:00:00Z', '19:meeting_abc@thread.v2');
    expect(id).toMatch(/^20261126T0900Z-[0-9a-f]{16}$/);
    expect(occurrenceIdSchema.safeParse(id).success).toBe(true);
  });

  it('is stable and depends on both parts', () => {
    const a = occurrenceIdFor('2026-11-26T09:00:00Z', 'series-1');
    expect(occurrenceIdFor(new Date('2026-11-26T09:00:00.000Z'), 'series-1')).toBe(a);
    expect(occurrenceIdFor('2026-11-26T09:00:00Z', 'series-2')).not.toBe(a);
    expect(occurrenceIdFor('2026-12-03T09:00:00Z', 'series-1').slice(-16)).toBe(a.slice(-16));
  });

  it('normalises offsets to UTC and drops seconds', () => {
    expect(occurrenceIdFor('2026-11-26T10:00:59+01:00', 'x').slice(0, 14)).toBe('20261126T0900Z');
  });

  it('rejects a non-date and an empty key', () => {
    expect(() => occurrenceIdFor('soon', 'x')).toThrow(RangeError);
    expect(() => occurrenceIdFor('2026-11-26T09:00:00Z', '')).toThrow(RangeError);
  });
});

describe('chooseOccurrence', () => {
  const span = (start: string, end: string) => ({
    startUtc: `2026-11-26T${start}:00.000Z`,
    endUtc: `2026-11-26T${end}:00.000Z`,
  });
  const now = new Date('2026-11-26T10:10:00.000Z');
  const past = span('08:00', '08:30');
  const current = span('10:00', '10:30');
  const next = span('12:00', '12:30');
  const later = span('15:00', '15:30');

  it('picks the occurrence in progress', () => {
    expect(chooseOccurrence([past, later, current, next], now)).toBe(current);
  });
  it('otherwise the next one', () => {
    expect(chooseOccurrence([later, past, next], now)).toBe(next);
  });
  it('otherwise the most recent past one', () => {
    const earlier = span('06:00', '06:30');
    expect(chooseOccurrence([earlier, past], now)).toBe(past);
  });
  it('treats the end as exclusive', () => {
    expect(chooseOccurrence([span('09:40', '10:10'), next], now)).toBe(next);
  });
  it('returns null for nothing', () => {
    expect(chooseOccurrence([], now)).toBeNull();
  });
});

describe('chooseOccurrence after a 1:1 whose recap is missing', () => {
  const at = (iso: string) => new Date(iso);
  const weekly = (day: number) => ({
    startUtc: `2026-11-${String(day).padStart(2, '0')}T09:00:00.000Z`,
    endUtc: `2026-11-${String(day).padStart(2, '0')}T09:30:00.000Z`,
  });
  const ended = weekly(19);
  const next = weekly(26);
  const day = 24 * 3600_000;
  const missing = { recapMissing: (c: typeof ended) => c === ended, leadTimeMs: day };

  it('shows the 1:1 that just ended, and the next morning still', () => {
    expect(chooseOccurrence([ended, next], at('2026-11-19T09:31:00.000Z'), missing)).toBe(ended);
    expect(chooseOccurrence([ended, next], at('2026-11-20T08:00:00.000Z'), missing)).toBe(ended);
  });
  it('until the next occurrence’s lead time begins', () => {
    expect(chooseOccurrence([ended, next], at('2026-11-25T08:59:00.000Z'), missing)).toBe(ended);
    expect(chooseOccurrence([ended, next], at('2026-11-25T09:00:00.000Z'), missing)).toBe(next);
  });
  it('moves on once the recap is written', () => {
    const written = { ...missing, recapMissing: () => false };
    expect(chooseOccurrence([ended, next], at('2026-11-19T09:31:00.000Z'), written)).toBe(next);
  });
  it('never hides an occurrence in progress', () => {
    expect(chooseOccurrence([ended, next], at('2026-11-26T09:10:00.000Z'), missing)).toBe(next);
  });
  it('keeps the ended one when no next occurrence is known', () => {
    expect(chooseOccurrence([ended], at('2026-11-21T09:00:00.000Z'), missing)).toBe(ended);
  });
});

describe('originalStartOfOccurrenceId', () => {
  it('reads back the original start an occurrence id was made from', () => {
    const id = occurrenceIdFor('2026-11-26T09:00:00.000Z', 'meet:23456789012345');
    expect(originalStartOfOccurrenceId(id)?.toISOString()).toBe('2026-11-26T09:00:00.000Z');
  });

  it.each(['', 'not-an-id', '20261126T0900Z-short', '20261326T0900Z-0123456789abcdef'])('null for %p', (id) => {
    expect(originalStartOfOccurrenceId(id)).toBeNull();
  });
});
