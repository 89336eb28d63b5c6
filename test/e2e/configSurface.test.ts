// Adding Candor to a meeting, as Teams does it: the manifest's configurationUrl in a `settings` frame, Teams' Save
// button, then the one saved contentUrl in every meeting frame, where the tab picks its surface itself.
import axe from 'axe-core';
import type { Browser, Frame, Page } from 'playwright-core';
import { startLocalStack, type LocalStack } from '@candor/local/stack';
import { demoMeetings } from '@candor/local/simulator/demoTenant';
import { launchChromium, screenshotPath } from '../support/browser';
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

function addTabPage(userId: string, theme = 'default'): string {
  const params = new URLSearchParams({ as: userId, meeting: oneOnOne.chatId, theme, view: 'config' });
  return `${stack.hostPageUrl}/?${params.toString()}`;
}

/** The host page's probe (local/host-page/src/hostPage.ts); cast inside page.evaluate, which runs in the page. */
interface HostWindow {
  candorHost: {
    events: Array<{ frame: string; direction: 'in' | 'out'; func: string }>;
    tabSettings(): Record<string, string> | null;
  };
}

async function frameOf(page: Page, title: string): Promise<Frame> {
  const frame = await (await page.locator(`iframe[title="${title}"]`).elementHandle())?.contentFrame();
  if (!frame) throw new Error(`no frame titled ${title}`);
  return frame;
}

/** What the host page heard from the configuration page, in order. */
async function settingsCalls(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    (globalThis as unknown as HostWindow).candorHost.events
      .filter((e) => e.frame === 'settings' && e.func.startsWith('settings.'))
      .map((e) => `${e.direction} ${e.func}`),
  );
}

describe('adding Candor to a meeting in the local Teams host', () => {
  it('saves one contentUrl from the configuration page, and each meeting frame shows its own surface from it', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(addTabPage(oneOnOne.reportId));

    const config = page.frameLocator('iframe[title="Candor configuration"]');
    await eventually(() => config.getByRole('heading', { name: 'Candor for this 1:1' }).count(), 1);
    const save = page.getByRole('button', { name: 'Save', exact: true });
    // Teams keeps Save disabled until the page calls pages.config.setValidityState(true).
    await eventually(() => save.isEnabled(), true);
    expect(await page.evaluate(() => (globalThis as unknown as HostWindow).candorHost.tabSettings())).toBeNull();

    await save.click();
    await eventually(() => page.evaluate(() => (globalThis as unknown as HostWindow).candorHost.tabSettings()), {
      contentUrl: `${stack.tabUrl}/`,
      entityId: 'candor-board',
      suggestedDisplayName: 'Candor',
      websiteUrl: `${stack.tabUrl}/`,
    });
    expect(await settingsCalls(page)).toEqual([
      'in settings.setValidityState',
      'out settings.save',
      'in settings.setSettings',
      'in settings.save.success',
    ]);
    expect(await page.locator('dialog.config-dialog[open]').count()).toBe(0);

    // The saved URL names no surface: the side panel (frameContext sidePanel) shows the board, the details tab
    // (frameContext content) shows prep, with the status update beside the board.
    const panel = page.frameLocator('iframe[title="Candor side panel"]');
    const details = page.frameLocator('iframe[title="Candor meeting details"]');
    expect(await page.locator('iframe[title="Candor side panel"]').getAttribute('src')).toBe(`${stack.tabUrl}/`);
    expect(await page.locator('iframe[title="Candor meeting details"]').getAttribute('src')).toBe(`${stack.tabUrl}/`);
    await eventually(() => panel.getByRole('textbox', { name: 'What is energizing you?' }).count(), 1);
    await eventually(() => details.getByRole('complementary', { name: 'Status update' }).count(), 1);
    expect(await panel.getByRole('complementary', { name: 'Status update' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Add Candor to this meeting' }).isDisabled()).toBe(true);
    await context.close();
  }, 60_000);

  it('is labelled, keyboard-operable and free of serious axe violations in each Teams theme', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    for (const theme of ['default', 'dark', 'contrast']) {
      await page.goto(addTabPage(oneOnOne.managerId, theme));
      const config = page.frameLocator('iframe[title="Candor configuration"]');
      await eventually(() => config.getByRole('status').innerText(), 'Select Save to add Candor to this meeting.');
      const frame = await frameOf(page, 'Candor configuration');
      expect(await frame.locator('[data-theme]').first().getAttribute('data-theme')).toBe(theme);
      // Evaluated through the DevTools protocol: the tab's Content-Security-Policy rightly refuses inline scripts.
      await frame.evaluate(axe.source);
      const serious = await frame.evaluate(async () => {
        const engine = (globalThis as unknown as { axe: typeof axe }).axe;
        const run = await engine.run('html', {
          runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21aa', 'best-practice'] },
        });
        return run.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id);
      });
      expect(serious).toEqual([]);
      await page.screenshot({ path: screenshotPath(`config-surface-${theme}.png`) });
    }

    // Escape closes Teams' dialog without adding anything (from the dialog's own controls: a key pressed inside the
    // cross-origin frame stays there); the button reopens it from the keyboard.
    await page.getByRole('button', { name: 'Cancel' }).focus();
    await page.keyboard.press('Escape');
    await eventually(() => page.locator('dialog.config-dialog[open]').count(), 0);
    expect(await page.evaluate(() => (globalThis as unknown as HostWindow).candorHost.tabSettings())).toBeNull();
    await page.getByRole('button', { name: 'Add Candor to this meeting' }).focus();
    await page.keyboard.press('Enter');
    await eventually(() => page.locator('dialog.config-dialog[open]').count(), 1);
    await context.close();
  }, 60_000);
});
