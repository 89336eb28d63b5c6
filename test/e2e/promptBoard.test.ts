import axe from 'axe-core';
import type { Browser, BrowserContext, Frame, FrameLocator, Locator, Page } from 'playwright-core';
import { startLocalStack, type LocalStack } from '@candor/local/stack';
import { DEMO_USER_IDS, demoMeetings } from '@candor/local/simulator/demoTenant';
import { launchChromium, screenshotPath } from '../support/browser';
import { eventually } from '../support/eventually';

/*
 * The prompt board in Chromium, as two people use it at once: Megan (manager) and Adele (report) each in their own
 * browser context, in the local Teams host. The simulated calendar clock is fixed at a Wednesday morning with their
 * weekly 1:1 in progress, and moved a week on for "the next meeting".
 */

jest.setTimeout(180_000);

const T0 = new Date('2026-06-10T09:10:00.000Z');
const WEEK_MS = 7 * 24 * 3600_000;
let clock = T0;
let stack: LocalStack;
let browser: Browser;
let managerContext: BrowserContext;
let reportContext: BrowserContext;
let manager: Page;
let report: Page;
const oneOnOne = demoMeetings(T0).find((m) => m.reportId === DEMO_USER_IDS.adele)!;

/** What axe found, per impact, and the rules behind the serious and critical ones. */
interface AxeSummary {
  violations: Record<string, number>;
  serious: string[];
  passes: number;
}
const axeRuns: Array<{ label: string; summary: AxeSummary }> = [];

beforeAll(async () => {
  stack = await startLocalStack({ web: true, now: () => clock });
  browser = await launchChromium();
  managerContext = await browser.newContext({ viewport: { width: 1280, height: 1000 } });
  reportContext = await browser.newContext({ viewport: { width: 1280, height: 1000 } });
  // The tab's clock is the browser's: the server's "now", so the meeting is in progress for both.
  await Promise.all([managerContext.clock.setSystemTime(T0), reportContext.clock.setSystemTime(T0)]);
  manager = await managerContext.newPage();
  report = await reportContext.newPage();
}, 60_000);

afterAll(async () => {
  if (axeRuns.length > 0) {
    // Printed for the closing note.
    console.log(
      `axe-core ${axe.version} on the side panel:\n${axeRuns.map((r) => `  ${r.label}: ${JSON.stringify(r.summary)}`).join('\n')}`,
    );
  }
  await browser?.close();
  await stack?.stop();
});

function hostPage(userId: string, theme = 'default'): string {
  return `${stack.hostPageUrl}/?${new URLSearchParams({ as: userId, meeting: oneOnOne.chatId, theme }).toString()}`;
}

const panelOf = (page: Page): FrameLocator => page.frameLocator('iframe[title="Candor side panel"]');

function panelFrame(page: Page): Frame {
  const frame = page.frames().find((f) => f.url().includes('surface=board'));
  if (!frame) throw new Error('side panel frame not found');
  return frame;
}

async function openBoards(): Promise<void> {
  await Promise.all([manager.goto(hostPage(oneOnOne.managerId)), report.goto(hostPage(oneOnOne.reportId))]);
  await Promise.all([
    panelOf(manager).getByRole('heading', { name: 'Adele Vance', level: 1 }).waitFor(),
    panelOf(report).getByRole('heading', { name: 'Megan Bowen', level: 1 }).waitFor(),
  ]);
}

async function saved(page: Page): Promise<void> {
  await eventually(() => panelOf(page).getByRole('status').first().innerText(), 'Saved');
}

/** Presses Tab (inside the side panel) until `target` has the focus; fails if it is not reachable. */
async function tabTo(page: Page, target: Locator, maxPresses = 60): Promise<void> {
  for (let i = 0; i < maxPresses; i++) {
    if (
      await target
        .evaluate((el: { ownerDocument: { activeElement: unknown } }) => el === el.ownerDocument.activeElement)
        .catch(() => false)
    )
      return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`not reachable with Tab within ${maxPresses} presses`);
}

async function expandAllSections(page: Page): Promise<void> {
  const panel = panelOf(page);
  for (const name of ['Career pulse', 'Unseen work', 'Personal check', 'Go-to question']) {
    const header = panel.getByRole('button', { name, exact: true });
    if ((await header.getAttribute('aria-expanded')) !== 'true') await header.click();
  }
  await panel.getByText('Noticed before').waitFor();
}

