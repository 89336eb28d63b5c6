import type { Browser, BrowserContext, FrameLocator, Page } from 'playwright-core';
import { startLocalStack, type LocalStack } from '@candor/local/stack';
import { DEMO_USER_IDS, demoMeetings } from '@candor/local/simulator/demoTenant';
import { launchChromium } from '../support/browser';
import { eventually } from '../support/eventually';

/*
 * The recap both people write, in Chromium, each in their own browser context in the local Teams host: Megan and Adele
 * write its two lines together (each sees the other's line arrive), Megan closes it, Adele corrects it within the day
 * (the board says Amended, and one correction email goes to both). Then Megan and Diego close theirs with "No blocker
 * this week". The simulated clock is fixed at a Wednesday morning with the 1:1s in progress.
 */

jest.setTimeout(240_000);

const T0 = new Date('2026-06-10T09:10:00.000Z');
const HOUR_MS = 3600_000;
let clock = T0;
let stack: LocalStack;
let browser: Browser;
const contexts: BrowserContext[] = [];
const meetings = demoMeetings(T0);
const adeleMeeting = meetings.find((m) => m.reportId === DEMO_USER_IDS.adele)!;
const diegoMeeting = meetings.find((m) => m.reportId === DEMO_USER_IDS.diego)!;

beforeAll(async () => {
  stack = await startLocalStack({ web: true, now: () => clock });
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

/** One person's side panel in a browser context of their own, its clock the server's. */
async function sidePanel(
  userId: string,
  chatId: string,
  heading: string,
): Promise<{ page: Page; panel: FrameLocator }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 1000 } });
  contexts.push(context);
  await context.clock.setSystemTime(clock);
  const page = await context.newPage();
  await page.goto(`${stack.hostPageUrl}/?${new URLSearchParams({ as: userId, meeting: chatId }).toString()}`);
  const panel = page.frameLocator('iframe[title="Candor side panel"]');
  await panel.getByRole('heading', { name: heading, level: 1 }).waitFor();
  return { page, panel };
}

const outboxOf = (subject: RegExp) => stack.simulator.outbox().filter((m) => subject.test(m.message.subject ?? ''));

