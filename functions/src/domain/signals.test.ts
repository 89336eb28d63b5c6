import type {
  MeetingOutcome,
  MeetingRef,
  Month,
  MonthTrend,
  OpenBlocker,
  OpenCommitment,
  RatingSummary,
} from '../contract';
import { NOT_SHARED } from '../contract';
import {
  AFTER_HOURS_MEETINGS,
  HEAVY_EVENINGS,
  HEAVY_SCRAMBLES,
  SCRAMBLES_RISING,
  DRAIN_RISING_FLOOR,
  DRIFT_NUDGES_PER_MEETING,
  HEAVY_LIFE_LOAD,
  detectSignals,
} from './signals';
import { monthsEndingAt } from './trendMonths';

const WINDOW = monthsEndingAt(new Date('2026-11-26T12:00:00.000Z'), 12); // 2025-12 … 2026-11

/** The occurrence id of the 1:1 on `day` (2026-11-05) at 09:00. */
const occ = (day: string): string => `${day.replaceAll('-', '')}T0900Z-0123456789abcdef`;

/** 1:1s of a month on the 1st, 8th, 15th … with the given outcomes. */
function refs(month: Month, outcomes: readonly MeetingOutcome[]): MeetingRef[] {
  return outcomes.map((outcome, i) => {
    const day = `${month}-${String(1 + 7 * i).padStart(2, '0')}`;
    return { occurrenceId: occ(day), start: `${day}T09:00:00.000Z`, outcome };
  });
}

/** A month's rating; `ratedIn` left empty is filled by heldMonth with every 1:1 held (each carried the rating). */
const rating = (average: number | null, ratedIn: string[] = []): RatingSummary => ({
  average,
  answered: average === null ? 0 : Math.max(1, ratedIn.length),
  preferNot: 0,
  ratedIn,
});
type RatingKey = 'energy' | 'drain' | 'mood' | 'lifeLoad' | 'careerPulse';
const RATING_KEYS: readonly RatingKey[] = ['energy', 'drain', 'mood', 'lifeLoad', 'careerPulse'];

/** A month with four 1:1s held and nothing notable, unless `over` says otherwise. */
function heldMonth(month: Month, over: Partial<MonthTrend> = {}): MonthTrend {
  const m = heldMonthAsGiven(month, over);
  const heldIds = m.meetings.filter((r) => r.outcome === 'held').map((r) => r.occurrenceId);
  for (const key of RATING_KEYS) {
    const summary = m[key];
    if (summary !== NOT_SHARED && summary.average !== null && summary.ratedIn.length === 0) {
      m[key] = { ...summary, answered: heldIds.length, ratedIn: heldIds };
    }
  }
  return m;
}

function heldMonthAsGiven(month: Month, over: Partial<MonthTrend>): MonthTrend {
  return {
    month,
    scheduled: 4,
    held: 4,
    skipped: 0,
    cancelled: 0,
    energy: rating(3),
    drain: rating(3),
    mood: rating(3),
    lifeLoad: rating(3),
    careerPulse: rating(3),
    recognitions: 0,
    statusNudges: 0,
    nudgesPerMeeting: 0,
    statusRequested: 0,
    statusAnswered: 0,
    blockersNamed: 0,
    supportNeedsNamed: 0,
    commitmentsOpened: 0,
    commitmentsDone: 0,
    calendar: null,
    meetings: refs(month, ['held', 'held', 'held', 'held']),
    ...over,
  };
}

/** A month with no 1:1 at all (before the pair existed, or nothing recorded). */
function emptyMonth(month: Month): MonthTrend {
  return heldMonth(month, {
    scheduled: 0,
    held: 0,
    energy: rating(null),
    drain: rating(null),
    mood: rating(null),
    lifeLoad: rating(null),
    careerPulse: rating(null),
    nudgesPerMeeting: null,
    meetings: [],
  });
}

