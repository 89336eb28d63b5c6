// "Last time" in the side panel, walked in Chromium through the local Teams host: Patti and Megan's weekly Teams 1:1
// starts in a few hours and last week's ended without a recap. The side panel shows the next one's board; its Last
// time says so and offers to write that recap, which opens last week's board in the same panel. Megan writes and saves
// it there, comes back to this week's board with what she had typed still there, and the note is gone.
import type { Browser, BrowserContext, FrameLocator, Page } from 'playwright-core';
import { apiPaths, boardViewSchema, homeApiPaths, type BoardView } from '@candor/functions/contract';
import { startLocalStack, type LocalStack } from '@candor/local/stack';
import { DEMO_USER_IDS, demoMeetings } from '@candor/local/simulator/demoTenant';
import { callApi } from '../support/api';
import { launchChromium } from '../support/browser';

jest.setTimeout(300_000);

const { patti, megan } = DEMO_USER_IDS;

let stack: LocalStack;
let browser: Browser;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  stack = await startLocalStack({ web: true });
  browser = await launchChromium();
  // The side panel's width in a Teams meeting.
  context = await browser.newContext({ viewport: { width: 280, height: 900 } });
  page = await context.newPage();
}, 180_000);

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await stack?.stop();
});

const pattiMegan = (): ReturnType<typeof demoMeetings>[number] => {
  const meeting = demoMeetings(new Date()).find((m) => m.managerId === patti && m.reportId === megan);
  if (!meeting) throw new Error('the demo tenant has no Patti / Megan Teams 1:1');
  return meeting;
};

async function meetingBoardFor(userId: string, chatId: string): Promise<BoardView> {
  const token = await stack.simulator.mintAccessToken(userId);
  return boardViewSchema.parse((await callApi(stack, 'GET', apiPaths.meetingBoard(chatId), { token })).body);
}

describe('Last time offers the recap the previous 1:1 is missing', () => {
  it('opens that 1:1 in the side panel, saves its recap there, and comes back to this one as it was', async () => {
    const meeting = pattiMegan();
    const before = await meetingBoardFor(megan, meeting.chatId);
    const missing = before.recapMissingOn;
    if (!missing) throw new Error('the board of the next Patti / Megan 1:1 names no earlier one missing its recap');
    const past = { ...before.ref, occurrenceId: missing.occurrenceId };

    await page.goto(`${stack.hostPageUrl}/?${new URLSearchParams({ as: megan, meeting: meeting.chatId }).toString()}`);
    const panel: FrameLocator = page.frameLocator('iframe[title="Candor side panel"]');
    const current = panel.getByRole('main', { name: '1:1 board' });
    await current.getByRole('heading', { level: 1, name: 'Patti Fernandez' }).waitFor();

    // Something typed on this week's board before leaving it.
    const energizing = current.getByRole('textbox', { name: 'What is energizing you?' });
    await energizing.fill('The offsite agenda');

    const lastTime = current.getByRole('region', { name: 'Last time' });
    await lastTime.getByText(/^The 1:1 of .+ has no recap yet\./).waitFor();
    await lastTime.getByRole('button', { name: 'Write that recap' }).click();

    // Last week's board, in the same panel, with the way back first.
    const back = panel.getByRole('button', { name: 'Back to this 1:1' });
    await back.waitFor();
    const earlier = panel.getByRole('main', { name: '1:1 board' });
    await earlier.getByRole('button', { name: 'Write the recap' }).click();
    await earlier.getByRole('textbox', { name: 'Line 1 text' }).fill('Megan drafts the offsite agenda');
    await earlier.getByRole('textbox', { name: 'Line 2 text' }).fill('Patti books the room');
    const line1 = earlier.getByRole('group', { name: 'What line 1 covers' });
    await line1.getByRole('checkbox', { name: 'Blocker' }).check();
    await line1.getByRole('checkbox', { name: 'Learning' }).check();
    await earlier
      .getByRole('group', { name: 'What line 2 covers' })
      .getByRole('checkbox', { name: 'Support need' })
      .check();
    await earlier.getByRole('button', { name: 'Save recap and email it' }).click();
    await earlier.getByRole('heading', { name: 'Closed with a recap' }).waitFor();

    await back.click();
    await current.getByRole('heading', { level: 1, name: 'Patti Fernandez' }).waitFor();
    await expect(energizing.inputValue()).resolves.toBe('The offsite agenda');
    await expect(panel.getByText(/has no recap yet/).count()).resolves.toBe(0);
    await expect(panel.getByRole('button', { name: 'Write that recap' }).count()).resolves.toBe(0);

    // Stored on last week's occurrence, as Patti reads it; this week's board no longer names it.
    const token = await stack.simulator.mintAccessToken(patti);
    const opened = await callApi(stack, 'POST', homeApiPaths.openBoard(past), { token });
    expect(opened.status).toBe(200);
    expect(boardViewSchema.parse(opened.body).recap?.lines.map((l) => l.text)).toEqual([
      'Megan drafts the offsite agenda',
      'Patti books the room',
    ]);
    expect((await meetingBoardFor(patti, meeting.chatId)).recapMissingOn).toBeNull();
  });
});
