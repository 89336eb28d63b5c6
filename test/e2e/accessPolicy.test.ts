import type { Browser, Page } from 'playwright-core';
import { startLocalStack, type LocalStack } from '@candor/local/stack';
import { demoMeetings } from '@candor/local/simulator/demoTenant';
import { launchChromium, screenshotPath } from '../support/browser';

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

async function openSidePanel(as: string): Promise<{ page: Page; close: () => Promise<void> }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, ignoreHTTPSErrors: true });
  const page = await context.newPage();
  await page.goto(`${stack.hostPageUrl}/?${new URLSearchParams({ as, meeting: oneOnOne.chatId }).toString()}`);
  return { page, close: () => context.close() };
}

describe('Conditional Access in the local Teams host', () => {
  it('MFA asked for Graph: the side panel gets a token for the claims through the host and opens the board, no consent pop-up', async () => {
    stack.simulator.accessPolicies.set(oneOnOne.reportId, 'requireMfa');
    const { page, close } = await openSidePanel(oneOnOne.reportId);
    try {
      const panel = sidePanel(page);
      await panel.getByRole('textbox', { name: 'What is energizing you?' }).waitFor();
      expect(await panel.getByRole('heading', { name: 'Candor needs your permission once' }).count()).toBe(0);
      // The tab asked teams-js getAuthToken with the API's claims challenge; the host page's log shows it.
      await page.getByText('with a claims challenge').first().waitFor({ state: 'attached' });
      await page.screenshot({ path: screenshotPath('access-policy-mfa.png') });
    } finally {
      stack.simulator.accessPolicies.set(oneOnOne.reportId, null);
      await close();
    }
  }, 90_000);

  it('a blocking policy: the side panel says plainly that the organization’s access policy blocks it, with the code', async () => {
    stack.simulator.accessPolicies.set(oneOnOne.managerId, 'blocked');
    const { page, close } = await openSidePanel(oneOnOne.managerId);
    try {
      const panel = sidePanel(page);
      await panel.getByRole('heading', { name: 'Your organization’s access policy blocks this' }).waitFor();
      await panel.getByText(/AADSTS53003/).waitFor();
      expect(await panel.getByRole('heading', { name: 'Candor needs your permission once' }).count()).toBe(0);
      await page.screenshot({ path: screenshotPath('access-policy-blocked.png') });
    } finally {
      stack.simulator.accessPolicies.set(oneOnOne.managerId, null);
      await close();
    }
  }, 90_000);
});
