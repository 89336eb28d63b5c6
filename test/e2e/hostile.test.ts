// The hostile suite's browser part: markup and script typed into EVERY text field of a 1:1 must stay text in the
// side panel (both people's views) and in the trend tab, in Chromium, with no element created, no script run, no
// dialog and no Content-Security-Policy violation (which would mean the markup was parsed and only the CSP saved
// us). Also the headers every page of the tab carries, and CORS of the API towards other origins.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Frame, Page } from 'playwright-core';
import { apiPaths, boardViewSchema, type BoardRef, type RecapLine, type TextFieldId } from '@candor/functions/contract';
import { startLocalStack, repoRoot, type LocalStack } from '@candor/local/stack';
import { DEMO_USER_IDS, demoMeetings } from '@candor/local/simulator/demoTenant';
import { MICROSOFT_HOST_FRAME_ANCESTORS } from '@candor/local/webServers';
import { callApi } from '../support/api';
import { launchChromium, screenshotPath } from '../support/browser';
import { attack } from '../support/hostileLedger';
import { XSS_PAYLOADS } from '../support/hostilePayloads';

jest.setTimeout(180_000);

const [IMG, SCRIPT, JS_URL, SVG, IFRAME, ANCHOR] = XSS_PAYLOADS;
/** Every payload at once, where the field takes 300 characters or more. */
const ALL = XSS_PAYLOADS.join(' | ');
/** Where only 200 characters fit. */
const SHORT_A = `${IMG} ${SCRIPT} ${JS_URL}`;
const SHORT_B = `${SVG} ${IFRAME} ${ANCHOR}`;

let stack: LocalStack;
let browser: Browser;
let ref: BoardRef;
const adele = demoMeetings(new Date()).find((m) => m.reportId === DEMO_USER_IDS.adele)!;
const tokens = { megan: '', adele: '' };
const RECAP: [RecapLine, RecapLine] = [
  { text: SHORT_A, tags: ['blocker', 'supportNeed'] },
  { text: SHORT_B, tags: ['learning'] },
];
/** Text fields of the board, with who writes each. */
const FIELDS: Array<[TextFieldId, 'megan' | 'adele']> = [
  ['energizing', 'adele'],
  ['draining', 'adele'],
  ['support', 'adele'],
  ['careerNote', 'adele'],
  ['goToAnswer', 'adele'],
  ['energizingNote', 'megan'],
  ['drainingNote', 'megan'],
  ['supportNote', 'megan'],
  ['unseenWork', 'megan'],
];

/** Where ALL appears on the closed board for either person: 9 fields, the career goal, the commitment, their private note. */
const SHOWN_ON_BOARD = FIELDS.length + 3;