/** The 12-month window: steady held months, with `over` applied to the named months. */
function windowWith(over: Record<Month, Partial<MonthTrend>>): MonthTrend[] {
  return WINDOW.map((m) => heldMonth(m, over[m] ?? {}));
}

const detect = (months: MonthTrend[], openCommitments: OpenCommitment[] = [], openBlockers: OpenBlocker[] = []) =>
  detectSignals({ months, openCommitments, openBlockers });
/** The kinds that fire; with `partialMonth`, that month is the one still in progress. */
const kinds = (months: MonthTrend[], partialMonth?: Month) =>
  detectSignals({ months, openCommitments: [], openBlockers: [], ...(partialMonth ? { partialMonth } : {}) }).map(
    (s) => s.kind,
  );

describe('detectSignals with nothing to say', () => {
  it('fires nothing with no data at all', () => {
    expect(detect(WINDOW.map(emptyMonth))).toEqual([]);
    expect(detect([])).toEqual([]);
  });

  it('fires nothing with one month only, however low it is', () => {
    const low = heldMonth('2026-11', {
      energy: rating(1),
      drain: rating(5),
      mood: rating(1),
      lifeLoad: rating(5),
      nudgesPerMeeting: 3,
    });
    expect(detect([low])).toEqual([]);
  });

  it('fires nothing for steady months', () => {
    expect(detect(windowWith({}))).toEqual([]);
  });
});

describe('energyFalling', () => {
  it('fires when the energy rating fell two months running, quoting the averages and linking the rated 1:1s', () => {
    const sep = refs('2026-09', ['held', 'held', 'held', 'held']);
    const months = windowWith({
      '2026-09': { energy: rating(3.5, [sep[0]!.occurrenceId, sep[2]!.occurrenceId]) },
      '2026-10': { energy: rating(3) },
      '2026-11': { energy: rating(2.5) },
    });
    const [signal, ...rest] = detect(months);
    expect(rest).toEqual([]);
    expect(signal).toEqual({
      kind: 'energyFalling',
      title: 'Energy falling two months running',
      why: 'Energy, as the report rated it (1 to 5), averaged 3.5 in Sep, 3 in Oct and 2.5 in Nov (rated in 2, 4 and 4 1:1s).',
      months: ['2026-09', '2026-10', '2026-11'],
      // Only the 1:1s that carried an energy rating: two of September's four.
      occurrenceIds: [
        sep[0]!.occurrenceId,
        sep[2]!.occurrenceId,
        ...months.slice(10).flatMap((m) => (m.energy !== NOT_SHARED ? m.energy.ratedIn : [])),
      ],
    });
  });

  it('passes over a month without a rating, and names years when the months span two', () => {
    const months = windowWith({ '2025-12': { energy: rating(4) }, '2026-01': { energy: rating(3) } });
    for (const m of WINDOW.slice(2, 11)) months[WINDOW.indexOf(m)] = heldMonth(m, { energy: rating(null) });
    months[11] = heldMonth('2026-11', { energy: rating(2) });
    expect(detect(months)[0]?.why).toBe(
      'Energy, as the report rated it (1 to 5), averaged 4 in Dec 2025, 3 in Jan 2026 and 2 in Nov 2026 (rated in 4, 4 and 4 1:1s).',
    );
  });

  it('never fires from a month not stated (no rating: answered 0) or not shared, however the boxes were filled', () => {
    const falling = { '2026-09': { energy: rating(4) }, '2026-10': { energy: rating(3) } };
    expect(kinds(windowWith({ ...falling, '2026-11': { energy: rating(null) } }))).toEqual([]);
    expect(kinds(windowWith({ ...falling, '2026-11': { energy: NOT_SHARED } }))).toEqual([]);
    const preferNot = { average: null, answered: 0, preferNot: 4, ratedIn: [] };
    expect(kinds(windowWith({ ...falling, '2026-11': { energy: preferNot } }))).toEqual([]);
  });

  it('does not fire when two months are equal, or the fall is not two months running', () => {
    expect(
      kinds(
        windowWith({
          '2026-09': { energy: rating(3) },
          '2026-10': { energy: rating(3) },
          '2026-11': { energy: rating(2) },
        }),
      ),
    ).toEqual([]);
    expect(
      kinds(
        windowWith({
          '2026-09': { energy: rating(4) },
          '2026-10': { energy: rating(2) },
          '2026-11': { energy: rating(3) },
        }),
      ),
    ).toEqual([]);
  });

  it('fires when the fall ended last month, not when it ended three months ago', () => {
    const endedLastMonth = windowWith({
      '2026-08': { energy: rating(4) },
      '2026-09': { energy: rating(3) },
      '2026-10': { energy: rating(2) },
    });
    endedLastMonth[11] = emptyMonth('2026-11');
    expect(kinds(endedLastMonth)).toEqual(['energyFalling']);
    const endedLongAgo = windowWith({
      '2026-06': { energy: rating(4) },
      '2026-07': { energy: rating(3) },
      '2026-08': { energy: rating(2) },
    });
    for (const i of [9, 10, 11]) endedLongAgo[i] = emptyMonth(WINDOW[i]!);
    expect(kinds(endedLongAgo)).toEqual([]);
  });
});

