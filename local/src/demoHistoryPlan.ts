/**
 * The demo history as data (pure): which 1:1s of Megan's four series lie in the window, what happened in each (the
 * story in demoStory.ts), the boards typed through the board's own rules, the commitments and the weeks of calendar
 * load. demoHistory.ts writes it.
 *
 * The history is every weekly occurrence of each series, with the same occurrence ids the calendar gives them
 * (original start + the meeting's chat id), from the first day of the month eleven months back up to the last one
 * that has ended: the in-progress and upcoming 1:1s the demo opens are never part of it.
 */
import type { Commitment, Month, OccurrenceId, RatingFieldId, TextFieldId } from '@candor/functions/contract';
import { applyFieldEdit, applyRatingEdit, emptyBoard, type Board } from '@candor/functions/domain/board';
import { occurrenceIdFor } from '@candor/functions/domain/occurrences';
import { decideRecapSave } from '@candor/functions/domain/recap';
import type { WeekLoad } from '@candor/functions/domain/trendFacts';
import { monthsEndingAt } from '@candor/functions/domain/trends';
import type { PairKey } from '@candor/functions/application/trends';
import {
  DEMO_STORY_REPORTS,
  STORY_COMMITMENTS,
  heldBoardOf,
  outcomeOf,
  weekOf,
  type DemoReport,
  type HeldBoard,
  type Outcome,
  type Slot,
} from './demoStory';
import { DEMO_MANAGER_ID, DEMO_USER_IDS, demoTenantSeed } from './simulator/demoTenant';
import { guidFrom } from './simulator/ids';
import { oneOnOnes } from './simulator/oneOnOnes';
import { addDays, fromLocal, parseLocal, resolveTimeZone, withTime, type LocalDate } from './simulator/timeZones';
import type { SeedMeeting, TenantSeed } from './simulator/types';

export const HISTORY_MONTHS = 12;
const DAY_MS = 86_400_000;

export interface HistorySlot extends Slot {
  occurrenceId: OccurrenceId;
  start: Date;
  end: Date;
  subject: string;
  outcome: Outcome;
}

export interface PairHistory {
  report: DemoReport;
  pair: PairKey;
  /** Oldest first. */
  slots: HistorySlot[];
  weeks: WeekLoad[];
  commitments: Commitment[];
}

const monthIndex = (d: Date): number => d.getUTCFullYear() * 12 + d.getUTCMonth();

/** The occurrences of one weekly series that lie in [from, now] and have ended, with their calendar outcome. */
function seriesSlots(
  meeting: SeedMeeting,
  chatId: string,
  from: number,
  now: Date,
): Array<{ originalStart: number; start: number; end: number; calendarCancelled: boolean }> {
  const zone = resolveTimeZone(meeting.start.timeZone ?? 'UTC') ?? 'UTC';
  const first = parseLocal(meeting.start.dateTime ?? '');
  const last = parseLocal(meeting.end.dateTime ?? '');
  if (!first || !last || !chatId) throw new Error(`demo history: series ${meeting.key} has no start`);
  const duration = fromLocal(last, zone).getTime() - fromLocal(first, zone).getTime();
  // Weekly on the organizer's wall clock, as the series itself recurs (a daylight-saving change keeps the local time).
  const startOf = (k: number): number => fromLocal(withTime(addDays(first, 7 * k), first), zone).getTime();
  const cancelled = new Set(
    [...(meeting.cancelledOccurrences ?? []), ...(meeting.cancelledKeptByAttendees ?? [])].map((s) => Date.parse(s)),
  );
  const moved = new Map((meeting.exceptions ?? []).map((e) => [Date.parse(e.originalStart), e]));
  const found = [];
  for (let k = Math.floor((from - startOf(0)) / (7 * DAY_MS)) - 1; startOf(k) <= now.getTime(); k++) {
    const originalStart = startOf(k);
    const exception = moved.get(originalStart);
    const exceptionZone = resolveTimeZone(exception?.start.timeZone ?? '') ?? zone;
    const exStart = exception ? parseLocal(exception.start.dateTime ?? '') : undefined;
    const exEnd = exception ? parseLocal(exception.end.dateTime ?? '') : undefined;
    const start = exStart ? fromLocal(exStart, exceptionZone).getTime() : originalStart;
    const end = exEnd ? fromLocal(exEnd, exceptionZone).getTime() : start + duration;
    if (start < from || end > now.getTime()) continue;
    found.push({ originalStart, start, end, calendarCancelled: cancelled.has(originalStart) });
  }
  return found;
}

