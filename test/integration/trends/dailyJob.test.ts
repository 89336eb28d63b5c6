import { DEFAULT_TREND_SHARING } from '@candor/functions/contract';
import { occurrenceIdFor } from '@candor/functions/domain/occurrences';
import type { MonthRecord } from '@candor/functions/domain/trendFacts';
import { runTrendsDaily, trendsDailyDeps, type TrendsDailyReport } from '@candor/functions/jobs/trendsDaily';
import { startAzurite, type AzuriteHandle } from '@candor/local/azurite';
import { oneOnOnes, type RequestLogEntry, type SeedMeeting } from '@candor/local/simulator/index';
import {
  DEMO_MANAGER_ID,
  DEMO_TENANT_ID,
  DEMO_USER_IDS,
  demoTenantSeed,
  demoUsers,
} from '@candor/local/simulator/demoTenant';
import { teamsMeetingLinks } from '@candor/local/simulator/ids';
import { startScanHarness, testClock, type ScanHarness } from '../../support/scanHarness';

/*
 * The daily trends job end to end: the real Graph client and $batch against the simulator's demo tenant, the real
 * recorder on Azurite. The clock stands on Thursday 2026-11-26 12:00 UTC, so the demo calendar has, in the last
 * seven days, Megan's 1:1s with Adele and Alex on Thursday the 19th and Lynne's (she organizes it) on Saturday the
 * 21st; Diego's of Friday the 20th was deleted by Megan, and his moved one of this week is still ahead. Alex's 1:1
 * has Teams' short join link here, the others the long one.
 */
jest.setTimeout(90_000);

const NOW = new Date('2026-11-26T12:00:00.000Z');
const { megan, adele, alex, diego, lynne } = DEMO_USER_IDS;
const SEED = demoTenantSeed(NOW);
const LYNNE_LAST_WEEK = '2026-11-21T12:00:00Z';

let azurite: AzuriteHandle;
let harness: ScanHarness;
let firstRun: TrendsDailyReport;
let firstLog: RequestLogEntry[];
const logLines: string[] = [];

const run = (): Promise<TrendsDailyReport> =>
  runTrendsDaily(trendsDailyDeps(harness.services, { log: (line) => logLines.push(line) }));
const records = async (): Promise<Map<string, MonthRecord[]>> => {
  const rows = await harness.services.trendReader.managerRecords(DEMO_TENANT_ID, megan, ['2026-11']);
  return new Map([...rows].map(([reportId, r]) => [reportId, r.records]));
};
const novemberOf = async (reportId: string): Promise<MonthRecord | undefined> =>
  (await records()).get(reportId)?.find((r) => r.month === '2026-11');
const chatOf = (reportId: string): string => {
  const found = oneOnOnes(SEED).find((m) => m.managerId === megan && m.reportId === reportId);
  if (!found) throw new Error('no such demo 1:1');
  return found.chatId;
};
const touches = (entry: RequestLogEntry, userId: string): boolean =>
  entry.path.toLowerCase().includes(`/users/${userId.toLowerCase()}/`);

beforeAll(async () => {
  azurite = await startAzurite();
  harness = await startScanHarness({
    azurite,
    seed: SEED,
    clock: testClock(NOW),
    env: { STATUS_ENROLLED_MANAGERS: DEMO_MANAGER_ID },
  });
  // Lynne cancels last Saturday's 1:1: gone from her calendar, marked cancelled in Megan's (Megan is the attendee).
  const lynneSeries = SEED.meetings.find((m) => m.key === '1on1-lynne-megan');
  if (!lynneSeries) throw new Error('no Lynne 1:1 in the demo');
  harness.simulator.upsertMeeting({ ...lynneSeries, cancelledKeptByAttendees: [LYNNE_LAST_WEEK] });
  // Alex's 1:1 has Teams' short join link, which names no chat: its records are keyed by the meeting id instead.
  const alexSeries = SEED.meetings.find((m) => m.key === '1on1-megan-alex');
  if (!alexSeries) throw new Error('no Alex 1:1 in the demo');
  harness.simulator.upsertMeeting({
    ...alexSeries,
    ...teamsMeetingLinks(DEMO_TENANT_ID, megan, alexSeries.key, 'short'),
  });
  // An evening call in Adele's calendar (19:00 Berlin on Tuesday): after her 08:00–17:00 working hours.
  const lateCall: SeedMeeting = {
    key: 'adele-late-call',
    subject: 'Late call with a customer',
    organizerId: adele,
    attendees: [],
    start: { dateTime: '2026-11-24T19:00:00', timeZone: 'W. Europe Standard Time' },
    end: { dateTime: '2026-11-24T20:00:00', timeZone: 'W. Europe Standard Time' },
    createdDateTime: '2026-11-20T08:00:00Z',
  };
  harness.simulator.upsertMeeting(lateCall);
  // Diego switched calendar load off.
  await harness.services.trendSharing.save(
    DEMO_TENANT_ID,
    diego,
    { ...DEFAULT_TREND_SHARING, calendarLoad: false },
    megan,
  );

  harness.simulator.clearRequestLog();
  firstRun = await run();
  firstLog = harness.simulator.requestLog();
});
afterAll(async () => {
  await harness?.close();
  await azurite?.stop();
});

