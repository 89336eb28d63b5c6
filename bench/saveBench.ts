/**
 * `npm run bench:save`: board saves under open-loop load through the real HTTP stack (the local functions host of
 * startLocalStack: JWT validation against the simulator's JWKS, schema validation, the org chart, the board store's
 * guarded transaction in Azurite), in a child process; this process is the load. Field edits across 50 boards of a
 * generated tenant, 20 % of them pairs of saves by both people of one board at the same instant.
 *
 * The floor is a bare getEntity + upsertEntity pair against the same Azurite on the same schedule. The two loads run
 * one after the other, never at once: on a small machine two loads at once measure their queueing, not the stack. At
 * each rate (100 and 200 saves/s by default, 20 s each) it prints p50/p99 of both (from each save's scheduled instant
 * to its acknowledgement) and their ratios (goal ≤ 2 at p99 at the first rate); then capacity: a stepped search for the
 * highest rate at which each keeps p99 ≤ 100 ms. Then `lost edits: N`: every board is read back through the API and
 * every acknowledged edit must be in it. Exits non-zero when an edit is lost. The last line is the result as JSON for
 * `npm run bench`.
 *
 * Usage: npm run bench:save [-- --rates 100,200 --seconds 20 --boards 50 --concurrent-share 0.2
 *                              --capacity on|off --capacity-seconds 5 --fault restart|crash]
 *   --rate N:        one rate instead of --rates.
 *   --fault restart: Azurite (persisting to disk) is stopped (SIGINT: it saves its tables on the way out) and
 *                    started again on the same port halfway through the HTTP load at the first rate; the clients
 *                    retry. Capacity is not searched in a fault run unless asked for.
 *   --fault crash:   the same with SIGKILL. Azurite writes its tables to disk every 5 s, so this also loses what
 *                    Azurite itself acknowledged since; lost edits then measure Azurite, not Candor.
 */
import { spawn } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { apiPaths, boardViewSchema, TEXT_FIELD_IDS, TEXT_FIELD_MAX_LENGTH } from '@candor/functions/contract';
import { BareSaver, fieldKey, HttpSaver, type BenchBoard } from './saveClients';
import { lostEdits, markerOf, percentile, planSaves, seededRandom, type PlannedSave } from './saveLoad';
import {
  measuredPhase,
  round,
  runPhase,
  searchCapacity,
  sortedCopy,
  type Capacity,
  type CpuPerSave,
  type CpuTotals,
} from './savePhases';
import type { SaveServersInfo } from './saveServers';

const WARM_UP_SECONDS = 2;
const BARE_TABLE = 'benchbare';
const CAPACITY_STEPS = [50, 100, 150, 200, 250, 300, 400, 500, 600, 800] as const;

export interface SaveBenchOptions {
  rates: number[];
  seconds: number;
  boards: number;
  concurrentShare: number;
  fault: 'none' | 'restart' | 'crash';
  seed: number;
  /** Search capacity (default: only without a fault). */
  capacity: boolean;
  capacitySeconds: number;
}

interface Figures {
  p50Ms: number;
  p99Ms: number;
}

export interface RateResult {
  rate: number;
  http: Figures & {
    concurrentP99Ms: number;
    sent: number;
    acknowledged: number;
    conflictsRebased: number;
    retried: number;
    failed: number;
    requests: number;
    /** Schedule slip: how late the load generator fired saves (p99, ms); large = the client was the bottleneck. */
    dispatchLagP99Ms: number;
    cpuMsPerSave: CpuPerSave;
  };
  bare: Figures & {
    sent: number;
    acknowledged: number;
    retried: number;
    failed: number;
    dispatchLagP99Ms: number;
    cpuMsPerSave: CpuPerSave;
  };
  p50Ratio: number;
  p99Ratio: number;
}

export interface SaveBenchResult {
  bench: 'save';
  fault: SaveBenchOptions['fault'];
  seconds: number;
  boards: number;
  concurrentShare: number;
  runs: RateResult[];
  /** The first rate's p99 ratio, the figure the goal is about. */
  p99Ratio: number;
  goalP99Ratio: 2;
  capacity: Capacity | null;
  lostEdits: number;
  azuriteRestartMs: number | null;
}

