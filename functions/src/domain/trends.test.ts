import type { Commitment, Month, MonthTrend, Person, RatingValue, TrendSharing } from '../contract';
import { DEFAULT_TREND_SHARING, NOT_SHARED } from '../contract';
import { emptyBoard, type Board } from './board';
import { occurrenceIdFor } from './occurrences';
import type { CommitmentFact, MeetingFact, MonthRecord, ScheduledOccurrence, WeekLoad } from './trendFacts';
import {
  commitmentFactOf,
  emptyMonthRecord,
  meetingFactOf,
  monthOf,
  monthsEndingAt,
  openBlockersOf,
  openCommitmentsOf,
  pairTrendOf,
  storedMeetingFact,
  withFact,
  withoutFact,
  withWeek,
} from './trends';

const SERIES = '19:meeting_weekly@thread.v2';
const MANAGER: Person = { id: '11111111-1111-4111-8111-111111111111', displayName: 'Mia Manager' };
const REPORT: Person = { id: '22222222-2222-4222-8222-222222222222', displayName: 'Ravi Report' };
const NOW = new Date('2026-11-26T12:00:00.000Z');
const NO_STATUS = { requested: false, answered: false };
const WINDOW = monthsEndingAt(NOW, 12);

/** The 1:1 of a given UTC day at 09:00. */
const occ = (day: string): string => occurrenceIdFor(`${day}T09:00:00.000Z`, SERIES);
const scheduledOn = (day: string, cancelled = false): ScheduledOccurrence => ({
  occurrenceId: occ(day),
  start: `${day}T09:00:00.000Z`,
  end: `${day}T09:30:00.000Z`,
  cancelled,
});

interface Answers {
  energizing?: string;
  draining?: string;
  support?: string;
  unseenWork?: string;
  energizingNote?: string;
  mood?: RatingValue | null;
  lifeLoad?: RatingValue | null;
  careerPulse?: RatingValue | null;
  energy?: RatingValue | null;
  drain?: RatingValue | null;
  nudges?: number;
  recap?: { tags: ('blocker' | 'supportNeed' | 'learning')[]; savedAt: string };
}

function boardOn(day: string | null, a: Answers): Board {
  const board = emptyBoard(day ? { subject: '1:1', start: `${day}T09:05:00.000Z`, end: `${day}T09:35:00.000Z` } : null);
  for (const id of ['energizing', 'draining', 'support', 'unseenWork', 'energizingNote'] as const) {
    const text = a[id];
    if (text !== undefined) board.fields[id] = { ...board.fields[id], text, revision: 1 };
  }
  for (const id of ['mood', 'lifeLoad', 'careerPulse', 'energy', 'drain'] as const) {
    const value = a[id];
    if (value !== undefined) board.ratings[id] = { ...board.ratings[id], value, revision: 1 };
  }
  board.statusGuard = { nudgedFields: [], nudgeCount: a.nudges ?? 0 };
  if (a.recap) {
    board.recap = {
      lines: [
        { text: 'First line', tags: a.recap.tags },
        { text: 'Second line', tags: ['learning'] },
      ],
      savedBy: MANAGER.id,
      savedAt: a.recap.savedAt,
    };
  }
  return board;
}

/** A held 1:1 on `day` with the given answers, as the recorder would derive it. */
function held(day: string, a: Answers): MeetingFact {
  const fact = meetingFactOf({
    occurrenceId: occ(day),
    board: boardOn(day, a),
    scheduled: scheduledOn(day),
    status: NO_STATUS,
    now: NOW,
  });
  if (!fact) throw new Error('expected a fact');
  return fact;
}

function missed(day: string, cancelled: boolean): MeetingFact {
  const fact = meetingFactOf({
    occurrenceId: occ(day),
    board: null,
    scheduled: scheduledOn(day, cancelled),
    status: NO_STATUS,
    now: NOW,
  });
  if (!fact) throw new Error('expected a fact');
  return fact;
}

