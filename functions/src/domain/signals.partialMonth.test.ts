import type { Month, MonthTrend, RatingSummary } from '../contract';
import { detectSignals } from './signals';
import { monthsEndingAt } from './trendMonths';

/*
 * The month in progress: one 1:1 into December, its shares and averages are one answer, not a month. A signal that
 * reads rates (energy, mood, life load, status drift) must not fire from that month alone.
 */

const WINDOW = monthsEndingAt(new Date('2026-12-07T10:00:00.000Z'), 12); // 2026-01 … 2026-12
const PARTIAL: Month = '2026-12';
const rating = (average: number | null): RatingSummary => ({
  average,
  answered: average === null ? 0 : 1,
  preferNot: 0,
});

function month(m: Month, over: Partial<MonthTrend> = {}): MonthTrend {
  return {
    month: m,
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
    meetings: [],
    ...over,
  };
}

/** Steady whole months; October to November already moved, and December has had one 1:1. */
function window(november: Partial<MonthTrend>, december: Partial<MonthTrend>): MonthTrend[] {
  return WINDOW.map((m) =>
    m === '2026-11' ? month(m, november) : m === PARTIAL ? month(m, { scheduled: 1, held: 1, ...december }) : month(m),
  );
}

const kinds = (months: MonthTrend[], partialMonth?: Month) =>
  detectSignals({ months, openCommitments: [], openBlockers: [], ...(partialMonth ? { partialMonth } : {}) }).map(
    (s) => s.kind,
  );

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
    const months = WINDOW.map((m) =>
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