export function parseSaveBenchArgs(argv: readonly string[]): SaveBenchOptions {
  const options: SaveBenchOptions = {
    rates: [100, 200],
    seconds: 20,
    boards: 50,
    concurrentShare: 0.2,
    fault: 'none',
    seed: 9,
    capacity: true,
    capacitySeconds: 5,
  };
  let capacity: boolean | null = null;
  for (let i = 0; i < argv.length; i += 2) {
    const [flag, value] = [argv[i], argv[i + 1] ?? ''];
    const number = Number(value);
    if (flag === '--fault') {
      if (value !== 'restart' && value !== 'crash' && value !== 'none')
        throw new Error('--fault is restart, crash or none');
      options.fault = value;
    } else if (flag === '--capacity') {
      if (value !== 'on' && value !== 'off') throw new Error('--capacity is on or off');
      capacity = value === 'on';
    } else if (flag === '--rates') {
      const rates = value.split(',').map(Number);
      if (rates.some((r) => !Number.isFinite(r) || r <= 0))
        throw new Error('--rates needs positive numbers, e.g. 100,200');
      options.rates = rates;
    } else if (
      flag === '--rate' ||
      flag === '--capacity-seconds' ||
      flag === '--seconds' ||
      flag === '--boards' ||
      flag === '--concurrent-share' ||
      flag === '--seed'
    ) {
      if (!Number.isFinite(number) || number <= 0) throw new Error(`${flag} needs a positive number`);
      if (flag === '--rate') options.rates = [number];
      if (flag === '--capacity-seconds') options.capacitySeconds = number;
      if (flag === '--seconds') options.seconds = number;
      if (flag === '--boards') options.boards = Math.round(number);
      if (flag === '--concurrent-share') options.concurrentShare = Math.min(1, number);
      if (flag === '--seed') options.seed = number;
    } else {
      throw new Error(`unknown flag ${flag}`);
    }
  }
  options.capacity = capacity ?? options.fault === 'none';
  return options;
}

interface Servers {
  info: SaveServersInfo;
  /** Restarts Azurite; resolves with how long it took. */
  restartAzurite(how: 'interrupt' | 'kill'): Promise<number>;
  /** CPU time used so far (ms) by the API's process and by Azurite (null where /proc is missing). */
  cpu(): Promise<CpuTotals>;
  stop(): Promise<void>;
}

async function startServers(boards: number, persistTo: string | null): Promise<Servers> {
  // CANDOR_BENCH_CPU_PROF=<folder> writes a CPU profile of the API's process there (where does a save's time go?).
  const profile = process.env.CANDOR_BENCH_CPU_PROF
    ? ['--cpu-prof', `--cpu-prof-dir=${process.env.CANDOR_BENCH_CPU_PROF}`]
    : [];
  const child = spawn(
    process.execPath,
    [...profile, path.join(__dirname, 'saveServers.js'), String(boards), persistTo ?? 'memory'],
    {
      stdio: ['pipe', 'pipe', 'inherit'],
      env: process.env,
    },
  );
  const lines = createInterface({ input: child.stdout });
  const waiting: Array<(line: string) => void> = [];
  lines.on('line', (line) => waiting.shift()?.(line));
  const nextLine = (): Promise<string> =>
    new Promise((resolve, reject) => {
      const exited = (code: number | null): void => reject(new Error(`bench servers exited with ${code}`));
      child.once('exit', exited);
      waiting.push((line) => {
        child.off('exit', exited);
        resolve(line);
      });
    });
  const info = JSON.parse(await nextLine()) as SaveServersInfo;
  return {
    info,
    restartAzurite: async (how) => {
      const answer = nextLine();
      child.stdin.write(`restart ${how}\n`);
      const line = await answer;
      const match = /^restarted (\d+)$/.exec(line);
      if (!match) throw new Error(`Azurite restart: ${line}`);
      return Number(match[1]);
    },
    cpu: async () => {
      const answer = nextLine();
      child.stdin.write('cpu\n');
      const line = await answer;
      if (!line.startsWith('cpu ')) throw new Error(`CPU reading: ${line}`);
      return JSON.parse(line.slice(4)) as CpuTotals;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.stdin.end();
      }),
  };
}

/** Opens every pair's board as the tab does (GET meetings/{chatId}/board creates it on first open). */
async function openBoards(info: SaveServersInfo): Promise<BenchBoard[]> {
  return Promise.all(
    info.pairs.map(async (pair) => {
      const manager = info.tokens[pair.managerId] ?? '';
      const report = info.tokens[pair.reportId] ?? '';
      const response = await fetch(`${info.apiBaseUrl}/${apiPaths.meetingBoard(pair.chatId)}`, {
        headers: { authorization: `Bearer ${manager}` },
      });
      const text = await response.text();
      if (response.status !== 200)
        throw new Error(`opening a board answered ${response.status}: ${text.slice(0, 300)}`);
      const view = boardViewSchema.parse(JSON.parse(text));
      return { ref: view.ref, tokens: { manager, report } };
    }),
  );
}