/** A held 1:1 whose recap named a blocker on line 0, with `resolved` lines marked resolved. */
function heldResolved(day: string, resolved: number[]): MeetingFact {
  const fact = meetingFactOf({
    occurrenceId: occ(day),
    board: boardOn(day, { recap: { tags: ['blocker'], savedAt: `${day}T09:40:00.000Z` } }),
    scheduled: scheduledOn(day),
    status: NO_STATUS,
    resolvedBlockerLines: resolved,
    now: NOW,
  });
  if (!fact) throw new Error('expected a fact');
  return fact;
}

/** A board closed with both recap lines tagged blocker, or (noBlocker) with the explicit "no blocker this week". */
function twoBlockers(day: string, noBlocker: boolean): Board {
  const board = boardOn(day, {
    recap: { tags: noBlocker ? ['learning'] : ['blocker'], savedAt: `${day}T09:40:00.000Z` },
  });
  if (!board.recap) throw new Error('expected a recap');
  board.recap = {
    ...board.recap,
    lines: [board.recap.lines[0], { text: 'Second', tags: noBlocker ? ['supportNeed'] : ['blocker', 'learning'] }],
    ...(noBlocker ? { noBlocker: true } : {}),
  };
  return board;
}

/** Month records from facts, through withFact like the recorder. */
function recordsOf(facts: readonly MeetingFact[], weeks: readonly WeekLoad[] = []): MonthRecord[] {
  const records = new Map<Month, MonthRecord>();
  const get = (month: Month): MonthRecord => records.get(month) ?? emptyMonthRecord(month);
  for (const fact of facts) records.set(monthOf(fact.start), withFact(get(monthOf(fact.start)), fact).record);
  for (const week of weeks)
    records.set(week.weekStart.slice(0, 7), withWeek(get(week.weekStart.slice(0, 7)), week).record);
  return [...records.values()];
}

function trend(
  records: readonly MonthRecord[],
  opts: {
    audience?: 'manager' | 'report';
    sharing?: TrendSharing;
    commitments?: CommitmentFact[];
    months?: Month[];
    now?: Date;
  } = {},
) {
  return pairTrendOf({
    manager: MANAGER,
    report: REPORT,
    audience: opts.audience ?? 'manager',
    sharing: opts.sharing ?? DEFAULT_TREND_SHARING,
    months: opts.months ?? WINDOW,
    records,
    commitments: opts.commitments ?? [],
    now: opts.now ?? NOW,
  });
}

/** The first morning of December: November, the window's last month, is a whole month by then. */
const NOVEMBER_ENDED = new Date('2026-12-01T08:00:00.000Z');

const monthIn = (months: readonly MonthTrend[], month: Month): MonthTrend => {
  const found = months.find((m) => m.month === month);
  if (!found) throw new Error(`no ${month}`);
  return found;
};

describe('monthOf and monthsEndingAt', () => {
  it('takes the UTC month, also across a year and from a Date', () => {
    expect(monthOf('2026-11-30T23:30:00.000-02:00')).toBe('2026-12');
    expect(monthOf(new Date('2026-01-01T00:00:00.000Z'))).toBe('2026-01');
    expect(() => monthOf('not a date')).toThrow(RangeError);
  });

  it('lists months oldest first, ending with now’s month, across a year boundary', () => {
    expect(monthsEndingAt(new Date('2026-02-28T23:59:00.000Z'), 4)).toEqual([
      '2025-11',
      '2025-12',
      '2026-01',
      '2026-02',
    ]);
    expect(monthsEndingAt(NOW, 12)).toHaveLength(12);
    expect(monthsEndingAt(NOW, 12)[0]).toBe('2025-12');
    expect(monthsEndingAt(NOW, 0)).toEqual([]);
  });
});

