import { randomUUID } from 'node:crypto';
import {
  apiPaths,
  boardViewSchema,
  pairTrendResponseSchema,
  teamTrendsResponseSchema,
  trendApiPaths,
  type BoardRef,
  type PairTrend,
} from '@candor/functions/contract';
import { DEMO_USER_IDS, demoMeetings } from '@candor/local/simulator/demoTenant';
import { startLocalStack, type LocalStack } from '@candor/local/stack';
import { callApi } from '../../support/api';

/*
 * A change of manager (FORMER_MANAGER_TREND_ACCESS=none, the default and only setting): Adele moves from Megan to
 * Patti in the directory. From then on Megan opens nothing of the pair — boards, notes, trends, her team view — and
 * Patti sees none of the history Adele built with Megan. The org chart is read afresh on every request
 * (ORG_CHART_CACHE_TTL_SECONDS=0) so the test need not wait out the 5-minute cache; with the cache, the move takes
 * effect within those 5 minutes.
 */
jest.setTimeout(90_000);

const T0 = new Date('2026-11-25T09:10:00.000Z');
const MONTH = '2026-11';
let stack: LocalStack;
const people = ['megan', 'adele', 'patti'] as const;
type Who = (typeof people)[number];
const tokens = {} as Record<Who, string>;
const adeleChat = demoMeetings(T0).find((m) => m.reportId === DEMO_USER_IDS.adele)!.chatId;
const ANSWER = `Energized by the migration ${randomUUID()}`;
let ref: BoardRef;

const call = (method: string, path: string, who: Who, body?: unknown) =>
  callApi(stack, method, path, { token: tokens[who], ...(body === undefined ? {} : { body }) });
const monthOf = (trend: PairTrend) => trend.months.find((m) => m.month === MONTH)!;

async function team(who: Who) {
  const answer = await call('GET', trendApiPaths.team(), who);
  expect(answer.status).toBe(200);
  return teamTrendsResponseSchema.parse(answer.body);
}

beforeAll(async () => {
  stack = await startLocalStack({ now: () => T0, functionsEnv: { ORG_CHART_CACHE_TTL_SECONDS: '0' } });
  for (const who of people) tokens[who] = await stack.simulator.mintAccessToken(DEMO_USER_IDS[who]);
  const opened = await call('GET', apiPaths.meetingBoard(adeleChat), 'adele');
  ref = boardViewSchema.parse(opened.body).ref;
  expect(
    (await call('PUT', apiPaths.boardField(ref, 'energizing'), 'adele', { text: ANSWER, baseRevision: 0 })).status,
  ).toBe(200);
  expect((await call('PUT', apiPaths.boardRating(ref, 'mood'), 'adele', { value: 4, baseRevision: 0 })).status).toBe(
    200,
  );
  const lines = [
    { text: 'Migration on track', tags: ['blocker', 'supportNeed'] },
    { text: 'Pairing works', tags: ['learning'] },
  ];
  expect((await call('PUT', apiPaths.recap(ref), 'megan', { lines })).status).toBe(200);
}, 90_000);

afterAll(async () => {
  await stack?.stop();
});

describe('a change of manager', () => {
  it('starts from a pair Megan can read, with history in its trend', async () => {
    expect((await call('GET', apiPaths.board(ref), 'megan')).status).toBe(200);
    const adeleRow = (await team('megan')).reports.find((r) => r.report.id === DEMO_USER_IDS.adele)!;
    expect(monthOf(adeleRow).mood).toMatchObject({ answered: 1 });
    // Patti is Megan's manager, not in the pair: nothing (no super-viewer).
    expect((await call('GET', trendApiPaths.pair(ref), 'patti')).status).toBe(403);
    expect((await call('GET', apiPaths.board(ref), 'patti')).status).toBe(403);
  });

  it('takes everything of the pair away from the former manager once the directory moves the report', async () => {
    stack.simulator.setManager(DEMO_USER_IDS.adele, DEMO_USER_IDS.patti);
    expect((await call('GET', apiPaths.board(ref), 'megan')).status).toBe(403);
    expect(
      (await call('PUT', apiPaths.boardField(ref, 'energizingNote'), 'megan', { text: 'late note', baseRevision: 0 }))
        .status,
    ).toBe(403);
    expect((await call('GET', apiPaths.privateNote(ref), 'megan')).status).toBe(403);
    expect((await call('GET', trendApiPaths.pair(ref), 'megan')).status).toBe(403);
    const megansTeam = await team('megan');
    expect(megansTeam.reports.map((r) => r.report.id)).not.toContain(DEMO_USER_IDS.adele);
    expect(JSON.stringify(megansTeam)).not.toContain(DEMO_USER_IDS.adele);
  });

  it("shows the new manager the report, without any of the former pair's history", async () => {
    const pattisTeam = await team('patti');
    const adeleRow = pattisTeam.reports.find((r) => r.report.id === DEMO_USER_IDS.adele)!;
    expect(adeleRow).toBeDefined();
    expect(adeleRow.months.every((m) => m.held === 0 && m.scheduled === 0)).toBe(true);
    expect(monthOf(adeleRow).mood).toMatchObject({ answered: 0 });
    const newPair = { managerId: DEMO_USER_IDS.patti, reportId: DEMO_USER_IDS.adele };
    const pairTrend = await call('GET', trendApiPaths.pair(newPair), 'patti');
    expect(pairTrend.status).toBe(200);
    expect(pairTrendResponseSchema.parse(pairTrend.body).trend.months.every((m) => m.held === 0)).toBe(true);
    // The old pair's board and trend stay closed to the new manager.
    expect((await call('GET', apiPaths.board(ref), 'patti')).status).toBe(403);
    expect((await call('GET', trendApiPaths.pair(ref), 'patti')).status).toBe(403);
    // The report's own trend follows the directory to the new pair.
    const mine = pairTrendResponseSchema.parse((await call('GET', trendApiPaths.me(), 'adele')).body);
    expect(mine.trend.manager.id).toBe(DEMO_USER_IDS.patti);
    expect(monthOf(mine.trend).mood).toMatchObject({ answered: 0 });
  });
});
