import axe from 'axe-core';
import type { Browser, BrowserContext, Frame, Page } from 'playwright-core';
import { startLocalStack, type LocalStack } from '@candor/local/stack';
import { DEMO_USER_IDS, demoMeetings } from '@candor/local/simulator/demoTenant';
import { launchChromium } from '../support/browser';
import { eventually } from '../support/eventually';

/*
 * axe-core on every surface of the tab, in light, dark and high contrast, with nothing left out: the side panel
 * (manager and report, every section open), the meeting details tab, the status form, the configuration page, the
 * trend tab's team view, a detail view with its charts, and the report's own view. In high contrast every button
 * also keeps a visible border.
 */

jest.setTimeout(600_000);

const T0 = new Date('2026-12-07T10:10:00.000Z');
const THEMES = ['default', 'dark', 'contrast'] as const;
type Theme = (typeof THEMES)[number];
let stack: LocalStack;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const adele = demoMeetings(T0).find((m) => m.reportId === DEMO_USER_IDS.adele)!;
const diego = demoMeetings(T0).find((m) => m.reportId === DEMO_USER_IDS.diego)!;

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

async function frameByTitle(title: string): Promise<Frame> {
  const handle = await page.locator(`iframe[title="${title}"]`).elementHandle();
  const frame = await handle?.contentFrame();
  if (!frame) throw new Error(`frame ${title} not found`);
  return frame;
}

/** Theme changes animate colours for a moment; contrast is judged once every colour transition has finished. */
async function settled(frame: Frame): Promise<void> {
  await frame.waitForFunction(() =>
    (globalThis as unknown as { document: { getAnimations(): Array<{ constructor: { name: string } }> } }).document
      .getAnimations()
      .every((a) => a.constructor.name !== 'CSSTransition'),
  );
}