describe('meetingFactOf', () => {
  it('reads a held 1:1: ratings as values (never whether a box was filled), nudges and the recap’s tags', () => {
    const fact = held('2026-11-05', {
      energizing: 'The migration',
      draining: 'Nothing really',
      support: 'Time with the platform lead',
      unseenWork: 'You fixed the on-call runbook',
      mood: 4,
      lifeLoad: 'preferNot',
      energy: 2,
      nudges: 2,
      recap: { tags: ['blocker', 'supportNeed'], savedAt: '2026-11-05T09:40:00.000Z' },
    });
    expect(fact).toEqual({
      occurrenceId: occ('2026-11-05'),
      start: '2026-11-05T09:05:00.000Z', // the board's meeting start wins
      outcome: 'held',
      mood: 4,
      lifeLoad: 'preferNot',
      careerPulse: null,
      energy: 2,
      drain: null, // a draining answer typed, but no rating stated

      recognition: true,
      statusNudges: 2,
      statusRequested: false,
      statusAnswered: false,
      blockerNamed: true,
      supportNeedNamed: true,
      recapSavedAt: '2026-11-05T09:40:00.000Z',
      openBlockerLines: [0],
    });
  });

  it('counts energy and drain only as rated: "nothing energizes me" typed is not energy, a blank box not a fall', () => {
    const typedOnly = held('2026-11-05', { energizing: 'Nothing energizes me', draining: 'Everything', mood: 3 });
    expect(typedOnly).toMatchObject({ outcome: 'held', energy: null, drain: null });
    const t = trend(recordsOf([typedOnly, held('2026-11-12', { energy: 1 })]), { audience: 'report' });
    expect(monthIn(t.months, '2026-11').energy).toEqual({
      average: 1,
      answered: 1,
      preferNot: 0,
      ratedIn: [occ('2026-11-12')],
    });
    expect(monthIn(t.months, '2026-11').drain).toEqual({ average: null, answered: 0, preferNot: 0, ratedIn: [] });
  });

  it('reads a fact stored before energy and drain were rated as not stated, never as zero', () => {
    const rated = held('2026-11-05', { mood: 4, energy: 5, drain: 5 });
    const stored = Object.fromEntries(Object.entries(rated).filter(([key]) => key !== 'energy' && key !== 'drain'));
    const fact = storedMeetingFact(stored as Omit<MeetingFact, 'energy' | 'drain'>);
    expect(fact).toMatchObject({ mood: 4, energy: null, drain: null });
    const month = monthIn(trend(recordsOf([fact]), { audience: 'report' }).months, '2026-11');
    expect(month.energy).toEqual({ average: null, answered: 0, preferNot: 0, ratedIn: [] });
    expect(month.drain).toEqual({ average: null, answered: 0, preferNot: 0, ratedIn: [] });
  });

  it('counts a board with only a recap, or only a manager’s note, as held', () => {
    const recapOnly = held('2026-11-05', { recap: { tags: ['learning'], savedAt: '2026-11-05T09:40:00.000Z' } });
    expect(recapOnly).toMatchObject({ outcome: 'held', blockerNamed: false, supportNeedNamed: false });
    expect(held('2026-11-12', { energizingNote: 'Ask about the demo' }).outcome).toBe('held');
    expect(held('2026-11-19', { careerPulse: 'preferNot' })).toMatchObject({
      outcome: 'held',
      careerPulse: 'preferNot',
    });
  });

  it('takes the start from the board, else the calendar, else the occurrence id', () => {
    const scheduled = {
      ...scheduledOn('2026-11-05'),
      start: '2026-11-06T10:00:00.000Z',
      end: '2026-11-06T10:30:00.000Z',
    };
    const base = { occurrenceId: occ('2026-11-05'), status: NO_STATUS, now: NOW };
    const answered = { energizing: 'x' };
    expect(meetingFactOf({ ...base, board: boardOn('2026-11-07', answered), scheduled })?.start).toBe(
      '2026-11-07T09:05:00.000Z',
    );
    expect(meetingFactOf({ ...base, board: boardOn(null, answered), scheduled })?.start).toBe(
      '2026-11-06T10:00:00.000Z',
    );
    expect(meetingFactOf({ ...base, board: boardOn(null, answered), scheduled: null })?.start).toBe(
      '2026-11-05T09:00:00.000Z',
    );
  });

  it('lets held win over the calendar’s cancelled flag: they met anyway', () => {
    const fact = meetingFactOf({
      occurrenceId: occ('2026-11-05'),
      board: boardOn('2026-11-05', { mood: 3 }),
      scheduled: scheduledOn('2026-11-05', true),
      status: NO_STATUS,
      now: NOW,
    });
    expect(fact?.outcome).toBe('held');
  });

  it('makes a cancelled 1:1 with a stray, unanswered board cancelled with no answers, keeping its status request', () => {
    const stray = boardOn('2026-11-05', { draining: '  ', nudges: 1 });
    const fact = meetingFactOf({
      occurrenceId: occ('2026-11-05'),
      board: stray,
      scheduled: scheduledOn('2026-11-05', true),
      status: { requested: true, answered: true },
      now: NOW,
    });
    expect(fact).toMatchObject({
      outcome: 'cancelled',
      energy: null,
      drain: null,
      mood: null,
      lifeLoad: null,
      careerPulse: null,
      recognition: false,
      statusNudges: 0,
      statusRequested: true,
      statusAnswered: true,
      blockerNamed: false,
      recapSavedAt: null,
    });
  });

  it('makes a scheduled 1:1 skipped once its end has passed, and knows nothing before', () => {
    const scheduled = scheduledOn('2026-11-26');
    const at = (iso: string) =>
      meetingFactOf({
        occurrenceId: occ('2026-11-26'),
        board: emptyBoard(),
        scheduled,
        status: NO_STATUS,
        now: new Date(iso),
      });
    expect(at('2026-11-26T09:15:00.000Z')).toBeNull(); // in progress, nothing on the board yet
    expect(at('2026-11-26T09:30:00.000Z')).toBeNull(); // ends exactly now: not yet over
    expect(at('2026-11-26T09:30:00.001Z')?.outcome).toBe('skipped');
  });

  it('knows nothing of an occurrence with neither board content nor a calendar record', () => {
    expect(
      meetingFactOf({ occurrenceId: occ('2026-11-05'), board: null, scheduled: null, status: NO_STATUS, now: NOW }),
    ).toBeNull();
    expect(
      meetingFactOf({
        occurrenceId: occ('2026-11-05'),
        board: emptyBoard(),
        scheduled: null,
        status: NO_STATUS,
        now: NOW,
      }),
    ).toBeNull();
  });
});

