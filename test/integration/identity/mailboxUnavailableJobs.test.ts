import { preMeetingScanDeps } from '@candor/functions/composition/statusRequests';
import { runPreMeetingScan } from '@candor/functions/jobs/preMeetingScan';
import { runTrendsDaily, trendsDailyDeps } from '@candor/functions/jobs/trendsDaily';
import { startAzurite, type AzuriteHandle } from '@candor/local/azurite';
import { DEMO_MANAGER_ID, DEMO_USER_IDS, demoTenantSeed } from '@candor/local/simulator/demoTenant';
import { startScanHarness, testClock, type ScanHarness } from '../../support/scanHarness';

/*
 * Mailboxes Graph cannot reach (MailboxNotEnabledForRESTAPI: on-premises, inactive or unlicensed) are counted in
 * each job's per-run report line, counts only, so an admin sees why a manager or report was left out.
 */
jest.setTimeout(90_000);

const NOW = new Date('2026-11-26T12:00:00.000Z');
const { megan, adele } = DEMO_USER_IDS;

let azurite: AzuriteHandle;
let harness: ScanHarness;

beforeAll(async () => {
  azurite = await startAzurite();
  const seed = demoTenantSeed(NOW);
  // Megan's mailbox (the manager's) and Adele's (a report's) are still on-premises.
  seed.users = seed.users.map((u) => (u.id === megan || u.id === adele ? { ...u, mailboxUnreachable: true } : u));
  harness = await startScanHarness({
    azurite,
    seed,
    clock: testClock(NOW),
    env: { STATUS_ENROLLED_MANAGERS: DEMO_MANAGER_ID },
  });
});
afterAll(async () => {
  await harness?.close();
  await azurite?.stop();
});

describe('the jobs count the mailboxes Graph cannot reach', () => {
  it('the pre-meeting scan: the manager whose calendar lives on-premises, in its report line', async () => {
    const lines: string[] = [];
    const report = await runPreMeetingScan(preMeetingScanDeps(harness.services, { log: (line) => lines.push(line) }));
    expect(report).toMatchObject({ managers: 1, unreadCalendars: 1, mailboxesUnavailable: 1 });
    expect(lines.join('\n')).toContain('1 mailboxes unavailable');
    expect(lines.join('\n')).not.toContain(megan);
  });

  it('the daily trends job: the manager’s calendar and the report’s mailbox settings, each mailbox once', async () => {
    const lines: string[] = [];
    const report = await runTrendsDaily(trendsDailyDeps(harness.services, { log: (line) => lines.push(line) }));
    expect(report).toMatchObject({ managers: 1, mailboxesUnavailable: 2 });
    expect(lines.join('\n')).toContain('2 mailboxes unavailable');
    expect(lines.join('\n')).not.toContain(adele);
  });
});
