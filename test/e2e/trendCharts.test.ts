import type { Browser, BrowserContext, Frame, FrameLocator, Page } from 'playwright-core';
import { teamTrendsResponseSchema, trendApiPaths, type PairTrend } from '@candor/functions/contract';
import { startLocalStack, type LocalStack } from '@candor/local/stack';
import { DEMO_USER_IDS } from '@candor/local/simulator/demoTenant';
import { callApi } from '../support/api';
import { launchChromium, screenshotPath } from '../support/browser';
import { eventually } from '../support/eventually';

/*
 * The trend tab's figures and charts over the seeded year, on a Monday early in December: the month in progress is
 * never shown as if it were a whole month, the charts tell their series apart without colour, count axes count in
 * whole numbers, tables never break a word, and high contrast draws with the theme's system colours.
 */

jest.setTimeout(240_000);

const T0 = new Date('2026-12-07T10:10:00.000Z');
let stack: LocalStack;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let team: PairTrend[];

beforeAll(async () => {
  stack = await startLocalStack({ web: true, seedHistory: true, now: () => T0 });
  browser = await launchChromium();
  context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  await context.clock.setSystemTime(T0);
  page = await context.newPage();
  const megan = await stack.simulator.mintAccessToken(DEMO_USER_IDS.megan);
  team = teamTrendsResponseSchema.parse(
    (await callApi(stack, 'GET', trendApiPaths.team(), { token: megan })).body,
  ).reports;
}, 180_000);

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await stack?.stop();
});

function trendsPage(userId: string, theme = 'default', report?: string): string {
  const params = new URLSearchParams({ as: userId, view: 'trends', theme, ...(report ? { report } : {}) });
  return `${stack.hostPageUrl}/?${params.toString()}`;
}

const tabOf = (p: Page): FrameLocator => p.frameLocator('iframe[title="Candor Trends"]');

function tabFrame(p: Page): Frame {
  const frame = p.frames().find((f) => f.url().includes('surface=trends'));
  if (!frame) throw new Error('Trends frame not found');
  return frame;
}

async function openDetail(reportId: string, theme = 'default'): Promise<FrameLocator> {
  await page.goto(trendsPage(DEMO_USER_IDS.megan, theme, reportId));
  const tab = tabOf(page);
  await tab.getByTestId('trend-charts').waitFor();
  // The lines are drawn once the chart has measured its box: wait for them, not only for the axes.
  await eventually(
    async () => (await tab.locator('[data-testid="trend-charts"] svg line[id*="lineID"]').count()) > 0,
    true,
  );
  return tab;
}

describe('the month in progress', () => {
  it('is never shown as a whole month: rows and detail views name it "so far" with its count of 1:1s', async () => {
    const december = (t: PairTrend) => t.months.find((m) => m.month === '2026-12')!;
    // The seeded history has 1:1s this December: the case that once read "Drain 100%".
    const withDecember = team.filter((t) => december(t) && december(t).held > 0);
    expect(withDecember.length).toBeGreaterThan(0);

    await page.goto(trendsPage(DEMO_USER_IDS.megan));
    const tab = tabOf(page);
    for (const trend of withDecember) {
      const row = tab.getByRole('group', { name: trend.report.displayName });
      await row.waitFor();
      const held = december(trend).held;
      await row.getByText(`December so far · ${held} ${held === 1 ? '1:1' : '1:1s'}`).waitFor();
      // Every figure beside a sparkline and every sparkline's name ends in the last whole month.
      const names = await row
        .getByRole('img')
        .evaluateAll((imgs: Array<{ getAttribute(name: string): string | null }>) =>
          imgs.map((i) => i.getAttribute('aria-label') ?? ''),
        );
      expect(names.filter((n) => n.includes('Dec 2026'))).toEqual([]);
      expect(names.filter((n) => /last 12 months/.test(n)).length).toBeGreaterThan(0);
    }

    const sample = withDecember[0]!;
    const detail = await openDetail(sample.report.id);
    for (const caption of ['Energy and drain by month', 'Mood, life load and career pulse by month', '1:1s by month']) {
      const table = detail.getByRole('table', { name: caption });
      const rows = await table.locator('tbody th[scope="row"]').allInnerTexts();
      expect(rows).toHaveLength(12);
      expect(rows.filter((r) => r.startsWith('Dec 2026'))).toEqual([]);
    }
    await detail
      .getByText(/December so far · \d+ 1:1/)
      .first()
      .waitFor();
  });
});