/** Theme changes animate colours for a moment; contrast is judged once every transition has finished. */
async function settled(page: Page): Promise<void> {
  // Only colour transitions count: a spinner or shimmer elsewhere may animate for ever.
  await panelFrame(page).waitForFunction(() =>
    (globalThis as unknown as { document: { getAnimations(): Array<{ constructor: { name: string } }> } }).document
      .getAnimations()
      .every((a) => a.constructor.name !== 'CSSTransition'),
  );
}

async function runAxe(page: Page, label: string): Promise<AxeSummary> {
  await settled(page);
  const frame = panelFrame(page);
  // Evaluated through the DevTools protocol: the tab's Content-Security-Policy rightly refuses inline scripts.
  if (!(await frame.evaluate(() => 'axe' in globalThis))) await frame.evaluate(axe.source);
  const result = await frame.evaluate(async () => {
    const engine = (globalThis as unknown as { axe: typeof axe }).axe;
    const run = await engine.run('html', {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
    });
    return {
      violations: run.violations.map((v) => ({
        id: v.id,
        impact: v.impact ?? 'unknown',
        nodes: v.nodes.length,
        where: v.nodes.map((n) => `${n.target.join(' ')}: ${n.any[0]?.message ?? n.html.slice(0, 80)}`).join('; '),
      })),
      passes: run.passes.length,
    };
  });
  const violations: Record<string, number> = {};
  for (const v of result.violations) violations[v.impact] = (violations[v.impact] ?? 0) + v.nodes;
  const serious = result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.nodes}: ${v.where})`);
  const summary = { violations, serious, passes: result.passes };
  axeRuns.push({ label, summary });
  return summary;
}

/** The whole board, not only the part the side panel's frame shows: the host page is made tall enough first. */
async function screenshotBoard(page: Page, file: string): Promise<void> {
  const height = await panelOf(page)
    .locator('main')
    .evaluate((main: { scrollHeight: number }) => main.scrollHeight);
  const before = page.viewportSize() ?? { width: 1280, height: 1000 };
  await page.setViewportSize({ width: before.width, height: Math.max(before.height, height + 240) });
  await settled(page);
  await page.locator('iframe[title="Candor side panel"]').screenshot({ path: screenshotPath(file) });
  await page.setViewportSize(before);
}

async function setTheme(page: Page, theme: 'default' | 'dark' | 'contrast'): Promise<void> {
  await page.locator(`#theme-${theme}`).check();
  await panelOf(page).locator(`[data-theme="${theme}"]`).first().waitFor();
  await settled(page);
}