describe('drainRising', () => {
  const rising = {
    '2026-09': { drain: rating(2) },
    '2026-10': { drain: rating(2.5) },
    '2026-11': { drain: rating(DRAIN_RISING_FLOOR + 0.5) },
  };

  it('fires when the drain rating rose two months running to at least the floor, linking the rated 1:1s', () => {
    const [signal, ...rest] = detect(windowWith(rising));
    expect(rest).toEqual([]);
    expect(signal).toMatchObject({
      kind: 'drainRising',
      title: 'Drain rising two months running',
      why: 'Drain, as the report rated it (1 to 5), averaged 2 in Sep, 2.5 in Oct and 3.5 in Nov (rated in 4, 4 and 4 1:1s).',
      months: ['2026-09', '2026-10', '2026-11'],
    });
    expect(signal?.occurrenceIds).toHaveLength(12);
  });

  it('does not fire below the floor, when equal, when not shared, or from a month not stated', () => {
    expect(kinds(windowWith({ ...rising, '2026-11': { drain: rating(DRAIN_RISING_FLOOR - 0.1) } }))).toEqual([]);
    expect(kinds(windowWith({ ...rising, '2026-10': { drain: rating(2) } }))).toEqual([]);
    expect(kinds(windowWith({ ...rising, '2026-11': { drain: NOT_SHARED } }))).toEqual([]);
    expect(kinds(windowWith({ ...rising, '2026-11': { drain: rating(null) } }))).toEqual([]);
  });
});

describe('moodFalling', () => {
  const falling = {
    '2026-09': { mood: rating(3.8) },
    '2026-10': { mood: rating(3.1) },
    '2026-11': { mood: rating(2.5) },
  };

  it('fires on the mood average falling two months running', () => {
    const [signal] = detect(windowWith(falling));
    expect(signal).toMatchObject({
      kind: 'moodFalling',
      why: 'Mood, as the report rated it (1 to 5), averaged 3.8 in Sep, 3.1 in Oct and 2.5 in Nov (rated in 4, 4 and 4 1:1s).',
      months: ['2026-09', '2026-10', '2026-11'],
    });
    expect(signal?.occurrenceIds).toHaveLength(12);
  });

  it('never fires from months the report did not share, nor from months without a number', () => {
    const notShared = windowWith(falling).map((m): MonthTrend => ({ ...m, mood: NOT_SHARED }));
    expect(kinds(notShared)).toEqual([]);
    const preferNot = windowWith(falling).map((m) => ({
      ...m,
      mood: { average: null, answered: 0, preferNot: 4, ratedIn: [] },
    }));
    expect(kinds(preferNot)).toEqual([]);
  });

  it('does not fire when two months are equal', () => {
    expect(kinds(windowWith({ ...falling, '2026-10': { mood: rating(3.8) } }))).toEqual([]);
  });
});

