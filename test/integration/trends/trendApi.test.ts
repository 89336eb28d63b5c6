import { randomUUID } from 'node:crypto';
import { HttpRequest, InvocationContext } from '@azure/functions';
import { loadConfig } from '@candor/functions/config';
import { buildRoutes } from '@candor/functions/routes';
import { createServices } from '@candor/functions/composition';
import {
  apiPaths,
  saveRecapResponseSchema,
  boardViewSchema,
  errorBodySchema,
  NOT_SHARED,
  pairTrendResponseSchema,
  teamTrendsResponseSchema,
  trendApiPaths,
  trendSharingResponseSchema,
  type BoardRef,
  type OccurrenceId,
  type PairTrend,
  type RecapLine,
} from '@candor/functions/contract';
import { emptyBoard } from '@candor/functions/domain/board';
import { createTableBoardStore } from '@candor/functions/store/boardStore';
import { createTableClientFactory } from '@candor/functions/store/tables';
import type { PairKey } from '@candor/functions/application/trends';
import { trendStores, type TrendStores } from '@candor/functions/composition/trends';
import { startLocalStack, type LocalStack } from '@candor/local/stack';
import { DEMO_USER_IDS, demoMeetings } from '@candor/local/simulator/demoTenant';
import { callApi } from '../../support/api';

jest.setTimeout(60_000);

/*
 * The trend API through the HTTP stack (real JWTs from the simulator, real Graph directory, real Azurite): who may
 * read which trend, what a report's "not shared" hides from the manager, and that a recap saved through the API
 * counts once in its month however often it is saved. The clock is fixed, so "this month" is known.
 */

/** A Wednesday: the demo's 1:1 with Adele is in progress at this moment. */
const T0 = new Date('2026-11-25T09:10:00.000Z');
let stack: LocalStack;
let trends: TrendStores;
const people = ['megan', 'adele', 'alex', 'diego', 'lynne', 'patti'] as const;
type Who = (typeof people)[number];
const tokens = {} as Record<Who, string>;
const adele1on1 = demoMeetings(T0).find((m) => m.reportId === DEMO_USER_IDS.adele)!;

beforeAll(async () => {
  stack = await startLocalStack({ now: () => T0 });
  for (const who of people) tokens[who] = await stack.simulator.mintAccessToken(DEMO_USER_IDS[who]);
  const tables = createTableClientFactory({
    kind: 'connectionString',
    connectionString: stack.functionsEnv.TABLES_CONNECTION_STRING!,
  });
  trends = trendStores(tables, () => T0);
}, 60_000);

afterAll(async () => {
  await stack?.stop();
});

const get = (path: string, who: Who) => callApi(stack, 'GET', path, { token: tokens[who] });
const put = (path: string, who: Who, body: unknown) => callApi(stack, 'PUT', path, { token: tokens[who], body });

async function team(who: Who) {
  const answer = await get(trendApiPaths.team(), who);
  expect(answer.status).toBe(200);
  return { body: teamTrendsResponseSchema.parse(answer.body), raw: answer.body };
}

async function pairTrend(pair: { managerId: string; reportId: string }, who: Who) {
  const answer = await get(trendApiPaths.pair(pair), who);
  expect(answer.status).toBe(200);
  return { body: pairTrendResponseSchema.parse(answer.body), raw: JSON.stringify(answer.body) };
}

const pairOf = (report: Who): PairKey => ({
  tenantId: stack.simulator.tenantId,
  managerId: DEMO_USER_IDS.megan,
  reportId: DEMO_USER_IDS[report],
});
const monthOf = (trend: PairTrend, month: string) => trend.months.find((m) => m.month === month)!;
const rawOf = (raw: unknown, reportId: string): string =>
  JSON.stringify((raw as { reports: Array<{ report: { id: string } }> }).reports.find((r) => r.report.id === reportId));

