import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import type { Browser } from 'playwright-core';
import {
  apiPaths,
  boardViewSchema,
  statusApiPaths,
  statusMovePath,
  statusUpdateViewSchema,
} from '@candor/functions/contract';
import { demoMeetings, DEMO_USER_IDS } from '@candor/local/simulator/demoTenant';
import { repoRoot, startLocalStack, type LocalStack } from '@candor/local/stack';
import { callApi } from '../support/api';
import { launchChromium, screenshotPath } from '../support/browser';
import { eventually } from '../support/eventually';

/*
 * The status request from end to end in a browser: the scan's email in the host page's outbox, its button opening
 * the status form in a plain browser tab (no Teams: teams-js cannot initialize there), a failed submit losing
 * nothing, and the manager's meeting details tab showing what was sent.
 */
let stack: LocalStack;
let browser: Browser;
// Diego's next 1:1 was moved to two hours from now: due, and not starting during the test.
const diegoMeeting = demoMeetings(new Date()).find((m) => m.reportId === DEMO_USER_IDS.diego)!;

beforeAll(async () => {
  stack = await startLocalStack({ web: true });
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

const hostPage = (userId: string): string =>
  `${stack.hostPageUrl}/?${new URLSearchParams({ as: userId, meeting: diegoMeeting.chatId }).toString()}`;

describe('the pre-meeting status request', () => {
  it('goes from the outbox to the status form to the manager’s prep view', async () => {
    const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
    const page = await context.newPage();
    await page.goto(hostPage(DEMO_USER_IDS.diego));
    await page.getByRole('button', { name: 'Run pre-meeting scan' }).click();
    // Diego has two 1:1s today (the moved weekly one, and an in-person one with a room): open the weekly one's.
    const mails = page.getByRole('button', { name: /Before your 1:1 with Megan Bowen.*diego@/ });
    await eventually(() => mails.count(), 2);
    const viewer = page.frameLocator('iframe.mail-frame');
    for (let i = 0; i < 2; i++) {
      await mails.nth(i).click();
      if ((await viewer.getByText('Megan / Diego weekly 1:1', { exact: false }).count()) > 0) break;
    }
    expect(await viewer.getByText('Megan / Diego weekly 1:1', { exact: false }).count()).toBe(1);

    // The email's button opens the form in a new browser tab, outside any Teams host.
    const [form] = await Promise.all([
      context.waitForEvent('page'),
      viewer.getByRole('link', { name: 'Write your status update' }).click(),
    ]);
    await form.waitForLoadState();
    expect(new URL(form.url()).searchParams.get('surface')).toBe('status');
    await form.getByRole('textbox', { name: 'What is blocked?' }).fill('Waiting on the security review');
    await form.getByRole('button', { name: 'Send to Megan Bowen' }).click();
    await eventually(
      () =>
        form
          .getByRole('status')
          .innerText()
          .then((t) => t.startsWith('Sent.')),
      true,
    );

    // Offline: the next submit fails, and what was typed survives a reload.
    await context.setOffline(true);
    await form.getByRole('textbox', { name: 'Anything else to know (FYI)?' }).fill('Out on Friday');
    await form.getByRole('button', { name: 'Save changes' }).click();
    await eventually(() => form.getByText('Not sent').count(), 1);
    await context.setOffline(false);
    await form.reload();
    await eventually(
      () => form.getByRole('textbox', { name: 'Anything else to know (FYI)?' }).inputValue(),
      'Out on Friday',
    );
    expect(await form.getByText('Restored what you typed earlier').count()).toBe(1);
    await form.getByRole('button', { name: 'Save changes' }).click();
    await eventually(
      () =>
        form
          .getByRole('status')
          .innerText()
          .then((t) => t.startsWith('Sent.')),
      true,
    );
    await form.screenshot({ path: screenshotPath('status-form.png') });

    // The manager: the prep view shows the update, the side panel says it arrived (not as agenda).
    await page.goto(hostPage(DEMO_USER_IDS.megan));
    const details = page.frameLocator('iframe[title="Candor meeting details"]');
    await eventually(() => details.getByText('Waiting on the security review').count(), 1);
    await eventually(() => details.getByText('Out on Friday').count(), 1);
    const panel = page.frameLocator('iframe[title="Candor side panel"]');
    await eventually(() => panel.getByText('Status update received ·').count(), 1);
    expect(await panel.getByText('Waiting on the security review').count()).toBe(0);
    await page.screenshot({ path: screenshotPath('prep-status-manager.png') });
    await context.close();
  }, 90_000);

  it("keeps the person's text beside a part changed elsewhere since the form opened, and sends what they choose", async () => {
    const mail = stack.simulator
      .outbox()
      .find(
        (m) =>
          m.message.toRecipients?.[0]?.emailAddress?.address?.startsWith('diego@') &&
          m.message.body?.content?.includes(diegoMeeting.subject),
      );
    const token = /surface=status&amp;token=([A-Za-z0-9._-]+)/.exec(mail?.message.body?.content ?? '')?.[1] ?? '';
    expect(token).not.toBe('');
    const context = await browser.newContext({ viewport: { width: 1000, height: 1200 } });
    const form = await context.newPage();
    await form.goto(`${stack.tabUrl}/?surface=status&token=${token}`);
    const blocked = form.getByRole('textbox', { name: 'What is blocked?' });
    await eventually(() => blocked.inputValue(), 'Waiting on the security review');

    // While the form is open, Diego moves words from the board into the same part.
    const diego = await stack.simulator.mintAccessToken(DEMO_USER_IDS.diego);
    const ref = boardViewSchema.parse(
      (await callApi(stack, 'GET', apiPaths.meetingBoard(diegoMeeting.chatId), { token: diego })).body,
    ).ref;
    const moved = await callApi(stack, 'POST', statusMovePath(ref), {
      token: diego,
      body: { moveId: randomUUID(), section: 'blocked', text: 'Legal signed off' },
    });
    expect(moved.status).toBe(200);

    await blocked.fill('Security review done');
    await form.getByRole('textbox', { name: 'What did you finish?' }).fill('Shipped the export');
    await form.getByRole('button', { name: 'Save changes' }).click();
    await eventually(
      () => form.getByText('You added to this from the meeting board since you opened this form').count(),
      1,
    );
    expect(await form.getByText('Not sent').count()).toBe(1);
    // Both texts are in sight: the person's in the box, the stored one in the notice; nothing was written.
    expect(await blocked.inputValue()).toBe('Security review done');
    expect(await form.getByText('Legal signed off', { exact: false }).count()).toBe(1);
    const megan = await stack.simulator.mintAccessToken(DEMO_USER_IDS.megan);
    const read = async () =>
      statusUpdateViewSchema.parse(
        (await callApi(stack, 'GET', statusApiPaths.statusUpdate(ref), { token: megan })).body,
      ).update;
    expect((await read())?.fields).toMatchObject({
      finished: '',
      blocked: 'Waiting on the security review\nLegal signed off',
    });
    await form.screenshot({ path: screenshotPath('status-form-clash.png') });

    await form.getByRole('button', { name: 'Keep mine' }).click();
    expect(await form.getByText('You added to this from the meeting board since you opened this form').count()).toBe(0);
    await form.getByRole('button', { name: 'Save changes' }).click();
    await eventually(
      () =>
        form
          .getByRole('status')
          .innerText()
          .then((t) => t.startsWith('Sent.')),
      true,
    );
    expect((await read())?.fields).toMatchObject({
      finished: 'Shipped the export',
      blocked: 'Security review done',
      fyi: 'Out on Friday',
    });
    await context.close();
  }, 60_000);

  it('shows a clear page for a broken link', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${stack.tabUrl}/?surface=status&token=not.a.token`);
    await eventually(() => page.getByRole('heading', { name: 'This link doesn’t work' }).count(), 1);
    await context.close();
  }, 30_000);

  it('shows the same clear page for a link cut short before its token', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${stack.tabUrl}/?surface=status`);
    await eventually(() => page.getByRole('heading', { name: 'This link doesn’t work' }).count(), 1);
    expect(await page.getByText('Opening your status update…').count()).toBe(0);
    await context.close();
  }, 30_000);

  it('keeps the status form out of the side panel’s first download', () => {
    const dist = path.join(repoRoot, 'tab', 'dist');
    const html = fs.readFileSync(path.join(dist, 'index.html'), 'utf8');
    const entry = /<script[^>]+src="\/?([^"]+\.js)"/.exec(html)?.[1];
    expect(entry).toBeDefined();
    const code = fs.readFileSync(path.join(dist, entry ?? ''), 'utf8');
    expect(code).not.toContain('Anything else to know (FYI)?');
    const chunks = fs.readdirSync(path.join(dist, 'assets')).filter((f) => f.endsWith('.js'));
    expect(
      chunks.some((f) =>
        fs.readFileSync(path.join(dist, 'assets', f), 'utf8').includes('Anything else to know (FYI)?'),
      ),
    ).toBe(true);
  });
});