async function seriousViolations(frame: Frame): Promise<string[]> {
  await settled(frame);
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

/**
 * Buttons whose edge cannot be seen in high contrast: no border, a transparent one, or one the colour of what is
 * behind the button, on a button that is not filled either (a button must be findable without hovering it).
 */
async function bordersMissing(frame: Frame): Promise<string[]> {
  return frame.evaluate(() => {
    type El = {
      getBoundingClientRect(): { width: number; height: number };
      textContent: string | null;
      getAttribute(n: string): string | null;
      parentElement: El | null;
      closest(s: string): El | null;
    };
    type Style = {
      borderTopWidth: string;
      borderTopStyle: string;
      borderTopColor: string;
      backgroundColor: string;
      visibility: string;
    };
    const doc = (globalThis as unknown as { document: { querySelectorAll(s: string): ArrayLike<El> } }).document;
    const view = globalThis as unknown as { getComputedStyle(e: El): Style };
    const transparent = (colour: string) => colour === 'transparent' || /rgba\(.*,\s*0\)$/.test(colour);
    const behind = (el: El): string => {
      for (let p = el.parentElement; p; p = p.parentElement) {
        const bg = view.getComputedStyle(p).backgroundColor;
        if (!transparent(bg)) return bg;
      }
      return 'rgb(255, 255, 255)';
    };
    return Array.from(doc.querySelectorAll('button, [role="button"]'))
      .filter((b) => {
        const box = b.getBoundingClientRect();
        // Inside an inert subtree (a chart drawn as a picture of its table) nothing is a control anyone can use.
        return (
          box.width > 0 && box.height > 0 && view.getComputedStyle(b).visibility !== 'hidden' && !b.closest('[inert]')
        );
      })
      .filter((b) => {
        const s = view.getComputedStyle(b);
        const around = behind(b);
        // A filled button (the primary one: a white block on black) is its own outline against the canvas.
        if (!transparent(s.backgroundColor) && s.backgroundColor !== around) return false;
        return (
          s.borderTopStyle === 'none' ||
          parseFloat(s.borderTopWidth) < 1 ||
          transparent(s.borderTopColor) ||
          s.borderTopColor === around
        );
      })
      .map((b) => (b.getAttribute('aria-label') ?? b.textContent ?? '').trim().slice(0, 60));
  });
}

/** Runs axe on the surface opened in each theme (the host's theme in its URL); in high contrast, the borders too. */
async function everyTheme(label: string, open: (theme: Theme) => Promise<Frame[]>): Promise<void> {
  const found: Record<string, string[]> = {};
  for (const theme of THEMES) {
    const list = await open(theme);
    for (const [i, frame] of list.entries()) {
      await frame.locator(`[data-theme="${theme}"]`).first().waitFor();
      const key = `${label}${list.length > 1 ? ` #${i + 1}` : ''}, ${theme}`;
      found[key] = await seriousViolations(frame);
      if (theme === 'contrast') found[`${key}: buttons without a border`] = await bordersMissing(frame);
    }
  }
  expect(Object.entries(found).filter(([, v]) => v.length > 0)).toEqual([]);
}

describe('axe on every surface, in light, dark and high contrast', () => {
  it('the side panel, manager and report, with every section open', async () => {
    for (const who of [adele.managerId, adele.reportId]) {
      await everyTheme(who === adele.managerId ? 'side panel, manager' : 'side panel, report', async (theme) => {
        await page.goto(host({ as: who, meeting: adele.chatId, theme }));
        const panel = await frameByTitle('Candor side panel');
        await panel.getByRole('heading', { level: 1 }).waitFor();
        for (const name of ['Career pulse', 'Unseen work', 'Personal check', 'Go-to question']) {
          const header = panel.getByRole('button', { name, exact: true });
          if ((await header.getAttribute('aria-expanded')) !== 'true') await header.click();
        }
        await panel.getByText('Noticed before').first().waitFor();
        return [panel];
      });
    }
  });

  it('the meeting details tab and the configuration page', async () => {
    await everyTheme('meeting details', async (theme) => {
      await page.goto(host({ as: adele.managerId, meeting: adele.chatId, theme }));
      const details = await frameByTitle('Candor meeting details');
      await details.locator('main').first().waitFor();
      return [details];
    });
    await everyTheme('configuration', async (theme) => {
      await page.goto(host({ as: adele.reportId, meeting: adele.chatId, view: 'config', theme }));
      const config = await frameByTitle('Candor configuration');
      await config.locator('[data-theme]').first().waitFor();
      return [config];
    });
  });

  it('the status form', async () => {
    await page.goto(host({ as: DEMO_USER_IDS.diego, meeting: diego.chatId }));
    await page.getByRole('button', { name: 'Run pre-meeting scan' }).click();
    let link: string | null = null;
    await eventually(
      () => {
        for (const mail of stack.simulator.outbox()) {
          const body = mail.message.body?.content ?? '';
          const match = /href="([^"]*surface=status[^"]*)"/.exec(body);
          if (match && (mail.message.toRecipients ?? []).some((r) => r.emailAddress?.address?.startsWith('diego')))
            link = match[1]!.replace(/&amp;/g, '&');
        }
        return Promise.resolve(link !== null);
      },
      true,
      30_000,
    );
    const url = new URL(link!);
    await everyTheme('status form', async (theme) => {
      await page.goto(
        host({ as: DEMO_USER_IDS.diego, host: 'outlook', view: 'status', form: `${url.pathname}${url.search}`, theme }),
      );
      const form = await frameByTitle('Candor status form');
      await form.getByRole('textbox', { name: 'What is blocked?' }).waitFor();
      return [form];
    });
  });

  it('the trend tab: team view, a detail view with its charts, and a report’s own view', async () => {
    await everyTheme('trends, team', async (theme) => {
      await page.goto(host({ as: DEMO_USER_IDS.megan, view: 'trends', theme }));
      const team = await frameByTitle('Candor Trends');
      await team.getByRole('list', { name: 'Your direct reports' }).waitFor();
      return [team];
    });
    await everyTheme('trends, detail with charts', async (theme) => {
      await page.goto(host({ as: DEMO_USER_IDS.megan, view: 'trends', report: DEMO_USER_IDS.alex, theme }));
      const detail = await frameByTitle('Candor Trends');
      await detail.getByTestId('trend-charts').waitFor();
      await eventually(async () => (await detail.locator('[data-testid="trend-charts"] svg line').count()) > 0, true);
      return [detail];
    });
    await everyTheme('trends, report’s own view', async (theme) => {
      await page.goto(host({ as: DEMO_USER_IDS.lynne, view: 'trends', theme }));
      const own = await frameByTitle('Candor Trends');
      await own.getByRole('heading', { name: 'Your 1:1s', level: 1 }).waitFor();
      return [own];
    });
  });
});
