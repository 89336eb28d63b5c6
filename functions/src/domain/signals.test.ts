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
import { AFTER_HOURS_MEETINGS, DRIFT_NUDGES_PER_MEETING, HEAVY_LIFE_LOAD, detectSignals } from './signals';
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

const rating = (average: number | null): RatingSummary => ({
  average,
  answered: average === null ? 0 : 1,
  preferNot: 0,
});

/** A month with four 1:1s held and nothing notable, unless `over` says otherwise. */
function heldMonth(month: Month, over: Partial<MonthTrend> = {}): MonthTrend {
  return {
    month,
    scheduled: 4,
    held: 4,
    skipped: 0,
    cancelled: 0,
    energizingAnswered: 2,
    drainingAnswered: 2,
    supportAnswered: 0,
    energyShare: 0.5,
    drainShare: 0.5,
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
    energizingAnswered: 0,
    drainingAnswered: 0,
    energyShare: null,
    drainShare: null,
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
    const low = heldMonth('2026-11', { energyShare: 0, mood: rating(1), lifeLoad: rating(5), nudgesPerMeeting: 3 });
    expect(detect([low])).toEqual([]);
  });

  it('fires nothing for steady months', () => {
    expect(detect(windowWith({}))).toEqual([]);
  });
});

describe('energyFalling', () => {
  it('fires when the energy share fell two months running, quoting the numbers and linking the 1:1s held', () => {
    const months = windowWith({
      '2026-09': { energyShare: 0.75 },
      '2026-10': { energyShare: 0.5 },
      '2026-11': { energyShare: 0.25 },
    });
    const [signal, ...rest] = detect(months);
    expect(rest).toEqual([]);
    expect(signal).toEqual({
      kind: 'energyFalling',
      title: 'Energy falling two months running',
      why: 'Share of 1:1s where something energizing was named fell: 75% in Sep, 50% in Oct and 25% in Nov.',
      months: ['2026-09', '2026-10', '2026-11'],
      occurrenceIds: months.slice(9).flatMap((m) => m.meetings.map((r) => r.occurrenceId)),
    });
  });

  it('passes over a month without a 1:1 held, and names years when the months span two', () => {
    const months = windowWith({ '2025-12': { energyShare: 0.75 }, '2026-01': { energyShare: 0.5 } });
    for (const m of WINDOW.slice(2, 11)) months[WINDOW.indexOf(m)] = emptyMonth(m);
    months[11] = heldMonth('2026-11', { energyShare: 0.25 });
    expect(detect(months)[0]?.why).toBe(
      'Share of 1:1s where something energizing was named fell: 75% in Dec 2025, 50% in Jan 2026 and 25% in Nov 2026.',
    );
  });

  it('does not fire when two months are equal, or the fall is not two months running', () => {
    expect(
      kinds(
        windowWith({
          '2026-09': { energyShare: 0.5 },
          '2026-10': { energyShare: 0.5 },
          '2026-11': { energyShare: 0.25 },
        }),
      ),
    ).toEqual([]);
    expect(
      kinds(
        windowWith({
          '2026-09': { energyShare: 0.75 },
          '2026-10': { energyShare: 0.25 },
          '2026-11': { energyShare: 0.5 },
        }),
      ),
    ).toEqual([]);
  });

  it('fires when the fall ended last month, not when it ended three months ago', () => {
    const endedLastMonth = windowWith({
      '2026-08': { energyShare: 0.75 },
      '2026-09': { energyShare: 0.5 },
      '2026-10': { energyShare: 0.25 },
    });
    endedLastMonth[11] = emptyMonth('2026-11');
    expect(kinds(endedLastMonth)).toEqual(['energyFalling']);
    const endedLongAgo = windowWith({
      '2026-06': { energyShare: 0.75 },
      '2026-07': { energyShare: 0.5 },
      '2026-08': { energyShare: 0.25 },
    });
    for (const i of [9, 10, 11]) endedLongAgo[i] = emptyMonth(WINDOW[i]!);
    expect(kinds(endedLongAgo)).toEqual([]);
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
      why: 'Mood averaged 3.8 in Sep, 3.1 in Oct and 2.5 in Nov.',
      months: ['2026-09', '2026-10', '2026-11'],
    });
    expect(signal?.occurrenceIds).toHaveLength(12);
  });

  it('never fires from months the report did not share, nor from months without a number', () => {
    const notShared = windowWith(falling).map((m): MonthTrend => ({ ...m, mood: NOT_SHARED }));
    expect(kinds(notShared)).toEqual([]);
    const preferNot = windowWith(falling).map((m) => ({ ...m, mood: { average: null, answered: 0, preferNot: 4 } }));
    expect(kinds(preferNot)).toEqual([]);
  });

  it('does not fire when two months are equal', () => {
    expect(kinds(windowWith({ ...falling, '2026-10': { mood: rating(3.8) } }))).toEqual([]);
  });
});

