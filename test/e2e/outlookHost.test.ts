// Candor hosted by Outlook, in Chromium: the local host page poses as Outlook (teams-js reports `app.host.name`
// Outlook, no meeting or chat, Outlook's capabilities only). The Trends tab renders for a manager and a report with
// nothing Teams-only in it; the status request's email, opened from the outbox, opens the status form inside the
// Outlook frame, where it takes Outlook's theme, loads, saves and says "Sent."; the same link outside any host
// still works as a plain page.
import type { Browser, BrowserContext, FrameLocator, Page } from 'playwright-core';
import { DEMO_USER_IDS } from '@candor/local/simulator/demoTenant';
import { startLocalStack, type LocalStack } from '@candor/local/stack';
import { launchChromium, screenshotPath } from '../support/browser';
import { eventually } from '../support/eventually';

jest.setTimeout(120_000);

let stack: LocalStack;
let browser: Browser;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  stack = await startLocalStack({ web: true });
  browser = await launchChromium();
  context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  page = await context.newPage();
}, 60_000);

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await stack?.stop();
});

function asOutlook(userId: string, theme = 'default'): string {
  return `${stack.hostPageUrl}/?${new URLSearchParams({ as: userId, host: 'outlook', theme }).toString()}`;
}

interface HostEvent {
  func: string;
  detail?: string;
}

/** What the tab asked the host, as the host page recorded it. */
function hostEvents(p: Page): Promise<HostEvent[]> {
  return p.evaluate(() =>
    (globalThis as unknown as { candorHost: { events: HostEvent[] } }).candorHost.events.map((e) => ({ ...e })),
  );
}

/** Nothing a tab in Outlook may offer: meeting or chat deep links into Teams, or the meeting frames themselves. */
async function expectNoTeamsOnlyAffordance(p: Page, tab: FrameLocator): Promise<void> {
  expect(await p.locator('iframe[title="Candor side panel"], iframe[title="Candor meeting details"]').count()).toBe(0);
  expect(
    await tab
      .locator('a[href*="teams.microsoft.com"], a[href^="msteams:"], a[href*="/l/chat/"], a[href*="/l/meetup-join/"]')
      .count(),
  ).toBe(0);
  expect(await tab.getByText('This is Candor in Outlook', { exact: false }).count()).toBe(1);
  // Every link the tab offers stays in the tab (its own detail views), whatever the host.
  const hrefs = await tab
    .locator('a[href]')
    .evaluateAll((links: Array<{ getAttribute(name: string): string | null }>) =>
      links.map((a) => a.getAttribute('href') ?? ''),
    );
  for (const href of hrefs) expect(href.startsWith('?') || href.startsWith('#')).toBe(true);
}