describe('lifeLoadHighEnergyFalling', () => {
  const heavy = (load: number, energy: number): Partial<MonthTrend> => ({
    lifeLoad: rating(load),
    energy: rating(energy),
  });

  it('fires when life load is heavy in the latest month rated while the energy rating fell against the month before', () => {
    const months = windowWith({ '2026-10': { energy: rating(3.5) }, '2026-11': heavy(HEAVY_LIFE_LOAD, 3) });
    const [signal, ...rest] = detect(months);
    expect(rest).toEqual([]);
    expect(signal).toMatchObject({
      kind: 'lifeLoadHighEnergyFalling',
      why:
        'Life load averaged 4 in Nov (4 is heavy) while energy, as the report rated it (1 to 5), averaged 3.5 in Oct ' +
        'and 3 in Nov (rated in 4 and 4 1:1s).',
      months: ['2026-10', '2026-11'],
      occurrenceIds: months.slice(10).flatMap((m) => m.meetings.map((r) => r.occurrenceId)),
    });
  });

  it('does not fire below heavy, with energy level, when not shared or not stated, or with no month rated before', () => {
    expect(kinds(windowWith({ '2026-10': { energy: rating(3.5) }, '2026-11': heavy(3.99, 3) }))).toEqual([]);
    expect(kinds(windowWith({ '2026-10': { energy: rating(3) }, '2026-11': heavy(5, 3) }))).toEqual([]);
    expect(
      kinds(windowWith({ '2026-10': { energy: rating(3.5) }, '2026-11': { ...heavy(5, 3), lifeLoad: NOT_SHARED } })),
    ).toEqual([]);
    expect(
      kinds(windowWith({ '2026-10': { energy: rating(3.5) }, '2026-11': { ...heavy(5, 3), energy: NOT_SHARED } })),
    ).toEqual([]);
    expect(
      kinds(windowWith({ '2026-10': { energy: rating(null) }, '2026-11': heavy(5, 3) })).includes(
        'lifeLoadHighEnergyFalling',
      ),
    ).toBe(false);
    const firstMonth = WINDOW.map(emptyMonth);
    firstMonth[11] = heldMonth('2026-11', heavy(5, 1));
    expect(kinds(firstMonth)).toEqual([]);
  });
});

describe('openPastDue', () => {
  const commitment = (id: string, overdue: boolean, ageDays: number, day: string): OpenCommitment => ({
    id,
    text: `commitment ${id}`,
    createdIn: occ(day),
    createdAt: `${day}T09:10:00.000Z`,
    dueDate: '2026-11-01',
    fromSupportAsk: true,
    ageDays,
    overdue,
  });
  const blocker = (overdue: boolean, ageDays: number, day: string): OpenBlocker => ({
    occurrenceId: occ(day),
    line: 0,
    namedAt: `${day}T09:40:00.000Z`,
    ageDays,
    overdue,
  });

  it('does not fire for open commitments and blockers within their time', () => {
    expect(
      detect(windowWith({}), [commitment('a', false, 40, '2026-10-15')], [blocker(false, 21, '2026-11-05')]),
    ).toEqual([]);
  });

  it('fires for an overdue commitment, naming the count and the oldest age', () => {
    const signals = detect(windowWith({}), [
      commitment('a', true, 40, '2026-10-15'),
      commitment('b', false, 2, '2026-11-24'),
    ]);
    expect(signals).toEqual([
      {
        kind: 'openPastDue',
        title: 'Support asks or blockers open past due',
        why: '1 commitment past the due date (the oldest made 40 days ago).',
        months: ['2026-10'],
        occurrenceIds: [occ('2026-10-15')],
      },
    ]);
  });

  it('fires for overdue blockers too, in one signal with both counts', () => {
    const [signal] = detect(
      windowWith({}),
      [commitment('a', true, 40, '2026-10-15'), commitment('b', true, 60, '2026-09-26')],
      [blocker(true, 30, '2026-10-27')],
    );
    expect(signal).toMatchObject({
      kind: 'openPastDue',
      why: '2 commitments past the due date (the oldest made 60 days ago); 1 blocker open more than 21 days and not marked resolved: named 27 Oct (30 days ago).',
      months: ['2026-09', '2026-10'],
      occurrenceIds: [occ('2026-10-15'), occ('2026-09-26'), occ('2026-10-27')],
    });
  });
});

