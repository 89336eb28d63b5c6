import type { HomeView } from '@candor/contract';
import { createApiClient } from '../api/client';
import { loadBoard } from '../api/boardLoad';
import type { TokenSource } from '../api/token';
import type { HostContext } from '../host/context';
import { TEST_MANAGER, TEST_REPORT, testBoardView, testRef } from '../testing/boardView';
import { fetchMock, requestedUrl } from '../testing/fetchMock';
import { loadHome } from './homeLoad';

const tokens: TokenSource = {
  get: () => Promise.resolve('t1'),
  invalidate: () => undefined,
  satisfy: () => Promise.reject(new Error('no claims challenge here')),
};
const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

const home: HomeView = {
  me: { id: TEST_MANAGER, displayName: 'Max Manager', isManager: true, hasManager: false },
  firstRun: { manager: true, report: false },
  oneOnOnes: [
    {
      ref: testRef,
      role: 'manager',
      counterpart: { id: TEST_REPORT, displayName: 'Ada Report' },
      subject: '1:1',
      start: '2026-11-26T09:00:00Z',
      end: '2026-11-26T09:30:00Z',
      online: false,
      ended: false,
      status: { state: 'notAsked', why: 'Status requests are off.' },
      boardStarted: false,
      recapMissing: false,
      openCommitments: 0,
    },
  ],
};

// A personal tab: Teams gives it no chat and no meeting.
const host: HostContext = {
  userId: TEST_MANAGER,
  tenantId: null,
  chatId: null,
  meetingId: null,
  frameContext: 'content',
  theme: 'default',
  hostName: 'Teams',
  clientType: 'web',
  subPageId: null,
  locale: 'en-US',
};

function sessionAnswering(answer: (url: string, method: string) => Response) {
  const fetch = fetchMock((url, init) => answer(requestedUrl(url), init?.method ?? 'GET'));
  return { fetch, session: { host, api: createApiClient({ baseUrl: 'http://api.test/api', tokens, fetch }) } };
}

describe('loadHome', () => {
  it('GETs me/home and hands over the checked view', async () => {
    const { fetch, session } = sessionAnswering(() => json(200, home));
    await expect(loadHome(session)).resolves.toEqual({ kind: 'ready', home });
    expect(fetch.mock.calls.map(([url, init]) => [init?.method, requestedUrl(url)])).toEqual([
      ['GET', 'http://api.test/api/me/home'],
    ]);
  });

  it('says what went wrong, and whether trying again may help', async () => {
    const down = sessionAnswering(() => json(503, { error: { code: 'unavailable', message: 'Busy.' } }));
    await expect(loadHome(down.session)).resolves.toEqual({
      kind: 'error',
      title: 'Something went wrong',
      message: 'Busy. (HTTP 503)',
      retryable: true,
    });
    const odd = sessionAnswering(() => json(200, { oneOnOnes: 'none' }));
    await expect(loadHome(odd.session)).resolves.toMatchObject({ kind: 'error', retryable: false });
  });
});

describe('opening a board from Home', () => {
  it('POSTs the open route for the occurrence, with no meeting chat needed', async () => {
    const board = testBoardView('manager');
    const { fetch, session } = sessionAnswering(() => json(200, board));
    await expect(loadBoard(session, testRef)).resolves.toEqual({ kind: 'ready', board });
    expect(fetch.mock.calls.map(([url, init]) => [init?.method, requestedUrl(url)])).toEqual([
      ['POST', `http://api.test/api/pairs/${TEST_MANAGER}/${TEST_REPORT}/boards/${testRef.occurrenceId}/open`],
    ]);
  });

  it('still needs the meeting chat without a ref (the side panel)', async () => {
    const { fetch, session } = sessionAnswering(() => json(200, testBoardView('manager')));
    await expect(loadBoard(session)).resolves.toEqual({ kind: 'no-meeting', reason: 'no-chat' });
    expect(fetch).not.toHaveBeenCalled();
  });
});
