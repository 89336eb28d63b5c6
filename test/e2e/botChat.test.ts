import type { Browser } from 'playwright-core';
import { channelApiPaths } from '@candor/functions/contract';
import { demoMeetings, DEMO_USER_IDS } from '@candor/local/simulator/demoTenant';
import { startLocalStack, type LocalStack } from '@candor/local/stack';
import { callApi } from '../support/api';
import { launchChromium, screenshotPath } from '../support/browser';
import { eventually } from '../support/eventually';

/*
 * Status by chat in a browser: Diego chose Teams chat; the scan's card appears in the host page's Teams
 * chat view (rendered by the adaptivecards renderer), he answers it in place — the host page sends the action to
 * the bot as a signed adaptiveCard/action invoke — the card turns into "Status received", and Megan's side panel
 * says the update arrived.
 */
let stack: LocalStack;
let browser: Browser;
const diegoMeeting = demoMeetings(new Date()).find((m) => m.reportId === DEMO_USER_IDS.diego)!;

beforeAll(async () => {
  stack = await startLocalStack({ web: true });
  browser = await launchChromium();
  const diego = await stack.simulator.mintAccessToken(DEMO_USER_IDS.diego);
  expect(
    (await callApi(stack, 'PUT', channelApiPaths.statusChannel(), { token: diego, body: { channel: 'chat' } })).status,
  ).toBe(200);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

const hostPage = (userId: string): string =>
  `${stack.hostPageUrl}/?${new URLSearchParams({ as: userId, meeting: diegoMeeting.chatId }).toString()}`;

describe('the status card in Teams chat', () => {
  it('is answered in place in the host page and the manager sees "received"', async () => {
    const context = await browser.newContext({ viewport: { width: 1400, height: 1200 } });
    const page = await context.newPage();
    await page.goto(hostPage(DEMO_USER_IDS.diego));
    await page.getByRole('button', { name: 'Run pre-meeting scan' }).click();

    const chat = page.getByRole('region', { name: 'Teams chat' });
    const cards = chat.locator('.bot-chat-message');
    // Diego has two 1:1s with Megan today (the moved weekly one and an in-person one): a card for each.
    await eventually(() => cards.count(), 2);
    expect(await page.getByRole('combobox', { name: 'Chat' }).inputValue()).toContain(DEMO_USER_IDS.diego);
    expect(
      await cards
        .first()
        .getByText(/Your 1:1 with Megan Bowen: /)
        .count(),
    ).toBe(1);

    for (let i = 0; i < 2; i++) {
      const card = cards.nth(i);
      await card.getByRole('textbox', { name: 'Blocked' }).fill(`Waiting on the security review (${i + 1})`);
      await card.getByRole('button', { name: 'Send my status update' }).click();
      await eventually(() => cards.nth(i).getByText('Status received').count(), 1);
    }
    expect(await cards.first().getByRole('button', { name: 'Edit my status update' }).count()).toBe(1);
    await page.screenshot({ path: screenshotPath('bot-chat-status-received.png') });

    // The plain words get short cards.
    await chat.getByRole('textbox', { name: 'Message to Candor' }).fill('help');
    await chat.getByRole('button', { name: 'Send' }).click();
    await eventually(() => chat.getByText(/Before each 1:1 I ask you/).count(), 1);

    // The manager: the side panel of the weekly 1:1 says the update arrived (never its text).
    await page.goto(hostPage(DEMO_USER_IDS.megan));
    const panel = page.frameLocator('iframe[title="Candor side panel"]');
    await eventually(() => panel.getByText('Status update received ·').count(), 1);
    expect(await panel.getByText(/Waiting on the security review/).count()).toBe(0);
    const details = page.frameLocator('iframe[title="Candor meeting details"]');
    await eventually(() => details.getByText(/Asked in Teams chat/).count(), 1);
    await page.screenshot({ path: screenshotPath('bot-chat-manager.png') });
    await context.close();
  }, 120_000);
});
