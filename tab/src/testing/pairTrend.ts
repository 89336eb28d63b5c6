import type { MonthTrend, PairTrend } from '@candor/contract';

/** Test data for the Trends tab: a month with nothing in it, and a pair trend built from months. */
export function testMonth(month: string, patch: Partial<MonthTrend> = {}): MonthTrend {
  return {
    month,
    scheduled: 0,
    held: 0,
    skipped: 0,
    cancelled: 0,
    energy: { average: null, answered: 0, preferNot: 0, ratedIn: [] },
    drain: { average: null, answered: 0, preferNot: 0, ratedIn: [] },
    mood: { average: null, answered: 0, preferNot: 0, ratedIn: [] },
    lifeLoad: { average: null, answered: 0, preferNot: 0, ratedIn: [] },
    careerPulse: { average: null, answered: 0, preferNot: 0, ratedIn: [] },
    recognitions: 0,
    statusNudges: 0,
    nudgesPerMeeting: null,
    statusRequested: 0,
    statusAnswered: 0,
    blockersNamed: 0,
    supportNeedsNamed: 0,
    commitmentsOpened: 0,
    commitmentsDone: 0,
    calendar: null,
    meetings: [],
    ...patch,
  };
}

export const TEST_MANAGER = { id: '11111111-1111-4111-8111-111111111111', displayName: 'Megan Bowen' };
export const TEST_REPORT = { id: '22222222-2222-4222-8222-222222222222', displayName: 'Lynne Robbins' };

export function testPairTrend(months: MonthTrend[], patch: Partial<PairTrend> = {}): PairTrend {
  return {
    manager: TEST_MANAGER,
    report: TEST_REPORT,
    audience: 'manager',
    months,
    signals: [],
    openCommitments: [],
    openBlockers: [],
    sharing: { shareMood: true, shareLifeLoad: true, shareEnergy: true, shareDrain: true, calendarLoad: true },
    lastHeld: null,
    ...patch,
  };
}
