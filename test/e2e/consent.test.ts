import type { Browser, Page } from 'playwright-core';
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

const sidePanel = (page: Page) => page.frameLocator('iframe[title="Candor side panel"]');

describe('consent in the local Teams host', () => {
  it("asks the person once, opens Entra ID's consent page as a pop-up from their click, and then loads the board", async () => {
    // The simulated Entra ID serves https with the local certificate, which this browser does not know.
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, ignoreHTTPSErrors: true });
    const page = await context.newPage();
    await page.goto(
      `${stack.hostPageUrl}/?${new URLSearchParams({ as: oneOnOne.reportId, meeting: oneOnOne.chatId }).toString()}`,
    );
    await sidePanel(page).getByRole('textbox', { name: 'What is energizing you?' }).waitFor();

    // The host page's switch: from now on SSO answers resourceRequiresConsent for this person.
    await page.getByLabel('Consent not yet given').check();
    expect(stack.simulator.consent.given(oneOnOne.reportId)).toBe(false);
    const panel = sidePanel(page);
    await panel.getByRole('heading', { name: 'Candor needs your permission once' }).waitFor();
    await panel.getByText('Candor needs your permission to read your calendar').waitFor();
    expect(await panel.getByRole('textbox', { name: 'What is energizing you?' }).count()).toBe(0);
    // The meeting details tab says the same (each frame asks for its own token).
    await page
      .frameLocator('iframe[title="Candor meeting details"]')
      .getByRole('heading', { name: 'Candor needs your permission once' })
      .waitFor();
    await page.screenshot({ path: screenshotPath('consent-needed.png') });

    // Closing the consent page without accepting leaves everything as it was, with a calm word and a retry.
    let popupOpened = context.waitForEvent('page');
    await panel.getByRole('button', { name: 'Give permission' }).click();
    let popup = await popupOpened;
    await popup.getByRole('heading', { name: 'Permissions requested' }).waitFor();
    await popup.getByRole('button', { name: 'Cancel' }).click();
    await popup.waitForEvent('close');
    await panel.getByText('The permission window closed before you accepted.').waitFor();
    expect(stack.simulator.consent.given(oneOnOne.reportId)).toBe(false);

    popupOpened = context.waitForEvent('page');
    await panel.getByRole('button', { name: 'Try again' }).click();
    popup = await popupOpened;
    // auth-start.html sent the pop-up to the tenant's authorize endpoint for this person, asking for consent.
    await popup.getByRole('heading', { name: 'Permissions requested' }).waitFor();
    const authorize = new URL(popup.url());
    expect(authorize.pathname).toBe(`/${stack.simulator.tenantId}/oauth2/v2.0/authorize`);
    expect(authorize.searchParams.get('prompt')).toBe('consent');
    // The redirect URI is the tab's auth-end.html, served over https (locally on its own port of the tab's host).
    const redirect = new URL(authorize.searchParams.get('redirect_uri') ?? '');
    expect([redirect.protocol, redirect.hostname, redirect.pathname]).toEqual([
      'https:',
      new URL(stack.tabUrl!).hostname,
      '/auth-end.html',
    ]);
    expect(authorize.searchParams.get('login_hint')).not.toBeNull();
    await popup.getByRole('button', { name: 'Accept' }).click();
    await popup.waitForEvent('close');

    await panel.getByRole('textbox', { name: 'What is energizing you?' }).waitFor();
    expect(stack.simulator.consent.given(oneOnOne.reportId)).toBe(true);
    await eventually(() => page.getByLabel('Consent not yet given').isChecked(), false);
    await page.screenshot({ path: screenshotPath('consent-given.png') });
    await context.close();
  }, 90_000);

  it('asks in the personal Trends tab too, and opens the tab once the person accepted', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, ignoreHTTPSErrors: true });
    const page = await context.newPage();
    stack.simulator.consent.revoke(oneOnOne.managerId);
    await page.goto(
      `${stack.hostPageUrl}/?${new URLSearchParams({ as: oneOnOne.managerId, view: 'trends' }).toString()}`,
    );
    const tab = page.frameLocator('iframe[title="Candor Trends"]');
    await tab.getByRole('heading', { name: 'Candor needs your permission once' }).waitFor();
    expect(await page.getByLabel('Consent not yet given').isChecked()).toBe(true);

    const popupOpened = context.waitForEvent('page');
    await tab.getByRole('button', { name: 'Give permission' }).click();
    const popup = await popupOpened;
    await popup.getByRole('button', { name: 'Accept' }).click();
    await popup.waitForEvent('close');

    await tab.getByRole('tab', { name: 'Your team' }).waitFor();
    expect(stack.simulator.consent.given(oneOnOne.managerId)).toBe(true);
    await context.close();
  }, 90_000);
});
