import axe from 'axe-core';
import type { Browser, BrowserContext, Frame, FrameLocator, Locator, Page } from 'playwright-core';
import {
  apiPaths,
  goToApiPaths,
  goToBankSchema,
  goToExchangeSchema,
  pairGoToBankSchema,
} from '@candor/functions/contract';
import { GO_TO_LIBRARY } from '@candor/functions/domain/goToLibrary';
import { startLocalStack, type LocalStack } from '@candor/local/stack';
import { DEMO_USER_IDS, demoMeetings } from '@candor/local/simulator/demoTenant';
import { callApi } from '../support/api';
import { launchChromium, screenshotPath } from '../support/browser';
import { eventually } from '../support/eventually';

/*
 * The go-to habit in Chromium, in the local Teams host: Megan, whose bank is empty, picks her first questions from
 * Candor's library on the board (one of them by keyboard alone); Adele asks to be asked something, and takes back
 * another ask; at their next 1:1 Adele's ask is the one offered. Megan shares two questions with the organization,
 * one with her name and one without, and Patti, another manager, adopts one from her settings with one click.
 */

jest.setTimeout(240_000);

const T0 = new Date('2026-06-10T09:10:00.000Z');
const WEEK_MS = 7 * 24 * 3600_000;
let clock = T0;
let stack: LocalStack;
let browser: Browser;
const contexts: BrowserContext[] = [];
let manager: Page;
let report: Page;
const oneOnOne = demoMeetings(T0).find((m) => m.reportId === DEMO_USER_IDS.adele)!;
const tokens: Record<'megan' | 'adele' | 'alex' | 'patti', string> = { megan: '', adele: '', alex: '', patti: '' };

const library = (id: string): string => GO_TO_LIBRARY.find((q) => q.id === id)!.text;
const BY_CLICK = 'energy-spark';
const BY_KEYBOARD = 'growth-learned';
const ASK = 'Ask me what I would change about our launches';
const TAKEN_BACK = 'Ask me about the pager rota';

beforeAll(async () => {
  stack = await startLocalStack({ web: true, now: () => clock });
  for (const who of Object.keys(tokens) as Array<keyof typeof tokens>)
    tokens[who] = await stack.simulator.mintAccessToken(DEMO_USER_IDS[who]);
  browser = await launchChromium();
  [manager, report] = await Promise.all([openPage(), openPage()]);
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

async function openPage(width = 1280): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height: 1000 } });
  await context.clock.setSystemTime(clock);
  contexts.push(context);
  return context.newPage();
}

const panelOf = (page: Page): FrameLocator => page.frameLocator('iframe[title="Candor side panel"]');

function panelFrame(page: Page): Frame {
  const frame = page.frames().find((f) => f.url().includes('surface=board'));
  if (!frame) throw new Error('side panel frame not found');
  return frame;
}

async function openBoard(page: Page, userId: string, other: string): Promise<FrameLocator> {
  await page.goto(`${stack.hostPageUrl}/?${new URLSearchParams({ as: userId, meeting: oneOnOne.chatId }).toString()}`);
  const panel = panelOf(page);
  await panel.getByRole('heading', { name: other, level: 1 }).waitFor();
  const header = panel.getByRole('button', { name: 'Go-to question', exact: true });
  if ((await header.getAttribute('aria-expanded')) !== 'true') await header.click();
  return panel;
}