describe('withFact, withoutFact and withWeek (set semantics)', () => {
  const fact = held('2026-11-05', { energizing: 'x', mood: 4 });

  it('does not change a record when the same fact is set again, even with its keys in another order', () => {
    const first = withFact(emptyMonthRecord('2026-11'), fact);
    expect(first.changed).toBe(true);
    const again = withFact(first.record, fact);
    expect(again).toEqual({ record: first.record, changed: false });
    const reordered = Object.fromEntries(Object.entries(fact).reverse()) as unknown as MeetingFact;
    expect(withFact(first.record, reordered).changed).toBe(false);
  });

  it('replaces a changed fact without touching the record it was given', () => {
    const first = withFact(emptyMonthRecord('2026-11'), fact).record;
    const moodChanged = { ...fact, mood: 2 as const };
    const second = withFact(first, moodChanged);
    expect(second.changed).toBe(true);
    expect(second.record.facts[fact.occurrenceId]?.mood).toBe(2);
    expect(first.facts[fact.occurrenceId]?.mood).toBe(4);
    expect(Object.keys(second.record.facts)).toHaveLength(1);
  });

  it('refuses a fact of another month', () => {
    expect(() => withFact(emptyMonthRecord('2026-10'), fact)).toThrow(RangeError);
  });

  it('removes a fact once, then reports nothing changed', () => {
    const record = withFact(emptyMonthRecord('2026-11'), fact).record;
    const removed = withoutFact(record, fact.occurrenceId);
    expect(removed.changed).toBe(true);
    expect(removed.record.facts).toEqual({});
    expect(withoutFact(removed.record, fact.occurrenceId).changed).toBe(false);
  });

  it('sets a week once; a changed count replaces it; a week of another month is refused', () => {
    const week: WeekLoad = { weekStart: '2026-11-02', meetings: 12, meetingHours: 9.5, afterHoursMeetings: 2 };
    const first = withWeek(emptyMonthRecord('2026-11'), week);
    expect(first.changed).toBe(true);
    expect(withWeek(first.record, { ...week })).toEqual({ record: first.record, changed: false });
    const changed = withWeek(first.record, { ...week, afterHoursMeetings: 3 });
    expect(changed.changed).toBe(true);
    expect(changed.record.weeks['2026-11-02']?.afterHoursMeetings).toBe(3);
    expect(() => withWeek(emptyMonthRecord('2026-10'), week)).toThrow(RangeError);
  });
});