describe('the calendar’s record of the 1:1s', () => {
  it('records each ended 1:1 of the last week under its board’s occurrence id, as skipped when nobody held it', async () => {
    const adeles = await novemberOf(adele);
    const alexs = await novemberOf(alex);
    const adeleId = occurrenceIdFor('2026-11-19T12:00:00Z', chatOf(adele));
    // Adele's long join link names the chat (as every earlier record's id hashes it); Alex's short one its meeting id.
    const alexLink = teamsMeetingLinks(DEMO_TENANT_ID, megan, '1on1-megan-alex', 'short').teamsJoinUrl;
    const alexId = occurrenceIdFor('2026-11-19T13:00:00Z', `meet:${/\/meet\/(\d+)/.exec(alexLink)?.[1] ?? ''}`);
    expect(Object.keys(adeles?.facts ?? {})).toEqual([adeleId]);
    expect(adeles?.facts[adeleId]).toMatchObject({ outcome: 'skipped', start: '2026-11-19T12:00:00.000Z' });
    expect(Object.keys(alexs?.facts ?? {})).toEqual([alexId]);
    expect(alexs?.facts[alexId]?.outcome).toBe('skipped');
  });

  it('records a 1:1 the report cancelled as cancelled, and nothing for a deleted or a coming one', async () => {
    const lynnes = await novemberOf(lynne);
    const id = occurrenceIdFor(LYNNE_LAST_WEEK, chatOf(lynne));
    expect(Object.values(lynnes?.facts ?? {}).map((f) => [f.occurrenceId, f.outcome])).toEqual([[id, 'cancelled']]);
    expect(Object.keys((await novemberOf(diego))?.facts ?? {})).toEqual([]);
    expect(firstRun).toMatchObject({ managers: 1, pairs: 4, occurrencesRecorded: 3, unreadCalendars: 0, failed: 0 });
  });
});

describe('calendar load', () => {
  it('counts the previous and the current week of the report’s calendar against their working hours', async () => {
    // Previous week: the 1:1 (30 min) and the team sync (60 min). This week: those two, the roadmap review she
    // tentatively accepted (45 min) and the evening call (60 min, after hours, in the evening, booked days ahead).
    const none = { shortNoticeAfterHours: 0, eveningOrWeekend: 0 };
    expect((await novemberOf(adele))?.weeks).toEqual({
      '2026-11-16': { weekStart: '2026-11-16', meetings: 2, meetingHours: 1.5, afterHoursMeetings: 0, ...none },
      '2026-11-23': {
        weekStart: '2026-11-23',
        meetings: 4,
        meetingHours: 3.3,
        afterHoursMeetings: 1,
        ...none,
        eveningOrWeekend: 1,
      },
    });
    expect(Object.keys((await novemberOf(alex))?.weeks ?? {})).toEqual(['2026-11-16', '2026-11-23']);
    expect(firstRun).toMatchObject({ weeksRecorded: 6, reportsSkippedByChoice: 1, unreadReportCalendars: 0 });
  });

  it('counts Alex’s evening calls booked a few hours ahead as after-hours scrambles, in his New York weeks', async () => {
    // The demo books them at 18:30 New York 1, 2, 4 and 8 days before Thursday 26 Nov: Wed 18 and Sun 22 Nov fall in
    // the week of the 16th, Tue 24 and Wed 25 in the week of the 23rd.
    const weeks = (await novemberOf(alex))?.weeks ?? {};
    expect(weeks['2026-11-16']).toMatchObject({ shortNoticeAfterHours: 2, eveningOrWeekend: 2 });
    expect(weeks['2026-11-23']).toMatchObject({ shortNoticeAfterHours: 2, eveningOrWeekend: 2 });
  });

  it('reads the report’s calendar times and working hours only, with nothing else selected', () => {
    const calendarReads = firstLog.filter((e) => touches(e, adele) && e.path.endsWith('/calendarView'));
    expect(calendarReads).toHaveLength(1);
    expect(new URLSearchParams(calendarReads[0]?.query).get('$select')).toBe(
      'start,end,showAs,isCancelled,createdDateTime',
    );
    const settings = firstLog.filter((e) => touches(e, adele) && e.path.includes('/mailboxSettings'));
    expect(
      settings.map((e) => [
        e.path.replace(/^.*\/mailboxSettings/, '/mailboxSettings'),
        new URLSearchParams(e.query).get('$select'),
      ]),
    ).toEqual([['/mailboxSettings', 'workingHours,timeZone']]);
    expect(firstLog.filter((e) => touches(e, adele)).every((e) => e.status === 200)).toBe(true);
  });

  it('reads nothing of the calendar or mailbox of a report who switched it off', async () => {
    expect(firstLog.filter((e) => touches(e, diego))).toEqual([]);
    expect((await novemberOf(diego))?.weeks ?? {}).toEqual({});
    // The manager's own calendar is read (for the 1:1s), the other reports' too.
    expect(firstLog.some((e) => touches(e, megan) && e.path.endsWith('/calendarView'))).toBe(true);
    expect(firstLog.some((e) => touches(e, lynne) && e.path.endsWith('/calendarView'))).toBe(true);
  });
});

describe('running it again', () => {
  it('gives the same aggregates (everything is set, nothing added)', async () => {
    const before = await records();
    const again = await run();
    expect(again).toEqual(firstRun);
    expect(await records()).toEqual(before);
  });

  it('logs counts only: no names, addresses, subjects or ids of people', () => {
    expect(logLines.length).toBeGreaterThan(0);
    const people = demoUsers().flatMap((u) => [u.id, u.displayName, u.displayName.split(' ')[0] ?? '', u.mail]);
    const subjects = SEED.meetings.map((m) => m.subject);
    for (const line of logLines) {
      for (const word of [...people, ...subjects]) expect(line.toLowerCase()).not.toContain(word.toLowerCase());
    }
  });
});
