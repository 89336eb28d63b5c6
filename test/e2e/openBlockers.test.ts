// Open blockers, walked in Chromium through the local Teams host: the demo's latest recap with Adele named a blocker
// nobody has resolved. Megan sees it on the trends tab and on the side panel of this week's 1:1 with Adele, marks it
// resolved on the board, and the trends tab no longer lists it (nor does the trend API).
import type { Browser, BrowserContext, FrameLocator, Page } from 'playwright-core';
import {
  blockerApiPaths,
  openBlockersResponseSchema,
  pairTrendResponseSchema,
  trendApiPaths,
} from '@candor/functions/contract';
import { startLocalStack, type LocalStack } from '@candor/local/stack';
import { DEMO_USER_IDS, demoMeetings } from '@candor/local/simulator/demoTenant';
import { callApi } from '../support/api';
import { launchChromium } from '../support/browser';

jest.setTimeout(300_000);

const { megan, adele } = DEMO_USER_IDS;
const pair = { managerId: megan, reportId: adele };

let stack: LocalStack;
let browser: Browser;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  stack = await startLocalStack({ web: true, seedHistory: true });
  browser = await launchChromium();
  context = await browser.newContext({ viewport: { width: 1024, height: 900 } });
  page = await context.newPage();
}, 180_000);

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await stack?.stop();
});

const url = (params: Record<string, string>) => `${stack.hostPageUrl}/?${new URLSearchParams(params).toString()}`;
const trendsTab = (): FrameLocator => page.frameLocator('iframe[title="Candor Trends"]');

async function api(path: string) {
  const token = await stack.simulator.mintAccessToken(megan);
  const answer = await callApi(stack, 'GET', path, { token });
  expect(answer.status).toBe(200);
  return answer.body;
}

describe('a blocker marked resolved on the board', () => {
  it('leaves the trends tab’s open list', async () => {
    const [blocker] = openBlockersResponseSchema.parse(await api(blockerApiPaths.openBlockers(pair))).blockers;
    if (!blocker) throw new Error('the demo history leaves no open blocker with Adele');

    // The trends tab lists it, with its words and the same action.
    await page.goto(url({ as: megan, view: 'trends', report: adele }));
    const before = trendsTab().getByRole('region', { name: 'Open blockers' });
    await before.getByText(blocker.text, { exact: true }).waitFor();
    await before.getByRole('button', { name: `Mark resolved: ${blocker.text}` }).waitFor();

    // This week's 1:1 with Adele, in the side panel: last recap's blocker, marked resolved there.
    const meeting = demoMeetings(new Date()).find((m) => m.managerId === megan && m.reportId === adele);
    if (!meeting) throw new Error('the demo tenant has no Megan / Adele Teams 1:1');
    await page.setViewportSize({ width: 280, height: 900 });
    await page.goto(url({ as: megan, meeting: meeting.chatId }));
    const board = page.frameLocator('iframe[title="Candor side panel"]').getByRole('main', { name: '1:1 board' });
    const listed = board.getByRole('region', { name: 'Open blockers' });
    await listed.getByText(blocker.text, { exact: true }).waitFor();
    await listed.getByRole('button', { name: `Mark resolved: ${blocker.text}` }).click();
    await listed.waitFor({ state: 'detached' });

    // Gone from the trends tab's list, and from the trend the API answers.
    await page.setViewportSize({ width: 1024, height: 900 });
    await page.goto(url({ as: megan, view: 'trends', report: adele }));
    const tab = trendsTab();
    await tab.getByRole('heading', { name: 'Adele Vance', level: 1 }).waitFor();
    await tab.getByText('No open blockers.', { exact: true }).waitFor();
    expect(await tab.getByText(blocker.text, { exact: true }).count()).toBe(0);
    const trend = pairTrendResponseSchema.parse(await api(trendApiPaths.pair(pair))).trend;
    expect(trend.openBlockers.filter((b) => b.occurrenceId === blocker.occurrenceId)).toEqual([]);
  });
});