/** Presses Tab until `target` has the focus; fails if it is not reachable. */
async function tabTo(page: Page, target: Locator, maxPresses = 40): Promise<void> {
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

async function seriousAxe(frame: Frame): Promise<string[]> {
  if (!(await frame.evaluate(() => 'axe' in globalThis))) await frame.evaluate(axe.source);
  return frame.evaluate(async () => {
    const engine = (globalThis as unknown as { axe: typeof axe }).axe;
    const run = await engine.run('html', {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
    });
    return run.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join('; ')}`);
  });
}

async function setTheme(page: Page, theme: 'default' | 'contrast'): Promise<void> {
  await page.locator(`#theme-${theme}`).check();
  await panelOf(page).locator(`[data-theme="${theme}"]`).first().waitFor();
  await panelFrame(page).waitForFunction(() =>
    (globalThis as unknown as { document: { getAnimations(): Array<{ constructor: { name: string } }> } }).document
      .getAnimations()
      .every((a) => a.constructor.name !== 'CSSTransition'),
  );
}

const bankOf = async (token: string) =>
  goToBankSchema.parse((await callApi(stack, 'GET', apiPaths.myGoToQuestions(), { token })).body).questions;

describe('the go-to habit, from the first question to the organization', () => {
  it('lets a manager with an empty bank pick her first two questions from the library, one by keyboard', async () => {
    expect(await bankOf(tokens.megan)).toEqual([]);
    const panel = await openBoard(manager, DEMO_USER_IDS.megan, 'Adele Vance');
    await panel.getByText('Start with a few questions from Candor’s library.').waitFor();
    await panel.getByRole('button', { name: 'Pick from the library' }).click();
    const picker = panel.getByRole('region', { name: 'Question library' });
    await picker.getByRole('button', { name: `Add: ${library(BY_CLICK)}` }).click();
    await picker.getByRole('button', { name: `Added: ${library(BY_CLICK)}` }).waitFor();

    // By keyboard alone: the search box, then Tab to the one question left, and Enter.
    const search = picker.getByRole('searchbox', { name: 'Search the library' });
    await search.focus();
    await manager.keyboard.type('learn recently');
    const add = picker.getByRole('button', { name: `Add: ${library(BY_KEYBOARD)}` });
    await eventually(() => picker.getByRole('button', { name: /^Add(ed)?: / }).count(), 1);
    await tabTo(manager, add);
    await manager.keyboard.press('Enter');
    await picker.getByRole('button', { name: `Added: ${library(BY_KEYBOARD)}` }).waitFor();

    expect((await bankOf(tokens.megan)).map((q) => [q.libraryId, q.source])).toEqual([
      [BY_CLICK, 'library'],
      [BY_KEYBOARD, 'library'],
    ]);
  });

  it('keeps the picker labelled, reachable and unclipped at 280 px in high contrast', async () => {
    const panel = panelOf(manager);
    const picker = panel.getByRole('region', { name: 'Question library' });
    await picker.getByRole('searchbox', { name: 'Search the library' }).fill('');
    await setTheme(manager, 'contrast');
    const width = await panel.locator('body').evaluate((b: { clientWidth: number }) => b.clientWidth);
    expect(width).toBeLessThanOrEqual(280);
    const scrolls = await panel
      .locator('body')
      .evaluate((body: { scrollWidth: number; clientWidth: number }) => body.scrollWidth > body.clientWidth);
    expect(scrolls).toBe(false);
    // Every theme is a pressed-or-not toggle in a named group, and every question's button names the question.
    const themes = picker.getByRole('group', { name: 'Themes' });
    expect(await themes.getByRole('button', { pressed: true }).count()).toBe(1);
    await tabTo(manager, themes.getByRole('button', { name: 'Growth' }));
    await manager.keyboard.press('Enter');
    await eventually(() => themes.getByRole('button', { name: 'Growth', pressed: true }).count(), 1);
    const buttons = await picker.getByRole('button', { name: /^Add(ed)?: / }).all();
    expect(buttons.length).toBe(GO_TO_LIBRARY.filter((q) => q.theme === 'growth').length);
    expect(await seriousAxe(panelFrame(manager))).toEqual([]);
    await manager
      .locator('iframe[title="Candor side panel"]')
      .screenshot({ path: screenshotPath('go-to-library-contrast.png') });
    await setTheme(manager, 'default');
    await picker.getByRole('button', { name: 'Done' }).click();
  });

  it('offers the manager’s first question on this board once she has one', async () => {
    await panelOf(manager).getByText(library(BY_CLICK), { exact: true }).waitFor({ timeout: 15_000 });
  });

  it('lets the report ask to be asked something, and take back an ask of her own', async () => {
    const panel = await openBoard(report, DEMO_USER_IDS.adele, 'Megan Bowen');
    const field = panel.getByRole('textbox', { name: 'A question you’d like to be asked' });
    for (const words of [ASK, TAKEN_BACK]) {
      await field.fill(words);
      await panel.getByRole('button', { name: 'Ask me this' }).click();
      await panel.getByText('Added. It comes up in one of your next 1:1s.').waitFor();
    }
    const asked = panel.getByRole('region', { name: 'Questions you asked to be asked' });
    await asked.getByText(TAKEN_BACK).waitFor();
    await asked.getByRole('button', { name: `Remove: ${TAKEN_BACK}` }).click();
    await eventually(() => asked.getByText(TAKEN_BACK).count(), 0);
    await asked.getByText(ASK).waitFor();

    const pair = { managerId: DEMO_USER_IDS.megan, reportId: DEMO_USER_IDS.adele };
    const seen = pairGoToBankSchema.parse(
      (await callApi(stack, 'GET', goToApiPaths.pairQuestions(pair), { token: tokens.megan })).body,
    );
    expect(seen.questions.filter((q) => q.source === 'report').map((q) => q.text)).toEqual([ASK]);
  });

  it('lets the manager share one question with her name and one without', async () => {
    const panel = panelOf(manager);
    const share = async (text: string, how: 'Share with my name' | 'Share without my name') => {
      await panel.getByText(text, { exact: true }).waitFor({ timeout: 15_000 });
      await panel.getByRole('button', { name: 'Shared in your organization' }).click();
      const exchange = panel.getByRole('region', { name: 'Questions from your organization' });
      await exchange.getByRole('button', { name: how }).click();
      await exchange
        .getByText(how === 'Share with my name' ? 'Shared with your name.' : 'Shared without your name.')
        .waitFor();
      await panel.getByRole('button', { name: 'Done' }).click();
    };
    await share(library(BY_CLICK), 'Share with my name');
    await panel.getByRole('button', { name: 'Skip this one' }).click();
    await share(library(BY_KEYBOARD), 'Share without my name');
  });

  it('offers the report’s ask at the pair’s next meeting', async () => {
    clock = new Date(T0.getTime() + WEEK_MS);
    await Promise.all(contexts.map((c) => c.clock.setSystemTime(clock)));
    for (const [page, who, other] of [
      [manager, DEMO_USER_IDS.megan, 'Adele Vance'],
      [report, DEMO_USER_IDS.adele, 'Megan Bowen'],
    ] as const) {
      const panel = await openBoard(page, who, other);
      await panel.getByText(ASK, { exact: true }).first().waitFor();
    }
    // The manager is not offered to share the report's words with the organization.
    const panel = panelOf(manager);
    await panel.getByRole('button', { name: 'Shared in your organization' }).click();
    await panel.getByRole('region', { name: 'Questions from your organization' }).waitFor();
    expect(await panel.getByRole('button', { name: /^Share with/ }).count()).toBe(0);
    await panel.getByRole('button', { name: 'Done' }).click();
  });

  it('shows another manager the shared questions, the anonymous one without any name, and adopts with one click', async () => {
    // Alex adopted the anonymous one already: it is the most adopted.
    const listed = goToExchangeSchema.parse(
      (await callApi(stack, 'GET', goToApiPaths.exchange(), { token: tokens.alex })).body,
    );
    const anonymous = listed.shares.find((s) => s.text === library(BY_KEYBOARD))!;
    expect(
      (
        await callApi(stack, 'POST', goToApiPaths.adopt(anonymous.id), {
          token: tokens.alex,
          body: { id: crypto.randomUUID() },
        })
      ).status,
    ).toBe(200);

    const patti = await openPage(1400);
    const exchangeBodies: string[] = [];
    patti.on('response', (r) => {
      if (r.url().endsWith('/go-to-exchange') && r.request().method() === 'GET')
        void r.text().then((t) => exchangeBodies.push(t));
    });
    await patti.goto(
      `${stack.hostPageUrl}/?${new URLSearchParams({ as: DEMO_USER_IDS.patti, view: 'trends' }).toString()}`,
    );
    const tab = patti.frameLocator('iframe[title^="Candor"]');
    await tab.locator('body').waitFor();
    const frame = patti.frames().find((f) => f.url().includes('surface='))!;
    const url = new URL(frame.url());
    url.searchParams.set('surface', 'settings');
    await frame.goto(url.toString());
    await tab.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();

    const card = tab.getByRole('group', { name: 'Your go-to question' });
    await card.getByRole('button', { name: 'Shared in your organization' }).click();
    const exchange = card.getByRole('region', { name: 'Questions from your organization' });
    const items = exchange.getByRole('listitem');
    await items.first().waitFor();
    const texts = await items.allInnerTexts();
    expect(texts.map((t) => t.split('\n')[0])).toEqual([library(BY_KEYBOARD), library(BY_CLICK)]);
    expect(texts[0]).toContain('1 person uses it');
    expect(texts[1]).toContain('From Megan Bowen.');

    // The anonymous one carries no name, address or id: not in its text, its labels, nor what the API sent.
    const megan = ['Megan', 'Bowen', 'megan@', DEMO_USER_IDS.megan];
    const anonymousHtml = await items.first().evaluate((li: { outerHTML: string }) => li.outerHTML);
    for (const trace of megan) expect(anonymousHtml).not.toContain(trace);
    await eventually(() => Promise.resolve(exchangeBodies.length > 0), true);
    const sent = goToExchangeSchema.parse(JSON.parse(exchangeBodies[0]!));
    const sentAnonymous = JSON.stringify(sent.shares.find((s) => s.text === library(BY_KEYBOARD)));
    for (const trace of megan) expect(sentAnonymous).not.toContain(trace);
    expect(JSON.stringify(sent)).not.toContain(DEMO_USER_IDS.megan);

    await exchange.getByRole('button', { name: `Adopt: ${library(BY_CLICK)}` }).click();
    await exchange.getByRole('button', { name: `Adopted: ${library(BY_CLICK)}` }).waitFor();
    await exchange.getByText('Added to your go-to questions.').waitFor();
    expect((await bankOf(tokens.patti)).filter((q) => q.source === 'exchange').map((q) => q.text)).toEqual([
      library(BY_CLICK),
    ]);
  });

  it('offers the library in the settings too, outside any meeting', async () => {
    const patti = contexts.at(-1)!.pages()[0]!;
    const card = patti.frameLocator('iframe[title^="Candor"]').getByRole('group', { name: 'Your go-to question' });
    await card.getByRole('button', { name: 'Done' }).click();
    await card.getByRole('button', { name: 'Pick from the library' }).click();
    const picker = card.getByRole('region', { name: 'Question library' });
    await picker.getByRole('searchbox', { name: 'Search the library' }).fill('learn from');
    const question = GO_TO_LIBRARY.find((q) => q.id === 'growth-room')!;
    await picker.getByRole('button', { name: `Add: ${question.text}` }).click();
    await picker.getByRole('button', { name: `Added: ${question.text}` }).waitFor();
    expect((await bankOf(tokens.patti)).map((q) => q.libraryId)).toContain(question.id);
  });
});
