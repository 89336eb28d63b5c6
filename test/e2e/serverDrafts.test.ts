import type { Browser, BrowserContext, FrameLocator, Page } from 'playwright-core';
import {
  apiPaths,
  boardViewSchema,
  draftApiPaths,
  statusFormDraftResponseSchema,
  type BoardRef,
} from '@candor/functions/contract';
import { DEMO_USER_IDS, demoMeetings } from '@candor/local/simulator/demoTenant';
import { startLocalStack, type LocalStack } from '@candor/local/stack';
import { callApi } from '../support/api';
import { launchChromium, screenshotPath } from '../support/browser';
import { eventually } from '../support/eventually';

/*
 * What a person typed and has not saved lives on the server as their draft: a recap being written in the side panel
 * and a status form answer come back after the page's storage is cleared and in a fresh browser profile, and with
 * storage denied altogether the text still survives a reload. When neither the server nor the device can keep it,
 * the form says so.
 */
jest.setTimeout(240_000);

let stack: LocalStack;
let browser: Browser;
let ref: BoardRef;
let formUrl: string;
let statusLink: string;
const tokens = { megan: '' };
const adeleMeeting = demoMeetings(new Date()).find((m) => m.reportId === DEMO_USER_IDS.adele)!;
const diegoMeeting = demoMeetings(new Date()).find((m) => m.reportId === DEMO_USER_IDS.diego)!;

beforeAll(async () => {
  stack = await startLocalStack({ web: true });
  browser = await launchChromium();
  tokens.megan = await stack.simulator.mintAccessToken(DEMO_USER_IDS.megan);
  ref = boardViewSchema.parse(
    (await callApi(stack, 'GET', apiPaths.meetingBoard(adeleMeeting.chatId), { token: tokens.megan })).body,
  ).ref;
  await stack.functions.runTimer('preMeetingScan');
  const mail = stack.simulator
    .outbox()
    .find(
      (m) =>
        m.message.toRecipients?.[0]?.emailAddress?.address?.startsWith('diego@') &&
        m.message.body?.content?.includes(diegoMeeting.subject),
    );
  const href = /href="([^"]*surface=status[^"]*)"/.exec(mail?.message.body?.content ?? '')?.[1];
  if (!href) throw new Error('no status link in the mail to Diego');
  formUrl = href.replace(/&amp;/g, '&');
  statusLink = new URL(formUrl).searchParams.get('token') ?? '';
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

const hostPage = (userId: string): string =>
  `${stack.hostPageUrl}/?${new URLSearchParams({ as: userId, meeting: adeleMeeting.chatId }).toString()}`;
const panelOf = (page: Page): FrameLocator => page.frameLocator('iframe[title="Candor side panel"]');

/** Every write to web storage throws, as in a browser whose settings deny site data to the frame. */
async function storageDenied(context: BrowserContext): Promise<void> {
  // Runs in the page (and every frame), where Storage and DOMException exist: a script of its own, not a closure.
  await context.addInitScript({
    content:
      "Storage.prototype.setItem = function () { throw new DOMException('The operation is insecure.', 'SecurityError'); };",
  });
}

/** The recap being written is the board's shared draft: kept on the server with the board, for both people. */
const serverRecapLine = async (): Promise<string> => {
  const got = await callApi(stack, 'GET', apiPaths.board(ref), { token: tokens.megan });
  return boardViewSchema.parse(got.body).recapDraft?.lines[0].text ?? '';
};
const serverStatusBlocked = async (): Promise<string> => {
  const got = await callApi(stack, 'GET', draftApiPaths.statusFormDraft(), { token: statusLink });
  return statusFormDraftResponseSchema.parse(got.body).draft?.value.fields.blocked ?? '';
};

async function openRecap(context: BrowserContext): Promise<FrameLocator> {
  const page = await context.newPage();
  await page.goto(hostPage(DEMO_USER_IDS.megan));
  const panel = panelOf(page);
  await panel.getByRole('heading', { name: 'Adele Vance', level: 1 }).waitFor();
  await panel.getByRole('button', { name: 'Close with a recap' }).click();
  return panel;
}

describe('drafts kept on the server', () => {
  it('brings a recap being written back after the page’s storage is cleared, in a new profile', async () => {
    const first = await browser.newContext();
    const panel = await openRecap(first);
    const LINE = 'Design review is the blocker; Megan unblocks it by Friday';
    await panel.getByRole('textbox', { name: 'Line 1 text' }).fill(LINE);
    await panel.getByRole('textbox', { name: 'Line 2 text' }).focus(); // the first line's blur flushes
    await eventually(serverRecapLine, LINE);
    await panel.locator('body').evaluate('localStorage.clear()');
    await first.close();

    const second = await browser.newContext();
    const again = await openRecap(second);
    await eventually(() => again.getByRole('textbox', { name: 'Line 1 text' }).inputValue(), LINE);
    await second.close();
  });

  it('brings a status form answer back in a new profile, from the link alone', async () => {
    const first = await browser.newContext();
    const form = await first.newPage();
    await form.goto(formUrl);
    const ANSWER = 'Waiting on the security review of the importer';
    await form.getByRole('textbox', { name: 'What is blocked?' }).fill(ANSWER);
    await form.getByRole('textbox', { name: 'Anything else to know (FYI)?' }).focus();
    await eventually(serverStatusBlocked, ANSWER);
    await form.evaluate('localStorage.clear()');
    await first.close();

    const second = await browser.newContext();
    const again = await second.newPage();
    await again.goto(formUrl);
    await eventually(() => again.getByRole('textbox', { name: 'What is blocked?' }).inputValue(), ANSWER);
    expect(await again.getByText('Restored what you typed earlier').count()).toBe(1);
    await second.close();
  });

  it('keeps the text through a reload with storage denied, and says so when nothing can keep it', async () => {
    const context = await browser.newContext();
    await storageDenied(context);
    const form = await context.newPage();
    await form.goto(formUrl);
    const box = form.getByRole('textbox', { name: 'What is blocked?' });
    const ANSWER = 'Legal has not signed off the vendor contract';
    await box.fill(ANSWER);
    await eventually(serverStatusBlocked, ANSWER);
    expect(await form.getByText('Not saved yet — keep this window open.').count()).toBe(0);
    await form.reload();
    await eventually(() => box.inputValue(), ANSWER);

    // Offline AND storage denied: the words live in this window only, and the form says so politely.
    await context.setOffline(true);
    await box.fill(`${ANSWER}, and procurement`);
    await eventually(() => form.getByText('Not saved yet — keep this window open.').count(), 1);
    await form.screenshot({ path: screenshotPath('status-form-unkept-draft.png') });
    await context.setOffline(false);
    await eventually(() => form.getByText('Not saved yet — keep this window open.').count(), 0, 20_000);
    await eventually(serverStatusBlocked, `${ANSWER}, and procurement`);
    await context.close();
  });
});
