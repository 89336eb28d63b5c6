import type { Browser } from 'playwright-core';
import { demoMeetings, DEMO_USER_IDS } from '@candor/local/simulator/demoTenant';
import { startLocalStack, type LocalStack } from '@candor/local/stack';
import { launchChromium, screenshotPath } from '../support/browser';
import { eventually } from '../support/eventually';

/*
 * The status guard's "Move to status update" in Chromium: Diego (report) types status into the side panel before
 * his 1:1 (moved to later today, so the status update is still open), moves it to "Finished", and Megan's meeting
 * details tab shows it in his status update. The clock is fixed; nothing depends on wall-clock time.
 */
jest.setTimeout(120_000);

const T0 = new Date('2026-06-10T09:10:00.000Z');
let stack: LocalStack;
let browser: Browser;
const diegoMeeting = demoMeetings(T0).find((m) => m.reportId === DEMO_USER_IDS.diego)!;

beforeAll(async () => {
  stack = await startLocalStack({ web: true, now: () => T0 });
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

const hostPage = (userId: string): string =>
  `${stack.hostPageUrl}/?${new URLSearchParams({ as: userId, meeting: diegoMeeting.chatId }).toString()}`;

describe('moving status out of the side panel', () => {
  it('moves the words into the status update, empties the field, and the manager reads them in the prep view', async () => {
    const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
    const page = await context.newPage();
    await page.goto(hostPage(DEMO_USER_IDS.diego));
    const panel = page.frameLocator('iframe[title="Candor side panel"]');
    await panel.getByRole('heading', { name: 'Megan Bowen', level: 1 }).waitFor();
    await panel.getByText('No status update sent yet').waitFor();

    const words = 'JIRA-2211 done, PR #418 merged, rollout 60% through';
    const energizing = panel.getByRole('textbox', { name: 'What is energizing you?' });
    await energizing.fill(words);
    await panel.getByText('This reads like a status update.').waitFor({ timeout: 10_000 });

    // Keyboard only: open the choice, pick "Finished" (the first part), move.
    await panel.getByRole('button', { name: 'Move to status update' }).focus();
    await page.keyboard.press('Enter');
    const choice = panel.getByRole('radiogroup', { name: 'Move it to which part of your status update?' });
    await choice.waitFor();
    await eventually(
      () =>
        choice
          .getByRole('radio', { name: 'Finished' })
          .evaluate((el: { ownerDocument: { activeElement: unknown } }) => el === el.ownerDocument.activeElement),
      true,
    );
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');

    await eventually(() => energizing.inputValue(), '');
    await panel.getByText('Moved to your status update, under “Finished”.').waitFor();
    await eventually(() => panel.getByText('Status update received ·').count(), 1);
    await eventually(() => panel.getByRole('status').first().innerText(), 'Saved');
    await page.screenshot({ path: screenshotPath('status-move-report.png') });

    // The manager: the prep view has the words in the status update; the board no longer holds them.
    await page.goto(hostPage(DEMO_USER_IDS.megan));
    const details = page.frameLocator('iframe[title="Candor meeting details"]');
    await eventually(() => details.getByText(words).count(), 1);
    const managerPanel = page.frameLocator('iframe[title="Candor side panel"]');
    await eventually(() => managerPanel.getByText('Status update received ·').count(), 1);
    expect(await managerPanel.getByText(words).count()).toBe(0);
    await context.close();
  });
});