describe('the detail charts', () => {
  it('tell overlapping series apart by more than colour, and count in whole numbers', async () => {
    for (const trend of team) {
      const tab = await openDetail(trend.report.id);
      const charts = tabFrame(page);
      const facts = await charts.evaluate(() => {
        type El = {
          getAttribute(n: string): string | null;
          querySelectorAll(s: string): ArrayLike<El>;
          closest(s: string): El | null;
          textContent: string | null;
        };
        const doc = (globalThis as unknown as { document: El }).document;
        const view = globalThis as unknown as { getComputedStyle(e: El): { strokeDasharray: string } };
        const sections = Array.from(doc.querySelectorAll('[data-testid="trend-charts"] section'));
        return sections.map((section) => {
          const title = section.querySelectorAll('h3')[0]?.textContent ?? '';
          // A line's look: its dash pattern (the markers' shapes are counted apart).
          // The chart draws each line as segments with the id `lineID…_<series>_<segment>`.
          const lines = Array.from(section.querySelectorAll('svg line[id*="lineID"]')).map(
            (p) =>
              `${/_(\d+)_\d+$/.exec(p.getAttribute('id') ?? '')?.[1] ?? '?'}|${view.getComputedStyle(p).strokeDasharray}`,
          );
          const ticks = Array.from(section.querySelectorAll('svg g.tick text'))
            .map((t) => (t.textContent ?? '').trim())
            .filter((t) => /^-?\d+([.,]\d+)?$/.test(t));
          return { title, lines: [...new Set(lines)], ticks };
        });
      });
      for (const chart of facts) {
        // Each series is drawn with its own dash pattern.
        const series = new Map(chart.lines.map((l) => l.split('|') as [string, string]));
        expect({ chart: chart.title, distinct: new Set(series.values()).size }).toEqual({
          chart: chart.title,
          distinct: series.size,
        });
        if (chart.title === '1:1s held and missed' || chart.title === 'Meetings outside working hours') {
          expect({ chart: chart.title, fractions: chart.ticks.filter((t) => !/^-?\d+$/.test(t)) }).toEqual({
            chart: chart.title,
            fractions: [],
          });
          expect(chart.ticks.length).toBeGreaterThan(0);
        }
      }
      const energy = facts.find((f) => f.title === 'Energy and drain')!;
      expect(energy.lines.length).toBe(2);
      await tab.getByRole('table', { name: 'Energy and drain by month' }).waitFor();
    }
  });

  it('keeps every header, month, date and number of a data table on one line, from a wide tab to a narrow one', async () => {
    const widest = team[0]!;
    for (const width of [1400, 1024, 760, 480]) {
      await page.setViewportSize({ width, height: 1000 });
      await openDetail(widest.report.id);
      const broken = await tabFrame(page).evaluate(() => {
        type Rect = { top: number; height: number };
        type Cell = { textContent: string | null };
        const doc = (
          globalThis as unknown as {
            document: {
              querySelectorAll(s: string): ArrayLike<Cell>;
              createRange(): { selectNodeContents(n: unknown): void; getClientRects(): ArrayLike<Rect> };
            };
          }
        ).document;
        // Short values (a header, a month, a date, a count, a rating with its answers) are read at a glance: a
        // line break inside one splits "Nov" from "2026" or "1:1s" from "held". Free text people typed may wrap.
        return Array.from(doc.querySelectorAll('table th, table td'))
          .filter((cell) => (cell.textContent ?? '').trim().length <= 40)
          .filter((cell) => {
            const range = doc.createRange();
            range.selectNodeContents(cell);
            const tops = new Set(
              Array.from(range.getClientRects())
                .filter((r) => r.height > 0)
                .map((r) => Math.round(r.top)),
            );
            return tops.size > 1;
          })
          .map((cell) => (cell.textContent ?? '').trim());
      });
      expect({ width, broken: [...new Set(broken)] }).toEqual({ width, broken: [] });
    }
    await page.setViewportSize({ width: 1400, height: 1000 });
  });

  it('draws with the high-contrast theme’s own colours', async () => {
    const alex = team.find((t) => t.report.id === DEMO_USER_IDS.alex) ?? team[0]!;
    await openDetail(alex.report.id, 'contrast');
    await tabOf(page).locator('[data-theme="contrast"]').first().waitFor();
    const colours = await tabFrame(page).evaluate(() => {
      type El = { getAttribute(n: string): string | null };
      const doc = (globalThis as unknown as { document: { querySelectorAll(s: string): ArrayLike<El> } }).document;
      const view = globalThis as unknown as { getComputedStyle(e: El): { stroke: string; fill: string } };
      const lines = Array.from(doc.querySelectorAll('[data-testid="trend-charts"] svg line[id*="lineID"]')).map(
        (p) => view.getComputedStyle(p).stroke,
      );
      const bars = Array.from(
        doc.querySelectorAll('[data-testid="trend-charts"] svg rect[fill]:not([fill="transparent"])'),
      ).map((r) => view.getComputedStyle(r).fill);
      return [...new Set([...lines, ...bars])];
    });
    // Teams' high-contrast palette: text (white), highlight (cyan), link (yellow), and the selected/disabled green.
    const system = ['rgb(255, 255, 255)', 'rgb(26, 235, 255)', 'rgb(255, 255, 1)', 'rgb(63, 242, 63)'];
    expect(colours.length).toBeGreaterThan(0);
    expect(colours.filter((c) => !system.includes(c))).toEqual([]);
    await page
      .locator('iframe[title="Candor Trends"]')
      .screenshot({ path: screenshotPath('trend-charts-contrast.png') });
  });
});