/** The field texts the server holds at the end, read through the API as the tab would. */
async function readBack(apiBaseUrl: string, boards: readonly BenchBoard[]): Promise<Map<string, string>> {
  const final = new Map<string, string>();
  await Promise.all(
    boards.map(async (board, index) => {
      const response = await fetch(`${apiBaseUrl}/${apiPaths.board(board.ref)}`, {
        headers: { authorization: `Bearer ${board.tokens.manager}` },
      });
      if (response.status !== 200) throw new Error(`reading board ${index} back answered ${response.status}`);
      const view = boardViewSchema.parse(await response.json());
      for (const id of TEXT_FIELD_IDS) final.set(fieldKey(index, id), view.fields[id]?.text ?? '');
    }),
  );
  return final;
}

/** Refuses a run whose texts would outgrow a field's limit (every save adds one word). */
function checkTextLimits(plans: readonly PlannedSave[][]): void {
  const edits = new Map<string, { count: number; field: PlannedSave['field'] }>();
  for (const plan of plans) {
    for (const s of plan) {
      const key = fieldKey(s.board, s.field);
      edits.set(key, { count: (edits.get(key)?.count ?? 0) + 1, field: s.field });
    }
  }
  for (const [key, { count, field }] of edits) {
    if (count * (markerOf(count).length + 1) > TEXT_FIELD_MAX_LENGTH[field]) {
      throw new Error(
        `field ${key} would get ${count} edits, more text than ${field} takes: lower --rate × --seconds or raise --boards`,
      );
    }
  }
}