it('names every overdue blocker of openPastDue with its day and age, oldest first', () => {
  const blocker = (ageDays: number, day: string): OpenBlocker => ({
    occurrenceId: occ(day),
    line: 1,
    namedAt: `${day}T09:40:00.000Z`,
    ageDays,
    overdue: true,
  });
  const [signal] = detect(windowWith({}), [], [blocker(48, '2026-10-09'), blocker(34, '2026-10-23')]);
  expect(signal).toMatchObject({
    kind: 'openPastDue',
    why: '2 blockers open more than 21 days and not marked resolved: named 9 Oct (48 days ago) and 23 Oct (34 days ago).',
    months: ['2026-10'],
    occurrenceIds: [occ('2026-10-09'), occ('2026-10-23')],
  });
});

describe('skippedRepeatedly', () => {
  it('fires when two of the last three scheduled 1:1s did not take place, linking them', () => {
    const months = windowWith({
      '2026-10': { meetings: refs('2026-10', ['held', 'held', 'held', 'held', 'skipped']) },
      '2026-11': { meetings: refs('2026-11', ['held', 'cancelled']) },
    });
    expect(detect(months)).toEqual([
      {
        kind: 'skippedRepeatedly',
        title: '1:1s repeatedly skipped',
        why: '2 of the last 3 scheduled 1:1s did not take place: skipped 29 Oct and cancelled 8 Nov.',
        months: ['2026-10', '2026-11'],
        occurrenceIds: [occ('2026-10-29'), occ('2026-11-08')],
      },
    ]);
  });

  it('fires when two in the latest month did not take place, even if the last three did', () => {
    const months = windowWith({
      '2026-11': {
        scheduled: 5,
        held: 3,
        skipped: 1,
        cancelled: 1,
        meetings: refs('2026-11', ['skipped', 'cancelled', 'held', 'held', 'held']),
      },
    });
    expect(detect(months)).toEqual([
      {
        kind: 'skippedRepeatedly',
        title: '1:1s repeatedly skipped',
        why: 'In Nov, 2 of 5 scheduled 1:1s did not take place (1 skipped, 1 cancelled).',
        months: ['2026-11'],
        occurrenceIds: [occ('2026-11-01'), occ('2026-11-08')],
      },
    ]);
  });

  it('does not fire for one miss among the last three and in the latest month', () => {
    // Last three: held 22 Oct, skipped 1 Nov, held 8 Nov.
    const months = windowWith({
      '2026-11': { scheduled: 2, skipped: 1, held: 1, meetings: refs('2026-11', ['skipped', 'held']) },
    });
    expect(kinds(months)).toEqual([]);
  });
});

