import {
  blockerApiPaths,
  blockerConflictSchema,
  blockerResponseSchema,
  errorBodySchema,
  openBlockersResponseSchema,
  pairTrendResponseSchema,
  trendApiPaths,
  type OccurrenceId,
  type RecapLine,
} from '@candor/functions/contract';
import { emptyBoard } from '@candor/functions/domain/board';
import { occurrenceIdFor } from '@candor/functions/domain/occurrences';
import { createBlockerStore } from '@candor/functions/store/blockerStore';
import { BOARDS_TABLE, createTableBoardStore } from '@candor/functions/store/boardStore';
import { createTableClientFactory } from '@candor/functions/store/tables';
import type { PairKey } from '@candor/functions/application/trends';
import { trendStores, type TrendStores } from '@candor/functions/composition/trends';
import { startLocalStack, type LocalStack } from '@candor/local/stack';
import { DEMO_USER_IDS } from '@candor/local/simulator/demoTenant';
import { callApi } from '../../support/api';

jest.setTimeout(60_000);

/*
 * Blockers through the HTTP stack: a blocker a recap named stays open — on the board's list, in the trend's open list
 * and in the openPastDue signal — until either person marks it resolved, however many recaps come after. Marking is
 * idempotent, a stale change answers 409 with the current state, and a rebuild from the boards gives the same trend.
 */

const T0 = new Date('2026-11-25T09:10:00.000Z');
let stack: LocalStack;
let trends: TrendStores;
const people = ['megan', 'alex', 'adele'] as const;
type Who = (typeof people)[number];
const tokens = {} as Record<Who, string>;

beforeAll(async () => {
  stack = await startLocalStack({ now: () => T0 });
  for (const who of people) tokens[who] = await stack.simulator.mintAccessToken(DEMO_USER_IDS[who]);
  trends = trendStores(tables(), () => T0);
}, 60_000);
afterAll(async () => {
  await stack?.stop();
});

const tables = () =>
  createTableClientFactory({
    kind: 'connectionString',
    connectionString: stack.functionsEnv.TABLES_CONNECTION_STRING!,
  });
const get = (path: string, who: Who) => callApi(stack, 'GET', path, { token: tokens[who] });
const put = (path: string, who: Who, body: unknown) => callApi(stack, 'PUT', path, { token: tokens[who], body });

const pair = (): PairKey => ({
  tenantId: stack.simulator.tenantId,
  managerId: DEMO_USER_IDS.megan,
  reportId: DEMO_USER_IDS.alex,
});
const SERIES = 'AAMkblockers-series';
const occ = (start: string): OccurrenceId => occurrenceIdFor(start, SERIES);
const NAMED = '2026-10-01T13:00:00.000Z';
const LATER = '2026-10-22T13:00:00.000Z';

/** A held 1:1 closed with `lines`, written into the boards table and recorded as the recap's save would be. */
async function closedBoard(start: string, lines: [RecapLine, RecapLine]): Promise<OccurrenceId> {
  const occurrenceId = occ(start);
  const board = emptyBoard({ subject: '1:1', start, end: new Date(Date.parse(start) + 1_800_000).toISOString() });
  board.recap = { lines, savedBy: DEMO_USER_IDS.megan, savedAt: new Date(Date.parse(start) + 1_500_000).toISOString() };
  await createTableBoardStore(tables()).create({ ...pair(), occurrenceId }, board);
  await trends.trendRecorder.recordOccurrence(pair(), occurrenceId);
  return occurrenceId;
}

async function open(who: Who) {
  const answer = await get(blockerApiPaths.openBlockers(pair()), who);
  expect(answer.status).toBe(200);
  return openBlockersResponseSchema.parse(answer.body).blockers;
}

async function trend() {
  const answer = await get(trendApiPaths.pair(pair()), 'megan');
  expect(answer.status).toBe(200);
  return pairTrendResponseSchema.parse(answer.body).trend;
}

let named: OccurrenceId;

beforeAll(async () => {
  named = await closedBoard(NAMED, [
    { text: 'Waiting on the data contract from legal', tags: ['blocker'] },
    { text: 'Raising risks early saved a sprint', tags: ['learning'] },
  ]);
  // A later recap that does not mention it: under the old rule this closed the blocker.
  await closedBoard(LATER, [
    { text: 'The migration is done', tags: ['learning'] },
    { text: 'Time with the platform lead', tags: ['supportNeed'] },
  ]);
});