describe('lifeLoadHighEnergyFalling', () => {
  const heavy = (load: number, share: number): Partial<MonthTrend> => ({ lifeLoad: rating(load), energyShare: share });

  it('fires when life load is heavy in the latest month held while energy fell against the month before', () => {
    const [signal, ...rest] = detect(
      windowWith({ '2026-10': { energyShare: 0.75 }, '2026-11': heavy(HEAVY_LIFE_LOAD, 0.5) }),
    );
    expect(rest).toEqual([]);
    expect(signal).toMatchObject({
      kind: 'lifeLoadHighEnergyFalling',
      why: 'Life load averaged 4 in Nov (4 is heavy) while something energizing was named in 75% of 1:1s in Oct and 50% in Nov.',
      months: ['2026-10', '2026-11'],
    });
  });

  it('does not fire below heavy, with energy level, when not shared, or with no month held before', () => {
    expect(kinds(windowWith({ '2026-10': { energyShare: 0.75 }, '2026-11': heavy(3.99, 0.5) }))).toEqual([]);
    expect(kinds(windowWith({ '2026-10': { energyShare: 0.5 }, '2026-11': heavy(5, 0.5) }))).toEqual([]);
    expect(
      kinds(windowWith({ '2026-10': { energyShare: 0.75 }, '2026-11': { ...heavy(5, 0.5), lifeLoad: NOT_SHARED } })),
    ).toEqual([]);
    const firstMonth = WINDOW.map(emptyMonth);
    firstMonth[11] = heldMonth('2026-11', heavy(5, 0.25));
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
      why: '2 commitments past the due date (the oldest made 60 days ago); 1 blocker open more than 21 days without a later recap (the oldest 30 days).',
      months: ['2026-09', '2026-10'],
      occurrenceIds: [occ('2026-10-15'), occ('2026-09-26'), occ('2026-10-27')],
    });
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

describe('afterHoursRising', () => {
  const load = (afterHoursMeetings: number): Partial<MonthTrend> => ({
    calendar: { weeks: 4, meetingHours: 40, meetings: 50, afterHoursMeetings },
  });

  it('fires when after-hours meetings rose two months running to at least three', () => {
    const [signal] = detect(
      windowWith({ '2026-09': load(1), '2026-10': load(2), '2026-11': load(AFTER_HOURS_MEETINGS) }),
    );
    expect(signal).toMatchObject({
      kind: 'afterHoursRising',
      title: 'After-hours meetings rising',
      why: 'Meetings outside working hours rose: 1 in Sep, 2 in Oct and 3 in Nov.',
      months: ['2026-09', '2026-10', '2026-11'],
    });
    expect(signal?.occurrenceIds).toHaveLength(12);
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
    '2026-10': { mood: rating(3), nudgesPerMeeting: 1, energyShare: 0.75 },
    '2026-11': { mood: rating(2), nudgesPerMeeting: 2, energyShare: 0.25, lifeLoad: rating(4.5) },
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
    ['energy falling', window({ energyShare: 0.25 }, { energyShare: 0 })],
    ['mood falling', window({ mood: rating(2.5) }, { mood: rating(1) })],
    ['status drift rising', window({ nudgesPerMeeting: 0.5 }, { nudgesPerMeeting: 2 })],
    ['life load high while energy falls', window({}, { lifeLoad: rating(5), energyShare: 0 })],
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
        ? month(m, { energyShare: 0.5 })
        : m === '2026-11'
          ? month(m, { energyShare: 0.25 })
          : m === '2026-09'
            ? month(m, { energyShare: 0.75 })
            : m === PARTIAL
              ? month(m, { scheduled: 1, held: 1, energyShare: 1 })
              : month(m),
    );
    expect(kinds(months, PARTIAL)).toEqual(['energyFalling']);
  });

  it('counts what did not take place in December as it happens: two skipped 1:1s are two', () => {
    const months = window({}, { scheduled: 2, held: 0, skipped: 2, energyShare: null, drainShare: null });
    expect(kinds(months, PARTIAL)).toEqual(['skippedRepeatedly']);
  });
});