describe('Candor hosted by Outlook', () => {
  it('shows the manager’s Trends tab, with Outlook as its host and no Teams-only affordance', async () => {
    await page.goto(asOutlook(DEMO_USER_IDS.megan));
    const tab = page.frameLocator('iframe[title="Candor Trends"]');
    await tab.getByRole('heading', { name: 'Your team', level: 1 }).waitFor();
    expect(await page.locator('html').getAttribute('data-host')).toBe('outlook');
    const reports = tab
      .getByRole('list', { name: 'Your direct reports' })
      .getByRole('listitem')
      .filter({ has: tab.getByRole('heading', { level: 2 }) });
    await eventually(() => reports.count(), 4);
    await expectNoTeamsOnlyAffordance(page, tab);

    // Outlook's theme reaches the tab through the host, and follows a change.
    await page.locator('#theme-dark').check();
    await tab.locator('[data-theme="dark"]').first().waitFor();

    const events = await hostEvents(page);
    expect(events.some((e) => e.func === 'getContext')).toBe(true);
    expect(events.some((e) => e.func === 'appInitialization.success')).toBe(true);
    // The tab asks Outlook nothing Outlook does not offer.
    expect(events.filter((e) => e.detail === 'unsupported, not answered').map((e) => e.func)).toEqual([]);
    await page.screenshot({ path: screenshotPath('outlook-trends-manager.png') });
  });

  it('shows a report their own 1:1s in Outlook', async () => {
    await page.goto(asOutlook(DEMO_USER_IDS.lynne));
    const tab = page.frameLocator('iframe[title="Candor Trends"]');
    await tab.getByRole('heading', { name: 'Your 1:1s', level: 1 }).waitFor();
    await expectNoTeamsOnlyAffordance(page, tab);
    expect(await page.locator('#meeting').isDisabled()).toBe(true);
    expect(await page.locator('#add-candor').isDisabled()).toBe(true);
  });

  it('names Teams, not Outlook, when Teams hosts the same tab', async () => {
    await page.goto(
      `${stack.hostPageUrl}/?${new URLSearchParams({ as: DEMO_USER_IDS.lynne, view: 'trends' }).toString()}`,
    );
    const tab = page.frameLocator('iframe[title="Candor Trends"]');
    await tab.getByRole('heading', { name: 'Your 1:1s', level: 1 }).waitFor();
    expect(await page.locator('html').getAttribute('data-host')).toBe('teams');
    expect(await tab.getByText('During a 1:1, Candor’s board is in the meeting’s side panel.').count()).toBe(1);
    expect(await tab.getByText('Outlook', { exact: false }).count()).toBe(0);
  });

  it('opens the status form from the email inside the Outlook frame, where it loads, saves and says sent', async () => {
    await page.goto(asOutlook(DEMO_USER_IDS.diego, 'dark'));
    await page.getByRole('button', { name: 'Run pre-meeting scan' }).click();
    const mails = page.getByRole('button', { name: /Before your 1:1 with Megan Bowen.*diego@/ });
    await eventually(() => mails.count(), 2);
    const viewer = page.frameLocator('iframe.mail-frame');
    for (let i = 0; i < 2; i++) {
      await mails.nth(i).click();
      if ((await viewer.getByText('Megan / Diego weekly 1:1', { exact: false }).count()) > 0) break;
    }
    expect(await viewer.getByText('Megan / Diego weekly 1:1', { exact: false }).count()).toBe(1);

    // The button opens the form in Outlook's own frame, not in a new browser window.
    const pagesBefore = context.pages().length;
    await Promise.all([
      page.waitForURL(/view=status/),
      viewer.getByRole('link', { name: 'Write your status update' }).click(),
    ]);
    expect(context.pages().length).toBe(pagesBefore);
    const formFrame = page.locator('iframe[title="Candor status form"]');
    const formUrl = new URL((await formFrame.getAttribute('src')) ?? '');
    expect(formUrl.searchParams.get('surface')).toBe('status');
    // No theme in its URL: the dark theme can only have come from the host's context.
    expect(formUrl.searchParams.get('theme')).toBeNull();

    const form = page.frameLocator('iframe[title="Candor status form"]');
    await form.getByRole('textbox', { name: 'What is blocked?' }).fill('Waiting on the vendor’s contract');
    await form.getByRole('button', { name: 'Send to Megan Bowen' }).click();
    await eventually(
      () =>
        form
          .getByRole('status')
          .innerText()
          .then((t) => t.startsWith('Sent.')),
      true,
    );
    await form.locator('[data-theme="dark"]').first().waitFor();
    // It told Outlook it had loaded (the host hides its loading indicator then).
    await eventually(() => formFrame.getAttribute('data-candor-ready'), 'true');
    const events = await hostEvents(page);
    expect(events.some((e) => e.func === 'getContext')).toBe(true);
    expect(events.filter((e) => e.detail === 'unsupported, not answered').map((e) => e.func)).toEqual([]);
    await page.screenshot({ path: screenshotPath('outlook-status-form.png') });

    // The same link outside any host: a plain page, which shows what was just sent.
    const plain = await context.newPage();
    await plain.goto(formUrl.toString());
    await plain.getByRole('button', { name: 'Save changes' }).waitFor();
    expect(await plain.getByRole('textbox', { name: 'What is blocked?' }).inputValue()).toBe(
      'Waiting on the vendor’s contract',
    );
    await plain.close();
  });
});