/** A held 1:1 of the past, written straight into the boards table and recorded as the recap's save would. */
async function pastBoard(
  report: Who,
  occurrenceId: OccurrenceId,
  start: string,
  ratings: { mood: number; lifeLoad: number; energy?: number; drain?: number },
) {
  const pair = pairOf(report);
  const board = emptyBoard({ subject: '1:1', start, end: new Date(Date.parse(start) + 1_800_000).toISOString() });
  board.fields.energizing = { text: 'The migration', revision: 1, updatedBy: pair.reportId, updatedAt: start };
  board.ratings.mood = { value: ratings.mood, revision: 1, updatedBy: pair.reportId, updatedAt: start };
  board.ratings.lifeLoad = { value: ratings.lifeLoad, revision: 1, updatedBy: pair.reportId, updatedAt: start };
  for (const id of ['energy', 'drain'] as const) {
    const value = ratings[id];
    if (value !== undefined) board.ratings[id] = { value, revision: 1, updatedBy: pair.reportId, updatedAt: start };
  }
  await createTableBoardStore(
    createTableClientFactory({
      kind: 'connectionString',
      connectionString: stack.functionsEnv.TABLES_CONNECTION_STRING!,
    }),
  ).create({ ...pair, occurrenceId }, board);
  await trends.trendRecorder.recordOccurrence(pair, occurrenceId);
}

const LINES: [RecapLine, RecapLine] = [
  { text: 'Blocked on the data contract; Megan chases legal', tags: ['blocker', 'supportNeed'] },
  { text: 'Raising risks early saved a sprint', tags: ['learning'] },
];

describe('a recap saved through the API', () => {
  it('counts its 1:1 once in the month, however often it is saved', async () => {
    const opened = await get(apiPaths.meetingBoard(adele1on1.chatId), 'adele');
    expect(opened.status).toBe(200);
    const ref: BoardRef = boardViewSchema.parse(opened.body).ref;
    const before = monthOf(
      (await team('megan')).body.reports.find((r) => r.report.id === DEMO_USER_IDS.adele)!,
      '2026-11',
    );

    expect(
      (
        await put(apiPaths.boardField(ref, 'energizing'), 'adele', {
          text: 'Pairing on the design review',
          baseRevision: 0,
        })
      ).status,
    ).toBe(200);
    // How energized the week felt, stated as a rating (the typed answer above is no energy figure).
    expect((await put(apiPaths.boardRating(ref, 'energy'), 'adele', { value: 2, baseRevision: 0 })).status).toBe(200);
    // A commitment made on the board shows among the open ones at once.
    const commitmentId = randomUUID();
    const made = await callApi(stack, 'POST', apiPaths.commitments(ref), {
      token: tokens.megan,
      body: { id: commitmentId, text: 'Chase legal', dueDate: '2026-11-30' },
    });
    expect(made.status).toBe(201);
    const adeleRow = (await team('megan')).body.reports.find((r) => r.report.id === DEMO_USER_IDS.adele)!;
    expect(adeleRow.openCommitments.map((c) => c.id)).toContain(commitmentId);
    expect(monthOf(adeleRow, '2026-11').commitmentsOpened).toBe(before.commitmentsOpened + 1);
    expect((await put(apiPaths.recap(ref), 'megan', { lines: LINES })).status).toBe(200);
    const once = monthOf(
      (await team('megan')).body.reports.find((r) => r.report.id === DEMO_USER_IDS.adele)!,
      '2026-11',
    );
    expect(once.held).toBe(before.held + 1);
    const answered = (m: typeof once) => (m.energy === NOT_SHARED ? -1 : m.energy.answered);
    expect(answered(once)).toBe(answered(before) + 1);
    expect(once.energy === NOT_SHARED ? [] : once.energy.ratedIn).toContain(ref.occurrenceId);
    expect(once.supportNeedsNamed).toBe(before.supportNeedsNamed + 1);
    expect(once.blockersNamed).toBe(before.blockersNamed + 1);
    expect(once.meetings.map((m) => m.occurrenceId)).toContain(ref.occurrenceId);

    // The same recap again (a retry, or the report pressing save too): a success that counts nothing twice.
    expect((await put(apiPaths.recap(ref), 'megan', { lines: LINES })).status).toBe(200);
    expect((await put(apiPaths.recap(ref), 'adele', { lines: LINES })).status).toBe(200);
    const twice = monthOf(
      (await team('megan')).body.reports.find((r) => r.report.id === DEMO_USER_IDS.adele)!,
      '2026-11',
    );
    expect(twice).toEqual(once);

    // The recap closed the board: a rating can no longer change under the month's figures, so the recap's fact is
    // final, and a rebuild from the boards derives exactly the same month.
    const late = await put(apiPaths.boardRating(ref, 'energy'), 'adele', { value: 5, baseRevision: 1 });
    expect(late.status).toBe(409);
    expect(errorBodySchema.parse(late.body).error.code).toBe('finalised');
    await trends.trendRecorder.rebuildPair(pairOf('adele'));
    const rebuilt = monthOf(
      (await team('megan')).body.reports.find((r) => r.report.id === DEMO_USER_IDS.adele)!,
      '2026-11',
    );
    expect(rebuilt).toEqual(once);
  });
});

