import axe from 'axe-core';
import type { Browser, BrowserContext, Frame, Page } from 'playwright-core';
import { startLocalStack, type LocalStack } from '@candor/local/stack';
import { DEMO_USER_IDS } from '@candor/local/simulator/demoTenant';
import { launchChromium } from '../support/browser';

/*
 * Home, the first personal tab, in Chromium through the local host page: a demo manager's coming 1:1s with their
 * state in words, one board opened full width outside its meeting and back, the same in Outlook, and axe in light,
 * dark and high contrast. Screenshots of Home go to /tmp/shots/ for a person to look at.
 */

jest.setTimeout(300_000);

const T0 = new Date('2026-12-07T10:10:00.000Z');
const SHOTS = '/tmp/shots';
let stack: LocalStack;
let browser: Browser;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  stack = await startLocalStack({ web: true, seedHistory: true, now: () => T0 });
  browser = await launchChromium();
  context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  await context.clock.setSystemTime(T0);
  page = await context.newPage();
}, 180_000);

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await stack?.stop();
});

function host(params: Record<string, string>): string {
  return `${stack.hostPageUrl}/?${new URLSearchParams(params).toString()}`;
}

async function homeFrame(): Promise<Frame> {
  const handle = await page.locator('iframe[title="Candor Home"]').elementHandle();
  const frame = await handle?.contentFrame();
  if (!frame) throw new Error('the Home frame is not there');
  await frame.getByRole('heading', { level: 1, name: 'Your 1:1s' }).waitFor();
  return frame;
}

async function seriousViolations(frame: Frame): Promise<string[]> {
  // Evaluated through the DevTools protocol: the tab's Content-Security-Policy rightly refuses inline scripts.
  if (!(await frame.evaluate(() => 'axe' in globalThis))) await frame.evaluate(axe.source);
  return frame.evaluate(async () => {
    const engine = (globalThis as unknown as { axe: typeof axe }).axe;
    const run = await engine.run('html', {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
    });
    return run.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id}: ${v.nodes.map((n) => `${n.target.join(' ')} ${n.html.slice(0, 120)}`).join('; ')}`);
  });
}

/** Home's rows, each a list item saying its state in words: who, when, and the status request's state. */
async function rows(frame: Frame): Promise<string[]> {
  const items = frame.locator('[data-testid="home-item"]');
  await items.first().waitFor();
  return items.allInnerTexts();
}

/** Opens the first 1:1's board from Home, checks it is the full-width board, and comes back. */
async function openFirstAndComeBack(frame: Frame): Promise<void> {
  const first = frame.locator('[data-testid="home-item"]').first();
  const name = await first.getByRole('heading', { level: 3 }).innerText();
  await first.getByRole('button').click();
  const board = frame.getByRole('main', { name: '1:1 board' });
  await board.waitFor();
  expect(await board.getByRole('heading', { level: 1 }).innerText()).toContain(name);
  // Full width: the board takes the personal tab's width, not the side panel's 320 px.
  const frameWidth = await frame.evaluate(() => (globalThis as unknown as { innerWidth: number }).innerWidth);
  const boardWidth = (await board.boundingBox())!.width;
  expect(boardWidth).toBeGreaterThan(Math.min(600, frameWidth * 0.6));
  await frame.getByRole('button', { name: 'Back to Home' }).click();
  await frame.getByRole('heading', { level: 1, name: 'Your 1:1s' }).waitFor();
}

describe('Home, the first personal tab', () => {
  it('lists a manager’s coming 1:1s with their state in words, opens one full width and comes back, in Teams', async () => {
    await page.goto(host({ as: DEMO_USER_IDS.megan, view: 'home', theme: 'default' }));
    const frame = await homeFrame();
    const listed = await rows(frame);
    expect(listed.length).toBeGreaterThan(0);
    for (const row of listed) {
      expect(row).toMatch(/Status update (received|asked|not asked)/);
      expect(row).toMatch(/Board (started|not started yet)/);
      expect(row).toMatch(/commitments? open|No open commitments/);
    }
    // Trends stay one click away.
    await expect(frame.getByRole('link', { name: 'See your trends' }).getAttribute('href')).resolves.toContain(
      'surface=trends',
    );
    await page.screenshot({ path: `${SHOTS}/home-manager-light.png` });
    await openFirstAndComeBack(frame);
  });

  it('does the same in Outlook', async () => {
    await page.goto(host({ as: DEMO_USER_IDS.adele, host: 'outlook', view: 'home', theme: 'dark' }));
    const frame = await homeFrame();
    const listed = await rows(frame);
    expect(listed.length).toBeGreaterThan(0);
    expect(listed.join('\n')).toMatch(/status update/i);
    await page.screenshot({ path: `${SHOTS}/home-report-outlook-dark.png` });
    await openFirstAndComeBack(frame);
  });

  it.each(['default', 'dark', 'contrast'])('has nothing serious for axe in the %s theme', async (theme) => {
    await page.goto(host({ as: DEMO_USER_IDS.megan, view: 'home', theme }));
    const frame = await homeFrame();
    await rows(frame);
    if (theme === 'dark') await page.screenshot({ path: `${SHOTS}/home-manager-dark.png` });
    expect(await seriousViolations(frame)).toEqual([]);
  });
});
