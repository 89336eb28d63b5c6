import type { TableClient } from '@azure/data-tables';
import {
  NOT_SHARED,
  teamTrendsResponseSchema,
  trendApiPaths,
  type PairTrend,
  type SignalKind,
} from '@candor/functions/contract';
import { looksLikeStatus } from '@candor/functions/domain/statusGuard/index';
import { monthsEndingAt, pairTrendOf } from '@candor/functions/domain/trends';
import { BOARDS_TABLE } from '@candor/functions/store/boardStore';
import { createTableClientFactory, type TableClientFactory } from '@candor/functions/store/tables';
import { MONTHLY_TABLE } from '@candor/functions/store/trendStore';
import { trendStores } from '@candor/functions/composition/trends';
import { startAzurite, type AzuriteHandle } from '@candor/local/azurite';
import { boardOf, planDemoHistory, seedDemoHistory, type DemoHistoryResult } from '@candor/local/demoHistory';
import {
  DEMO_MANAGER_ID,
  DEMO_TENANT_ID,
  DEMO_USER_IDS,
  demoTenantSeed,
  demoUsers,
} from '@candor/local/simulator/demoTenant';
import { startLocalStack } from '@candor/local/stack';
import { callApi } from '../../support/api';

jest.setTimeout(60_000);

/* The demo history `npm start` seeds, against a real Azurite: idempotent, and it tells the story it promises. */

const NOW = new Date('2026-11-26T10:10:00.000Z');
let azurite: AzuriteHandle;
let tables: TableClientFactory;
let first: DemoHistoryResult;

beforeAll(async () => {
  azurite = await startAzurite();
  tables = createTableClientFactory({ kind: 'connectionString', connectionString: azurite.connectionString });
  first = await seedDemoHistory({ tables, now: NOW });
});

afterAll(async () => {
  await azurite?.stop();
});

/** Every row of a table (minus the service's timestamp), sorted by key. */
async function rowsOf(client: TableClient): Promise<string[]> {
  const rows: string[] = [];
  for await (const row of client.listEntities<Record<string, unknown>>()) {
    rows.push(
      JSON.stringify(
        row,
        Object.keys(row)
          .filter((key) => key !== 'timestamp')
          .sort(),
      ),
    );
  }
  return rows.sort();
}

async function managerView(now: Date, tenantId = DEMO_TENANT_ID): Promise<Map<string, PairTrend>> {
  const trends = trendStores(tables, () => now);
  const months = monthsEndingAt(now, 12);
  const records = await trends.trendReader.managerRecords(tenantId, DEMO_MANAGER_ID, months);
  const person = (id: string) => ({ id, displayName: demoUsers().find((u) => u.id === id)?.displayName ?? id });
  const views = new Map<string, PairTrend>();
  for (const [name, id] of Object.entries(DEMO_USER_IDS)) {
    const found = records.get(id.toLowerCase());
    if (!found) continue;
    const sharing = found.sharing ?? (await trends.trendSharing.get(tenantId, id));
    views.set(
      name,
      pairTrendOf({
        manager: person(DEMO_MANAGER_ID),
        report: person(id),
        audience: 'manager',
        sharing,
        months,
        records: found.records,
        commitments: found.commitments,
        now,
      }),
    );
  }
  return views;
}

const kinds = (trend: PairTrend | undefined): SignalKind[] => trend?.signals.map((s) => s.kind) ?? [];

