import { occurrenceIdFor } from '@candor/functions/domain/occurrences';
import { boardOccurrenceIdOf } from '@candor/functions/domain/seriesIdentity';
import { runTrendsDaily, trendsDailyDeps } from '@candor/functions/jobs/trendsDaily';
import { startAzurite, type AzuriteHandle } from '@candor/local/azurite';
import type { SeedMeeting } from '@candor/local/simulator/index';
import { DEMO_MANAGER_ID, DEMO_TENANT_ID, DEMO_USER_IDS, demoTenantSeed } from '@candor/local/simulator/demoTenant';
import { globalObjectId } from '@candor/local/simulator/ids';
import { startScanHarness, testClock, type ScanHarness } from '../../support/scanHarness';

/*
 * A 1:1 without a Teams meeting (Megan and Alex walk on Fridays at 10:00 UTC) goes through the timer jobs like any
 * other: the scan on Thursday noon asks Alex for Friday's status, and the daily trends job records last Friday's,
 * each under the occurrence id both calendars give it (the series' Global Object Id, not a mailbox's event id).
 */
jest.setTimeout(90_000);

const NOW = new Date('2026-11-26T12:00:00.000Z');
const { megan, alex } = DEMO_USER_IDS;
const KEY = '1on1-megan-alex';
const SERIES = `goid:${globalObjectId(KEY)}`;
const walk: SeedMeeting = {
  key: KEY,
  subject: 'Megan / Alex walk',
  organizerId: megan,
  attendees: [{ userId: alex, type: 'required', response: 'accepted' }],
  start: { dateTime: '2026-10-02T10:00:00', timeZone: 'UTC' },
  end: { dateTime: '2026-10-02T10:30:00', timeZone: 'UTC' },
  recurrence: {
    pattern: {
      type: 'weekly',
      interval: 1,
      month: 0,
      dayOfMonth: 0,
      daysOfWeek: ['friday'],
      firstDayOfWeek: 'sunday',
      index: 'first',
    },
    range: {
      type: 'noEnd',
      startDate: '2026-10-02',
      endDate: '0001-01-01',
      recurrenceTimeZone: 'UTC',
      numberOfOccurrences: 0,
    },
  },
  location: { displayName: 'Around the lake' },
  createdDateTime: '2026-09-20T08:00:00Z',
};

let azurite: AzuriteHandle;
let harness: ScanHarness;

beforeAll(async () => {
  azurite = await startAzurite();
  harness = await startScanHarness({
    azurite,
    seed: demoTenantSeed(NOW),
    clock: testClock(NOW),
    // Requests go from Megan's own mailbox (the demo has no service mailbox).
    env: { STATUS_ENROLLED_MANAGERS: DEMO_MANAGER_ID, STATUS_SERVICE_MAILBOX: megan },
  });
  harness.simulator.upsertMeeting(walk);
}, 60_000);
afterAll(async () => {
  await harness?.close();
  await azurite?.stop();
});

/** The board id of the occurrence at `startUtc` as one person's own calendar gives it. */
async function boardIdIn(userId: string, startUtc: string): Promise<string | undefined> {
  const start = Date.parse(startUtc);
  const events = await harness.services.calendar.eventsBetween(
    userId,
    new Date(start - 3600_000),
    new Date(start + 3600_000),
  );
  const event = events.find((e) => Date.parse(e.startUtc) === start && e.subject === walk.subject);
  return event ? boardOccurrenceIdOf(event) : undefined;
}

describe('a 1:1 without a Teams meeting in the timer jobs', () => {
  it('gets its status request under the occurrence id both calendars share', async () => {
    const friday = '2026-11-27T10:00:00.000Z';
    const expected = occurrenceIdFor(friday, SERIES);
    expect([await boardIdIn(megan, friday), await boardIdIn(alex, friday)]).toEqual([expected, expected]);
    await harness.scan();
    const asked = await harness.services.statusRequestClaims.sentOccurrenceIds({
      tenantId: DEMO_TENANT_ID,
      managerId: megan,
      reportId: alex,
    });
    expect([...asked]).toContain(expected);
  });

  it('gets its trend record under the same occurrence id', async () => {
    const lastFriday = '2026-11-20T10:00:00.000Z';
    const expected = occurrenceIdFor(lastFriday, SERIES);
    expect(await boardIdIn(alex, lastFriday)).toBe(expected);
    await runTrendsDaily(trendsDailyDeps(harness.services, { log: () => undefined }));
    const rows = await harness.services.trendReader.managerRecords(DEMO_TENANT_ID, megan, ['2026-11']);
    const november = rows.get(alex)?.records.find((r) => r.month === '2026-11');
    expect(Object.values(november?.facts ?? {}).map((f) => f.occurrenceId)).toContain(expected);
  });
});
