import type { Browser, BrowserContext } from 'playwright-core';
import { demoMeetings, DEMO_USER_IDS } from '@candor/local/simulator/demoTenant';
import { startLocalStack, type LocalStack } from '@candor/local/stack';
import { launchChromium, screenshotPath } from '../support/browser';
import { eventually } from '../support/eventually';

/*
 * Status wording follows the clock. Before Diego's 1:1 his meeting details tab links to his own status form once a
 * request went out (and says why not before); once the 1:1 has started nobody is told an email is still coming or
 * that an update is merely "not sent yet". The stack's clock (server) and the browser's clock move together.
 */
let stack: LocalStack;
let browser: Browser;
let clock = new Date();
const diegoMeeting = demoMeetings(clock).find((m) => m.reportId === DEMO_USER_IDS.diego)!;
// The demo tenant moved Diego's next weekly 1:1 to two hours after the current whole hour (simulator/demoTenant).
const HOUR_MS = 3_600_000;
const diegoStart = Math.floor(clock.getTime() / HOUR_MS) * HOUR_MS + 2 * HOUR_MS;

beforeAll(async () => {
  stack = await startLocalStack({ web: true, now: () => clock });
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

const hostPage = (userId: string): string =>
  `${stack.hostPageUrl}/?${new URLSearchParams({ as: userId, meeting: diegoMeeting.chatId }).toString()}`;

async function contextAt(time: Date): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  await context.clock.setFixedTime(time);
  return context;
}

describe('status wording that follows the clock', () => {
  it('links the report to their own form while it is open, and changes the words once the 1:1 has started', async () => {
    const before = await contextAt(clock);
    const page = await before.newPage();
    await page.goto(hostPage(DEMO_USER_IDS.diego));
    const details = page.frameLocator('iframe[title="Candor meeting details"]');
    // No request went out yet: the tab says so instead of pointing at an email that does not exist.
    await eventually(
      () => details.getByText('No status request has been made for this 1:1 yet', { exact: false }).count(),
      1,
    );
    expect(await details.getByText('Use the button in the email', { exact: false }).count()).toBe(0);

    await page.getByRole('button', { name: 'Run pre-meeting scan' }).click();
    const mails = page.getByRole('button', { name: /Before your 1:1 with Megan Bowen.*diego@/ });
    await eventually(() => mails.count(), 2);
    await page.reload();
    const link = details.getByRole('link', { name: 'Write your status update' });
    await eventually(() => link.count(), 1);
    const [form] = await Promise.all([before.waitForEvent('page'), link.click()]);
    await form.waitForLoadState();
    expect(new URL(form.url()).searchParams.get('surface')).toBe('status');
    await eventually(() => form.getByRole('heading', { name: 'Your status update for Megan Bowen' }).count(), 1);
    await form.close();
    await before.close();

    // Five minutes into the 1:1, by both clocks.
    clock = new Date(diegoStart + 5 * 60_000);
    const during = await contextAt(clock);
    const report = await during.newPage();
    await report.goto(hostPage(DEMO_USER_IDS.diego));
    const reportDetails = report.frameLocator('iframe[title="Candor meeting details"]');
    const reportPanel = report.frameLocator('iframe[title="Candor side panel"]');
    await eventually(
      () =>
        reportDetails
          .getByText('Your 1:1 has started, so a status update can no longer be sent', { exact: false })
          .count(),
      1,
    );
    expect(await reportDetails.getByRole('link', { name: 'Write your status update' }).count()).toBe(0);
    await eventually(() => reportPanel.getByText('You did not send a status update for this 1:1').count(), 1);
    expect(await reportPanel.getByText('No status update sent yet').count()).toBe(0);
    await report.screenshot({ path: screenshotPath('status-wording-report-during.png') });

    const manager = await during.newPage();
    await manager.goto(hostPage(DEMO_USER_IDS.megan));
    const managerDetails = manager.frameLocator('iframe[title="Candor meeting details"]');
    const managerPanel = manager.frameLocator('iframe[title="Candor side panel"]');
    await eventually(
      () =>
        managerDetails.getByText('Diego Siciliani did not send a status update for this 1:1', { exact: false }).count(),
      1,
    );
    expect(await managerDetails.getByText('gets an email before your 1:1', { exact: false }).count()).toBe(0);
    await eventually(() => managerPanel.getByText('No status update for this 1:1').count(), 1);
    await during.close();
  }, 120_000);
});
