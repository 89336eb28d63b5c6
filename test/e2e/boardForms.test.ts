import { randomUUID } from 'node:crypto';
import type { Browser, BrowserContext, FrameLocator, Locator, Page } from 'playwright-core';
import { apiPaths, boardViewSchema } from '@candor/functions/contract';
import { startLocalStack, type LocalStack } from '@candor/local/stack';
import { DEMO_USER_IDS, demoMeetings } from '@candor/local/simulator/demoTenant';
import { callApi } from '../support/api';
import { launchChromium, screenshotPath } from '../support/browser';
import { eventually } from '../support/eventually';

/*
 * The board's forms at the side panel's 280 px: boxes that grow with their words, a commitment that must say
 * something, sections that say what they are for, long histories folded, and a close that asks first while the
 * meeting is still on. Megan and Adele over a seeded year of 1:1s; server and browser share one fixed clock, with
 * their weekly 1:1 in progress.
 */

jest.setTimeout(240_000);

const T0 = new Date('2026-12-07T10:10:00.000Z');
let stack: LocalStack;
let browser: Browser;
let managerContext: BrowserContext;
let reportContext: BrowserContext;
let manager: Page;
let report: Page;
const oneOnOne = demoMeetings(T0).find((m) => m.reportId === DEMO_USER_IDS.adele)!;

