import { randomUUID } from 'node:crypto';
import type { Browser, BrowserContext, FrameLocator, Locator, Page } from 'playwright-core';
import { apiPaths } from '@candor/functions/contract';
import { startLocalStack, type LocalStack } from '@candor/local/stack';
import { DEMO_USER_IDS, demoMeetings } from '@candor/local/simulator/demoTenant';
import { callApi } from '../support/api';
import { launchChromium } from '../support/browser';
import { eventually } from '../support/eventually';

/*
 * A sharing choice made on the live board, in Chromium: Adele (report) answers mood and life load, turns mood
 * sharing off right under it with the keyboard, and Megan's panel shows "Not shared" where the mood was, while the
 * life load she still shares stays. The go-to question's skip is the manager's alone. The simulated clock is fixed
 * at a Wednesday morning with their weekly 1:1 in progress.
 */

jest.setTimeout(180_000);

const T0 = new Date('2026-06-10T09:10:00.000Z');
let stack: LocalStack;
let browser: Browser;
let contexts: BrowserContext[] = [];
let manager: Page;
let report: Page;
const oneOnOne = demoMeetings(T0).find((m) => m.reportId === DEMO_USER_IDS.adele)!;
const QUESTION = `What would make next week great? ${randomUUID().slice(0, 8)}`;