describe('a trend update that fails', () => {
  it("does not fail the person's save: the recap is saved and answered, and a warning without content is logged", async () => {
    // The same routes and stores as the stack, with a recorder whose table is unreachable.
    const unreachable = (): Promise<never> =>
      Promise.reject(Object.assign(new Error('connect ECONNREFUSED'), { name: 'RestError' }));
    const services = createServices(loadConfig(stack.functionsEnv), {
      clock: () => T0,
      trendRecorder: {
        recordOccurrence: unreachable,
        recordScheduled: unreachable,
        recordCommitments: unreachable,
        recordWeek: unreachable,
        rebuildPair: unreachable,
      },
    });
    const route = buildRoutes(services).find((r) => r.name === 'saveRecap')!;
    const ref: BoardRef = boardViewSchema.parse((await get(apiPaths.meetingBoard(adele1on1.chatId), 'adele')).body).ref;
    const warnings: string[] = [];
    const context = new InvocationContext({
      functionName: 'saveRecap',
      logHandler: (level, ...args) => {
        if (level === 'warning') warnings.push(args.map(String).join(' '));
      },
    });
    const request = new HttpRequest({
      method: 'PUT',
      url: `http://localhost/api/${apiPaths.recap(ref)}`,
      headers: { authorization: `Bearer ${tokens.megan}`, 'content-type': 'application/json' },
      params: { ...ref },
      body: { string: JSON.stringify({ lines: LINES }) },
    });
    const response = await route.handler(request, context);
    expect(response.status ?? 200).toBe(200);
    expect(saveRecapResponseSchema.parse(response.jsonBody).recap.lines).toEqual(LINES);
    expect(warnings).toEqual([expect.stringContaining('monthly trend of this recap was not updated (RestError)')]);
    expect(warnings.join('')).not.toContain(LINES[0].text);
  });
});