describe('a recap written together', () => {
  it('is co-written, closed by one, corrected by the other within 24 hours: Amended, one correction email', async () => {
    const megan = await sidePanel(DEMO_USER_IDS.megan, adeleMeeting.chatId, 'Adele Vance');
    const adele = await sidePanel(DEMO_USER_IDS.adele, adeleMeeting.chatId, 'Megan Bowen');
    for (const { panel } of [megan, adele]) await panel.getByRole('button', { name: 'Close with a recap' }).click();

    // Megan writes line 1; Adele sees it arrive (by the board's polling), told by the live region.
    const LINE_1 = 'The data contract is the blocker; Megan chases legal';
    await megan.panel.getByRole('textbox', { name: 'Line 1 text' }).fill(LINE_1);
    const meganLine1 = megan.panel.getByRole('group', { name: 'What line 1 covers' });
    await meganLine1.getByRole('checkbox', { name: 'Blocker' }).check();
    await meganLine1.getByRole('checkbox', { name: 'Support need' }).check();
    await eventually(() => adele.panel.getByRole('textbox', { name: 'Line 1 text' }).inputValue(), LINE_1, 20_000);
    await eventually(() => adele.panel.getByText('Megan Bowen changed line 1.').count(), 1, 20_000);

    // Adele writes line 2 with the keyboard; Megan sees it.
    const LINE_2 = 'Raising risks in week one saved us a sprint';
    await adele.panel.getByRole('textbox', { name: 'Line 2 text' }).fill(LINE_2);
    await adele.panel
      .getByRole('group', { name: 'What line 2 covers' })
      .getByRole('checkbox', { name: 'Learning' })
      .focus();
    await adele.page.keyboard.press('Space');
    await eventually(() => megan.panel.getByRole('textbox', { name: 'Line 2 text' }).inputValue(), LINE_2, 20_000);
    await eventually(
      () => megan.panel.getByText('All three covered: a blocker, a support need and a learning.').count(),
      1,
      20_000,
    );

    // Megan closes it (the meeting is still on, so she is asked first).
    await megan.panel.getByRole('button', { name: 'Save recap and email it' }).click();
    await megan.panel
      .getByRole('alertdialog', { name: 'Close before the meeting ends?' })
      .getByRole('button', { name: 'Close now' })
      .click();
    await megan.panel.getByRole('heading', { name: 'Closed with a recap' }).waitFor();
    await adele.panel.getByRole('heading', { name: 'Closed with a recap' }).waitFor({ timeout: 20_000 });
    await eventually(() => Promise.resolve(outboxOf(/^Recap of your 1:1/).length), 1, 20_000);

    // Three hours later Adele corrects line 2.
    clock = new Date(T0.getTime() + 3 * HOUR_MS);
    await adele.panel.getByRole('button', { name: 'Correct the recap' }).click();
    const FIXED = 'Raising risks in week one saved us two sprints';
    await adele.panel.getByRole('textbox', { name: 'Line 2 text' }).fill(FIXED);
    await adele.panel.getByRole('button', { name: 'Save the correction and email it' }).click();
    await adele.panel.getByRole('heading', { name: /Amended \(version 2\)/ }).waitFor();
    await adele.panel.getByText(FIXED).waitFor();
    await megan.panel.getByRole('heading', { name: /Amended \(version 2\)/ }).waitFor({ timeout: 20_000 });

    await eventually(() => Promise.resolve(outboxOf(/^Amended: Recap of your 1:1/).length), 1, 20_000);
    const [correction] = outboxOf(/^Amended: /);
    expect((correction!.message.toRecipients ?? []).map((r) => r.emailAddress?.address).sort()).toEqual([
      'adele@candor-demo.example',
      'megan@candor-demo.example',
    ]);
    expect(correction!.message.body?.content).toContain(FIXED);
    expect(outboxOf(/Recap of your 1:1/)).toHaveLength(2);

    // A week on, the next 1:1's "Last time" is the amended recap.
    clock = new Date(T0.getTime() + 7 * 24 * HOUR_MS);
    const next = await sidePanel(DEMO_USER_IDS.adele, adeleMeeting.chatId, 'Megan Bowen');
    const lastTime = next.panel.getByRole('button', { name: /^▸ Last time · .* · Amended · / });
    await lastTime.click();
    await next.panel.getByRole('region', { name: 'Last time' }).getByText(FIXED).waitFor();
  });
});

describe('"No blocker this week"', () => {
  it('is an explicit choice: the lines cover a support need and a learning, and the board says so', async () => {
    clock = T0;
    const megan = await sidePanel(DEMO_USER_IDS.megan, diegoMeeting.chatId, 'Diego Siciliani');
    await megan.panel.getByRole('button', { name: 'Close with a recap' }).click();
    await megan.panel.getByRole('textbox', { name: 'Line 1 text' }).fill('Diego needs a second reviewer');
    await megan.panel
      .getByRole('group', { name: 'What line 1 covers' })
      .getByRole('checkbox', { name: 'Support need' })
      .check();
    await megan.panel.getByRole('textbox', { name: 'Line 2 text' }).fill('Short daily check-ins kept the week calm');
    await megan.panel
      .getByRole('group', { name: 'What line 2 covers' })
      .getByRole('checkbox', { name: 'Learning' })
      .check();
    await megan.panel.getByText('Still to cover: blocker.').waitFor();
    await megan.panel.getByRole('checkbox', { name: 'No blocker this week' }).check();
    await megan.panel.getByText('Covered: a support need and a learning, and no blocker this week.').waitFor();

    await megan.panel.getByRole('button', { name: 'Save recap and email it' }).click();
    await megan.panel.getByRole('alertdialog').getByRole('button', { name: 'Close now' }).click();
    await megan.panel.getByRole('heading', { name: 'Closed with a recap' }).waitFor();
    await megan.panel.getByText('No blocker this week.').waitFor();
    await eventually(
      () =>
        Promise.resolve(
          stack.simulator
            .outbox()
            .filter((m) => m.message.body?.content?.includes('Diego needs a second reviewer'))
            .filter((m) => m.message.body?.content?.includes('No blocker this week')).length,
        ),
      1,
      20_000,
    );
  });
});
