import { NOT_SHARED, type MonthTrend, type OpenCommitment, type PairTrend, type Signal } from '../contract';
import {
  commitmentLine,
  digestMonthOf,
  firstWorkingDayOf,
  isFirstWorkingDayOfMonth,
  monthName,
  monthlyDigestEmail,
  previousMonth,
} from './monthlyDigest';

describe('the first working day of a month (Monday to Friday, UTC, no holiday calendar)', () => {
  it.each([
    ['2026-12', '2026-12-01'], // a Tuesday
    ['2026-11', '2026-11-02'], // the 1st is a Sunday
    ['2026-08', '2026-08-03'], // the 1st is a Saturday
    ['2027-01', '2027-01-01'], // New Year's Day is a Friday: no holiday calendar, so it is the day
    ['2027-02', '2027-02-01'], // a Monday
  ])('of %s is %s', (month, day) => {
    expect(firstWorkingDayOf(month)).toBe(day);
  });

  it('is decided in UTC, whatever the hour', () => {
    expect(isFirstWorkingDayOfMonth(new Date('2026-11-02T00:00:00.000Z'))).toBe(true);
    expect(isFirstWorkingDayOfMonth(new Date('2026-11-02T23:59:59.999Z'))).toBe(true);
    expect(isFirstWorkingDayOfMonth(new Date('2026-11-01T23:59:59.999Z'))).toBe(false);
    expect(isFirstWorkingDayOfMonth(new Date('2026-11-03T00:00:00.000Z'))).toBe(false);
    expect(isFirstWorkingDayOfMonth(new Date('2026-12-01T07:00:00.000Z'))).toBe(true);
  });

  it('is never a weekend day, in every month of ten years', () => {
    for (let year = 2025; year < 2035; year++) {
      for (let month = 1; month <= 12; month++) {
        const day = new Date(`${firstWorkingDayOf(`${year}-${String(month).padStart(2, '0')}`)}T12:00:00Z`);
        expect([1, 2, 3, 4, 5]).toContain(day.getUTCDay());
        expect(day.getUTCDate()).toBeLessThanOrEqual(3);
      }
    }
  });
});

describe('which month a digest looks back on', () => {
  it('is the month before, across a year boundary too', () => {
    expect(digestMonthOf(new Date('2026-12-01T07:00:00Z'))).toBe('2026-11');
    expect(digestMonthOf(new Date('2027-01-01T07:00:00Z'))).toBe('2026-12');
    expect(previousMonth('2026-03')).toBe('2026-02');
    expect(monthName('2026-11')).toBe('November 2026');
  });
});

const MANAGER = { id: '11111111-1111-4111-8111-111111111111', displayName: 'Megan Bowen' };
const ALEX = { id: '22222222-2222-4222-8222-222222222222', displayName: 'Alex Wilber' };
const ADELE = { id: '33333333-3333-4333-8333-333333333333', displayName: 'Adele Vance' };

function monthTrend(month: string, overrides: Partial<MonthTrend> = {}): MonthTrend {
  return {
    month,
    scheduled: 4,
    held: 3,
    skipped: 1,
    cancelled: 0,
    energy: { average: 1.5, answered: 2, preferNot: 0, ratedIn: [] },
    drain: { average: 4.5, answered: 2, preferNot: 0, ratedIn: [] },
    mood: { average: 2.25, answered: 3, preferNot: 0, ratedIn: [] },
    lifeLoad: { average: 4.75, answered: 3, preferNot: 0, ratedIn: [] },
    careerPulse: { average: 3, answered: 2, preferNot: 1, ratedIn: [] },
    recognitions: 1,
    statusNudges: 0,
    nudgesPerMeeting: 0,
    statusRequested: 3,
    statusAnswered: 2,
    blockersNamed: 1,
    supportNeedsNamed: 1,
    commitmentsOpened: 1,
    commitmentsDone: 0,
    calendar: null,
    meetings: [],
    ...overrides,
  };
}

const signal = (title: string, why: string): Signal => ({
  kind: 'energyFalling',
  title,
  why,
  months: ['2026-10', '2026-11'],
  occurrenceIds: [],
});

function commitment(text: string, overrides: Partial<OpenCommitment> = {}): OpenCommitment {
  return {
    id: 'c1',
    text,
    createdIn: '20261104T0900Z-0123456789abcdef',
    createdAt: '2026-11-04T09:30:00.000Z',
    dueDate: null,
    fromSupportAsk: false,
    ageDays: 27,
    overdue: false,
    ...overrides,
  };
}

function pair(report: { id: string; displayName: string }, overrides: Partial<PairTrend> = {}): PairTrend {
  return {
    manager: MANAGER,
    report,
    audience: 'manager',
    months: [monthTrend('2026-10'), monthTrend('2026-11')],
    signals: [],
    openCommitments: [],
    openBlockers: [],
    sharing: { shareMood: true, shareLifeLoad: true, shareEnergy: true, shareDrain: true, calendarLoad: true },
    lastHeld: '2026-11-25T09:00:00.000Z',
    ...overrides,
  };
}

