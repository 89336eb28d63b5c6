import type { PairTrendResponse } from '@candor/contract';
import { createApiClient } from './client';
import { fetchMock, requestedUrl, sentBody } from '../testing/fetchMock';
import { TEST_MANAGER, TEST_REPORT, testMonth, testPairTrend } from '../testing/pairTrend';

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
const tokens = {
  get: () => Promise.resolve('t1'),
  invalidate: () => undefined,
  satisfy: () => Promise.reject(new Error('no claims challenge here')),
};
const pair: PairTrendResponse = {
  viewer: { userId: TEST_REPORT.id, role: 'report' },
  trend: testPairTrend([testMonth('2026-11')], { audience: 'report' }),
  managerView: testPairTrend([testMonth('2026-11', { mood: 'notShared' })]),
};

describe('api client: trends', () => {
  it('GETs the team and the pair with the months asked for, and parses them against the contract', async () => {
    const fetch = fetchMock((url) =>
      requestedUrl(url).includes('trends/team')
        ? json(200, { manager: TEST_MANAGER, months: ['2026-11'], reports: [pair.managerView] })
        : json(200, pair),
    );
    const client = createApiClient({ baseUrl: 'http://api.test/api', tokens, fetch });
    const teamResult = await client.getTeamTrends(6);
    expect(teamResult.ok && teamResult.value.reports[0]?.months[0]?.mood).toBe('notShared');
    expect(await client.getPairTrend({ managerId: TEST_MANAGER.id, reportId: TEST_REPORT.id }, 12)).toEqual({
      ok: true,
      value: pair,
    });
    expect(await client.getMyTrends()).toEqual({ ok: true, value: pair });
    expect(fetch.mock.calls.map(([url]) => requestedUrl(url))).toEqual([
      'http://api.test/api/trends/team?months=6',
      `http://api.test/api/trends/pairs/${TEST_MANAGER.id}/${TEST_REPORT.id}?months=12`,
      'http://api.test/api/trends/me',
    ]);
  });

  it('PUTs the sharing choices and reads the confirmed ones', async () => {
    const sharing = { shareMood: false, shareLifeLoad: true, shareEnergy: true, shareDrain: true, calendarLoad: true };
    const fetch = fetchMock(() => json(200, { sharing }));
    const client = createApiClient({ baseUrl: 'http://api.test/api', tokens, fetch });
    expect(await client.saveTrendSharing(sharing)).toEqual({ ok: true, value: { sharing } });
    const [url, init] = fetch.mock.calls[0]!;
    expect(url).toBe('http://api.test/api/trends/sharing');
    expect(init?.method).toBe('PUT');
    expect(sentBody(init)).toEqual(sharing);
  });

  it('turns a stranger’s 403 into an http failure with the API’s message, and a wrong shape into one too', async () => {
    const forbidden = fetchMock(() => json(403, { error: { code: 'forbidden', message: 'Not your 1:1s.' } }));
    const client = createApiClient({ baseUrl: 'http://api.test/api', tokens, fetch: forbidden });
    expect(await client.getPairTrend({ managerId: TEST_MANAGER.id, reportId: TEST_REPORT.id })).toEqual({
      ok: false,
      kind: 'http',
      status: 403,
      message: 'Not your 1:1s.',
      code: 'forbidden',
    });
    const wrong = createApiClient({
      baseUrl: 'http://api.test/api',
      tokens,
      fetch: fetchMock(() => json(200, { months: 'x' })),
    });
    expect(await wrong.getMyTrends()).toMatchObject({
      ok: false,
      kind: 'http',
      message: 'The response did not match the API contract.',
    });
  });
});
