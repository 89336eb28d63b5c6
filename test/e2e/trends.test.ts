// The personal Trends tab in Chromium, in the local Teams host, over the seeded year of demo 1:1s: Megan's
// team with a signal firing, a report's detail view with its lazily loaded charts, Lynne's own view with what her
// manager sees, and the bundle split that keeps the charts out of the side panel's download.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import axe from 'axe-core';
import type { Browser, BrowserContext, Frame, FrameLocator, Page } from 'playwright-core';
import {
  apiPaths,
  boardViewSchema,
  teamTrendsResponseSchema,
  trendApiPaths,
  privacyApiPaths,
  type PairTrend,
} from '@candor/functions/contract';
import { startLocalStack, type LocalStack } from '@candor/local/stack';
import { DEMO_USER_IDS, demoMeetings } from '@candor/local/simulator/demoTenant';
import { callApi } from '../support/api';
import { distDirs, initialJs, isChartsChunk, staticClosureOf } from '../support/bundles';
import { launchChromium, screenshotPath } from '../support/browser';
import { eventually } from '../support/eventually';

jest.setTimeout(180_000);

const XSS = '<img src=x onerror="globalThis.__candorXss=1">Review the <b>pager</b> rota';

let stack: LocalStack;
let browser: Browser;
let context: BrowserContext;
let page: Page;
/** Megan's team as her API answers it: the test reads the signal's words from here, not from a copy. */
let team: PairTrend[];
let withSignal: PairTrend;

beforeAll(async () => {
  stack = await startLocalStack({ web: true, seedHistory: true });
  browser = await launchChromium();
  context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  page = await context.newPage();

  const megan = await stack.simulator.mintAccessToken(DEMO_USER_IDS.megan);
  // A commitment whose words are markup: the tab must show them as text.
  const adele = demoMeetings(new Date()).find((m) => m.reportId === DEMO_USER_IDS.adele)!;
  const board = boardViewSchema.parse(
    (await callApi(stack, 'GET', apiPaths.meetingBoard(adele.chatId), { token: megan })).body,
  );
  const made = await callApi(stack, 'POST', apiPaths.commitments(board.ref), {
    token: megan,
    body: { id: randomUUID(), text: XSS },
  });
  expect(made.status).toBe(201);

  const answer = await callApi(stack, 'GET', trendApiPaths.team(), { token: megan });
  expect(answer.status).toBe(200);
  team = teamTrendsResponseSchema.parse(answer.body).reports;
  withSignal = team.find((r) => r.signals.length > 0)!;
}, 120_000);

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

/** Theme changes animate colours for a moment; contrast is judged once every colour transition has finished. */
async function settled(p: Page): Promise<void> {
  await tabFrame(p).waitForFunction(() =>
    (globalThis as unknown as { document: { getAnimations(): Array<{ constructor: { name: string } }> } }).document
      .getAnimations()
      .every((a) => a.constructor.name !== 'CSSTransition'),
  );
}

async function seriousAxeViolations(p: Page): Promise<string[]> {
  await settled(p);
  const frame = tabFrame(p);
  // Evaluated through the DevTools protocol: the tab's Content-Security-Policy rightly refuses inline scripts.
  if (!(await frame.evaluate(() => 'axe' in globalThis))) await frame.evaluate(axe.source);
  return frame.evaluate(async () => {
    const engine = (globalThis as unknown as { axe: typeof axe }).axe;
    const run = await engine.run('html', {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
    });
    // Fluent's keyboard layer (Tabster) puts focus sentinels, `<i data-tabster-dummy aria-hidden tabindex=0>`, around
    // arrow-key groups (the tab list, each chart and its legend): they hand the focus on the moment they get it, and
    // are hidden so screen readers never announce them. Tabster and Fluent list this as an aria-hidden-focus false
    // positive; only those nodes are left out, every other node of that rule still counts.
    const sentinel = (id: string, html: string) => id === 'aria-hidden-focus' && html.includes('data-tabster-dummy');
    return run.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({ id: v.id, nodes: v.nodes.filter((n) => !sentinel(v.id, n.html)) }))
      .filter((v) => v.nodes.length > 0)
      .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join('; ')}`);
  });
}

/** The whole tab, not only the part its frame shows: the host page is made tall enough first. */
async function screenshotTab(p: Page, file: string): Promise<void> {
  const height = await tabOf(p)
    .locator('main')
    .evaluate((main: { scrollHeight: number }) => main.scrollHeight);
  const before = p.viewportSize() ?? { width: 1400, height: 1000 };
  await p.setViewportSize({ width: before.width, height: Math.max(before.height, height + 200) });
  await settled(p);
  await p.locator('iframe[title="Candor Trends"]').screenshot({ path: screenshotPath(file) });
  await p.setViewportSize(before);
}

async function setTheme(p: Page, theme: 'default' | 'dark' | 'contrast'): Promise<void> {
  await p.locator(`#theme-${theme}`).check();
  await tabOf(p).locator(`[data-theme="${theme}"]`).first().waitFor();
  await settled(p);
}