describe('open commitments and blockers', () => {
  const commitment = (
    id: string,
    createdAt: string,
    dueDate: string | null,
    status: Commitment['status'] = 'open',
  ): CommitmentFact => ({
    id,
    text: `commitment ${id}`,
    createdIn: occ(createdAt.slice(0, 10)),
    createdAt,
    dueDate,
    status,
    closedAt: status === 'open' ? null : '2026-11-20T09:00:00.000Z',
    fromSupportAsk: true,
  });

  it('keeps what trends need of a commitment', () => {
    const full: Commitment = {
      id: '00000000-0000-4000-8000-000000000001',
      text: 'I will review your design doc',
      dueDate: '2026-12-04',
      status: 'open',
      fromSupportAsk: true,
      createdIn: occ('2026-11-19'),
      createdAt: '2026-11-19T09:20:00.000Z',
      createdBy: MANAGER.id,
      closedIn: null,
      closedAt: null,
      revision: 3,
    };
    expect(commitmentFactOf(full)).toEqual({
      id: full.id,
      text: full.text,
      createdIn: full.createdIn,
      createdAt: full.createdAt,
      dueDate: '2026-12-04',
      status: 'open',
      closedAt: null,
      fromSupportAsk: true,
    });
  });

  it('lists open ones oldest first with whole-day ages; overdue only after the due day', () => {
    const open = openCommitmentsOf(
      [
        commitment('b', '2026-11-19T09:20:00.000Z', '2026-11-26'), // due today: not overdue
        commitment('a', '2026-10-01T12:00:01.000Z', '2026-11-25'), // due yesterday: overdue
        commitment('c', '2026-11-25T13:00:00.000Z', null), // no due date: never overdue
        commitment('d', '2026-09-01T09:00:00.000Z', '2026-09-05', 'done'),
      ],
      NOW,
    );
    expect(open.map((c) => [c.id, c.ageDays, c.overdue])).toEqual([
      ['a', 55, true], // 55 days minus one second
      ['b', 7, false],
      ['c', 0, false],
    ]);
  });

  it('keeps a blocker open until it is marked resolved, whatever later recaps say', () => {
    const named = held('2026-10-01', { recap: { tags: ['blocker'], savedAt: '2026-10-01T09:40:00.000Z' } });
    const noRecap = held('2026-10-08', { energizing: 'x' });
    const skipped = missed('2026-10-15', false);
    const reviewed = held('2026-10-22', { recap: { tags: ['learning'], savedAt: '2026-10-22T09:40:00.000Z' } });
    expect(openBlockersOf([noRecap, named, skipped, reviewed], NOW)).toEqual([
      { occurrenceId: named.occurrenceId, line: 0, namedAt: '2026-10-01T09:40:00.000Z', ageDays: 56, overdue: true },
    ]);
    const resolved = heldResolved('2026-10-01', [0]);
    expect(resolved.openBlockerLines).toEqual([]);
    expect(openBlockersOf([resolved, noRecap, skipped, reviewed], NOW)).toEqual([]);
  });

  it('lists each blocker line of a recap apart, and none for a recap that said "no blocker this week"', () => {
    const both = meetingFactOf({
      occurrenceId: occ('2026-11-05'),
      board: twoBlockers('2026-11-05', false),
      scheduled: scheduledOn('2026-11-05'),
      status: NO_STATUS,
      resolvedBlockerLines: [1],
      now: NOW,
    });
    expect(both?.openBlockerLines).toEqual([0]);
    const none = meetingFactOf({
      occurrenceId: occ('2026-11-05'),
      board: twoBlockers('2026-11-05', true),
      scheduled: scheduledOn('2026-11-05'),
      status: NO_STATUS,
      now: NOW,
    });
    expect(none).toMatchObject({ blockerNamed: false, openBlockerLines: [] });
    expect(openBlockersOf(none ? [none] : [], NOW)).toEqual([]);
  });

  it('makes a blocker overdue only past BLOCKER_REVIEW_DAYS (21) days', () => {
    const at21 = held('2026-11-05', { recap: { tags: ['blocker'], savedAt: '2026-11-05T12:00:00.000Z' } });
    expect(openBlockersOf([at21], NOW)[0]).toMatchObject({ ageDays: 21, overdue: false });
    expect(openBlockersOf([at21], new Date('2026-11-27T12:00:00.000Z'))[0]).toMatchObject({
      ageDays: 22,
      overdue: true,
    });
  });
});