beforeAll(async () => {
  stack = await startLocalStack({ web: true });
  browser = await launchChromium();
  tokens.megan = await stack.simulator.mintAccessToken(DEMO_USER_IDS.megan);
  tokens.adele = await stack.simulator.mintAccessToken(DEMO_USER_IDS.adele);
  const expectOk = async (p: ReturnType<typeof callApi>, status = 200) => expect((await p).status).toBe(status);

  // Megan's go-to question is hostile too: the board offers it to both.
  await expectOk(
    callApi(stack, 'PUT', apiPaths.myGoToQuestions(), {
      token: tokens.megan,
      body: { questions: [{ id: randomUUID(), text: SHORT_A }], baseRevision: 0 },
    }),
  );
  ref = boardViewSchema.parse(
    (await callApi(stack, 'GET', apiPaths.meetingBoard(adele.chatId), { token: tokens.adele })).body,
  ).ref;
  for (const [fieldId, who] of FIELDS) {
    const text = fieldId === 'careerNote' || fieldId === 'unseenWork' ? ALL.slice(0, 1000) : ALL;
    await expectOk(
      callApi(stack, 'PUT', apiPaths.boardField(ref, fieldId), { token: tokens[who], body: { text, baseRevision: 0 } }),
    );
  }
  await expectOk(
    callApi(stack, 'PUT', apiPaths.careerGoal(ref), { token: tokens.adele, body: { text: ALL, baseRevision: 0 } }),
  );
  await expectOk(
    callApi(stack, 'PUT', apiPaths.privateNote(ref), {
      token: tokens.adele,
      body: { text: `Adele: ${ALL}`, baseRevision: 0 },
    }),
  );
  await expectOk(
    callApi(stack, 'PUT', apiPaths.privateNote(ref), {
      token: tokens.megan,
      body: { text: `Megan: ${ALL}`, baseRevision: 0 },
    }),
  );
  await expectOk(
    callApi(stack, 'POST', apiPaths.commitments(ref), { token: tokens.megan, body: { id: randomUUID(), text: ALL } }),
    201,
  );
  // Last: the recap closes the board (the answers stay on it, read-only).
  await expectOk(callApi(stack, 'PUT', apiPaths.recap(ref), { token: tokens.megan, body: { lines: RECAP } }));
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

interface Watch {
  page: Page;
  context: BrowserContext;
  dialogs: string[];
  cspViolations: string[];
}

/** A fresh page that records dialogs and CSP violations reported on the console of any frame. */
async function watchedPage(): Promise<Watch> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  // Every CSP violation in every frame, as the page itself sees it (injected by the browser's protocol, which the
  // CSP does not govern): a blocked inline handler or script would mean the markup was parsed.
  await context.addInitScript(() => {
    const g = globalThis as unknown as {
      __cspViolations: string[];
      document: {
        addEventListener(t: string, f: (e: { violatedDirective: string; blockedURI: string }) => void): void;
      };
    };
    g.__cspViolations = [];
    g.document.addEventListener('securitypolicyviolation', (e) => {
      // Every violation counts: the tab runs zod jitless (tab/src/api/zodJitless.ts), so nothing of ours trips the CSP.
      g.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  const page = await context.newPage();
  const watch: Watch = { page, context, dialogs: [], cspViolations: [] };
  page.on('dialog', (dialog) => {
    watch.dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to (execute|load|frame)/i.test(message.text()))
      watch.cspViolations.push(message.text());
  });
  return watch;
}

function frameWith(page: Page, surface: string): Frame {
  const frame = page.frames().find((f) => f.url().includes(`surface=${surface}`));
  if (!frame)
    throw new Error(
      `no ${surface} frame in ${page
        .frames()
        .map((f) => f.url())
        .join(', ')}`,
    );
  return frame;
}

/** Everything in one frame a payload could have created or run. */
async function injected(frame: Frame): Promise<{ pwned: unknown; elements: string[]; violations: string[] }> {
  return frame.evaluate(() => {
    const doc = (
      globalThis as unknown as { document: { querySelectorAll(s: string): ArrayLike<{ outerHTML: string }> } }
    ).document;
    const selectors = [
      'img[src="x"]',
      '[onerror]',
      '[onload]',
      'svg[onload]',
      'iframe',
      'a[href^="javascript:" i]',
      'script:not([src])',
    ];
    const elements: string[] = [];
    for (const selector of selectors)
      for (const el of Array.from(doc.querySelectorAll(selector))) elements.push(el.outerHTML.slice(0, 120));
    const violations = (globalThis as { __cspViolations?: string[] }).__cspViolations ?? [];
    return { pwned: (globalThis as { __candorPwned?: unknown }).__candorPwned ?? null, elements, violations };
  });
}

/** Opens every folded section, so the texts inside are rendered too. */
async function unfoldAll(frame: Frame): Promise<void> {
  for (let round = 0; round < 4; round++) {
    const folded = frame.locator('button[aria-expanded="false"]');
    const count = await folded.count();
    if (count === 0) return;
    await folded.first().click();
  }
}

/** `texts` must each be shown literally (as text or as an input's value); `ALL` at least `allCount` times. */
async function expectInert(watch: Watch, frame: Frame, texts: string[], allCount: number): Promise<void> {
  const rendered = async (): Promise<string> => {
    const shown = await frame
      .locator('body')
      .evaluate((body) => (body as unknown as { textContent: string }).textContent);
    const inputs = await frame
      .locator('textarea, input')
      .evaluateAll((els) => els.map((el) => (el as unknown as { value: string }).value).join('\n'));
    return `${shown}\n${inputs}`;
  };
  // Folded sections load their content lazily: unfold and wait until every text has arrived (or give up and fail).
  let all = await rendered();
  for (let attempt = 0; attempt < 100 && all.split(ALL).length - 1 < allCount; attempt++) {
    await unfoldAll(frame);
    await frame.page().waitForTimeout(100);
    all = await rendered();
  }
  for (const text of texts) expect(all).toContain(text);
  expect(all.split(ALL).length - 1).toBeGreaterThanOrEqual(allCount);
  expect(await injected(frame)).toEqual({ pwned: null, elements: [], violations: [] });
  // The other Candor frames on the page (the meeting details tab shows the same words) must be clean too.
  for (const other of watch.page.frames().filter((f) => f !== watch.page.mainFrame() && f !== frame)) {
    expect(await injected(other)).toEqual({ pwned: null, elements: [], violations: [] });
  }
  expect(watch.dialogs).toEqual([]);
  expect(watch.cspViolations).toEqual([]);
}

const sidePanelUrl = (userId: string) =>
  `${stack.hostPageUrl}/?${new URLSearchParams({ as: userId, meeting: adele.chatId }).toString()}`;

describe('hostile text in the side panel', () => {
  it.each([
    ['the report', DEMO_USER_IDS.adele, `Adele: ${ALL}`],
    ['the manager', DEMO_USER_IDS.megan, `Megan: ${ALL}`],
  ])(
    'stays text for %s: every field, the goal, the commitment, the go-to question, the recap, their private note',
    async (who, userId, privateNote) => {
      const watch = await watchedPage();
      try {
        await watch.page.goto(sidePanelUrl(userId));
        const panel = watch.page.frameLocator('iframe[title="Candor side panel"]');
        await panel.getByText(SHORT_B, { exact: false }).first().waitFor({ timeout: 30_000 });
        const frame = (await (
          await watch.page.locator('iframe[title="Candor side panel"]').elementHandle()
        )?.contentFrame())!;
        await unfoldAll(frame);
        await attack(`xss side panel as ${who}: all text fields`, () =>
          expectInert(watch, frame, [ALL, SHORT_A, SHORT_B, privateNote], SHOWN_ON_BOARD),
        );
        await watch.page.screenshot({ path: screenshotPath(`hostile-side-panel-${userId.slice(0, 4)}.png`) });
      } finally {
        await watch.context.close();
      }
    },
  );
});

describe('hostile text in the trend tab', () => {
  it("stays text in the manager's detail view of the report (the open commitment)", async () => {
    const watch = await watchedPage();
    try {
      const params = new URLSearchParams({ as: DEMO_USER_IDS.megan, view: 'trends', report: DEMO_USER_IDS.adele });
      await watch.page.goto(`${stack.hostPageUrl}/?${params.toString()}`);
      const tab = watch.page.frameLocator('iframe[title="Candor Trends"]');
      await tab.getByText(ALL, { exact: true }).first().waitFor({ timeout: 30_000 });
      await attack('xss trend tab: commitment text in the detail view', () =>
        expectInert(watch, frameWith(watch.page, 'trends'), [ALL], 1),
      );
    } finally {
      await watch.context.close();
    }
  });
});

describe('headers of every page of the tab, and CORS of the API', () => {
  const frameAncestors = (csp: string | null) =>
    (csp ?? '')
      .split('; ')
      .find((d) => d.startsWith('frame-ancestors '))
      ?.split(' ')
      .slice(1) ?? [];

  it('the tab and the status form carry the CSP, nosniff and Referrer-Policy; frame-ancestors is exactly the documented hosts and the local host page', async () => {
    for (const page of ['/', '/?surface=status&token=abc.def.ghi', '/?surface=trends']) {
      const response = await fetch(`${stack.tabUrl}${page}`);
      expect(response.status).toBe(200);
      const csp = response.headers.get('content-security-policy');
      expect(frameAncestors(csp)).toEqual([
        "'self'",
        new URL(stack.hostPageUrl!).origin,
        ...MICROSOFT_HOST_FRAME_ANCESTORS,
      ]);
      expect(csp).toContain("script-src 'self';");
      expect(csp).not.toMatch(/unsafe-eval|script-src[^;]*unsafe-inline/);
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
    }
  });

  it('the built tab has no inline script', () => {
    const html = readFileSync(path.join(repoRoot, 'tab', 'dist', 'index.html'), 'utf8');
    const scripts = html.match(/<script\b[^>]*>[\s\S]*?<\/script>/gi) ?? [];
    expect(scripts.length).toBeGreaterThan(0);
    for (const script of scripts) expect(script).toMatch(/^<script\b[^>]*\bsrc="[^"]+"[^>]*><\/script>$/);
    expect(html).not.toMatch(/\son[a-z]+\s*=/i);
  });

  it('a page of another origin cannot frame the tab', async () => {
    /** Frames the tab from a page of `origin`, and waits until the tab's document loaded or Chromium refused it. */
    const framedFrom = async (origin: string): Promise<'loaded' | 'refused'> => {
      const watch = await watchedPage();
      try {
        await watch.page.goto(`${origin}/no-such-page`);
        await watch.page.setContent(`<iframe id="t" src="${stack.tabUrl}/?surface=trends"></iframe>`, {
          waitUntil: 'load',
        });
        let url = '';
        for (let attempt = 0; attempt < 300; attempt++) {
          const frame = await (await watch.page.locator('iframe#t').elementHandle())?.contentFrame();
          url = frame?.url() ?? '';
          // Chromium puts its error page in place of a frame the frame-ancestors directive refused.
          if (url.startsWith('chrome-error:')) return 'refused';
          const loaded =
            frame && url.startsWith(stack.tabUrl!)
              ? await frame
                  .evaluate(
                    () =>
                      (
                        globalThis as unknown as { document: { getElementById(id: string): unknown } }
                      ).document.getElementById('root') !== null,
                  )
                  .catch(() => false)
              : false;
          if (loaded) return 'loaded';
          await watch.page.waitForTimeout(100);
        }
        throw new Error(`the frame neither loaded nor was refused (at ${url})`);
      } finally {
        await watch.context.close();
      }
    };
    // The control: the local host page's origin may frame it.
    expect(await framedFrom(stack.hostPageUrl!)).toBe('loaded');
    await attack('frame-ancestors: the tab framed by a foreign page', async () => {
      // 127.0.0.1 is another origin than localhost to the browser.
      expect(await framedFrom(stack.hostPageUrl!.replace('localhost', '127.0.0.1'))).toBe('refused');
    });
  });

  it("the API answers CORS for the tab's origin only", async () => {
    const board = `${stack.apiBaseUrl}/${apiPaths.board(ref)}`;
    const allowed = new URL(stack.tabUrl!).origin;
    const preflight = (origin: string) =>
      fetch(board, {
        method: 'OPTIONS',
        headers: {
          origin,
          'access-control-request-method': 'PUT',
          'access-control-request-headers': 'authorization,content-type',
        },
      });
    // The control: the tab's own origin is allowed.
    expect((await preflight(allowed)).headers.get('access-control-allow-origin')).toBe(allowed);
    for (const origin of [
      'https://evil.example',
      'null',
      allowed.replace('localhost', '127.0.0.1'),
      `${allowed}.evil.example`,
    ]) {
      await attack(`cors: preflight and read from ${origin}`, async () => {
        const pre = await preflight(origin);
        expect(pre.headers.get('access-control-allow-origin')).toBeNull();
        expect(pre.headers.get('access-control-allow-methods')).toBeNull();
        const read = await fetch(board, { headers: { origin, authorization: `Bearer ${tokens.adele}` } });
        expect(read.headers.get('access-control-allow-origin')).toBeNull();
      });
    }
  });
});
