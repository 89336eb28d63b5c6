import type { Browser, BrowserContext, Page, Route } from 'playwright-core';
import { startLocalStack, type LocalStack } from '@candor/local/stack';
import { demoMeetings } from '@candor/local/simulator/demoTenant';
import { launchChromium } from '../support/browser';
import { eventually } from '../support/eventually';

let stack: LocalStack;
let browser: Browser;
const oneOnOne = demoMeetings(new Date())[0]!;

beforeAll(async () => {
  stack = await startLocalStack({ web: true });
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

function hostPage(userId: string): string {
  return `${stack.hostPageUrl}/?${new URLSearchParams({ as: userId, meeting: oneOnOne.chatId }).toString()}`;
}

const sidePanel = (page: Page) => page.frameLocator('iframe[title="Candor side panel"]');
const ENERGIZING = 'What is energizing you?';

/** Holds the meeting board's answer until `release` is called, wherever the API is served from. */
async function holdBoardAnswer(context: BrowserContext): Promise<() => Promise<void>> {
  const held: Route[] = [];
  let holding = true;
  await context.route(/\/meetings\/[^/]+\/board(\?|$)/, (route) => {
    if (holding) held.push(route);
    else void route.continue();
  });
  return async () => {
    holding = false;
    for (const route of held.splice(0)) await route.continue();
  };
}

describe('the side panel paints the last board kept on this device', () => {
  it('shows the person their own last board at once, marked updating, and nothing of it to someone else', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(hostPage(oneOnOne.reportId));
    const typed = `Pairing on the release checklist ${Date.now()}`;
    await sidePanel(page).getByRole('textbox', { name: ENERGIZING }).fill(typed);
    await eventually(() => sidePanel(page).getByRole('status').first().innerText(), 'Saved');

    // Open again with the API's answer held back: the device's copy is what shows, and says it is updating.
    const release = await holdBoardAnswer(context);
    await page.reload();
    const panel = sidePanel(page);
    await eventually(() => panel.getByRole('status').first().innerText(), 'Updating…');
    expect(await panel.getByRole('textbox', { name: ENERGIZING }).inputValue()).toBe(typed);

    // Typed while updating: kept when the API's answer replaces the device's copy, and saved.
    await panel.getByRole('textbox', { name: ENERGIZING }).fill(`${typed}, and the demo`);
    await release();
    await eventually(() => panel.getByRole('status').first().innerText(), 'Saved');
    expect(await panel.getByRole('textbox', { name: ENERGIZING }).inputValue()).toBe(`${typed}, and the demo`);

    // Someone else signed in on the same browser profile, in the same meeting: nothing of the first person's copy.
    await context.unroute(/\/meetings\/[^/]+\/board(\?|$)/);
    const releaseOther = await holdBoardAnswer(context);
    await page.goto(hostPage(oneOnOne.managerId));
    const other = sidePanel(page);
    await eventually(() => other.getByLabel('Loading your 1:1 board').count(), 1);
    expect(await other.getByText(typed, { exact: false }).count()).toBe(0);
    expect(await other.getByText('Updating…').count()).toBe(0);
    await releaseOther();
    await context.close();
  }, 90_000);
});
