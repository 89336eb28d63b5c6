import { TEXT_FIELD_IDS, RATING_FIELD_IDS, type Month, type OccurrenceId, type RecapTag } from '../contract';
import type { Board } from './board';
import { blockerLinesOf } from './blockers';
import type { MeetingFact, MonthRecord, ScheduledOccurrence, StatusFacts, WeekLoad } from './trendFacts';
import { monthOf } from './trendMonths';

/*
 * The facts of a month record are SET, never added: one fact per occurrence, one load per week. Setting what is
 * already there reports `changed: false`, so a retried recap or a re-run job writes nothing and counts nothing twice.
 */

export function emptyMonthRecord(month: Month): MonthRecord {
  return { month, facts: {}, weeks: {} };
}

/** `20261126T0900Z-…` → 2026-11-26T09:00:00.000Z: the occurrence's original start, which its id begins with. */
export function originalStartOf(occurrenceId: OccurrenceId): string {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})Z-/.exec(occurrenceId);
  if (!m) throw new RangeError(`not an occurrence id: ${occurrenceId}`);
  const [, y, mo, d, h, mi] = m.map(Number) as [number, number, number, number, number, number];
  return new Date(Date.UTC(y, mo - 1, d, h, mi)).toISOString();
}

const blank = (text: string): boolean => text.trim() === '';

/** A 1:1 was held when its board has a recap or any answer at all (any text field or rating, by either person). */
function wasHeld(board: Board | null): board is Board {
  if (!board) return false;
  if (board.recap) return true;
  return (
    TEXT_FIELD_IDS.some((id) => !blank(board.fields[id].text)) ||
    RATING_FIELD_IDS.some((id) => board.ratings[id].value !== null)
  );
}

function recapTagged(board: Board, tag: RecapTag): boolean {
  return board.recap?.lines.some((line) => line.tags.includes(tag)) ?? false;
}

/**
 * What one occurrence contributes to its month, or null while nothing is known (no board content, not cancelled,
 * meeting not over). Held wins over the calendar's cancelled flag: if the board has answers, they met anyway.
 * Otherwise the calendar's cancelled flag makes it cancelled, and a scheduled 1:1 whose end has passed is skipped.
 * A skipped or cancelled 1:1 has no answers and no nudges, even when a stray board exists; whether a status update
 * was requested and answered before it is kept, because that happened whatever became of the meeting.
 * The start is the board's meeting start, else the calendar's, else the original start the id carries.
 */
export function meetingFactOf(input: {
  occurrenceId: OccurrenceId;
  board: Board | null;
  scheduled: ScheduledOccurrence | null;
  status: StatusFacts;
  /** The recap's blocker lines marked resolved (store/blockerStore); none when absent. */
  resolvedBlockerLines?: readonly number[];
  now: Date;
}): MeetingFact | null {
  const { occurrenceId, board, scheduled, status, now } = input;
  const resolved = input.resolvedBlockerLines ?? [];
  const start = new Date(board?.meeting?.start ?? scheduled?.start ?? originalStartOf(occurrenceId)).toISOString();
  const base = { occurrenceId, start, statusRequested: status.requested, statusAnswered: status.answered };
  if (wasHeld(board)) {
    return {
      ...base,
      outcome: 'held',
      energy: board.ratings.energy.value,
      drain: board.ratings.drain.value,
      mood: board.ratings.mood.value,
      lifeLoad: board.ratings.lifeLoad.value,
      careerPulse: board.ratings.careerPulse.value,
      recognition: !blank(board.fields.unseenWork.text),
      statusNudges: board.statusGuard.nudgeCount,
      // "No blocker this week" names none, on purpose; the latest version of a corrected recap is what counts.
      blockerNamed: !board.recap?.noBlocker && recapTagged(board, 'blocker'),
      supportNeedNamed: recapTagged(board, 'supportNeed'),
      recapSavedAt: board.recap?.savedAt ?? null,
      openBlockerLines: blockerLinesOf(board.recap).filter((line) => !resolved.includes(line)),
    };
  }
  if (!scheduled) return null;
  const outcome = scheduled.cancelled ? 'cancelled' : Date.parse(scheduled.end) < now.getTime() ? 'skipped' : null;
  if (outcome === null) return null;
  return {
    ...base,
    outcome,
    energy: null,
    drain: null,
    mood: null,
    lifeLoad: null,
    careerPulse: null,
    recognition: false,
    statusNudges: 0,
    blockerNamed: false,
    supportNeedNamed: false,
    recapSavedAt: null,
    openBlockerLines: [],
  };
}

