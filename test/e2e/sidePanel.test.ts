import type { Browser, Page } from 'playwright-core';
import { startLocalStack, type LocalStack } from '@candor/local/stack';
import { demoMeetings, DEMO_USER_IDS } from '@candor/local/simulator/demoTenant';
import { launchChromium, screenshotPath } from '../support/browser';
import { eventually } from '../support/eventually';

let stack: LocalStack;
let browser: Browser;
const oneOnOne = demoMeetings(new Date())[0]!;
/** The demo's 1:1 with Teams' short join link (`/meet/<id>?p=…`), which names no chat. */
const shortLinked = demoMeetings(new Date()).find(
  (m) => m.managerId === DEMO_USER_IDS.patti && m.reportId === DEMO_USER_IDS.megan,
)!;

beforeAll(async () => {
  stack = await startLocalStack({ web: true });
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

function hostPage(userId: string, chatId = oneOnOne.chatId): string {
  const params = new URLSearchParams({ as: userId, meeting: chatId });
  return `${stack.hostPageUrl}/?${params.toString()}`;
}

const sidePanel = (page: Page) => page.frameLocator('iframe[title="Candor side panel"]');

describe('the side panel in the local Teams host', () => {
  it('keeps what the report typed and shows it to the manager', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(hostPage(oneOnOne.reportId));

    const answer = sidePanel(page).getByRole('textbox', { name: 'What is energizing you?' });
    await answer.fill('Mentoring the two new joiners');
    // The board's own save state, in its header (the rating sharing switches under the prompts have their own).
    await eventually(() => sidePanel(page).getByRole('status').first().innerText(), 'Saved');

    await page.reload();
    await eventually(
      () => sidePanel(page).getByRole('textbox', { name: 'What is energizing you?' }).inputValue(),
      'Mentoring the two new joiners',
    );

    await page.goto(hostPage(oneOnOne.managerId));
    const panel = sidePanel(page);
    await eventually(() => panel.getByText('Mentoring the two new joiners').count(), 1);
    // The manager reads the answer; it is not an input they could overwrite.
    expect(await panel.getByRole('textbox', { name: 'What is energizing you?', exact: true }).count()).toBe(0);

    const frame = page.locator('iframe[title="Candor side panel"]');
    const width = await frame.evaluate(
      (element: { getBoundingClientRect(): { width: number } }) => element.getBoundingClientRect().width,
    );
    expect(width).toBe(280);
    const scrolls = await panel
      .locator('body')
      .evaluate((body: { scrollWidth: number; clientWidth: number }) => body.scrollWidth > body.clientWidth);
    expect(scrolls).toBe(false);

    await page.screenshot({ path: screenshotPath('side-panel-manager.png') });
    await context.close();
  }, 60_000);
});

describe('a meeting with a short join link in the local Teams host', () => {
  it('opens the same board in the side panel and the details tab for both people', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const details = page.frameLocator('iframe[title="Candor meeting details"]');

    await page.goto(hostPage(shortLinked.reportId, shortLinked.chatId));
    await eventually(() => details.getByText(/Jot down a few honest words before you meet/).count(), 1);
    await sidePanel(page).getByRole('textbox', { name: 'What is energizing you?' }).fill('Shipping the roadmap draft');
    await eventually(() => sidePanel(page).getByRole('status').first().innerText(), 'Saved');

    await page.goto(hostPage(shortLinked.managerId, shortLinked.chatId));
    await eventually(() => sidePanel(page).getByText('Shipping the roadmap draft').count(), 1);
    await eventually(() => details.getByText(/Read what .* shared before you meet/).count(), 1);
    await eventually(() => details.getByText('Shipping the roadmap draft').count(), 1);
    await context.close();
  }, 60_000);
});
