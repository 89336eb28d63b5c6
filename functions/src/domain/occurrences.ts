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
 * After a 1:1: its recap can still be written until the next occurrence's status-request lead time begins (so right
 * after the meeting, or the next morning). `recapMissing` says whether an ended occurrence has no recap yet.
 */
export interface AfterMeeting<T> {
  recapMissing: (occurrence: T) => boolean;
  leadTimeMs: number;
}

/**
 * The occurrence a person means when they open a meeting's board: the one in progress; else the latest ended one
 * while its recap is missing and the next one's lead time has not begun; else the next one; else the most recent
 * past one. Null for an empty list.
 */
export function chooseOccurrence<T extends TimeSpan>(
  candidates: readonly T[],
  now: Date,
  afterMeeting?: AfterMeeting<T>,
): T | null {
  const t = now.getTime();
  const inProgress = candidates.filter((c) => start(c) <= t && t < end(c));
  if (inProgress.length > 0) return inProgress.reduce(latestStart);
  const next = nextOccurrence(candidates, now);
  const ended = latestEnded(candidates, now);
  if (ended && afterMeeting && recapStillDue(ended, next, now, afterMeeting)) return ended;
  if (next) return next;
  return candidates.length > 0 ? candidates.reduce(latestStart) : null;
}

/** Whether an ended occurrence without a recap still comes first: until the next occurrence's lead time begins. */
export function recapStillDue<T extends TimeSpan>(
  ended: T,
  next: T | null,
  now: Date,
  afterMeeting: AfterMeeting<T>,
): boolean {
  if (end(ended) > now.getTime() || !afterMeeting.recapMissing(ended)) return false;
  return next === null || now.getTime() < start(next) - afterMeeting.leadTimeMs;
}

/** The first occurrence starting after `now`. */
export function nextOccurrence<T extends TimeSpan>(candidates: readonly T[], now: Date): T | null {
  const upcoming = candidates.filter((c) => start(c) > now.getTime());
  return upcoming.length > 0 ? upcoming.reduce((a, b) => (start(b) < start(a) ? b : a)) : null;
}

/** The latest occurrence that has ended by `now`. */
export function latestEnded<T extends TimeSpan>(candidates: readonly T[], now: Date): T | null {
  const ended = candidates.filter((c) => end(c) <= now.getTime());
  return ended.length > 0 ? ended.reduce(latestStart) : null;
}

const start = (c: TimeSpan): number => Date.parse(c.startUtc);
const end = (c: TimeSpan): number => Date.parse(c.endUtc);
const latestStart = <T extends TimeSpan>(a: T, b: T): T => (start(b) > start(a) ? b : a);