describe('demo history', () => {
  it('seeds a year of 1:1s once: seeding again, now or a day later, changes no row', async () => {
    expect(first.oneOnOnes).toBeGreaterThan(4 * 45);
    expect(first.written.boards).toBeGreaterThan(4 * 40);
    const monthly = await rowsOf(await tables(MONTHLY_TABLE));
    const boards = await rowsOf(await tables(BOARDS_TABLE));
    expect(monthly.length).toBeGreaterThan(4 * 12);

    const again = await seedDemoHistory({ tables, now: NOW });
    expect(again.oneOnOnes).toBe(first.oneOnOnes);
    expect(again.written).toEqual({ boards: 0, missed: 0, weeks: 0, commitments: 0, rebuiltPairs: 0, sharing: false });
    expect(await rowsOf(await tables(MONTHLY_TABLE))).toEqual(monthly);
    expect(await rowsOf(await tables(BOARDS_TABLE))).toEqual(boards);

    // The demo calendar is placed relative to the start time: a day later every weekly slot has moved by a day,
    // and still no second 1:1 appears in any week.
    const dayLater = await seedDemoHistory({ tables, now: new Date(NOW.getTime() + 86_400_000) });
    expect(dayLater.written.boards + dayLater.written.missed).toBe(0);
    expect(await rowsOf(await tables(MONTHLY_TABLE))).toEqual(monthly);
    expect(await rowsOf(await tables(BOARDS_TABLE))).toEqual(boards);
  });

  it("shows the manager the story: Alex's falling mood and rising after-hours, Diego's skipped 1:1s, Lynne's privacy and drift", async () => {
    const views = await managerView(NOW);
    expect(kinds(views.get('alex'))).toEqual(
      expect.arrayContaining([
        'moodFalling',
        'lifeLoadHighEnergyFalling',
        'energyFalling',
        'drainRising',
        'afterHoursRising',
      ]),
    );
    // Energy and drain are stated ratings: recent months carry them, and the months before the ratings existed
    // read "not stated" (answered 0, no average), never a zero.
    for (const trend of views.values()) {
      const rated = trend.months.filter((m) => m.energy !== NOT_SHARED && m.energy.answered > 0);
      expect(rated.length).toBeGreaterThanOrEqual(6);
      const oldest = trend.months[0]!;
      expect(oldest.energy).toEqual({ average: null, answered: 0, preferNot: 0, ratedIn: [] });
    }
    expect(kinds(views.get('diego'))).toEqual(expect.arrayContaining(['skippedRepeatedly', 'openPastDue']));
    expect(kinds(views.get('lynne'))).toEqual(['statusDriftRising']);
    expect(kinds(views.get('adele'))).toEqual([]);

    const lynne = views.get('lynne');
    const withMeetings = lynne?.months.filter((m) => m.held > 0) ?? [];
    expect(withMeetings.length).toBeGreaterThanOrEqual(11);
    for (const month of withMeetings) {
      expect(month.mood).toBe(NOT_SHARED);
      expect(month.lifeLoad).toBe(NOT_SHARED);
    }
    // "Prefer not to say" is counted apart, never as a number.
    const diegoMood = views.get('diego')?.months.flatMap((m) => (m.mood === NOT_SHARED ? [] : [m.mood])) ?? [];
    expect(diegoMood.some((m) => m.preferNot > 0 && m.average === 3)).toBe(true);
  });

  it('fires the same signals whatever the day of the month the demo starts on', async () => {
    for (const [i, day] of [
      '2027-01-01T08:00:00.000Z',
      '2027-03-15T16:45:00.000Z',
      '2027-06-30T23:50:00.000Z',
    ].entries()) {
      const now = new Date(day);
      // A tenant of its own per start day, in the same Azurite.
      const tenantId = `0bec0000-0000-4000-8000-00000000000${i}`;
      await seedDemoHistory({ tables, now, tenant: { ...demoTenantSeed(now), tenantId } });
      const views = await managerView(now, tenantId);
      expect({
        day,
        alex: kinds(views.get('alex')),
        diego: kinds(views.get('diego')),
        lynne: kinds(views.get('lynne')),
        adele: kinds(views.get('adele')),
      }).toEqual({
        day,
        alex: ['energyFalling', 'drainRising', 'moodFalling', 'lifeLoadHighEnergyFalling', 'afterHoursRising'],
        diego: ['openPastDue', 'skippedRepeatedly'],
        lynne: ['statusDriftRising'],
        adele: [],
      });
    }
  });

  it('lets only Lynne’s answers read like status, so the status guard speaks under hers alone', () => {
    for (const history of planDemoHistory(NOW)) {
      const nudges = history.slots
        .filter((s) => s.outcome === 'held')
        .map((slot) => boardOf(history, slot).statusGuard.nudgeCount);
      if (history.report === 'lynne') expect(nudges.some((n) => n > 0)).toBe(true);
      else
        expect({ report: history.report, nudges: nudges.filter((n) => n > 0).length }).toEqual({
          report: history.report,
          nudges: 0,
        });
    }
    expect(
      looksLikeStatus('Done: checkout mockups v3, PR #512 merged. Next: usability tests on Thursday.').isStatus,
    ).toBe(true);
  });

  it('is what `npm start` serves: the stack seeds it before the API answers, and Megan’s trend tab shows it', async () => {
    const lines: string[] = [];
    const stack = await startLocalStack({ seedHistory: true, now: () => NOW, log: (line) => lines.push(line) });
    try {
      const seeded = lines.filter((line) => line.startsWith('demo history:'));
      expect(seeded).toEqual([expect.stringMatching(/^demo history: \d{3} 1:1s over 12 months$/)]);
      const token = await stack.simulator.mintAccessToken(DEMO_MANAGER_ID);
      const answer = await callApi(stack, 'GET', trendApiPaths.team(), { token });
      expect(answer.status).toBe(200);
      const team = teamTrendsResponseSchema.parse(answer.body);
      const byName = new Map(team.reports.map((r) => [r.report.displayName, r]));
      expect(kinds(byName.get('Alex Wilber'))).toContain('moodFalling');
      expect(byName.get('Lynne Robbins')?.months.at(-1)?.mood).toBe(NOT_SHARED);
    } finally {
      await stack.stop();
    }
  });
});