const FACT_KEYS = [
  'occurrenceId',
  'start',
  'outcome',
  'energy',
  'drain',
  'mood',
  'lifeLoad',
  'careerPulse',
  'recognition',
  'statusNudges',
  'statusRequested',
  'statusAnswered',
  'blockerNamed',
  'supportNeedNamed',
  'recapSavedAt',
] as const satisfies readonly (keyof MeetingFact)[];

/**
 * A fact as read back from the monthly table. A fact stored before energy and drain were rated has neither key: a
 * rating missing there is not stated (null), never a zero. Keys the fact no longer has (the old "a box was filled"
 * flags) are left behind, so the next write of the month drops them; `trends:rebuild` re-derives every fact.
 */
export function storedMeetingFact(stored: Omit<MeetingFact, 'energy' | 'drain'> & Partial<MeetingFact>): MeetingFact {
  const fact: Record<string, unknown> = Object.fromEntries(FACT_KEYS.map((key) => [key, stored[key] ?? null]));
  // Absent on facts recorded before blocker resolutions were kept: left absent (domain/trends openBlockersOf).
  if (Array.isArray(stored.openBlockerLines)) fact['openBlockerLines'] = [...stored.openBlockerLines];
  return fact as unknown as MeetingFact;
}

/** Field by field, so a fact read back from storage (keys in any order) equals the one derived again. */
function sameFact(a: MeetingFact, b: MeetingFact): boolean {
  return (
    FACT_KEYS.every((key) => a[key] === b[key]) &&
    String(a.openBlockerLines ?? 'absent') === String(b.openBlockerLines ?? 'absent')
  );
}

function sameWeek(a: WeekLoad, b: WeekLoad): boolean {
  return (
    a.weekStart === b.weekStart &&
    a.meetings === b.meetings &&
    a.meetingHours === b.meetingHours &&
    a.afterHoursMeetings === b.afterHoursMeetings &&
    (a.shortNoticeAfterHours ?? 0) === (b.shortNoticeAfterHours ?? 0) &&
    (a.eveningOrWeekend ?? 0) === (b.eveningOrWeekend ?? 0)
  );
}

/** Sets the occurrence's fact. A fact belongs to the UTC month of its start; any other record is a caller's bug. */
export function withFact(record: MonthRecord, fact: MeetingFact): { record: MonthRecord; changed: boolean } {
  if (monthOf(fact.start) !== record.month) {
    throw new RangeError(`fact of ${fact.occurrenceId} starts in ${monthOf(fact.start)}, not in ${record.month}`);
  }
  const current = record.facts[fact.occurrenceId];
  if (current && sameFact(current, fact)) return { record, changed: false };
  return { record: { ...record, facts: { ...record.facts, [fact.occurrenceId]: { ...fact } } }, changed: true };
}

/** Removes an occurrence's fact (it moved to another month, or nothing is known of it any more). */
export function withoutFact(
  record: MonthRecord,
  occurrenceId: OccurrenceId,
): { record: MonthRecord; changed: boolean } {
  if (!(occurrenceId in record.facts)) return { record, changed: false };
  const facts = { ...record.facts };
  delete facts[occurrenceId];
  return { record: { ...record, facts }, changed: true };
}

/** Sets one week's calendar load. A week belongs to the month its Monday (`weekStart`) falls in. */
export function withWeek(record: MonthRecord, week: WeekLoad): { record: MonthRecord; changed: boolean } {
  if (week.weekStart.slice(0, 7) !== record.month) {
    throw new RangeError(`week of ${week.weekStart} is not in ${record.month}`);
  }
  const current = record.weeks[week.weekStart];
  if (current && sameWeek(current, week)) return { record, changed: false };
  return { record: { ...record, weeks: { ...record.weeks, [week.weekStart]: { ...week } } }, changed: true };
}
