import type { PairTrendResponse, TeamTrendsResponse } from '@candor/contract';
import { TEST_MANAGER, TEST_REPORT, testMonth, testPairTrend } from '../testing/pairTrend';
import { classifyTrends, sharingFailed, sharingSaved, sharingStart, sharingToggled } from './trendLoad';

const team = (reports = [testPairTrend([testMonth('2026-11')])]): { ok: true; value: TeamTrendsResponse } => ({
  ok: true,
  value: { manager: TEST_MANAGER, months: ['2026-11'], reports },
});
const me: { ok: true; value: PairTrendResponse } = {
  ok: true,
  value: {
    viewer: { userId: TEST_REPORT.id, role: 'report' },
    trend: testPairTrend([testMonth('2026-11')], { audience: 'report' }),
    managerView: null,
  },
};
const http = (status: number, message = 'nope') => ({ ok: false as const, kind: 'http' as const, status, message });
const network = { ok: false as const, kind: 'network' as const };

describe('what the Trends tab shows after its first reads', () => {
  it('shows the team to a manager, their own view to a report, both to someone who is both', () => {
    expect(classifyTrends(team(), http(404))).toMatchObject({
      kind: 'ready',
      team: team().value,
      me: null,
      warning: null,
    });
    expect(classifyTrends(team([]), me)).toMatchObject({ kind: 'ready', team: null, me: me.value, warning: null });
    expect(classifyTrends(http(403), me)).toMatchObject({ kind: 'ready', team: null, me: me.value, warning: null });
    expect(classifyTrends(team(), me)).toMatchObject({ kind: 'ready', team: team().value, me: me.value });
  });

  it('says so when the directory lists neither reports nor a manager', () => {
    expect(classifyTrends(team([]), http(404))).toEqual({ kind: 'none' });
    expect(classifyTrends(http(403), http(404))).toEqual({ kind: 'none' });
  });

  it('is an error, retryable where worth it, when nothing loaded', () => {
    expect(classifyTrends(network, network)).toEqual({
      kind: 'error',
      title: 'Can’t reach Candor',
      message: expect.any(String) as unknown,
      retryable: true,
    });
    expect(classifyTrends(http(503, 'busy'), http(404))).toEqual({
      kind: 'error',
      title: 'Something went wrong',
      message: 'busy (HTTP 503)',
      retryable: true,
    });
    expect(classifyTrends(http(401, 'bad token'), http(401, 'bad token'))).toMatchObject({
      kind: 'error',
      title: 'Couldn’t sign you in',
      retryable: false,
    });
  });

  it('keeps what loaded and warns about the part that did not', () => {
    const load = classifyTrends(http(500, 'boom'), me);
    expect(load).toMatchObject({ kind: 'ready', team: null, me: me.value });
    expect(load.kind === 'ready' && load.warning).toBe('Part of your trends didn’t load. boom (HTTP 500)');
  });
});

describe('sharing switches', () => {
  const all = { shareMood: true, shareLifeLoad: true, shareEnergy: true, shareDrain: true, calendarLoad: true };

  it('moves at once, then keeps what the API confirmed', () => {
    const toggled = sharingToggled(sharingStart(all), 'shareMood', false);
    expect(toggled).toEqual({ shown: { ...all, shareMood: false }, saved: all, saving: true, error: null });
    const confirmed = { ...all, shareMood: false };
    expect(sharingSaved(toggled, confirmed)).toEqual({
      shown: confirmed,
      saved: confirmed,
      saving: false,
      error: null,
    });
  });

  it('rolls back to the last confirmed choice and says why when the save fails', () => {
    const toggled = sharingToggled(sharingStart(all), 'calendarLoad', false);
    const failed = sharingFailed(toggled, network);
    expect(failed.shown).toEqual(all);
    expect(failed.saving).toBe(false);
    expect(failed.error).toBe('Your choice wasn’t saved. Check your connection, then try again.');
  });
});