describe('the Trends tab', () => {
  it('shows Megan one row per report, with the seeded signal and why it fired', async () => {
    expect(team.map((r) => r.report.id).sort()).toEqual(
      [DEMO_USER_IDS.adele, DEMO_USER_IDS.alex, DEMO_USER_IDS.diego, DEMO_USER_IDS.lynne].sort(),
    );
    expect(withSignal).toBeDefined();
    await page.goto(trendsPage(DEMO_USER_IDS.megan));
    const tab = tabOf(page);
    // Megan reports to Patti as well: both views, the team first.
    await tab.getByRole('tab', { name: 'Your team' }).waitFor();
    expect(await tab.getByRole('tab', { name: 'Your team' }).getAttribute('aria-selected')).toBe('true');
    const reports = tab
      .getByRole('list', { name: 'Your direct reports' })
      .getByRole('listitem')
      .filter({ has: tab.getByRole('heading', { level: 2 }) });
    await eventually(() => reports.count(), 4);

    const row = tab.getByRole('group', { name: withSignal.report.displayName });
    const signal = withSignal.signals[0]!;
    await row.getByText(signal.title, { exact: true }).waitFor();
    await row.getByText(signal.why).waitFor();
    // Never colour alone: the count is in words too, and every sparkline has a name with its numbers.
    await row
      .getByText(withSignal.signals.length === 1 ? '1 signal' : `${withSignal.signals.length} signals`)
      .waitFor();
    expect(await row.getByRole('img', { name: /^Energy, last 12 months: / }).count()).toBe(1);

    // The 6-month switch narrows what is drawn.
    await tab.getByRole('radio', { name: 'Last 6 months' }).check();
    await row.getByRole('img', { name: /^Energy, last 6 months: / }).waitFor();
    await tab.getByRole('radio', { name: 'Last 12 months' }).check();

    expect(await seriousAxeViolations(page)).toEqual([]);
    await screenshotTab(page, 'trends-team-light.png');
    await setTheme(page, 'dark');
    expect(await seriousAxeViolations(page)).toEqual([]);
    await screenshotTab(page, 'trends-team-dark.png');
    await setTheme(page, 'contrast');
    expect(await seriousAxeViolations(page)).toEqual([]);
    await setTheme(page, 'default');
  });

  it('opens a report’s detail view from a signal’s link: charts load lazily, every chart has its table', async () => {
    const tab = tabOf(page);
    const signal = withSignal.signals.find((s) => s.occurrenceIds.length > 0) ?? withSignal.signals[0]!;
    const chartRequests: string[] = [];
    page.on('request', (request) => {
      if (/TrendCharts-[^/]+\.js$/.test(request.url())) chartRequests.push(request.url());
    });
    const row = tab.getByRole('group', { name: withSignal.report.displayName });
    // The first link of the first signal with 1:1s behind it: that signal's newest 1:1.
    let linked: string | null = null;
    if (signal.occurrenceIds.length > 0) {
      const link = row.getByRole('link').first();
      linked = /#meeting-(.+)$/.exec((await link.getAttribute('href')) ?? '')?.[1] ?? null;
      expect(signal.occurrenceIds).toContain(linked);
      await link.click();
    } else {
      await row.getByRole('button', { name: 'Open details' }).click();
    }
    await tab.getByRole('heading', { name: withSignal.report.displayName, level: 1 }).waitFor();
    await tab.getByTestId('trend-charts').waitFor();
    expect(chartRequests).toHaveLength(1);
    // The charts drew (svg with data), and the same numbers are in tables with captions and header cells.
    await eventually(async () => (await tab.locator('[data-testid="trend-charts"] svg path').count()) > 0, true);
    // The charts keep a popover portal mounted. Portals copy the root provider's class names, so a page-sized class
    // there once turned that layer into a sheet covering the whole tab: no portal layer may be larger than a tooltip.
    const portalHeights = await tabFrame(page).evaluate(() => {
      type Sized = { getBoundingClientRect(): { height: number } };
      const doc = (globalThis as unknown as { document: { querySelectorAll(s: string): ArrayLike<Sized> } }).document;
      return Array.from(doc.querySelectorAll('[data-portal-node]')).map((node) => node.getBoundingClientRect().height);
    });
    expect(portalHeights.filter((height) => height > 200)).toEqual([]);
    for (const caption of ['Energy and drain by month', 'Mood, life load and career pulse by month', '1:1s by month']) {
      const table = tab.getByRole('table', { name: caption });
      await table.waitFor();
      expect(await table.locator('th[scope="col"]').count()).toBeGreaterThan(1);
      expect(await table.locator('tbody th[scope="row"]').count()).toBe(12);
    }
    if (linked) {
      // The link landed on that 1:1's row in the table of 1:1s, which has the focus.
      // Runs in the page; typed here without the DOM library, like the other browser tests.
      const focused = await tabFrame(page).evaluate(() => {
        const active = (
          globalThis as unknown as {
            document: {
              activeElement: {
                id: string;
                closest(s: string): { caption: { textContent: string } | null } | null;
              } | null;
            };
          }
        ).document.activeElement;
        return { id: active?.id ?? '', table: active?.closest('table')?.caption?.textContent ?? '' };
      });
      expect(focused).toEqual({ id: `meeting-${linked}`, table: 'The 1:1s behind these months, newest first' });
    }

    expect(await seriousAxeViolations(page)).toEqual([]);
    await screenshotTab(page, 'trends-detail-light.png');
    await setTheme(page, 'dark');
    expect(await seriousAxeViolations(page)).toEqual([]);
    await screenshotTab(page, 'trends-detail-dark.png');
    await setTheme(page, 'contrast');
    expect(await seriousAxeViolations(page)).toEqual([]);
    await setTheme(page, 'default');

    await tab.getByRole('button', { name: 'Back to your team' }).click();
    await tab.getByRole('heading', { name: 'Your team', level: 1 }).waitFor();
  });

  it('gives Megan, who also reports to Patti, her own 1:1s in a second tab, and Patti an empty team row', async () => {
    await page.goto(trendsPage(DEMO_USER_IDS.megan));
    const tab = tabOf(page);
    await tab.getByRole('tab', { name: 'Your 1:1s' }).click();
    await tab.getByRole('heading', { name: 'Your 1:1s', level: 1 }).waitFor();
    await tab.getByRole('group', { name: 'You and Patti Fernandez' }).waitFor();
    expect(await tab.getByRole('switch', { name: 'Share life load' }).count()).toBe(1);

    // The seeded history has no 1:1s between Patti and Megan: the warm empty state, not an error.
    await page.goto(trendsPage(DEMO_USER_IDS.patti));
    const patti = tabOf(page);
    await patti.getByRole('heading', { name: 'Your team', level: 1 }).waitFor();
    await patti
      .getByRole('group', { name: 'Megan Bowen' })
      .getByText('No 1:1s yet. Trends appear here after your first recap.')
      .waitFor();
    expect(await patti.getByRole('tab').count()).toBe(0);
  });

  it('renders a commitment’s words as text, never as markup', async () => {
    await page.goto(trendsPage(DEMO_USER_IDS.megan, 'default', DEMO_USER_IDS.adele));
    const tab = tabOf(page);
    const commitments = tab.getByRole('table', { name: 'Open commitments' });
    await commitments.getByText(XSS, { exact: true }).waitFor();
    expect(await commitments.locator('img, b').count()).toBe(0);
    expect(
      await tabFrame(page).evaluate(() => (globalThis as { __candorXss?: number }).__candorXss ?? null),
    ).toBeNull();
  });

  it('shows Lynne her own trends and exactly what Megan sees, with "Not shared" for what she keeps to herself', async () => {
    const lynneContext = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
    const lynne = await lynneContext.newPage();
    await lynne.goto(trendsPage(DEMO_USER_IDS.lynne));
    const tab = tabOf(lynne);
    await tab.getByRole('heading', { name: 'Your 1:1s', level: 1 }).waitFor();
    // Lynne manages nobody: no tabs, only her own view.
    expect(await tab.getByRole('tab').count()).toBe(0);
    const own = tab.getByRole('group', { name: 'You and Megan Bowen' });
    expect(await own.getByText('Not shared').count()).toBe(0);
    const managerSees = tab.getByRole('region', { name: 'What your manager sees' });
    await managerSees.waitFor();
    await managerSees.getByText('Not shared').first().waitFor();
    expect(await managerSees.getByRole('img', { name: 'Mood: not shared' }).count()).toBe(0); // words, not a blank chart

    const shareMood = tab.getByRole('switch', { name: 'Share mood' });
    expect(await shareMood.isChecked()).toBe(false);
    expect(await seriousAxeViolations(lynne)).toEqual([]);
    await screenshotTab(lynne, 'trends-report-light.png');

    // Sharing mood: the switch moves, the API keeps it, and what Megan sees follows.
    await shareMood.click();
    await eventually(() => shareMood.isChecked(), true);
    const lynneToken = await stack.simulator.mintAccessToken(DEMO_USER_IDS.lynne);
    await eventually(
      async () =>
        (
          (await callApi(stack, 'GET', trendApiPaths.sharing(), { token: lynneToken })).body as {
            sharing: { shareMood: boolean };
          }
        ).sharing.shareMood,
      true,
    );
    await eventually(
      () => managerSees.getByText('Mood', { exact: true }).locator('xpath=..').getByText('Not shared').count(),
      0,
    );
    // Put it back as the seed had it, for anyone reading the demo after this test.
    await shareMood.click();
    await eventually(
      async () =>
        (
          (await callApi(stack, 'GET', trendApiPaths.sharing(), { token: lynneToken })).body as {
            sharing: { shareMood: boolean };
          }
        ).sharing.shareMood,
      false,
    );
    await lynneContext.close();
  });

  it('lets Adele download her data and delete her answers, after she confirms', async () => {
    const adeleContext = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
    const adele = await adeleContext.newPage();
    await adele.goto(trendsPage(DEMO_USER_IDS.adele));
    const tab = tabOf(adele);
    const yourData = tab.getByRole('group', { name: 'Your data' });
    await yourData.waitFor();

    await yourData.getByRole('button', { name: 'Prepare my data' }).click();
    const link = yourData.getByRole('link', { name: 'Save my data (JSON)' });
    await link.waitFor();
    // Saving it downloads the API's export as JSON: hers, with her boards in it.
    const [download] = await Promise.all([adele.waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).toBe('candor-my-data.json');
    const saved = JSON.parse(readFileSync(await download.path(), 'utf8')) as { userId: string; boards: unknown[] };
    const exported = { userId: saved.userId, boards: saved.boards.length };
    expect(exported.userId).toBe(DEMO_USER_IDS.adele);
    expect(exported.boards).toBeGreaterThan(0);

    const adeleToken = await stack.simulator.mintAccessToken(DEMO_USER_IDS.adele);
    const answered = async () => {
      const body = (await callApi(stack, 'GET', privacyApiPaths.export(), { token: adeleToken })).body as {
        boards: Array<{ fields: Record<string, { text: string }> }>;
      };
      return body.boards.filter((b) => Object.values(b.fields).some((f) => f.text !== '')).length;
    };
    expect(await answered()).toBeGreaterThan(0);

    // "Keep everything" deletes nothing; confirming deletes her answers everywhere.
    await yourData.getByRole('button', { name: 'Delete my answers' }).click();
    await tab
      .getByRole('alertdialog', { name: 'Delete your answers?' })
      .getByRole('button', { name: 'Keep everything' })
      .click();
    expect(await answered()).toBeGreaterThan(0);
    await yourData.getByRole('button', { name: 'Delete my answers' }).click();
    await tab
      .getByRole('alertdialog', { name: 'Delete your answers?' })
      .getByRole('button', { name: 'Delete my answers' })
      .click();
    await yourData.getByText('Your answers are deleted, and your trends no longer count them.').waitFor();
    expect(await answered()).toBe(0);
    expect(await seriousAxeViolations(adele)).toEqual([]);
    await adeleContext.close();
  });
});

describe('the tab’s bundles', () => {
  it('keeps the charts package out of the side panel’s first download and out of the Trends list’s chunk', () => {
    // The side panel's whole initial download (entry and static imports) is checked by the bundle budget test
    // (test/integration/perf/bundleBudget.test.ts); here, the trend tab's own split.
    const initial = initialJs(distDirs.tab).chunks.map((c) => c.file);
    expect(initial.filter((file) => isChartsChunk(file))).toEqual([]);
    expect(initial.some((f) => /Trends|TrendCharts/.test(f))).toBe(false);

    const trendsList = staticClosureOf('src/trends/TrendsSurface.tsx');
    const charts = staticClosureOf('src/trends/TrendCharts.tsx');
    expect(isChartsChunk(charts[0]!)).toBe(true);
    expect(trendsList.filter((file) => isChartsChunk(file))).toEqual([]);
  });
});