beforeAll(async () => {
  stack = await startLocalStack({ web: true, seedHistory: true, now: () => T0 });
  browser = await launchChromium();
  managerContext = await browser.newContext({ viewport: { width: 1280, height: 1000 } });
  reportContext = await browser.newContext({ viewport: { width: 1280, height: 1000 } });
  // The tab's clock is the browser's: the same "now" as the server's, so the meeting is in progress for both.
  await Promise.all([managerContext.clock.setSystemTime(T0), reportContext.clock.setSystemTime(T0)]);
  manager = await managerContext.newPage();
  report = await reportContext.newPage();
  await Promise.all([manager.goto(hostPage(oneOnOne.managerId)), report.goto(hostPage(oneOnOne.reportId))]);
  await Promise.all([
    panelOf(manager).getByRole('heading', { name: 'Adele Vance', level: 1 }).waitFor(),
    panelOf(report).getByRole('heading', { name: 'Megan Bowen', level: 1 }).waitFor(),
  ]);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

function hostPage(userId: string): string {
  return `${stack.hostPageUrl}/?${new URLSearchParams({ as: userId, meeting: oneOnOne.chatId }).toString()}`;
}

const panelOf = (page: Page): FrameLocator => page.frameLocator('iframe[title="Candor side panel"]');

/** Nothing typed is out of sight: the box shows all of its text without scrolling, either way. */
async function showsAll(box: Locator): Promise<{ tag: string; hidden: boolean }> {
  return box.evaluate(
    (el: {
      tagName: string;
      scrollHeight: number;
      clientHeight: number;
      scrollWidth: number;
      clientWidth: number;
    }) => ({
      tag: el.tagName.toLowerCase(),
      hidden: el.scrollHeight > el.clientHeight + 1 || el.scrollWidth > el.clientWidth + 1,
    }),
  );
}

const LONG =
  'Pairing with the two new joiners on the billing service has been the best part of my week: we walked through ' +
  'the retry logic together, they asked sharp questions about idempotency, and one of them found a bug in the ' +
  'dead-letter handling that had been hiding for months. I would like to keep doing this every Thursday afternoon.';

async function openSection(panel: FrameLocator, name: string): Promise<void> {
  const header = panel.getByRole('button', { name, exact: true });
  if ((await header.getAttribute('aria-expanded')) !== 'true') await header.click();
}

describe('the board’s forms in the 280 px side panel', () => {
  it('grows every answer box with its words and shows each recap line whole', async () => {
    const reportPanel = panelOf(report);
    const managerPanel = panelOf(manager);

    const answer = reportPanel.getByRole('textbox', { name: 'What is energizing you?' });
    await answer.fill(LONG);
    expect(await showsAll(answer)).toEqual({ tag: 'textarea', hidden: false });

    const privateNotes = reportPanel.getByRole('textbox', { name: 'Private notes' });
    await privateNotes.fill(LONG);
    expect(await showsAll(privateNotes)).toEqual({ tag: 'textarea', hidden: false });

    const note = managerPanel.getByRole('textbox', { name: 'Shared note What is draining you?' });
    await note.fill(LONG);
    expect(await showsAll(note)).toEqual({ tag: 'textarea', hidden: false });

    await managerPanel.getByRole('button', { name: 'Turn into a commitment' }).click();
    const commitment = managerPanel.getByRole('textbox', { name: 'Your commitment' });
    await commitment.fill(`I will ${LONG.slice(0, 280)}`);
    expect(await showsAll(commitment)).toEqual({ tag: 'textarea', hidden: false });
    await managerPanel.getByRole('button', { name: 'Cancel' }).click();

    await openSection(managerPanel, 'Go-to question');
    await managerPanel.getByRole('button', { name: 'Edit your go-to questions' }).click();
    const question = managerPanel.getByRole('textbox', { name: 'Question 1' });
    await question.fill('What is one thing you would change about how our team plans its work, and why now?');
    expect(await showsAll(question)).toEqual({ tag: 'textarea', hidden: false });
    await managerPanel.getByRole('button', { name: 'Cancel' }).click();

    await managerPanel.getByRole('button', { name: 'Close with a recap' }).click();
    const line = managerPanel.getByRole('textbox', { name: 'Line 1 text' });
    await line.fill(LONG.slice(0, 200));
    expect(await showsAll(line)).toEqual({ tag: 'textarea', hidden: false });
    await managerPanel.getByRole('button', { name: 'Not yet' }).click();

    // Emptied again, so the close below starts from a clean board.
    await answer.fill('Mentoring the two new joiners');
    await privateNotes.fill('');
    await note.fill('Let us look at the pager rota together');
    await manager.screenshot({ path: screenshotPath('board-forms-grow.png') });
  });

  it('refuses a commitment that says nothing beyond its first words, in the form and in the API', async () => {
    const managerPanel = panelOf(manager);
    const megan = await stack.simulator.mintAccessToken(DEMO_USER_IDS.megan);
    const board = boardViewSchema.parse(
      (await callApi(stack, 'GET', apiPaths.meetingBoard(oneOnOne.chatId), { token: megan })).body,
    );
    const before = board.commitments.length;

    await managerPanel.getByRole('button', { name: 'Turn into a commitment' }).click();
    const commitment = managerPanel.getByRole('textbox', { name: 'Your commitment' });
    const prefilled = await commitment.inputValue();
    expect(prefilled.trim()).toBe('I will');
    await managerPanel.getByRole('button', { name: 'Save commitment' }).click();
    await managerPanel.getByText('Say what you will do after “I will”.').waitFor();
    // Still open, words kept, nothing made.
    expect(await commitment.inputValue()).toBe(prefilled);
    await managerPanel.getByRole('button', { name: 'Cancel' }).click();

    for (const text of ['I will', 'I will…', '  i WILL  ', 'I will ...']) {
      const answer = await callApi(stack, 'POST', apiPaths.commitments(board.ref), {
        token: megan,
        body: { id: randomUUID(), text },
      });
      expect({ text, status: answer.status, message: JSON.stringify(answer.body) }).toEqual({
        text,
        status: 400,
        message: expect.stringContaining('text') as unknown,
      });
    }
    const after = boardViewSchema.parse(
      (await callApi(stack, 'GET', apiPaths.meetingBoard(oneOnOne.chatId), { token: megan })).body,
    );
    expect(after.commitments.length).toBe(before);
  });

  it('says in one line what each folded section is for, and folds long histories to the latest three', async () => {
    const managerPanel = panelOf(manager);
    for (const name of ['Unseen work', 'Personal check', 'Go-to question']) await openSection(managerPanel, name);
    await managerPanel.getByText('Name one thing Adele Vance did that might otherwise go unnoticed.').waitFor();
    await managerPanel.getByText('Adele Vance’s mood and life load, only if they choose to share.').waitFor();
    await managerPanel.getByText('One question from your own list, a different one each time.').waitFor();

    const megan = await stack.simulator.mintAccessToken(DEMO_USER_IDS.megan);
    const board = boardViewSchema.parse(
      (await callApi(stack, 'GET', apiPaths.meetingBoard(oneOnOne.chatId), { token: megan })).body,
    );
    const total = board.recognitions.length;
    expect(total).toBeGreaterThan(3);
    const noticed = managerPanel.getByRole('list', { name: 'Noticed before' });
    await eventually(() => noticed.getByRole('listitem').count(), 3);
    await noticed.getByRole('listitem').first().getByText(board.recognitions[0]!.text).waitFor();
    await managerPanel.getByRole('button', { name: `Show all (${total})` }).click();
    await eventually(() => noticed.getByRole('listitem').count(), total);
  });

  it('asks before closing while the meeting is on, says what closing does, and shows the close at the top', async () => {
    const managerPanel = panelOf(manager);
    const reportPanel = panelOf(report);
    const recapMails = () =>
      stack.simulator.outbox().filter((m) => m.message.subject?.startsWith('Recap of your 1:1')).length;

    await managerPanel.getByRole('button', { name: 'Close with a recap' }).click();
    await managerPanel.getByText('Saving emails the recap to you both, and your answers become read-only.').waitFor();
    await managerPanel
      .getByRole('textbox', { name: 'Line 1 text' })
      .fill('Design doc review is the blocker; Megan reviews it by Friday');
    await managerPanel
      .getByRole('textbox', { name: 'Line 2 text' })
      .fill('Mentoring energises Adele: keep one new joiner each quarter');
    const line1 = managerPanel.getByRole('group', { name: 'What line 1 covers' });
    await line1.getByRole('checkbox', { name: 'Blocker' }).check();
    await line1.getByRole('checkbox', { name: 'Support need' }).check();
    await managerPanel
      .getByRole('group', { name: 'What line 2 covers' })
      .getByRole('checkbox', { name: 'Learning' })
      .check();

    // The meeting runs until 10:30: a close now is asked about first, and "not yet" keeps everything.
    await managerPanel.getByRole('button', { name: 'Save recap and email it' }).click();
    const ask = managerPanel.getByRole('alertdialog', { name: 'Close before the meeting ends?' });
    await ask.waitFor();
    await ask.getByRole('button', { name: 'Keep it open' }).click();
    await eventually(() => ask.count(), 0);
    expect(recapMails()).toBe(0);
    expect(await managerPanel.getByRole('textbox', { name: 'Line 1 text' }).inputValue()).toBe(
      'Design doc review is the blocker; Megan reviews it by Friday',
    );

    await managerPanel.getByRole('button', { name: 'Save recap and email it' }).click();
    await ask.getByRole('button', { name: 'Close now' }).click();
    await managerPanel.getByRole('heading', { name: 'Closed with a recap' }).waitFor();
    await eventually(() => Promise.resolve(recapMails()), 1);

    for (const [page, panel] of [
      [report, reportPanel],
      [manager, managerPanel],
    ] as const) {
      // At the top: above the first prompt, and in sight without scrolling the panel.
      const closed = panel.getByRole('status').filter({ hasText: 'This 1:1 is closed' });
      await closed.waitFor({ timeout: 15_000 });
      const firstPrompt = panel.getByText('What is energizing you?').first();
      const [closedBox, promptBox] = await Promise.all([closed.boundingBox(), firstPrompt.boundingBox()]);
      expect(closedBox!.y).toBeLessThan(promptBox!.y);
      const frameTop = (await page.locator('iframe[title="Candor side panel"]').boundingBox())!.y;
      expect(closedBox!.y - frameTop).toBeLessThan(300);
    }

    // Empty shared notes on a closed board read as empty, not as something still to come.
    await managerPanel.getByText('No notes').first().waitFor();
    expect(await managerPanel.getByText('Not answered yet').count()).toBe(0);
    await manager.screenshot({ path: screenshotPath('board-forms-closed.png') });
  });
});