describe('statusDriftRising', () => {
  it('fires when nudges per 1:1 rose two months running to at least one', () => {
    const [signal] = detect(
      windowWith({
        '2026-09': { nudgesPerMeeting: 0.25 },
        '2026-10': { nudgesPerMeeting: 0.5 },
        '2026-11': { nudgesPerMeeting: DRIFT_NUDGES_PER_MEETING },
      }),
    );
    expect(signal).toMatchObject({
      kind: 'statusDriftRising',
      why: 'Status nudges per 1:1 rose: 0.25 in Sep, 0.5 in Oct and 1 in Nov.',
      months: ['2026-09', '2026-10', '2026-11'],
    });
  });

  it('does not fire when the rise ends below one per 1:1, or two months are equal', () => {
    expect(
      kinds(
        windowWith({
          '2026-09': { nudgesPerMeeting: 0.25 },
          '2026-10': { nudgesPerMeeting: 0.5 },
          '2026-11': { nudgesPerMeeting: 0.75 },
        }),
      ),
    ).toEqual([]);
    expect(
      kinds(
        windowWith({
          '2026-09': { nudgesPerMeeting: 0.5 },
          '2026-10': { nudgesPerMeeting: 1.5 },
          '2026-11': { nudgesPerMeeting: 1.5 },
        }),
      ),
    ).toEqual([]);
  });
});

describe('afterHoursRising: after-hours scrambles', () => {
  const load = (
    afterHoursMeetings: number,
    shortNoticeAfterHours = 0,
    eveningOrWeekendMeetings = 0,
  ): Partial<MonthTrend> => ({
    calendar: {
      weeks: 4,
      meetingHours: 40,
      meetings: 50,
      afterHoursMeetings,
      shortNoticeAfterHours,
      eveningOrWeekendMeetings,
    },
  });

  it('fires when after-hours meetings rose two months running to at least three', () => {
    const [signal] = detect(
      windowWith({ '2026-09': load(1), '2026-10': load(2), '2026-11': load(AFTER_HOURS_MEETINGS) }),
    );
    expect(signal).toMatchObject({
      kind: 'afterHoursRising',
      title: 'After-hours scrambles',
      why: 'Meetings outside working hours rose: 1 in Sep, 2 in Oct and 3 in Nov.',
      months: ['2026-09', '2026-10', '2026-11'],
    });
    expect(signal?.occurrenceIds).toHaveLength(12);
  });

  it('fires on short-notice after-hours meetings rising into a recent month, saying how many and where', () => {
    const [signal] = detect(windowWith({ '2026-10': load(4, 2, 1), '2026-11': load(6, SCRAMBLES_RISING + 3, 3) }));
    expect(signal).toMatchObject({
      kind: 'afterHoursRising',
      title: 'After-hours scrambles',
      why:
        '5 meetings booked under 24 h ahead outside working hours in Nov, 2 in Oct; ' +
        '3 evening or weekend meetings in Nov.',
      months: ['2026-10', '2026-11'],
    });
    expect(signal?.occurrenceIds).toHaveLength(8);
  });

  it('fires on a heavy recent month without a rise: many scrambles, or many evening and weekend meetings', () => {
    const steady = windowWith({ '2026-10': load(5, HEAVY_SCRAMBLES), '2026-11': load(5, HEAVY_SCRAMBLES) });
    expect(detect(steady)[0]?.why).toBe(
      `${HEAVY_SCRAMBLES} meetings booked under 24 h ahead outside working hours in Nov, ${HEAVY_SCRAMBLES} in Oct.`,
    );
    const evenings = windowWith({ '2026-10': load(6, 0, HEAVY_EVENINGS), '2026-11': load(6, 0, HEAVY_EVENINGS) });
    expect(detect(evenings)[0]?.why).toBe(`${HEAVY_EVENINGS} evening or weekend meetings in Nov.`);
  });

  it('does not fire on a small or falling number of scrambles, on an old month, or without calendar load', () => {
    expect(kinds(windowWith({ '2026-10': load(2, 1), '2026-11': load(2, 1) }))).toEqual([]);
    expect(kinds(windowWith({ '2026-10': load(3, 3), '2026-11': load(2, 2) }))).toEqual([]);
    expect(kinds(windowWith({ '2026-08': load(1, 0), '2026-09': load(9, HEAVY_SCRAMBLES + 2, 9) }))).toEqual([]);
    expect(
      kinds(windowWith({ '2026-10': load(1, 1), '2026-11': load(SCRAMBLES_RISING, SCRAMBLES_RISING - 1) })),
    ).toEqual([]);
  });

  it('does not fire when equal, when ending below three, or without calendar load', () => {
    expect(kinds(windowWith({ '2026-09': load(1), '2026-10': load(3), '2026-11': load(3) }))).toEqual([]);
    expect(kinds(windowWith({ '2026-09': load(0), '2026-10': load(1), '2026-11': load(2) }))).toEqual([]);
    expect(kinds(windowWith({}))).toEqual([]);
  });

  it('passes over months whose calendar load was not read', () => {
    const months = windowWith({ '2026-08': load(1), '2026-09': load(2), '2026-11': load(5) });
    expect(kinds(months)).toEqual(['afterHoursRising']);
  });
});