describe('the digest email', () => {
  const url = 'https://teams.microsoft.com/l/entity/app-id/candor-trends';

  it("names each report with the month's signals (title and why) and the open commitments (age, due, overdue)", () => {
    const email = monthlyDigestEmail({
      managerName: 'Megan Bowen',
      month: '2026-11',
      trendsUrl: url,
      reports: [
        pair(ADELE),
        pair(ALEX, {
          signals: [
            signal(
              'Energy down two months running',
              'energizing named in 3 of 4 1:1s in September, 1 of 3 in November',
            ),
          ],
          openCommitments: [
            commitment('Book the design course', { dueDate: '2026-11-20', ageDays: 27, overdue: true }),
          ],
        }),
      ],
    });
    expect(email.subject).toBe('Your 1:1s in November 2026: 1 thing worth a look');
    expect(email.text).toContain(
      'Energy down two months running: energizing named in 3 of 4 1:1s in September, 1 of 3 in November',
    );
    expect(email.text).toContain('Book the design course (open 27 days, due Friday, November 20, overdue)');
    expect(email.text).toContain('3 of 4 1:1s held in November 2026.');
    // The report with a signal comes first; the calm one says so.
    expect(email.text.indexOf('Alex Wilber')).toBeLessThan(email.text.indexOf('Adele Vance'));
    expect(email.text).toMatch(
      /Adele Vance\n-+\n[^]*No signals: nothing stood out\.[^]*No open commitments to Adele Vance\./,
    );
    expect(email.html).toContain('<h2 style="font-size:17px;line-height:24px;margin:24px 0 8px">Alex Wilber</h2>');
    // One link to the trend tab.
    expect(email.html.match(/<a href=/g)).toHaveLength(1);
    expect(email.html).toContain(`href="${url}"`);
  });

  it('says "all calm" when no report has a signal, and names a month without 1:1s', () => {
    const email = monthlyDigestEmail({
      managerName: 'Megan Bowen',
      month: '2026-11',
      trendsUrl: url,
      reports: [pair(ALEX, { months: [monthTrend('2026-11', { scheduled: 0, held: 0, skipped: 0 })] })],
    });
    expect(email.subject).toBe('Your 1:1s in November 2026: all calm');
    expect(email.text).toContain('No 1:1s on the calendar in November 2026.');
    expect(email.text).toContain('No signals: nothing stood out.');
  });

  it('counts signals over all reports in the subject', () => {
    const email = monthlyDigestEmail({
      managerName: 'Megan Bowen',
      month: '2026-11',
      trendsUrl: null,
      reports: [
        pair(ALEX, { signals: [signal('a', 'b'), signal('c', 'd')] }),
        pair(ADELE, { signals: [signal('e', 'f')] }),
      ],
    });
    expect(email.subject).toBe('Your 1:1s in November 2026: 3 things worth a look');
    // No link configured: no button rather than a broken one.
    expect(email.html).not.toContain('<a ');
  });

  it('sets support asked in recaps beside the commitments made and done, from statements only', () => {
    const busy = monthTrend('2026-11', { supportNeedsNamed: 2, commitmentsOpened: 1, commitmentsDone: 1 });
    const quiet = monthTrend('2026-11', { supportNeedsNamed: 0, commitmentsOpened: 0, commitmentsDone: 0 });
    const email = monthlyDigestEmail({
      managerName: 'Megan Bowen',
      month: '2026-11',
      trendsUrl: url,
      reports: [pair(ALEX, { months: [busy] }), pair(ADELE, { months: [quiet] })],
    });
    expect(email.text).toContain(
      'Support asked in 2 recaps in November 2026; you made 1 commitment and closed 1 as done.',
    );
    expect(email.text).toContain('No support asked in a recap in November 2026.');
  });

  it('adds no energy, drain, mood or life-load figure of its own, shared or not, and words no HR jargon', () => {
    const email = monthlyDigestEmail({
      managerName: 'Megan Bowen',
      month: '2026-11',
      trendsUrl: url,
      reports: [
        pair(ALEX, { months: [monthTrend('2026-11', { mood: NOT_SHARED, lifeLoad: NOT_SHARED })] }),
        pair(ADELE, { signals: [signal('Energy down two months running', 'energizing named less often')] }),
      ],
    });
    for (const figure of ['1.5', '4.5', '2.25', '4.75', 'notShared', 'mood', 'Mood', 'life load', 'Life load']) {
      expect(email.html).not.toContain(figure);
      expect(email.text).not.toContain(figure);
    }
    expect(`${email.subject} ${email.text}`).not.toMatch(/performance|rating|evaluation|appraisal|review cycle/i);
  });

  it('refuses anything but the manager view', () => {
    expect(() =>
      monthlyDigestEmail({
        managerName: 'Megan',
        month: '2026-11',
        trendsUrl: url,
        reports: [pair(ALEX, { audience: 'report' })],
      }),
    ).toThrow(/manager view/);
  });

  it('escapes every text: names, commitment texts, signal words', () => {
    const hostile = '<script>alert("x")</script> & <img src=x onerror=alert(1)>';
    const email = monthlyDigestEmail({
      managerName: hostile,
      month: '2026-11',
      trendsUrl: url,
      reports: [
        pair(
          { id: ALEX.id, displayName: hostile },
          { signals: [signal(hostile, hostile)], openCommitments: [commitment(hostile)] },
        ),
      ],
    });
    expect(email.html).not.toContain('<script>');
    expect(email.html).not.toContain('<img');
    expect(email.html).toContain(
      '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;img src=x onerror=alert(1)&gt;',
    );
    // The plain text keeps the words as typed.
    expect(email.text).toContain(`${hostile} (open 27 days)`);
  });

  it("writes a commitment's age in words", () => {
    expect(commitmentLine(commitment('x', { ageDays: 0 }))).toBe('x (made today)');
    expect(commitmentLine(commitment('x', { ageDays: 1 }))).toBe('x (open 1 day)');
    expect(commitmentLine(commitment('x', { ageDays: 40, dueDate: '2026-11-01', overdue: true }))).toBe(
      'x (open 40 days, due Sunday, November 1, overdue)',
    );
  });
});
