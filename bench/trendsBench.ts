/**
 * `npm run bench:trends`: what a manager's trend load costs. One manager of the simulator's generated tenant with
 * 12 direct reports, each with 24 months of weekly 1:1s written through the product's stores (the demo history's
 * writer: boards, commitments, skipped and cancelled 1:1s, weeks of calendar load, then a rebuild of every pair's
 * month rows). From one run it prints:
 *   - p50/p99 of GET /api/trends/team?months=24 through the HTTP stack: the local functions host, JWT validation
 *     against the simulator's JWKS, query validation, the org chart (cached by the gateway after the first load),
 *     ONE partition query of the monthly table in Azurite, the domain's trend and signal rules, JSON;
 *   - p50/p99 of a bare @azure/data-tables listEntities of the same rows (same partition, same RowKey ranges and
 *     filter) against the same Azurite, interleaved with the HTTP loads so both see the same machine;
 *   - their p99 ratio (goal ≤ 3);
 *   - Table Storage transactions per trend load, counted by a pass-through in front of Azurite (every request the
 *     functions make to Table Storage, whichever store makes it), on a second functions host after its warm-up.
 * The last line is the result as JSON, for a later `npm run bench` to collect; `runTrendsBench()` returns it.
 *
 * Usage: npm run bench:trends [-- <loads, default 200>]
 */
import fs from 'node:fs';
import path from 'node:path';
import { TableClient, odata } from '@azure/data-tables';
import { teamTrendsResponseSchema, type Month } from '@candor/functions/contract';
import { loadConfig } from '@candor/functions/config';
import { monthsEndingAt } from '@candor/functions/domain/trends';
import { buildRoutes } from '@candor/functions/routes';
import { createServices } from '@candor/functions/composition';
import { createTableClientFactory } from '@candor/functions/store/tables';
import { MONTHLY_TABLE, monthlyPartitionKey } from '@candor/functions/store/trendStore';
import { startAzurite } from '@candor/local/azurite';
import { DEMO_STORY_REPORTS } from '@candor/local/demoStory';
import { planPairHistory, writeHistories, type PairHistory } from '@candor/local/demoHistory';
import { startFunctionsHost, type FunctionsHost } from '@candor/local/functionsHost';
import { startSimulator, type Simulator } from '@candor/local/simulator/index';
import { API_CLIENT_ID, API_SCOPE } from '@candor/local/simulator/demoTenant';
import { generatedTenantSeed, type GeneratedTenant } from '@candor/local/simulator/generatedTenant';
import { oneOnOnes } from '@candor/local/simulator/oneOnOnes';
import { startTableRequestCounter } from './tableRequestCounter';

const REPORTS = 12;
const MONTHS = 24;
const WARM_UP = 20;
const COUNTED_LOADS = 20;
const TENANT_ID = '0bec0000-0000-4000-8000-000000000006';

export interface TrendsBenchResult {
  bench: 'trends';
  reports: number;
  months: number;
  oneOnOnes: number;
  rows: number;
  loads: number;
  responseBytes: number;
  http: { p50Ms: number; p99Ms: number };
  bare: { p50Ms: number; p99Ms: number };
  p99Ratio: number;
  goalP99Ratio: 3;
  tableTransactionsPerLoad: number;
  tableTransactionsByTable: Record<string, number>;
  bareTransactionsPerQuery: number;
  seedSeconds: number;
}

/** Nearest-rank percentile of a sample. */
function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN;
}

const round = (n: number, digits = 2): number => Math.round(n * 10 ** digits) / 10 ** digits;

function histories(tenant: GeneratedTenant, now: Date, months: readonly Month[]): PairHistory[] {
  const managerId = tenant.managerIds[0] ?? '';
  const series = oneOnOnes(tenant.seed);
  return tenant.reportIdsOf(0).map((reportId, j) => {
    const found = series.find((s) => s.meetingKey === tenant.oneOnOneKey(0, j));
    const meeting = tenant.seed.meetings.find((m) => m.key === found?.meetingKey);
    if (!found || !meeting) throw new Error(`no 1:1 series for report ${j}`);
    // The demo's four stories in turn: steady, falling, skipping, private and drifting.
    const report = DEMO_STORY_REPORTS[j % DEMO_STORY_REPORTS.length] ?? 'adele';
    return planPairHistory({
      report,
      pair: { tenantId: tenant.seed.tenantId, managerId, reportId },
      meeting,
      chatId: found.chatId,
      months,
      now,
    });
  });
}