export async function runSaveBench(
  options: SaveBenchOptions,
  print: (line: string) => void = console.log,
): Promise<SaveBenchResult> {
  const random = seededRandom(options.seed);
  const firstRate = options.rates[0] ?? 100;
  const warmUp = planSaves({ ...options, rate: firstRate, seconds: WARM_UP_SECONDS, random });
  const plans = options.rates.map((rate) => planSaves({ ...options, rate, random }));
  const capacityPlans = new Map(
    (options.capacity ? CAPACITY_STEPS : []).map((rate) => [
      rate,
      planSaves({ ...options, rate, seconds: options.capacitySeconds, random }),
    ]),
  );
  // Every plan may reach the API (capacity's only up to the first step that misses), so all count against the limits.
  checkTextLimits([warmUp, ...plans, ...capacityPlans.values()]);
  const persistTo = options.fault === 'none' ? null : path.join(os.tmpdir(), `candor-bench-save-${process.pid}`);
  const servers = await startServers(options.boards, persistTo);
  try {
    const boards = await openBoards(servers.info);
    const http = new HttpSaver(servers.info.apiBaseUrl, boards);
    const bare = new BareSaver(servers.info.tablesConnectionString, BARE_TABLE);
    await bare.seed(boards.length);
    const concurrentSaves = plans[0]?.filter((s) => s.concurrent).length ?? 0;
    // The API, Azurite and this load share the machine: what else runs on it shows in every figure below.
    print(
      `machine: ${os.cpus().length} CPUs, load average ${os.loadavg()[0]?.toFixed(1)} at start, Node ${process.version}`,
    );
    print(
      `board save benchmark: ${options.rates.join(' and ')} saves/s for ${options.seconds} s each, open loop, over ${boards.length} boards ` +
        `(${((concurrentSaves / (plans[0]?.length ?? 1)) * 100).toFixed(0)} % in pairs by both people of one board at once); ` +
        `the HTTP load and the bare load one after the other` +
        `${persistTo ? `; Azurite on disk, ${options.fault === 'crash' ? 'SIGKILLed' : 'stopped (SIGINT)'} and restarted ${options.seconds / 2} s into the HTTP load at ${firstRate}/s` : ''}`,
    );

    // Warm-up: connections, JIT, token and org-chart caches. Its edits are checked at the end too, but not counted.
    http.measuring = false;
    bare.measuring = false;
    await runPhase(warmUp, http);
    await runPhase(warmUp, bare);
    http.measuring = true;
    bare.measuring = true;

    const ms = (n: number): string => `${n.toFixed(1).padStart(7)} ms`;
    let azuriteRestartMs: number | null = null;
    const runs: RateResult[] = [];
    for (const [index, plan] of plans.entries()) {
      const rate = options.rates[index] ?? firstRate;
      const fault =
        persistTo && index === 0
          ? new Promise<number>((resolve, reject) =>
              setTimeout(
                () => {
                  servers.restartAzurite(options.fault === 'crash' ? 'kill' : 'interrupt').then(resolve, reject);
                },
                (options.seconds * 1000) / 2,
              ),
            )
          : null;
      const { lags: httpLags, cpu: httpCpu } = await measuredPhase(plan, http, () => servers.cpu(), fault !== null);
      if (fault) azuriteRestartMs = await fault;
      const httpMs = sortedCopy(http.latencies);
      const pairMs = sortedCopy(http.concurrentLatencies);
      const httpCounts = { ...http.counts };
      const { lags: bareLags, cpu: bareCpu } = await measuredPhase(plan, bare, () => servers.cpu(), false);
      const bareMs = sortedCopy(bare.latencies);
      const run: RateResult = {
        rate,
        http: {
          p50Ms: round(percentile(httpMs, 50)),
          p99Ms: round(percentile(httpMs, 99)),
          concurrentP99Ms: round(percentile(pairMs, 99)),
          ...httpCounts,
          dispatchLagP99Ms: round(percentile(httpLags, 99)),
          cpuMsPerSave: httpCpu,
        },
        bare: {
          p50Ms: round(percentile(bareMs, 50)),
          p99Ms: round(percentile(bareMs, 99)),
          ...bare.counts,
          dispatchLagP99Ms: round(percentile(bareLags, 99)),
          cpuMsPerSave: bareCpu,
        },
        p50Ratio: round(percentile(httpMs, 50) / percentile(bareMs, 50)),
        p99Ratio: round(percentile(httpMs, 99) / percentile(bareMs, 99)),
      };
      runs.push(run);
      const c = run.http;
      print(`— ${rate} saves/s for ${options.seconds} s, each load alone`);
      print(
        `HTTP  PUT …/fields/{fieldId}          p50 ${ms(c.p50Ms)} | p99 ${ms(c.p99Ms)} | p99 of the concurrent pairs ${ms(c.concurrentP99Ms).trim()}`,
      );
      print(
        `      saves sent ${c.sent}, acknowledged ${c.acknowledged}, conflicts re-based ${c.conflictsRebased}, retried ${c.retried}, failed ${c.failed} (${c.requests} requests); schedule slip p99 ${c.dispatchLagP99Ms.toFixed(1)} ms`,
      );
      print(`bare  getEntity + upsertEntity         p50 ${ms(run.bare.p50Ms)} | p99 ${ms(run.bare.p99Ms)}`);
      print(
        `      pairs sent ${run.bare.sent}, acknowledged ${run.bare.acknowledged}, retried ${run.bare.retried}, failed ${run.bare.failed}; schedule slip p99 ${run.bare.dispatchLagP99Ms.toFixed(1)} ms`,
      );
      const cpu = (c: CpuPerSave): string =>
        `API ${c.api.toFixed(2)} ms, Azurite ${c.azurite === null ? '–' : `${c.azurite.toFixed(2)} ms`}, load ${c.load.toFixed(2)} ms`;
      print(`CPU per save  HTTP: ${cpu(run.http.cpuMsPerSave)} | bare: ${cpu(run.bare.cpuMsPerSave)}`);
      print(
        `ratio HTTP / bare                      p50 ${run.p50Ratio.toFixed(2)} | p99 ${run.p99Ratio.toFixed(2)}` +
          (index === 0 ? ` (goal p99 ≤ 2: ${run.p99Ratio <= 2 ? 'met' : 'NOT met'})` : ''),
      );
      if (azuriteRestartMs !== null && index === 0)
        print(`Azurite restart                         ${azuriteRestartMs} ms from stop to accepting again`);
      if (c.dispatchLagP99Ms > 50 || run.bare.dispatchLagP99Ms > 50)
        // An open loop does not slow down for a saturated machine: the queue grows and so does every latency.
        print(`note: the load generator fired saves late: at this rate the machine, not the stack, is measured`);
    }

    const capacity = options.capacity ? await searchCapacity(capacityPlans, http, bare, print) : null;

    const lost = lostEdits(http.acknowledged(), await readBack(servers.info.apiBaseUrl, boards));
    http.close();
    const result: SaveBenchResult = {
      bench: 'save',
      fault: options.fault,
      seconds: options.seconds,
      boards: boards.length,
      concurrentShare: options.concurrentShare,
      runs,
      p99Ratio: runs[0]?.p99Ratio ?? NaN,
      goalP99Ratio: 2,
      capacity,
      lostEdits: lost.length,
      azuriteRestartMs,
    };
    if (http.retryReasons.size > 0)
      print(`HTTP saves retried because of: ${[...http.retryReasons].map(([why, n]) => `${why} ×${n}`).join(', ')}`);
    for (const [why, n] of http.refusals) print(`refused ${n}×: ${why}`);
    for (const l of lost.slice(0, 10)) print(`lost: board/field ${l.field}, edit ${l.marker}`);
    print(`lost edits: ${result.lostEdits} (goal 0, over every phase and the warm-up)`);
    print(JSON.stringify(result));
    return result;
  } finally {
    await servers.stop();
  }
}

if (require.main === module) {
  runSaveBench(parseSaveBenchArgs(process.argv.slice(2))).then(
    (result) => process.exit(result.lostEdits > 0 ? 1 : 0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