describe('the prompt board, two people at once', () => {
  it('shows each person the other’s words within seconds while both type', async () => {
    clock = T0;
    await openBoards();
    const managerPanel = panelOf(manager);
    const reportPanel = panelOf(report);

    await Promise.all([
      reportPanel.getByRole('textbox', { name: 'What is energizing you?' }).fill('Mentoring the two new joiners'),
      managerPanel
        .getByRole('textbox', { name: 'Shared note What is draining you?' })
        .fill('Let us look at the pager rota together'),
    ]);
    await Promise.all([saved(manager), saved(report)]);

    await managerPanel.getByText('Mentoring the two new joiners').waitFor({ timeout: 10_000 });
    await reportPanel.getByText('Let us look at the pager rota together').waitFor({ timeout: 10_000 });
    // The manager reads the answer; it is not an input she could overwrite.
    expect(await managerPanel.getByRole('textbox', { name: 'What is energizing you?', exact: true }).count()).toBe(0);
  });

  it('lets the manager turn the support ask into a commitment the report sees', async () => {
    const reportPanel = panelOf(report);
    const managerPanel = panelOf(manager);
    await reportPanel
      .getByRole('textbox', { name: 'What specific support would help this week?' })
      .fill('An hour to review my design doc');
    await managerPanel.getByText('An hour to review my design doc').waitFor({ timeout: 10_000 });

    await managerPanel.getByRole('button', { name: 'Turn into a commitment' }).click();
    await managerPanel
      .getByRole('textbox', { name: 'Your commitment' })
      .fill('I will review your design doc by Friday');
    await managerPanel.getByLabel('Due date (optional)').fill('2026-06-12');
    await managerPanel.getByRole('button', { name: 'Save commitment' }).click();
    await managerPanel.getByRole('heading', { name: 'Your commitments' }).waitFor();
    await reportPanel.getByRole('heading', { name: 'Megan Bowen’s commitments' }).waitFor({ timeout: 10_000 });
    await reportPanel.getByText('I will review your design doc by Friday').waitFor();
  });

  it('works with the keyboard alone: typing an answer and picking a rating', async () => {
    const panel = panelOf(report);
    // Start at the top of the panel, then only keys.
    await panel
      .getByRole('button', { name: /Last time/ })
      .or(panel.getByText(/^Last time/))
      .first()
      .waitFor();
    await panel.getByRole('textbox', { name: 'What is energizing you?' }).focus();
    const draining = panel.getByRole('textbox', { name: 'What is draining you?' });
    await tabTo(report, draining);
    await report.keyboard.type('Context switching between two teams');

    const personal = panel.getByRole('button', { name: 'Personal check', exact: true });
    await tabTo(report, personal);
    await report.keyboard.press('Enter');
    const mood = panel.getByRole('radiogroup', { name: 'Mood' });
    await mood.waitFor();
    await tabTo(report, mood.getByRole('radio', { name: '1 · Low' }));
    await report.keyboard.press('ArrowDown'); // 2 · Meh
    await report.keyboard.press('ArrowDown'); // 3 · Okay
    await report.keyboard.press('ArrowDown'); // 4 · Good
    await eventually(() => mood.getByRole('radio', { name: '4 · Good' }).isChecked(), true);
    const lifeLoad = panel.getByRole('radiogroup', { name: 'Life load outside work' });
    await tabTo(report, lifeLoad.getByRole('radio', { name: '1 · Light' }));
    await report.keyboard.press('ArrowUp'); // wraps round to the last choice: "Prefer not to say"
    await eventually(() => lifeLoad.getByRole('radio', { name: 'Prefer not to say' }).isChecked(), true);
    await saved(report);

    const managerPanel = panelOf(manager);
    await managerPanel.getByText('Context switching between two teams').waitFor({ timeout: 10_000 });
    await managerPanel.getByRole('button', { name: 'Personal check', exact: true }).click();
    await managerPanel.getByText('4 · Good').waitFor({ timeout: 10_000 });
    await managerPanel.getByText('Prefer not to say').waitFor();
  });

  it('keeps private notes to their author', async () => {
    const reportPanel = panelOf(report);
    const secret = 'Nervous about raising the promotion';
    const notes = reportPanel.getByRole('textbox', { name: 'Private notes' });
    await notes.fill(secret);
    await saved(report);
    await reportPanel.getByText('Only you can see this.').waitFor();
    // Something the report types after the note reaches the manager, so her panel has polled since: no trace of it.
    await reportPanel
      .getByRole('textbox', { name: 'What is energizing you?' })
      .fill('Mentoring the two new joiners, and pairing');
    await panelOf(manager).getByText('Mentoring the two new joiners, and pairing').waitFor({ timeout: 10_000 });
    expect(await panelFrame(manager).content()).not.toContain(secret);
    await report.reload();
    await eventually(() => panelOf(report).getByRole('textbox', { name: 'Private notes' }).inputValue(), secret);
  });

  it('nudges quietly when an answer reads like status, and keeps the text when the move is refused', async () => {
    const panel = panelOf(report);
    const support = panel.getByRole('textbox', { name: 'What specific support would help this week?' });
    await support.fill('JIRA-1234 done, JIRA-1240 in progress');
    const nudge = panel.getByText('This reads like a status update.');
    await nudge.waitFor({ timeout: 10_000 });
    // The 1:1 is in progress, so the status update is closed: the move fails and the words stay where they were.
    await panel.getByRole('button', { name: 'Move to status update' }).click();
    await panel.getByRole('radio', { name: 'Blocked' }).check();
    await panel.getByRole('button', { name: 'Move', exact: true }).click();
    await eventually(() => panel.getByRole('alert').filter({ hasText: 'has started' }).count(), 1);
    expect(await support.inputValue()).toBe('JIRA-1234 done, JIRA-1240 in progress');
    await panel.getByRole('button', { name: 'Cancel' }).click();
    await support.press('End');
    await support.pressSequentially(' and more');
    expect(await support.inputValue()).toBe('JIRA-1234 done, JIRA-1240 in progress and more');
    await panel.getByRole('button', { name: 'Keep here' }).click();
    await eventually(() => nudge.count(), 0);
    await support.fill('An hour to review my design doc');
    await saved(report);
  });

  it('has no serious or critical axe violations and renders in light, dark and high contrast', async () => {
    await Promise.all([expandAllSections(manager), expandAllSections(report)]);
    for (const theme of ['default', 'dark', 'contrast'] as const) {
      await Promise.all([setTheme(manager, theme), setTheme(report, theme)]);
      const name = theme === 'default' ? 'light' : theme;
      for (const [who, page] of [
        ['manager', manager],
        ['report', report],
      ] as const) {
        const summary = await runAxe(page, `${who}, ${name}`);
        expect(summary.serious).toEqual([]);
      }
      await screenshotBoard(manager, `prompt-board-${name}.png`);
      const scrolls = await panelOf(manager)
        .locator('body')
        .evaluate((body: { scrollWidth: number; clientWidth: number }) => body.scrollWidth > body.clientWidth);
      expect(scrolls).toBe(false);
    }
    await Promise.all([setTheme(manager, 'default'), setTheme(report, 'default')]);
  });

  it('closes with a two-line recap: read-only for both, emailed to both once', async () => {
    const managerPanel = panelOf(manager);
    const reportPanel = panelOf(report);
    await managerPanel.getByRole('button', { name: 'Close with a recap' }).click();
    await managerPanel
      .getByRole('textbox', { name: 'Line 1 text' })
      .fill('Design doc review is the blocker; Megan reviews it by Friday');
    await managerPanel
      .getByRole('textbox', { name: 'Line 2 text' })
      .fill('Mentoring energises Adele: keep one new joiner each quarter');
    const line1 = managerPanel.getByRole('group', { name: 'What line 1 covers' });
    const line2 = managerPanel.getByRole('group', { name: 'What line 2 covers' });
    await line1.getByRole('checkbox', { name: 'Blocker' }).check();
    await line1.getByRole('checkbox', { name: 'Support need' }).check();
    await line2.getByRole('checkbox', { name: 'Learning' }).check();
    const summary = await runAxe(manager, 'manager, recap composer, light');
    expect(summary.serious).toEqual([]);
    await managerPanel.getByRole('button', { name: 'Save recap and email it' }).click();
    // Still within the meeting: the close is asked about first.
    await managerPanel
      .getByRole('alertdialog', { name: 'Close before the meeting ends?' })
      .getByRole('button', { name: 'Close now' })
      .click();

    await managerPanel.getByRole('heading', { name: 'Closed with a recap' }).waitFor();
    await reportPanel.getByRole('heading', { name: 'Closed with a recap' }).waitFor({ timeout: 10_000 });
    await eventually(() => managerPanel.getByText(/Emailed to you both/).count(), 1);
    // Answers are read-only now; private notes are not.
    expect(await reportPanel.getByRole('textbox', { name: 'What is energizing you?' }).count()).toBe(0);
    expect(await reportPanel.getByRole('textbox', { name: 'Private notes' }).isEditable()).toBe(true);

    const recaps = stack.simulator.outbox().filter((m) => m.message.subject?.startsWith('Recap of your 1:1'));
    expect(recaps).toHaveLength(1);
    expect((recaps[0]!.message.toRecipients ?? []).map((r) => r.emailAddress?.address).sort()).toEqual([
      'adele@candor-demo.example',
      'megan@candor-demo.example',
    ]);
  });

  it('shows "Last time" and the open commitment on the next meeting’s board', async () => {
    clock = new Date(T0.getTime() + WEEK_MS);
    await Promise.all([managerContext.clock.setSystemTime(clock), reportContext.clock.setSystemTime(clock)]);
    await openBoards();
    for (const page of [manager, report]) {
      const panel = panelOf(page);
      const lastTime = panel.getByRole('button', { name: /Last time · .* · 1 open commitment/ });
      await lastTime.waitFor();
      await lastTime.click();
      // Read inside "Last time": the same blocker is also listed under "Open blockers", with its "Mark resolved".
      const lastRecap = panel.getByRole('region', { name: 'Last time' });
      await lastRecap.getByText('Design doc review is the blocker; Megan reviews it by Friday').waitFor();
      await panel
        .getByRole('region', { name: 'Open blockers' })
        .getByText('Design doc review is the blocker; Megan reviews it by Friday')
        .waitFor();
      await panel.getByText('I will review your design doc by Friday').waitFor();
      // A fresh board: the prompts are empty again.
      await panel.getByRole('button', { name: 'Close with a recap' }).waitFor();
    }
    expect(await panelOf(report).getByRole('textbox', { name: 'What is energizing you?' }).inputValue()).toBe('');
    await screenshotBoard(report, 'prompt-board-next-meeting.png');
  });
});