function functionsEnv(simulator: Simulator, connectionString: string): Record<string, string> {
  return {
    TABLES_CONNECTION_STRING: connectionString,
    AUTH_AUTHORITY_HOST: simulator.url,
    AUTH_TENANT_ID: simulator.tenantId,
    AUTH_CLIENT_ID: API_CLIENT_ID,
    AUTH_REQUIRED_SCOPE: API_SCOPE,
    GRAPH_BASE_URL: simulator.url,
    GRAPH_CLIENT_SECRET: simulator.clientSecret,
  };
}

async function startHost(simulator: Simulator, connectionString: string, now: Date): Promise<FunctionsHost> {
  const services = createServices(loadConfig(functionsEnv(simulator, connectionString)), { clock: () => now });
  // Quiet: a log line per request would be measured too.
  return startFunctionsHost({ port: 0, routes: buildRoutes(services), log: () => undefined });
}

export async function runTrendsBench(
  loads = 200,
  print: (line: string) => void = console.log,
): Promise<TrendsBenchResult> {
  const now = new Date();
  const tenant = generatedTenantSeed({
    managers: 1,
    reportsPerManager: REPORTS,
    otherMeetingsPerWeek: 0,
    now,
    tenantId: TENANT_ID,
  });
  const managerId = tenant.managerIds[0] ?? '';
  const dir = process.env.CANDOR_TLS_DIR ?? '';
  const tls = {
    key: fs.readFileSync(path.join(dir, 'key.pem'), 'utf8'),
    cert: fs.readFileSync(path.join(dir, 'cert.pem'), 'utf8'),
  };
  const azurite = await startAzurite();
  const stops: Array<() => Promise<void>> = [() => azurite.stop()];
  try {
    const simulator = await startSimulator({ port: 0, tls, seed: tenant.seed, now: () => now });
    stops.unshift(() => simulator.close());
    const counter = await startTableRequestCounter(azurite);
    stops.unshift(() => counter.close());

    const months = monthsEndingAt(now, MONTHS);
    const planned = histories(tenant, now, months);
    const oneOnOneCount = planned.reduce((n, h) => n + h.slots.length, 0);
    print(
      `trend load benchmark: 1 manager × ${REPORTS} reports × ${MONTHS} months of weekly 1:1s in Azurite, GET trends/team?months=${MONTHS}`,
    );
    const seedStarted = performance.now();
    const tables = createTableClientFactory({ kind: 'connectionString', connectionString: azurite.connectionString });
    await writeHistories({ tables, now, months, histories: planned });
    const seedSeconds = (performance.now() - seedStarted) / 1000;

    const host = await startHost(simulator, azurite.connectionString, now);
    stops.unshift(() => host.close());
    const token = await simulator.mintAccessToken(managerId);
    const url = `${host.url}/trends/team?months=${MONTHS}`;
    const httpLoad = async (base = url): Promise<number> => {
      const response = await fetch(base, { headers: { authorization: `Bearer ${token}` } });
      const body = await response.text();
      if (response.status !== 200)
        throw new Error(`GET trends/team answered ${response.status}: ${body.slice(0, 300)}`);
      return body.length;
    };

    // The bare query: exactly the rows the trend reader asks for (see store/trendStore.ts rowsOf).
    const sorted = [...months].sort();
    const filter =
      odata`PartitionKey eq ${monthlyPartitionKey(TENANT_ID, managerId)} and ` +
      `(${odata`(RowKey gt ${`m|${sorted[0]}|`} and RowKey lt ${`m|${sorted.at(-1)}|~`} and kind eq ${'month'})`} or ` +
      `(${odata`(RowKey gt ${'p|'} and RowKey lt ${'p|~'})`} and kind eq 'pair'))`;
    const bareQuery = async (client: TableClient): Promise<number> => {
      let rows = 0;
      for await (const page of client.listEntities({ queryOptions: { filter } }).byPage()) rows += page.length;
      return rows;
    };
    const bare = TableClient.fromConnectionString(azurite.connectionString, MONTHLY_TABLE, {
      allowInsecureConnection: true,
    });

    // What one load answers: every report, every month.
    const first = teamTrendsResponseSchema.parse(
      await (await fetch(url, { headers: { authorization: `Bearer ${token}` } })).json(),
    );
    if (first.reports.length !== REPORTS || first.reports.some((r) => r.months.length !== MONTHS)) {
      throw new Error(`expected ${REPORTS} reports × ${MONTHS} months, got ${first.reports.length} reports`);
    }
    const rows = await bareQuery(bare);
    print(
      `seed             ${oneOnOneCount} 1:1s written through the stores and rebuilt into ${rows} rows in ${seedSeconds.toFixed(1)} s ` +
        `(${first.reports.reduce((n, r) => n + r.signals.length, 0)} signals firing)`,
    );

    for (let i = 0; i < WARM_UP; i++) {
      await httpLoad();
      await bareQuery(bare);
    }
    const httpMs: number[] = [];
    const bareMs: number[] = [];
    let responseBytes = 0;
    for (let i = 0; i < loads; i++) {
      // Interleaved, so a busy moment of the machine lands on both.
      let started = performance.now();
      responseBytes = await httpLoad();
      httpMs.push(performance.now() - started);
      started = performance.now();
      await bareQuery(bare);
      bareMs.push(performance.now() - started);
    }
    httpMs.sort((a, b) => a - b);
    bareMs.sort((a, b) => a - b);

    // Transactions: a second host whose every Table Storage request passes the counter.
    const counted = await startHost(simulator, counter.connectionString, now);
    stops.unshift(() => counted.close());
    const countedUrl = `${counted.url}/trends/team?months=${MONTHS}`;
    for (let i = 0; i < 3; i++) await httpLoad(countedUrl);
    counter.reset();
    for (let i = 0; i < COUNTED_LOADS; i++) await httpLoad(countedUrl);
    const byTable = Object.fromEntries(
      Object.entries(counter.counts()).map(([table, n]) => [table, round(n / COUNTED_LOADS)]),
    );
    const perLoad = counter.total() / COUNTED_LOADS;
    const countedBare = TableClient.fromConnectionString(counter.connectionString, MONTHLY_TABLE, {
      allowInsecureConnection: true,
    });
    counter.reset();
    for (let i = 0; i < COUNTED_LOADS; i++) await bareQuery(countedBare);
    const barePerQuery = counter.total() / COUNTED_LOADS;

    const result: TrendsBenchResult = {
      bench: 'trends',
      reports: REPORTS,
      months: MONTHS,
      oneOnOnes: oneOnOneCount,
      rows,
      loads,
      responseBytes,
      http: { p50Ms: round(percentile(httpMs, 50)), p99Ms: round(percentile(httpMs, 99)) },
      bare: { p50Ms: round(percentile(bareMs, 50)), p99Ms: round(percentile(bareMs, 99)) },
      p99Ratio: round(percentile(httpMs, 99) / percentile(bareMs, 99)),
      goalP99Ratio: 3,
      tableTransactionsPerLoad: round(perLoad),
      tableTransactionsByTable: byTable,
      bareTransactionsPerQuery: round(barePerQuery),
      seedSeconds: round(seedSeconds, 1),
    };
    const ms = (n: number): string => `${n.toFixed(1).padStart(6)} ms`;
    print(
      `HTTP  GET trends/team?months=${MONTHS}   p50 ${ms(result.http.p50Ms)} | p99 ${ms(result.http.p99Ms)} | ${loads} loads after ${WARM_UP} warm-up, ${(responseBytes / 1024).toFixed(0)} KiB each`,
    );
    print(
      `bare  listEntities, same rows      p50 ${ms(result.bare.p50Ms)} | p99 ${ms(result.bare.p99Ms)} | ${loads} queries, ${rows} rows each`,
    );
    print(
      `p99 ratio HTTP / bare              ${result.p99Ratio.toFixed(2)} (goal ≤ ${result.goalP99Ratio}: ${result.p99Ratio <= result.goalP99Ratio ? 'met' : 'NOT met'})`,
    );
    print(
      `Table Storage transactions per trend load ${result.tableTransactionsPerLoad} ` +
        `(${Object.entries(byTable)
          .map(([table, n]) => `${table} ${n}`)
          .join(', ')}); the bare query ${result.bareTransactionsPerQuery}`,
    );
    print(JSON.stringify(result));
    return result;
  } finally {
    for (const stop of stops) await stop().catch(() => undefined);
  }
}

if (require.main === module) {
  runTrendsBench(Number(process.argv[2] ?? 200)).catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
