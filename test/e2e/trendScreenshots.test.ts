import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, FrameLocator, Page } from 'playwright-core';
import { startLocalStack, type LocalStack } from '@candor/local/stack';
import { DEMO_USER_IDS } from '@candor/local/simulator/demoTenant';
import { launchChromium } from '../support/browser';
import { eventually } from '../support/eventually';

/*
 * The trend tab over the seeded year, as the docs show it: energy and drain are the report's stated ratings (a month
 * nobody rated reads "Not stated", never a zero), support asked sits beside support given, and Alex's falling energy
 * and rising drain fire with the 1:1s behind them. The team view and Alex's detail are written to docs/screenshots in
 * the light and the dark theme.
 */

jest.setTimeout(240_000);

const T0 = new Date('2026-12-07T10:10:00.000Z');
const SHOTS = path.resolve(__dirname, '..', '..', 'docs', 'screenshots');
let stack: LocalStack;
let browser: Browser;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  stack = await startLocalStack({ web: true, seedHistory: true, now: () => T0 });
  browser = await launchChromium();
  context = await browser.newContext({ viewport: { width: 1280, height: 1000 } });
  await context.clock.setSystemTime(T0);
  page = await context.newPage();
  page.setDefaultTimeout(30_000);
  fs.mkdirSync(SHOTS, { recursive: true });
}, 180_000);

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await stack?.stop();
});

function trendsPage(theme: string, report?: string): string {
  const params = new URLSearchParams({ as: DEMO_USER_IDS.megan, view: 'trends', theme, ...(report ? { report } : {}) });
  return `${stack.hostPageUrl}/?${params.toString()}`;
}

const tabOf = (p: Page): FrameLocator => p.frameLocator('iframe[title="Candor Trends"]');

async function shoot(name: string): Promise<void> {
  await page.locator('iframe[title="Candor Trends"]').screenshot({ path: path.join(SHOTS, name) });
}

describe.each(['light', 'dark'] as const)('the trend tab in the %s theme', (look) => {
  const theme = look === 'light' ? 'default' : 'dark';

  it('shows the team with energy and drain as stated ratings', async () => {
    await page.goto(trendsPage(theme));
    const tab = tabOf(page);
    const alex = tab.getByRole('group', { name: 'Alex Wilber' });
    await alex.waitFor();
    await alex.getByText('Energy falling two months running').waitFor();
    await alex.getByText('Drain rising two months running').waitFor();
    // The sparklines name the ratings on their 1–5 scale, never a share of 1:1s.
    expect(await alex.getByText(/ of 5$/).count()).toBeGreaterThan(0);
    expect(await alex.getByText(/%$/).count()).toBe(0);
    await shoot(`trends-team-${look}.png`);
  });

  it("shows one report's rating lines, support asked and given, and the signals with their reasons", async () => {
    // Tall enough that the picture holds the signals and the energy and drain chart with its table.
    await page.setViewportSize({ width: 1280, height: 2000 });
    await page.goto(trendsPage(theme, DEMO_USER_IDS.alex));
    const tab = tabOf(page);
    await tab.getByTestId('trend-charts').waitFor();
    await eventually(
      async () => (await tab.locator('[data-testid="trend-charts"] svg line[id*="lineID"]').count()) > 0,
      true,
    );
    const energy = tab.getByRole('table', { name: 'Energy and drain by month' });
    // Months before the ratings existed say so; rated months carry an average and how many answered.
    await energy.getByRole('cell', { name: 'Not stated' }).first().waitFor();
    expect(await energy.getByRole('cell', { name: /^\d\.\d \(\d+ answers?/ }).count()).toBeGreaterThan(0);
    // The energy and drain columns (the month is the row's header): never a zero, never a share.
    const ratingCells = await energy.locator('tbody td:nth-child(2), tbody td:nth-child(3)').allInnerTexts();
    expect(ratingCells.length).toBeGreaterThan(0);
    expect(ratingCells.filter((text) => /^0(\.0)?\b|%/.test(text))).toEqual([]);
    await tab.getByRole('table', { name: 'Support asked and given by month' }).waitFor();
    await tab
      .getByText(/Energy, as the report rated it \(1 to 5\), averaged /)
      .first()
      .waitFor();
    await shoot(`trends-detail-${look}.png`);
    await page.setViewportSize({ width: 1280, height: 1000 });
  });
});
