import { createHash } from 'node:crypto';
import type { OccurrenceId } from '../contract';

/**
 * The id of one occurrence of a pair's 1:1 (see contract occurrenceIdSchema): the original start in UTC to the
 * minute, so ids sort by time and stay put when an occurrence is moved, plus 16 hex of sha256 of the series key,
 * so two series starting at the same minute never share a board. The series key must be the same in both
 * people's calendars (mailbox event ids are not).
 */
export function occurrenceIdFor(originalStartUtc: string | Date, seriesOrEventId: string): OccurrenceId {
  const start = typeof originalStartUtc === 'string' ? new Date(originalStartUtc) : originalStartUtc;
  if (Number.isNaN(start.getTime())) throw new RangeError(`not a date: ${String(originalStartUtc)}`);
  if (!seriesOrEventId) throw new RangeError('series or event id is empty');
  const iso = start.toISOString(); // 2026-11-26T09:00:00.000Z
  const stamp = `${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}T${iso.slice(11, 13)}${iso.slice(14, 16)}Z`;
  const hash = createHash('sha256').update(seriesOrEventId, 'utf8').digest('hex').slice(0, 16);
  return `${stamp}-${hash}`;
}

/** The original start an occurrence id was made from (see occurrenceIdFor), or null when it is not one. */
export function originalStartOfOccurrenceId(occurrenceId: string): Date | null {
  const match = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})Z-[0-9a-f]{16}$/.exec(occurrenceId);
  if (!match) return null;
  const [, y, mo, d, h, mi] = match.map(Number) as [number, number, number, number, number, number];
  const start = new Date(Date.UTC(y, mo - 1, d, h, mi));
  // Date.UTC rolls a 13th month or a 32nd day over; a real id never has one.
  const fits = start.getUTCMonth() === mo - 1 && start.getUTCDate() === d && start.getUTCHours() === h;
  return fits && start.getUTCMinutes() === mi ? start : null;
}

export interface TimeSpan {
  startUtc: string;
  endUtc: string;
}

/**
 * The occurrence a person means when they open a meeting's board: the one in progress, else the next one,
 * else the most recent past one. Null for an empty list.
 */
export function chooseOccurrence<T extends TimeSpan>(candidates: readonly T[], now: Date): T | null {
  const t = now.getTime();
  const start = (c: T): number => Date.parse(c.startUtc);
  const end = (c: T): number => Date.parse(c.endUtc);
  const latestStart = (a: T, b: T): T => (start(b) > start(a) ? b : a);
  const inProgress = candidates.filter((c) => start(c) <= t && t < end(c));
  if (inProgress.length > 0) return inProgress.reduce(latestStart);
  const upcoming = candidates.filter((c) => start(c) > t);
  if (upcoming.length > 0) return upcoming.reduce((a, b) => (start(b) < start(a) ? b : a));
  return candidates.length > 0 ? candidates.reduce(latestStart) : null;
}