describe("a report's answers marked not shared", () => {
  it('never reach the manager, while the report still sees them and exactly what the manager sees', async () => {
    await pastBoard('lynne', '20260916T1000Z-aaaaaaaaaaaaaaaa', '2026-09-16T10:00:00.000Z', {
      mood: 2,
      lifeLoad: 4,
      energy: 4,
      drain: 2,
    });
    await pastBoard('lynne', '20261014T1000Z-aaaaaaaaaaaaaaaa', '2026-10-14T10:00:00.000Z', {
      mood: 3,
      lifeLoad: 5,
      energy: 3,
      drain: 3,
    });
    const lynne = { managerId: DEMO_USER_IDS.megan, reportId: DEMO_USER_IDS.lynne };

    // Shared by default: the manager sees the numbers (so the check below can fail).
    const shared = await pairTrend(lynne, 'megan');
    expect(monthOf(shared.body.trend, '2026-09').mood).toMatchObject({ average: 2, answered: 1, preferNot: 0 });
    expect(monthOf(shared.body.trend, '2026-09').energy).toMatchObject({ average: 4, answered: 1, preferNot: 0 });

    const hidden = {
      shareMood: false,
      shareLifeLoad: false,
      shareEnergy: false,
      shareDrain: false,
      calendarLoad: true,
    };
    const saved = await put(trendApiPaths.sharing(), 'lynne', hidden);
    expect(saved.status).toBe(200);
    expect(trendSharingResponseSchema.parse(saved.body).sharing).toEqual(hidden);
    expect(trendSharingResponseSchema.parse((await get(trendApiPaths.sharing(), 'lynne')).body).sharing).toMatchObject({
      shareMood: false,
    });

    const fromTeam = await team('megan');
    const teamRow = fromTeam.body.reports.find((r) => r.report.id === DEMO_USER_IDS.lynne)!;
    const fromPair = await pairTrend(lynne, 'megan');
    for (const trend of [teamRow, fromPair.body.trend]) {
      expect(trend.audience).toBe('manager');
      expect(trend.months.length).toBe(12);
      for (const month of trend.months) {
        expect(month.mood).toBe(NOT_SHARED);
        expect(month.lifeLoad).toBe(NOT_SHARED);
        expect(month.energy).toBe(NOT_SHARED);
        expect(month.drain).toBe(NOT_SHARED);
      }
      expect(trend.signals.map((s) => s.kind)).not.toContain('energyFalling');
    }
    // Not in the raw text either: no average, count or "prefer not" of mood or life load is anywhere in it.
    for (const raw of [rawOf(fromTeam.raw, DEMO_USER_IDS.lynne), fromPair.raw]) {
      expect(raw).not.toMatch(/"mood":\{/);
      expect(raw).not.toMatch(/"lifeLoad":\{/);
      expect(raw).not.toMatch(/"energy":\{/);
      expect(raw).not.toMatch(/"drain":\{/);
    }
    expect(fromPair.body.managerView).toBeNull();

    // The report sees their own numbers, and next to them exactly the manager's view.
    const own = await get(trendApiPaths.me(), 'lynne');
    expect(own.status).toBe(200);
    const mine = pairTrendResponseSchema.parse(own.body);
    expect(mine.viewer).toEqual({ userId: DEMO_USER_IDS.lynne, role: 'report' });
    expect(mine.trend.audience).toBe('report');
    expect(monthOf(mine.trend, '2026-09').mood).toMatchObject({ average: 2, answered: 1, preferNot: 0 });
    expect(monthOf(mine.trend, '2026-10').lifeLoad).toMatchObject({ average: 5, answered: 1, preferNot: 0 });
    expect(monthOf(mine.trend, '2026-10').drain).toMatchObject({ average: 3, answered: 1, preferNot: 0 });
    expect(mine.managerView).toEqual(teamRow);
    expect(mine.managerView).toEqual(fromPair.body.trend);
    expect((await pairTrend(lynne, 'lynne')).body).toEqual(mine);

    // Sharing again brings the numbers back for the manager.
    expect(
      (
        await put(trendApiPaths.sharing(), 'lynne', {
          shareMood: true,
          shareLifeLoad: true,
          shareEnergy: true,
          shareDrain: true,
          calendarLoad: true,
        })
      ).status,
    ).toBe(200);
    expect(monthOf((await pairTrend(lynne, 'megan')).body.trend, '2026-10').lifeLoad).toMatchObject({
      average: 5,
      answered: 1,
      preferNot: 0,
    });
    expect(monthOf((await pairTrend(lynne, 'megan')).body.trend, '2026-10').energy).toMatchObject({ average: 3 });
  });

  it('refuses a sharing body with anything but every choice, naming the field', async () => {
    const answer = await put(trendApiPaths.sharing(), 'lynne', {
      shareMood: false,
      shareLifeLoad: false,
      shareEnergy: false,
      shareDrain: false,
      calendarLoad: true,
      managerId: DEMO_USER_IDS.megan,
    });
    expect(answer.status).toBe(400);
    expect(errorBodySchema.parse(answer.body).error.field).toBe('managerId');
    const missing = await put(trendApiPaths.sharing(), 'lynne', { shareMood: false });
    expect(missing.status).toBe(400);
    expect(errorBodySchema.parse(missing.body).error.field).toBe('shareLifeLoad');
    // A tab from before the energy and drain switches: refused, never read as "share them".
    const older = await put(trendApiPaths.sharing(), 'lynne', {
      shareMood: false,
      shareLifeLoad: false,
      calendarLoad: true,
    });
    expect(older.status).toBe(400);
    expect(errorBodySchema.parse(older.body).error.field).toBe('shareEnergy');
  });
});

describe('who may read a trend', () => {
  const adelePair = { managerId: DEMO_USER_IDS.megan, reportId: DEMO_USER_IDS.adele };

  it.each([
    ['a sibling report', 'alex'],
    ['another report', 'lynne'],
    ["the manager's own manager (there is no super-viewer)", 'patti'],
  ] as const)('answers 403 to %s', async (_who, caller) => {
    const answer = await get(trendApiPaths.pair(adelePair), caller);
    expect(answer.status).toBe(403);
    expect(errorBodySchema.parse(answer.body).error.message).toMatch(/manager and its report only/);
  });

  it('answers 403 to a made-up pair, even one naming the caller', async () => {
    // Patti is not Adele's manager in the directory; Adele is not Alex's manager.
    expect(
      (await get(trendApiPaths.pair({ managerId: DEMO_USER_IDS.patti, reportId: DEMO_USER_IDS.adele }), 'patti'))
        .status,
    ).toBe(403);
    expect(
      (await get(trendApiPaths.pair({ managerId: DEMO_USER_IDS.adele, reportId: DEMO_USER_IDS.alex }), 'adele')).status,
    ).toBe(403);
  });

  it('answers the pair to its manager and to its report', async () => {
    expect((await pairTrend(adelePair, 'megan')).body.viewer.role).toBe('manager');
    const asReport = (await pairTrend(adelePair, 'adele')).body;
    expect(asReport.viewer.role).toBe('report');
    expect(asReport.managerView?.audience).toBe('manager');
  });

  it("lists a manager's current direct reports only, and nobody for someone without reports", async () => {
    const megan = (await team('megan')).body;
    expect(megan.manager.id).toBe(DEMO_USER_IDS.megan);
    expect(megan.months).toHaveLength(12);
    expect(megan.months.at(-1)).toBe('2026-11');
    expect(megan.reports.map((r) => r.report.id).sort()).toEqual(
      [DEMO_USER_IDS.adele, DEMO_USER_IDS.alex, DEMO_USER_IDS.diego, DEMO_USER_IDS.lynne].sort(),
    );
    expect((await team('adele')).body.reports).toEqual([]);
  });

  it('answers 404 on trends/me to someone the directory lists no manager for', async () => {
    const answer = await get(trendApiPaths.me(), 'patti');
    expect(answer.status).toBe(404);
    expect(errorBodySchema.parse(answer.body).error.message).toMatch(/no manager/);
  });

  it('validates ?months= and refuses other query parameters, naming them', async () => {
    expect(teamTrendsResponseSchema.parse((await get(trendApiPaths.team(3), 'megan')).body).months).toEqual([
      '2026-09',
      '2026-10',
      '2026-11',
    ]);
    for (const query of ['months=0', 'months=25', 'months=two']) {
      const answer = await get(`trends/team?${query}`, 'megan');
      expect(answer.status).toBe(400);
      expect(errorBodySchema.parse(answer.body).error.field).toBe('months');
    }
    const unknown = await get('trends/me?report=x', 'adele');
    expect(unknown.status).toBe(400);
    expect(errorBodySchema.parse(unknown.body).error.field).toBe('report');
  });

  it('answers 401 without a token', async () => {
    expect((await callApi(stack, 'GET', trendApiPaths.team())).status).toBe(401);
  });
});