/** Mondays (as dates) from `from` to the last one before the current month. */
function historyMondays(fromMonth: string, now: Date): LocalDate[] {
  const [year, month] = fromMonth.split('-').map(Number) as [number, number];
  let day: LocalDate = { year, month, day: 1 };
  while (new Date(Date.UTC(day.year, day.month - 1, day.day)).getUTCDay() !== 1) day = addDays(day, 1);
  const mondays: LocalDate[] = [];
  const current = monthIndex(now);
  for (; day.year * 12 + day.month - 1 < current; day = addDays(day, 7)) mondays.push(day);
  return mondays;
}

const dateText = (d: LocalDate): string =>
  `${d.year}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;

/**
 * One pair's history: every weekly occurrence of `meeting` from the first day of `months` to the last that has
 * ended, with `report`'s story; pure, so two plans for the same `now` are equal.
 */
export function planPairHistory(input: {
  report: DemoReport;
  pair: PairKey;
  meeting: SeedMeeting;
  chatId: string;
  months: readonly Month[];
  now: Date;
}): PairHistory {
  const { report, pair, meeting, chatId, months, now } = input;
  const from = Date.parse(`${months[0]}-01T00:00:00.000Z`);
  const nowWeek =
    Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()) - ((now.getUTCDay() + 6) % 7) * DAY_MS;
  const raw = seriesSlots(meeting, chatId, from, now);
  const perMonth = new Map<number, number>();
  const slots = raw.map((r, i): HistorySlot => {
    const start = new Date(r.start);
    const monthsAgo = monthIndex(now) - monthIndex(start);
    const weekInMonth = perMonth.get(monthsAgo) ?? 0;
    perMonth.set(monthsAgo, weekInMonth + 1);
    const slot: Slot = { weeksAgo: raw.length - i, monthsAgo, weekInMonth };
    return {
      ...slot,
      occurrenceId: occurrenceIdFor(new Date(r.originalStart), chatId),
      start,
      end: new Date(r.end),
      subject: meeting.subject,
      // The calendar has the last word on a cancellation; otherwise the story decides.
      outcome: r.calendarCancelled ? 'cancelled' : outcomeOf(report, slot),
    };
  });
  const weeks = historyMondays(months[0] ?? '', now).map((monday): WeekLoad => {
    const mondayMs = Date.UTC(monday.year, monday.month - 1, monday.day);
    const monthsAgo = monthIndex(now) - (monday.year * 12 + monday.month - 1);
    return {
      weekStart: dateText(monday),
      ...weekOf(report, monthsAgo, Math.round((nowWeek - mondayMs) / (7 * DAY_MS))),
    };
  });
  return { report, pair, slots, weeks, commitments: commitmentsOf(report, pair, slots) };
}

/** The demo tenant's history: Megan's four 1:1 series over the last HISTORY_MONTHS months. */
export function planDemoHistory(now: Date, tenant: TenantSeed = demoTenantSeed(now)): PairHistory[] {
  const months = monthsEndingAt(now, HISTORY_MONTHS);
  return DEMO_STORY_REPORTS.map((report): PairHistory => {
    const reportId = DEMO_USER_IDS[report];
    const series = oneOnOnes(tenant).find((o) => o.managerId === DEMO_MANAGER_ID && o.reportId === reportId);
    const meeting = tenant.meetings.find((m) => m.key === series?.meetingKey);
    if (!series || !meeting) throw new Error(`demo history: no 1:1 series of Megan and ${report}`);
    const pair: PairKey = { tenantId: tenant.tenantId, managerId: DEMO_MANAGER_ID, reportId };
    return planPairHistory({ report, pair, meeting, chatId: series.chatId, months, now });
  });
}

function commitmentsOf(report: DemoReport, pair: PairKey, slots: readonly HistorySlot[]): Commitment[] {
  const held = (weeksAgo: number | null): HistorySlot | undefined =>
    weeksAgo === null ? undefined : slots.find((s) => s.weeksAgo === weeksAgo && s.outcome === 'held');
  return STORY_COMMITMENTS[report].flatMap((c): Commitment[] => {
    const made = held(c.createdWeeksAgo);
    const done = held(c.doneWeeksAgo);
    if (!made || (c.doneWeeksAgo !== null && !done)) return [];
    const createdAt = new Date(made.start.getTime() + 25 * 60_000);
    return [
      {
        id: guidFrom(`candor-demo-history:${report}:${c.key}`),
        text: c.text,
        dueDate:
          c.dueInDays === null ? null : new Date(createdAt.getTime() + c.dueInDays * DAY_MS).toISOString().slice(0, 10),
        status: done ? 'done' : 'open',
        fromSupportAsk: c.supportAsk !== null,
        createdIn: made.occurrenceId,
        createdAt: createdAt.toISOString(),
        createdBy: pair.managerId,
        closedIn: done ? done.occurrenceId : null,
        closedAt: done ? new Date(done.start.getTime() + 10 * 60_000).toISOString() : null,
        revision: done ? 2 : 1,
      },
    ];
  });
}

/** A held 1:1's board, typed field by field through the board's own rules (the status guard counts its nudges). */
export function boardOf(history: PairHistory, slot: HistorySlot): Board {
  const content: HeldBoard = heldBoardOf(history.report, slot);
  const ask = STORY_COMMITMENTS[history.report].find((c) => c.createdWeeksAgo === slot.weeksAgo && c.supportAsk);
  const report = { ...content.report, ...(ask?.supportAsk ? { support: ask.supportAsk } : {}) };
  const { managerId, reportId } = history.pair;
  const at = (minutes: number): Date => new Date(slot.start.getTime() + minutes * 60_000);
  let board = emptyBoard({ subject: slot.subject, start: slot.start.toISOString(), end: slot.end.toISOString() });
  let minute = 2;
  const type = (fieldId: TextFieldId, text: string | undefined, role: 'manager' | 'report'): void => {
    if (!text) return;
    const editorId = role === 'manager' ? managerId : reportId;
    const decision = applyFieldEdit(board, {
      fieldId,
      text,
      baseRevision: board.fields[fieldId].revision,
      editorId,
      editorRole: role,
      now: at(minute++),
    });
    if (decision.kind !== 'saved') throw new Error(`demo history: ${fieldId} not saved (${decision.kind})`);
    board = decision.board;
  };
  for (const [id, text] of Object.entries(report)) type(id as TextFieldId, text, 'report');
  for (const [id, text] of Object.entries(content.manager)) type(id as TextFieldId, text, 'manager');
  for (const ratingId of [
    'mood',
    'lifeLoad',
    'careerPulse',
    'energy',
    'drain',
  ] as const satisfies readonly RatingFieldId[]) {
    const value = content[ratingId];
    if (value === null) continue;
    const decision = applyRatingEdit(board, {
      ratingId,
      value,
      baseRevision: board.ratings[ratingId].revision,
      editorId: reportId,
      editorRole: 'report',
      now: at(minute++),
    });
    if (decision.kind !== 'saved') throw new Error(`demo history: ${ratingId} not saved (${decision.kind})`);
    board = decision.board;
  }
  if (content.recap) {
    const claimId = `candor-recap:demo-history:${slot.occurrenceId}`;
    const decision = decideRecapSave(
      board,
      { lines: content.recap },
      {
        by: managerId,
        now: at(28),
        claimIdFor: () => claimId,
      },
    );
    if (decision.kind !== 'save') throw new Error(`demo history: recap not saved (${decision.kind})`);
    // The recap emails of the past went out back then.
    board = {
      ...decision.board,
      recapMail: { claimId, senderId: managerId, state: 'sent', attempts: 1, leaseUntil: null },
    };
  }
  return board;
}