beforeAll(async () => {
  stack = await startLocalStack({ web: true, now: () => T0 });
  // Megan's bank holds one question, so this meeting's board offers it.
  const token = await stack.simulator.mintAccessToken(DEMO_USER_IDS.megan);
  const bank = await callApi(stack, 'PUT', apiPaths.myGoToQuestions(), {
    token,
    body: { questions: [{ id: randomUUID(), text: QUESTION }], baseRevision: 0 },
  });
  expect(bank.status).toBe(200);
  browser = await launchChromium();
  contexts = await Promise.all([0, 1].map(() => browser.newContext({ viewport: { width: 1280, height: 1000 } })));
  [manager, report] = (await Promise.all(contexts.map((c) => c.newPage()))) as [Page, Page];
  // A step that never comes fails at its own line instead of at the test's timeout.
  for (const page of [manager, report]) page.setDefaultTimeout(20_000);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

const hostPage = (userId: string): string =>
  `${stack.hostPageUrl}/?${new URLSearchParams({ as: userId, meeting: oneOnOne.chatId }).toString()}`;
const panelOf = (page: Page): FrameLocator => page.frameLocator('iframe[title="Candor side panel"]');

async function tabTo(page: Page, target: Locator, maxPresses = 80): Promise<void> {
  for (let i = 0; i < maxPresses; i++) {
    if (
      await target
        .evaluate(
          (el: { ownerDocument: { activeElement: unknown } }) => el === el.ownerDocument.activeElement,
          undefined,
          { timeout: 1000 },
        )
        .catch(() => false)
    )
      return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`not reachable with Tab within ${maxPresses} presses`);
}

async function expand(panel: FrameLocator, name: string): Promise<void> {
  const header = panel.getByRole('button', { name, exact: true });
  if ((await header.getAttribute('aria-expanded')) !== 'true') await header.click();
}

describe('a rating the report keeps to herself', () => {
  it('is turned off right on the live board, and the manager’s panel says "Not shared"', async () => {
    await Promise.all([manager.goto(hostPage(oneOnOne.managerId)), report.goto(hostPage(oneOnOne.reportId))]);
    const reportPanel = panelOf(report);
    const managerPanel = panelOf(manager);
    await Promise.all([
      managerPanel.getByRole('heading', { name: 'Adele Vance', level: 1 }).waitFor(),
      reportPanel.getByRole('heading', { name: 'Megan Bowen', level: 1 }).waitFor(),
    ]);

    await expand(reportPanel, 'Personal check');
    await reportPanel.getByRole('radiogroup', { name: 'Mood' }).getByRole('radio', { name: '4 · Good' }).check();
    await reportPanel
      .getByRole('radiogroup', { name: 'Life load outside work' })
      .getByRole('radio', { name: '2 · Manageable' })
      .check();

    // Both shared (the default): she reads so at each rating, and Megan sees both answers.
    const moodSharing = reportPanel.getByRole('group', { name: 'Who sees your answer to “Mood”' });
    const lifeLoadSharing = reportPanel.getByRole('group', {
      name: 'Who sees your answer to “Life load outside work”',
    });
    await moodSharing.getByText('Megan Bowen sees this').waitFor();
    await lifeLoadSharing.getByText('Megan Bowen sees this').waitFor();
    await expand(managerPanel, 'Personal check');
    await managerPanel.getByText('4 · Good').waitFor({ timeout: 10_000 });
    await managerPanel.getByText('2 · Manageable').waitFor({ timeout: 10_000 });

    // With the keyboard: Tab to the mood's switch, Space turns it off, and the choice is saved.
    const moodSwitch = moodSharing.getByRole('switch', { name: 'Share with Megan Bowen' });
    expect(await moodSwitch.count()).toBe(1);
    await tabTo(report, moodSwitch);
    await report.keyboard.press('Space');
    await eventually(() => moodSharing.getByRole('status').innerText(), 'Saved');
    await moodSharing.getByText('Only you see this').waitFor();
    expect(await moodSwitch.isChecked()).toBe(false);
    await lifeLoadSharing.getByText('Megan Bowen sees this').waitFor();

    // Megan's panel, on its next poll: "Not shared" where the mood was; the life load is still there.
    await managerPanel.getByText('Not shared').waitFor({ timeout: 15_000 });
    await managerPanel.getByText('2 · Manageable').waitFor();
    expect(await managerPanel.getByText('4 · Good').count()).toBe(0);
    expect(await managerPanel.getByRole('switch').count()).toBe(0);

    // The same choice the Trends tab shows: after a reload the switch is still off.
    await report.reload();
    await expand(reportPanel, 'Personal check');
    await reportPanel
      .getByRole('group', { name: 'Who sees your answer to “Mood”' })
      .getByText('Only you see this')
      .waitFor();
  });

  it('offers the go-to question’s skip to the manager only', async () => {
    const reportPanel = panelOf(report);
    const managerPanel = panelOf(manager);
    await expand(reportPanel, 'Go-to question');
    await expand(managerPanel, 'Go-to question');
    await reportPanel.getByText(QUESTION).waitFor();
    await managerPanel.getByText(QUESTION).waitFor();
    expect(await reportPanel.getByRole('button', { name: 'Skip this one' }).count()).toBe(0);
    expect(await managerPanel.getByRole('button', { name: 'Skip this one' }).count()).toBe(1);
  });
});

describe('how energized and how drained the week felt', () => {
  it('is rated under its prompt with the keyboard, fits the panel, and the manager sees it or "Not shared"', async () => {
    await Promise.all([manager.goto(hostPage(oneOnOne.managerId)), report.goto(hostPage(oneOnOne.reportId))]);
    const reportPanel = panelOf(report);
    const managerPanel = panelOf(manager);
    const energy = reportPanel.getByRole('radiogroup', { name: 'How energized did this week feel?' });
    const drain = reportPanel.getByRole('radiogroup', { name: 'How drained did this week feel?' });
    await energy.waitFor();

    // Keyboard only: Tab into the row, arrows move along the points, each named with its number and word.
    const first = energy.getByRole('radio', { name: '1 · Not at all' });
    await tabTo(report, first);
    await report.keyboard.press('ArrowRight');
    await report.keyboard.press('ArrowRight');
    expect(await energy.getByRole('radio', { name: '3 · Somewhat' }).isChecked()).toBe(true);
    await drain.getByRole('radio', { name: '4 · Quite' }).check();
    // Five points in one row at the side panel's width: nothing runs past the panel's edge.
    const overflow = await reportPanel
      .locator('body')
      .evaluate((body: { scrollWidth: number; clientWidth: number }) => body.scrollWidth - body.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);

    await managerPanel.getByText('3 · Somewhat').waitFor({ timeout: 15_000 });
    await managerPanel.getByText('4 · Quite').waitFor({ timeout: 15_000 });

    // Drain kept back right under it: the manager's panel says "Not shared" there, energy stays.
    const drainSharing = reportPanel.getByRole('group', {
      name: 'Who sees your answer to “How drained did this week feel?”',
    });
    await drainSharing.getByRole('switch', { name: 'Share with Megan Bowen' }).click();
    await drainSharing.getByText('Only you see this').waitFor();
    const managerDrain = managerPanel.getByLabel('How drained did this week feel?', { exact: true });
    await eventually(() => managerDrain.innerText(), 'Not shared', 15_000);
    expect(await managerPanel.getByLabel('How energized did this week feel?', { exact: true }).innerText()).toBe(
      '3 · Somewhat',
    );
  });
});