it('lists several signals in the order of SIGNAL_KINDS', () => {
  const months = windowWith({
    '2026-09': { mood: rating(4), nudgesPerMeeting: 0.5 },
    '2026-10': { mood: rating(3), nudgesPerMeeting: 1, energy: rating(4) },
    '2026-11': { mood: rating(2), nudgesPerMeeting: 2, energy: rating(2), lifeLoad: rating(4.5) },
  });
  expect(kinds(months)).toEqual(['moodFalling', 'lifeLoadHighEnergyFalling', 'statusDriftRising']);
});

/*
 * The month in progress: one 1:1 into December, its shares and averages are one answer, not a month. A signal that
 * reads rates (energy, mood, life load, status drift) must not fire from that month alone.
 */

const DECEMBER_WINDOW = monthsEndingAt(new Date('2026-12-07T10:00:00.000Z'), 12); // 2026-01 … 2026-12
const PARTIAL: Month = '2026-12';
const month = (m: Month, over: Partial<MonthTrend> = {}): MonthTrend => heldMonth(m, { meetings: [], ...over });

/** Steady whole months; October to November already moved, and December has had one 1:1. */
function window(november: Partial<MonthTrend>, december: Partial<MonthTrend>): MonthTrend[] {
  return DECEMBER_WINDOW.map((m) =>
    m === '2026-11' ? month(m, november) : m === PARTIAL ? month(m, { scheduled: 1, held: 1, ...december }) : month(m),
  );
}

describe('signals and the month in progress', () => {
  const cases: Array<[string, MonthTrend[]]> = [
    ['energy falling', window({ energy: rating(2.5) }, { energy: rating(1) })],
    ['drain rising', window({ drain: rating(3.5) }, { drain: rating(5) })],
    ['mood falling', window({ mood: rating(2.5) }, { mood: rating(1) })],
    ['status drift rising', window({ nudgesPerMeeting: 0.5 }, { nudgesPerMeeting: 2 })],
    ['life load high while energy falls', window({}, { lifeLoad: rating(5), energy: rating(1) })],
  ];

  it.each(cases)('%s: would fire if December were a whole month', (_name, months) => {
    expect(kinds(months).length).toBeGreaterThan(0);
  });

  it.each(cases)('%s: does not fire from the partial December alone', (_name, months) => {
    expect(kinds(months, PARTIAL)).toEqual([]);
  });

  it('still fires from whole months when December is in progress', () => {
    const months = DECEMBER_WINDOW.map((m) =>
      m === '2026-10'
        ? month(m, { energy: rating(3) })
        : m === '2026-11'
          ? month(m, { energy: rating(2) })
          : m === '2026-09'
            ? month(m, { energy: rating(4) })
            : m === PARTIAL
              ? month(m, { scheduled: 1, held: 1, energy: rating(5) })
              : month(m),
    );
    expect(kinds(months, PARTIAL)).toEqual(['energyFalling']);
  });

  it('counts what did not take place in December as it happens: two skipped 1:1s are two', () => {
    const months = window({}, { scheduled: 2, held: 0, skipped: 2, energy: rating(null), drain: rating(null) });
    expect(kinds(months, PARTIAL)).toEqual(['skippedRepeatedly']);
  });
});
