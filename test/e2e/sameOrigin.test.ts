// The side panel calls its API on the tab's own origin (the tab server forwards /api, as the Static Web App's
// linked backend does in Azure), so a fresh browser context sends no CORS preflight before the board's open.
// CORS of the API stays strict: a page of another origin reaching /api through the tab's origin gets no
// Access-Control-Allow-Origin.
import type { Browser, Request } from 'playwright-core';
import { startLocalStack, type LocalStack } from '@candor/local/stack';
import { demoMeetings } from '@candor/local/simulator/demoTenant';
import { apiPaths } from '@candor/functions/contract';
import { launchChromium } from '../support/browser';

jest.setTimeout(60_000);

let stack: LocalStack;
let browser: Browser;
const log: string[] = [];
const oneOnOne = demoMeetings(new Date())[0]!;

beforeAll(async () => {
  stack = await startLocalStack({ web: true, log: (line) => log.push(line) });
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

describe('the API on the tab’s own origin', () => {
  it('opens the side panel’s board without a CORS preflight', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    try {
      const page = await context.newPage();
      const apiCalls: Request[] = [];
      page.on('request', (r) => {
        if (r.url().includes('/api/')) apiCalls.push(r);
      });
      const seenBefore = log.length;
      const params = new URLSearchParams({ as: oneOnOne.reportId, meeting: oneOnOne.chatId });
      await page.goto(`${stack.hostPageUrl}/?${params.toString()}`);
      const panel = page.frameLocator('iframe[title="Candor side panel"]');
      await panel.getByRole('textbox', { name: 'What is energizing you?' }).waitFor();

      const boardOpen = apiCalls.find((r) => r.url().endsWith(`/${apiPaths.meetingBoard(oneOnOne.chatId)}`));
      expect(boardOpen?.method()).toBe('GET');
      // The functions host logs every request it serves, preflights included: none came.
      const served = log.slice(seenBefore);
      expect(served.some((line) => line.startsWith('GET getMeetingBoard 200'))).toBe(true);
      expect(served.filter((line) => line.startsWith('OPTIONS'))).toEqual([]);
      expect(new URL(boardOpen!.url()).origin).toBe(new URL(stack.tabUrl!).origin);
    } finally {
      await context.close();
    }
  });

  it('answers no other origin’s preflight or read through the tab’s origin', async () => {
    const board = `${stack.tabUrl}/api/${apiPaths.meetingBoard(oneOnOne.chatId)}`;
    for (const origin of ['https://evil.example', 'null', `${new URL(stack.tabUrl!).origin}.evil.example`]) {
      const pre = await fetch(board, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization' },
      });
      expect(pre.headers.get('access-control-allow-origin')).toBeNull();
      expect(pre.headers.get('access-control-allow-methods')).toBeNull();
      const read = await fetch(board, { headers: { origin } });
      expect(read.status).toBe(401);
      expect(read.headers.get('access-control-allow-origin')).toBeNull();
      await Promise.all([pre.text(), read.text()]);
    }
    // The forwarded path reaches only the API: the host's loopback-only timers are not behind it.
    const timer = await fetch(`${stack.tabUrl}/admin/timers/preMeetingScan`, { method: 'POST' });
    expect(timer.status).toBe(405);
    await timer.text();
    expect(log.some((line) => line.startsWith('TIMER'))).toBe(false);
  });
});