describe('a blocker named in a recap', () => {
  it('stays open past a later recap: on both people’s list, in the trend and in the openPastDue signal', async () => {
    const expected = {
      occurrenceId: named,
      line: 0,
      text: 'Waiting on the data contract from legal',
      ageDays: 54,
      overdue: true,
      resolved: false,
      revision: 0,
    };
    expect(await open('megan')).toEqual([expect.objectContaining(expected)]);
    expect(await open('alex')).toEqual([expect.objectContaining(expected)]);
    const t = await trend();
    expect(t.openBlockers).toEqual([expect.objectContaining({ occurrenceId: named, line: 0, overdue: true })]);
    expect(t.signals.find((s) => s.kind === 'openPastDue')?.why).toContain(
      '1 blocker open more than 21 days and not marked resolved: named 1 Oct (54 days ago)',
    );
  });

  it('is gone from every list once either person marks it resolved; doing it again changes nothing', async () => {
    const resolved = await put(blockerApiPaths.blocker(pair(), named, 0), 'alex', { resolved: true, baseRevision: 0 });
    expect(resolved.status).toBe(200);
    expect(blockerResponseSchema.parse(resolved.body).blocker).toMatchObject({
      resolved: true,
      resolvedBy: DEMO_USER_IDS.alex.toLowerCase(),
      resolvedAt: T0.toISOString(),
      revision: 1,
    });
    expect(await open('megan')).toEqual([]);
    const t = await trend();
    expect(t.openBlockers).toEqual([]);
    expect(t.signals.map((s) => s.kind)).not.toContain('openPastDue');

    // A retry, and Megan pressing the same button from what she saw before: both succeed, nothing changes.
    for (const who of ['alex', 'megan'] as const) {
      const again = await put(blockerApiPaths.blocker(pair(), named, 0), who, { resolved: true, baseRevision: 0 });
      expect(again.status).toBe(200);
      expect(blockerResponseSchema.parse(again.body).blocker.revision).toBe(1);
    }
  });

  it('answers 409 with the current state when reopening from a stale view, and reopens from the current one', async () => {
    const stale = await put(blockerApiPaths.blocker(pair(), named, 0), 'megan', { resolved: false, baseRevision: 0 });
    expect(stale.status).toBe(409);
    expect(blockerConflictSchema.parse(stale.body).current).toMatchObject({ resolved: true, revision: 1 });
    const reopened = await put(blockerApiPaths.blocker(pair(), named, 0), 'megan', {
      resolved: false,
      baseRevision: 1,
    });
    expect(reopened.status).toBe(200);
    expect((await open('alex')).map((b) => [b.occurrenceId, b.revision])).toEqual([[named, 2]]);
    expect((await trend()).openBlockers.map((b) => b.occurrenceId)).toEqual([named]);
  });

  it('gives the same trend from a rebuild as from the incremental path, open or resolved', async () => {
    const incremental = await trend();
    await trends.trendRecorder.rebuildPair(pair());
    expect(await trend()).toEqual(incremental);

    expect(
      (await put(blockerApiPaths.blocker(pair(), named, 0), 'alex', { resolved: true, baseRevision: 2 })).status,
    ).toBe(200);
    const resolved = await trend();
    await trends.trendRecorder.rebuildPair(pair());
    expect(await trend()).toEqual(resolved);
    expect(resolved.openBlockers).toEqual([]);
  });

  it('refuses a line that names no blocker, a meeting without a recap, and malformed requests, saying what is wrong', async () => {
    const notABlocker = await put(blockerApiPaths.blocker(pair(), named, 1), 'megan', {
      resolved: true,
      baseRevision: 0,
    });
    expect(notABlocker.status).toBe(404);
    expect(errorBodySchema.parse(notABlocker.body).error.message).toMatch(/names no blocker/);
    const noBoard = await put(blockerApiPaths.blocker(pair(), occ('2026-11-19T13:00:00.000Z'), 0), 'megan', {
      resolved: true,
      baseRevision: 0,
    });
    expect(noBoard.status).toBe(404);
    const badLine = await put(`${blockerApiPaths.blocker(pair(), named, 0).slice(0, -1)}2`, 'megan', {
      resolved: true,
      baseRevision: 0,
    });
    expect(badLine.status).toBe(400);
    expect(JSON.stringify(badLine.body)).toMatch(/recap line, 0 or 1/);
    const badBody = await put(blockerApiPaths.blocker(pair(), named, 0), 'megan', { resolved: 'yes' });
    expect(badBody.status).toBe(400);
  });

  it('is the tenant’s own: a resolution stored under another tenant for the same ids resolves nothing here', async () => {
    const foreign = { ...pair(), tenantId: '0e1d2c3b-4a59-4687-9a8b-7c6d5e4f3a2b' };
    const blockers = createBlockerStore(() => tables()(BOARDS_TABLE));
    const current = (await open('megan')).find((b) => b.occurrenceId === named);
    const reopened = await put(blockerApiPaths.blocker(pair(), named, 0), 'megan', {
      resolved: false,
      baseRevision: current?.revision ?? 3,
    });
    expect(reopened.status).toBe(200);
    const resolved = { resolved: true, resolvedBy: DEMO_USER_IDS.megan, resolvedAt: T0.toISOString(), revision: 9 };
    expect(await blockers.save(foreign, { occurrenceId: named, line: 0 }, resolved, null)).toBe('saved');
    await trends.trendRecorder.recordOccurrence(pair(), named);
    expect((await open('alex')).map((b) => [b.occurrenceId, b.resolved])).toEqual([[named, false]]);
    expect((await trend()).openBlockers.map((b) => b.occurrenceId)).toEqual([named]);
  });

  it('is the pair’s only: another report of the same manager cannot read or mark it', async () => {
    expect((await get(blockerApiPaths.openBlockers(pair()), 'adele')).status).toBe(403);
    const marked = await put(blockerApiPaths.blocker(pair(), named, 0), 'adele', { resolved: false, baseRevision: 3 });
    expect(marked.status).toBe(403);
  });
});