describe('pairTrendOf', () => {
  it('answers with zeros and no signals when there is no data at all', () => {
    const t = trend([]);
    expect(t.months.map((m) => m.month)).toEqual(WINDOW);
    for (const m of t.months) {
      expect(m).toMatchObject({
        scheduled: 0,
        held: 0,
        nudgesPerMeeting: null,
        calendar: null,
        meetings: [],
      });
      expect(m.mood).toEqual({ average: null, answered: 0, preferNot: 0, ratedIn: [] });
      expect(m.energy).toEqual({ average: null, answered: 0, preferNot: 0, ratedIn: [] });
      expect(m.drain).toEqual({ average: null, answered: 0, preferNot: 0, ratedIn: [] });
    }
    expect(t).toMatchObject({
      signals: [],
      openCommitments: [],
      openBlockers: [],
      lastHeld: null,
      audience: 'manager',
    });
  });

  it('derives a month’s figures from its facts, weeks and commitments', () => {
    const facts = [
      held('2026-11-05', {
        energizing: 'a',
        draining: 'b',
        mood: 4,
        lifeLoad: 3,
        careerPulse: 5,
        energy: 4,
        drain: 2,
        nudges: 1,
        unseenWork: 'thanks',
      }),
      held('2026-11-12', {
        energizing: 'a',
        support: 'c',
        mood: 3,
        lifeLoad: 'preferNot',
        energy: 2,
        drain: 'preferNot',
        nudges: 0,
      }),
      held('2026-11-19', {
        draining: 'b', // typed, not rated: not a drain figure
        mood: 3,
        careerPulse: 4,
        recap: { tags: ['blocker', 'supportNeed'], savedAt: '2026-11-19T09:40:00.000Z' },
      }),
      missed('2026-11-26', false),
      missed('2026-11-02', true),
    ];
    facts[1] = { ...facts[1]!, statusRequested: true, statusAnswered: true };
    facts[2] = { ...facts[2]!, statusRequested: true };
    const weeks = [
      { weekStart: '2026-11-02', meetings: 10, meetingHours: 7.25, afterHoursMeetings: 1 },
      { weekStart: '2026-11-09', meetings: 12, meetingHours: 8.1, afterHoursMeetings: 2 },
    ];
    const commitments: CommitmentFact[] = [
      {
        id: 'x',
        text: 'x',
        createdIn: occ('2026-10-29'),
        createdAt: '2026-10-29T09:10:00.000Z',
        dueDate: null,
        status: 'done',
        closedAt: '2026-11-12T09:10:00.000Z',
        fromSupportAsk: true,
      },
      {
        id: 'y',
        text: 'y',
        createdIn: occ('2026-11-12'),
        createdAt: '2026-11-12T09:10:00.000Z',
        dueDate: null,
        status: 'dropped',
        closedAt: '2026-11-19T09:10:00.000Z',
        fromSupportAsk: false,
      },
    ];
    const t = trend(recordsOf(facts, weeks), { commitments, audience: 'report' });
    const nov = monthIn(t.months, '2026-11');
    expect(nov).toMatchObject({
      scheduled: 5,
      held: 3,
      skipped: 1,
      cancelled: 1,
      energy: { average: 3, answered: 2, preferNot: 0, ratedIn: [occ('2026-11-05'), occ('2026-11-12')] },
      drain: { average: 2, answered: 1, preferNot: 1, ratedIn: [occ('2026-11-05')] },
      mood: { average: 3.33, answered: 3, preferNot: 0 },
      lifeLoad: { average: 3, answered: 1, preferNot: 1 },
      careerPulse: { average: 4.5, answered: 2, preferNot: 0 },
      recognitions: 1,
      statusNudges: 1,
      nudgesPerMeeting: 0.33,
      statusRequested: 2,
      statusAnswered: 1,
      blockersNamed: 1,
      supportNeedsNamed: 1,
      commitmentsOpened: 1, // y; x was made in October
      commitmentsDone: 1, // x; y was dropped
      calendar: { weeks: 2, meetingHours: 15.35, meetings: 22, afterHoursMeetings: 3 },
    });
    expect(nov.meetings.map((r) => [r.occurrenceId, r.outcome])).toEqual([
      [occ('2026-11-02'), 'cancelled'],
      [occ('2026-11-05'), 'held'],
      [occ('2026-11-12'), 'held'],
      [occ('2026-11-19'), 'held'],
      [occ('2026-11-26'), 'skipped'],
    ]);
    expect(monthIn(t.months, '2026-10').commitmentsOpened).toBe(1);
    expect(t.lastHeld).toBe('2026-11-19T09:05:00.000Z');
    expect(t.openBlockers.map((b) => b.occurrenceId)).toEqual([occ('2026-11-19')]);
  });

  it('leaves calendar load out when the report switched it off', () => {
    const records = recordsOf([], [{ weekStart: '2026-11-02', meetings: 10, meetingHours: 7, afterHoursMeetings: 4 }]);
    const off = { ...DEFAULT_TREND_SHARING, calendarLoad: false };
    expect(monthIn(trend(records, { sharing: off, audience: 'report' }).months, '2026-11').calendar).toBeNull();
    expect(monthIn(trend(records).months, '2026-11').calendar).toMatchObject({ afterHoursMeetings: 4 });
  });

  it('counts scrambles and evening meetings per month, and neither they nor their signal exist once switched off', () => {
    const scrambling = (weekStart: string, shortNoticeAfterHours: number) => ({
      weekStart,
      meetings: 12,
      meetingHours: 9,
      afterHoursMeetings: shortNoticeAfterHours + 1,
      shortNoticeAfterHours,
      eveningOrWeekend: shortNoticeAfterHours,
    });
    const records = recordsOf(
      [],
      [scrambling('2026-10-05', 1), scrambling('2026-11-02', 3), scrambling('2026-11-09', 2)],
    );
    const on = trend(records);
    expect(monthIn(on.months, '2026-11').calendar).toMatchObject({
      weeks: 2,
      afterHoursMeetings: 7,
      shortNoticeAfterHours: 5,
      eveningOrWeekendMeetings: 5,
    });
    expect(on.signals.find((s) => s.kind === 'afterHoursRising')?.why).toMatch(
      /^5 meetings booked under 24 h ahead outside working hours in Nov, 1 in Oct/,
    );
    const off = trend(records, { sharing: { ...DEFAULT_TREND_SHARING, calendarLoad: false } });
    expect(off.months.every((m) => m.calendar === null)).toBe(true);
    expect(off.signals.map((s) => s.kind)).not.toContain('afterHoursRising');
  });

  it('handles a window of one month', () => {
    const t = trend(recordsOf([held('2026-11-05', { energy: 5, mood: 1, lifeLoad: 5 })]), {
      months: ['2026-11'],
    });
    expect(t.months).toHaveLength(1);
    expect(t.months[0]).toMatchObject({
      held: 1,
      energy: { average: 5, answered: 1, preferNot: 0 },
      mood: { average: 1, answered: 1, preferNot: 0 },
    });
    expect(t.signals).toEqual([]);
  });

  it('counts "prefer not to say" apart and never as a number', () => {
    const facts = ['2026-09-03', '2026-10-01', '2026-11-05'].map((day) =>
      held(day, { mood: 'preferNot', lifeLoad: 'preferNot' }),
    );
    const t = trend(recordsOf(facts), { audience: 'report' });
    for (const month of ['2026-09', '2026-10', '2026-11']) {
      expect(monthIn(t.months, month).mood).toEqual({ average: null, answered: 0, preferNot: 1, ratedIn: [] });
      expect(monthIn(t.months, month).lifeLoad).toEqual({ average: null, answered: 0, preferNot: 1, ratedIn: [] });
    }
    expect(t.signals).toEqual([]);
  });

  describe('what the manager sees of answers the report did not share', () => {
    const falling = recordsOf([
      held('2026-09-03', { energy: 5, drain: 1, mood: 4, lifeLoad: 3 }),
      held('2026-10-01', { energy: 4, drain: 2, mood: 3, lifeLoad: 3 }),
      held('2026-11-05', { energy: 3, drain: 3, mood: 2, lifeLoad: 5 }),
    ]);
    const hidden: TrendSharing = {
      shareMood: false,
      shareLifeLoad: false,
      shareEnergy: false,
      shareDrain: false,
      calendarLoad: true,
    };

    it('says notShared to the manager and cannot fire a rating signal for them', () => {
      const managerView = trend(falling, { sharing: hidden, now: NOVEMBER_ENDED });
      for (const m of managerView.months) {
        expect(m.mood).toBe(NOT_SHARED);
        expect(m.lifeLoad).toBe(NOT_SHARED);
        expect(m.energy).toBe(NOT_SHARED);
        expect(m.drain).toBe(NOT_SHARED);
      }
      expect(managerView.signals).toEqual([]);
      expect(JSON.stringify(managerView)).not.toMatch(/"average":[2345]/);
    });

    it('shows the report their own numbers and the signal they fire', () => {
      const own = trend(falling, { sharing: hidden, audience: 'report', now: NOVEMBER_ENDED });
      expect(monthIn(own.months, '2026-11').mood).toMatchObject({ average: 2, answered: 1, preferNot: 0 });
      expect(monthIn(own.months, '2026-11').energy).toEqual({
        average: 3,
        answered: 1,
        preferNot: 0,
        ratedIn: [occ('2026-11-05')],
      });
      expect(own.signals.map((s) => s.kind)).toEqual([
        'energyFalling',
        'drainRising',
        'moodFalling',
        'lifeLoadHighEnergyFalling',
      ]);
      // While November is still in progress, its one 1:1 is not yet a month that fell.
      expect(trend(falling, { sharing: hidden, audience: 'report' }).signals).toEqual([]);
    });

    it('hides only what was not shared', () => {
      const managerView = trend(falling, { sharing: { ...hidden, shareMood: true, shareDrain: true } });
      expect(monthIn(managerView.months, '2026-11').mood).toMatchObject({ average: 2 });
      expect(monthIn(managerView.months, '2026-11').drain).toMatchObject({ average: 3 });
      expect(monthIn(managerView.months, '2026-11').lifeLoad).toBe(NOT_SHARED);
      expect(monthIn(managerView.months, '2026-11').energy).toBe(NOT_SHARED);
    });
  });

  it('reads a report who joined this manager mid-year only from the new pair’s months: the empty months fire nothing', () => {
    // The new pair's first 1:1 is in October, with a heavy life load; nothing before belongs to this pair.
    const records = recordsOf([
      held('2026-10-01', { energy: 4, mood: 2, lifeLoad: 5 }),
      held('2026-11-05', { mood: 1, lifeLoad: 5 }),
      held('2026-11-12', { energy: 2, mood: 1, lifeLoad: 5 }),
    ]);
    const t = trend(records, { now: NOVEMBER_ENDED });
    const notStated = { average: null, answered: 0, preferNot: 0, ratedIn: [] };
    expect(
      t.months.slice(0, 10).every((m) => m.scheduled === 0 && m.energy !== NOT_SHARED && m.energy.answered === 0),
    ).toBe(true);
    expect(t.months.slice(0, 10).map((m) => m.energy)).toEqual(Array(10).fill(notStated));
    // Energy fell Oct → Nov with a heavy load: that fires; a two-point fall is not yet "two months running".
    expect(t.signals.map((s) => s.kind)).toEqual(['lifeLoadHighEnergyFalling']);
    expect(
      trend(
        records.filter((r) => r.month === '2026-10'),
        { now: NOVEMBER_ENDED },
      ).signals,
    ).toEqual([]);
    // Before November ends, its two 1:1s do not yet make a month whose energy fell.
    expect(trend(records).signals).toEqual([]);
  });

  it('gives the same answer however often and in whatever order the facts were set', () => {
    const facts = [
      held('2026-10-01', {
        energizing: 'a',
        mood: 4,
        recap: { tags: ['blocker'], savedAt: '2026-10-01T09:40:00.000Z' },
      }),
      held('2026-11-05', { mood: 3 }),
      missed('2026-11-12', false),
    ];
    const once = trend(recordsOf(facts));
    const retried = trend(recordsOf([...facts, ...[...facts].reverse(), facts[0]!]));
    expect(retried).toEqual(once);
  });
});
