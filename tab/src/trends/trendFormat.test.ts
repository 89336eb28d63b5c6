import { NOT_SHARED } from '@candor/contract';
import { testMonth, testPairTrend } from '../testing/pairTrend';
import {
  SERIES,
  ageText,
  dayLabel,
  hasOneOnOnes,
  heldOverWindow,
  lastMonths,
  latestText,
  meetingAnchor,
  meetingRows,
  monthLabel,
  oldestAgeDays,
  partialMonthText,
  windowOf,
  ratingCell,
  seriesValues,
  sparkGeometry,
  sparklineName,
  supportRows,
} from './trendFormat';

const mood = SERIES.find((s) => s.key === 'mood')!;
const energy = SERIES.find((s) => s.key === 'energy')!;
const rating = (average: number | null, answered = 1, preferNot = 0) => ({ average, answered, preferNot, ratedIn: [] });

describe('trend format', () => {
  it('labels UTC months and days without a time zone moving them', () => {
    expect(monthLabel('2026-01')).toBe('Jan 2026');
    expect(monthLabel('2025-12', 'long')).toBe('December 2025');
    expect(dayLabel('2026-11-30T23:30:00Z')).toBe('30 Nov 2026');
  });

  it('keeps the last months of the answer, oldest first', () => {
    const months = ['2026-01', '2026-02', '2026-03'].map((m) => testMonth(m));
    expect(lastMonths(months, 2).map((m) => m.month)).toEqual(['2026-02', '2026-03']);
    expect(lastMonths(months, 12)).toHaveLength(3);
  });

  it('names a sparkline by its first and last known values', () => {
    const months = [
      testMonth('2026-09', { mood: rating(4) }),
      testMonth('2026-10', { mood: rating(null, 0, 1) }),
      testMonth('2026-11', { mood: rating(2.44) }),
    ];
    expect(sparklineName(mood, months)).toBe('Mood, last 3 months: from 4.0 of 5 in Sep 2026 to 2.4 of 5 in Nov 2026.');
    expect(latestText(mood, months)).toBe('2.4 of 5');
    const rated = [testMonth('2026-10', { energy: rating(4) }), testMonth('2026-11', { energy: rating(2.5) })];
    expect(sparklineName(energy, rated)).toBe(
      'Energy, last 2 months: from 4.0 of 5 in Oct 2026 to 2.5 of 5 in Nov 2026.',
    );
  });

  it('says "not shared" in words when the report hid the answers, never a blank', () => {
    const hidden = [testMonth('2026-10', { mood: NOT_SHARED }), testMonth('2026-11', { mood: NOT_SHARED })];
    expect(sparklineName(mood, hidden)).toBe('Mood: not shared');
    expect(latestText(mood, hidden)).toBe('Not shared');
    expect(ratingCell(NOT_SHARED)).toBe('Not shared');
  });

  it('says "not stated" for a series nobody rated (never a zero), and has a name for one month only', () => {
    expect(sparklineName(mood, [testMonth('2026-11')])).toBe('Mood, last 1 month: not stated');
    expect(latestText(mood, [testMonth('2026-11')])).toBe('Not stated');
    expect(latestText(energy, [testMonth('2026-11', { held: 4 })])).toBe('Not stated');
    expect(sparklineName(mood, [testMonth('2026-11', { mood: rating(3) })])).toBe(
      'Mood, last 1 month: 3.0 of 5 in Nov 2026.',
    );
  });

  it('counts "prefer not to say" apart and never as a number', () => {
    expect(ratingCell(rating(3.25, 4, 2))).toBe('3.3 (4 answers, 2 preferred not to say)');
    expect(ratingCell(rating(null, 0, 3))).toBe('— (3 preferred not to say)');
    expect(ratingCell(rating(null, 0, 0))).toBe('Not stated');
  });

  it('shows energy and drain as stated ratings, 1 to 5, like mood', () => {
    expect(SERIES.map((s) => s.key)).toEqual(['energy', 'drain', 'mood', 'lifeLoad', 'careerPulse']);
    expect(SERIES.find((s) => s.key === 'drain')?.meaning).toMatch(/rated/);
    const months = [testMonth('2026-10', { drain: rating(2) }), testMonth('2026-11', { drain: NOT_SHARED })];
    expect(seriesValues(months, 'drain')).toEqual([2, NOT_SHARED]);
    expect(seriesValues([testMonth('2026-11', { held: 3 })], 'energy')).toEqual([null]);
  });

  it('sets support asked (recap support needs) beside support given (commitments made and done)', () => {
    const months = [
      testMonth('2026-10', { supportNeedsNamed: 2, commitmentsOpened: 1, commitmentsDone: 0 }),
      testMonth('2026-11', { supportNeedsNamed: 0, commitmentsOpened: 0, commitmentsDone: 1 }),
    ];
    expect(supportRows(months)).toEqual([
      { month: '2026-10', asked: 2, given: 1, done: 0 },
      { month: '2026-11', asked: 0, given: 0, done: 1 },
    ]);
  });

  it('draws gaps where a month has no value, on a fixed 1–5 scale', () => {
    const values = seriesValues(
      [
        testMonth('a', { mood: rating(1) }),
        testMonth('b'),
        testMonth('c', { mood: rating(5) }),
        testMonth('d', { mood: rating(3) }),
      ],
      'mood',
    );
    expect(values).toEqual([1, null, 5, 3]);
    // Width 32, height 12, pad 2: x steps of 28/3; y from 10 (value 1) up to 2 (value 5).
    expect(sparkGeometry(values, 32, 12)).toEqual({ path: 'M2 10 M20.7 2 L30 6', last: { x: 30, y: 6 } });
    expect(sparkGeometry([null, null], 32, 12)).toEqual({ path: '', last: null });
    expect(sparkGeometry([3], 32, 12)).toEqual({ path: 'M16 6', last: { x: 16, y: 6 } });
  });

  it('sums 1:1s held over the window and finds the oldest open commitment', () => {
    const months = [testMonth('2026-10', { held: 3, scheduled: 4 }), testMonth('2026-11', { held: 2, scheduled: 4 })];
    expect(heldOverWindow(months)).toEqual({ held: 5, scheduled: 8 });
    expect(oldestAgeDays([])).toBeNull();
    const c = {
      id: 'x',
      text: 't',
      createdIn: 'o',
      createdAt: '2026-11-01T00:00:00Z',
      dueDate: null,
      fromSupportAsk: false,
      overdue: false,
    };
    expect(
      oldestAgeDays([
        { ...c, ageDays: 3 },
        { ...c, ageDays: 40 },
      ]),
    ).toBe(40);
    expect([0, 1, 9, 14, 40].map(ageText)).toEqual(['today', '1 day', '9 days', '2 weeks', '5 weeks']);
  });

  it('knows a pair with no 1:1 yet', () => {
    expect(hasOneOnOnes(testPairTrend([testMonth('2026-10'), testMonth('2026-11')]))).toBe(false);
    expect(hasOneOnOnes(testPairTrend([testMonth('2026-11', { scheduled: 1, skipped: 1 })]))).toBe(true);
  });

  it('lists the 1:1s newest first, each with an anchor a signal can link to', () => {
    const a = {
      occurrenceId: '20261103T0900Z-aaaaaaaaaaaaaaaa',
      start: '2026-11-03T09:00:00Z',
      outcome: 'held' as const,
    };
    const b = {
      occurrenceId: '20261110T0900Z-bbbbbbbbbbbbbbbb',
      start: '2026-11-10T09:00:00Z',
      outcome: 'skipped' as const,
    };
    const c = {
      occurrenceId: '20261006T0900Z-cccccccccccccccc',
      start: '2026-10-06T09:00:00Z',
      outcome: 'cancelled' as const,
    };
    const rows = meetingRows([testMonth('2026-10', { meetings: [c] }), testMonth('2026-11', { meetings: [a, b] })]);
    expect(rows.map((r) => r.occurrenceId)).toEqual([b.occurrenceId, a.occurrenceId, c.occurrenceId]);
    expect(meetingAnchor(a.occurrenceId)).toBe('meeting-20261103T0900Z-aaaaaaaaaaaaaaaa');
    expect(meetingAnchor('a b"<x>')).toBe('meeting-a-b--x-');
  });

  it('keeps the month in progress out of the drawn window and names it with its 1:1s', () => {
    const months = [
      '2025-11',
      '2025-12',
      '2026-01',
      '2026-02',
      '2026-03',
      '2026-04',
      '2026-05',
      '2026-06',
      '2026-07',
      '2026-08',
      '2026-09',
      '2026-10',
      '2026-11',
      '2026-12',
    ].map((m) => testMonth(m, m === '2026-12' ? { held: 1, drain: rating(5) } : {}));
    const now = new Date('2026-12-07T10:00:00.000Z');
    const { complete, partial } = windowOf(months, 12, now);
    expect(complete.map((m) => m.month)).toEqual(months.slice(1, 13).map((m) => m.month));
    expect(partial?.month).toBe('2026-12');
    expect(partialMonthText(partial!)).toBe('December so far · 1 1:1');
    expect(
      latestText(
        SERIES.find((s) => s.key === 'drain')!,
        complete,
      ),
    ).not.toBe('5.0 of 5');
    // On the 1st of January, December is whole: nothing is held back.
    const january = windowOf(months, 12, new Date('2027-01-01T00:00:00.000Z'));
    expect(january.partial).toBeNull();
    expect(january.complete.at(-1)?.month).toBe('2026-12');
    expect(partialMonthText(testMonth('2026-12', { held: 0 }))).toBe('December so far · no 1:1s yet');
  });
});
