/**
 * `npm run bench:save`: board saves under open-loop load through the real HTTP stack (the local functions host of
 * startLocalStack: JWT validation against the simulator's JWKS, schema validation, the org chart, the board store's
 * guarded transaction in Azurite), in a child process; this process is the load. 200 saves/s for 30 s by default,
 * field edits across 50 boards of a generated tenant, 20 % of them pairs of saves by both people of one board at the
 * same instant. In the same run and on the same schedule, a bare getEntity + upsertEntity pair against the same
 * Azurite. Prints p50/p99 of both (from each save's scheduled instant to its acknowledgement), their p99 ratio (goal
 * ≤ 3), the counts, and `lost edits: N`: every board is read back through the API and every acknowledged edit must
 * be in it. Exits non-zero when an edit is lost. The last line is the result as JSON for `npm run bench`.
 *
 * Usage: npm run bench:save [-- --rate 200 --seconds 30 --boards 50 --concurrent-share 0.2 --fault restart|crash]
 *   --fault restart: Azurite (persisting to disk) is stopped (SIGINT: it saves its tables on the way out) and
 *                    started again on the same port halfway through; the clients retry.
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
import type { SaveServersInfo } from './saveServers';

const WARM_UP_SECONDS = 2;
/** How long saves still unacknowledged when the schedule ends may keep retrying. */
const DRAIN_MS = 60_000;
const BARE_TABLE = 'benchbare';

export interface SaveBenchOptions {
  rate: number;
  seconds: number;
  boards: number;
  concurrentShare: number;
  fault: 'none' | 'restart' | 'crash';
  seed: number;
}

interface Figures {
  p50Ms: number;
  p99Ms: number;
}

export interface SaveBenchResult {
  bench: 'save';
  fault: SaveBenchOptions['fault'];
  rate: number;
  seconds: number;
  boards: number;
  concurrentShare: number;
  http: Figures & {
    concurrentP99Ms: number;
    sent: number;
    acknowledged: number;
    conflictsRebased: number;
    retried: number;
    failed: number;
    requests: number;
  };
  bare: Figures & { sent: number; acknowledged: number; retried: number; failed: number };
  p99Ratio: number;
  goalP99Ratio: 3;
  lostEdits: number;
  azuriteRestartMs: number | null;
  /** Schedule slip: how late the load generator fired saves (p99, ms); large values mean the client was the bottleneck. */
  dispatchLagP99Ms: number;
}

const round = (n: number, digits = 2): number => Math.round(n * 10 ** digits) / 10 ** digits;

export function parseSaveBenchArgs(argv: readonly string[]): SaveBenchOptions {
  const options: SaveBenchOptions = {
    rate: 200,
    seconds: 30,
    boards: 50,
    concurrentShare: 0.2,
    fault: 'none',
    seed: 9,
  };
  for (let i = 0; i < argv.length; i += 2) {
    const [flag, value] = [argv[i], argv[i + 1] ?? ''];
    const number = Number(value);
    if (flag === '--fault') {
      if (value !== 'restart' && value !== 'crash' && value !== 'none')
        throw new Error('--fault is restart, crash or none');
      options.fault = value;
    } else if (
      flag === '--rate' ||
      flag === '--seconds' ||
      flag === '--boards' ||
      flag === '--concurrent-share' ||
      flag === '--seed'
    ) {
      if (!Number.isFinite(number) || number <= 0) throw new Error(`${flag} needs a positive number`);
      if (flag === '--rate') options.rate = number;
      if (flag === '--seconds') options.seconds = number;
      if (flag === '--boards') options.boards = Math.round(number);
      if (flag === '--concurrent-share') options.concurrentShare = Math.min(1, number);
      if (flag === '--seed') options.seed = number;
    } else {
      throw new Error(`unknown flag ${flag}`);
    }
  }
  return options;
}

interface Servers {
  info: SaveServersInfo;
  /** Restarts Azurite; resolves with how long it took. */
  restartAzurite(how: 'interrupt' | 'kill'): Promise<number>;
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
      waiting.push(resolve);
      child.once('exit', (code) => reject(new Error(`bench servers exited with ${code}`)));
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

/** Fires each planned save at its instant (open loop) on both clients; resolves when the last one is fired. */
function runSchedule(plan: readonly PlannedSave[], rate: number, http: HttpSaver, bare: BareSaver): Promise<number[]> {
  // The bare pair of save i is due half an interval later, so the two streams interleave instead of colliding.
  const offset = 500 / rate;
  const events = [
    ...plan.map((save) => ({ at: save.at, save, to: http })),
    ...plan.map((save) => ({ at: save.at + offset, save, to: bare })),
  ].sort((a, b) => a.at - b.at);
  const lags: number[] = [];
  const start = performance.now();
  let next = 0;
  return new Promise((resolve) => {
    const tick = (): void => {
      const now = performance.now();
      while (next < events.length && (events[next]?.at ?? Infinity) <= now - start) {
        const event = events[next++];
        if (!event) break;
        lags.push(now - start - event.at);
        event.to.fire(event.save, start + event.at);
      }
      if (next >= events.length) resolve(lags);
      else setTimeout(tick, Math.max(0, (events[next]?.at ?? 0) - (performance.now() - start)));
    };
    tick();
  });
}

export async function runSaveBench(
  options: SaveBenchOptions,
  print: (line: string) => void = console.log,
): Promise<SaveBenchResult> {
  const random = seededRandom(options.seed);
  const warmUp = planSaves({ ...options, seconds: WARM_UP_SECONDS, random });
  const plan = planSaves({ ...options, random });
  checkTextLimits([warmUp, plan]);
  const persistTo = options.fault === 'none' ? null : path.join(os.tmpdir(), `candor-bench-save-${process.pid}`);
  const servers = await startServers(options.boards, persistTo);
  try {
    const boards = await openBoards(servers.info);
    const http = new HttpSaver(servers.info.apiBaseUrl, boards);
    const bare = new BareSaver(servers.info.tablesConnectionString, BARE_TABLE);
    await bare.seed(boards.length);
    const concurrentSaves = plan.filter((s) => s.concurrent).length;
    // The API, Azurite and this load share the machine: what else runs on it shows in every figure below.
    print(
      `machine: ${os.cpus().length} CPUs, load average ${os.loadavg()[0]?.toFixed(1)} at start, Node ${process.version}`,
    );
    print(
      `board save benchmark: ${options.rate} saves/s for ${options.seconds} s, open loop, over ${boards.length} boards ` +
        `(${((concurrentSaves / plan.length) * 100).toFixed(0)} % in pairs by both people of one board at once)` +
        `${persistTo ? `; Azurite on disk, ${options.fault === 'crash' ? 'SIGKILLed' : 'stopped (SIGINT)'} and restarted at ${options.seconds / 2} s` : ''}`,
    );

    // Warm-up: connections, JIT, token and org-chart caches. Its edits are checked at the end too, but not counted.
    http.measuring = false;
    bare.measuring = false;
    await runSchedule(warmUp, options.rate, http, bare);
    await Promise.all([http.drain(), bare.drain()]);
    http.measuring = true;
    bare.measuring = true;

    const fault = persistTo
      ? new Promise<number>((resolve, reject) =>
          setTimeout(
            () => {
              servers.restartAzurite(options.fault === 'crash' ? 'kill' : 'interrupt').then(resolve, reject);
            },
            (options.seconds * 1000) / 2,
          ),
        )
      : Promise.resolve(null);
    const lags = await runSchedule(plan, options.rate, http, bare);
    http.giveUpAt = performance.now() + DRAIN_MS;
    bare.giveUpAt = http.giveUpAt;
    await Promise.all([http.drain(), bare.drain()]);
    const azuriteRestartMs = await fault;

    const lost = lostEdits(http.acknowledged(), await readBack(servers.info.apiBaseUrl, boards));
    http.close();
    const httpMs = [...http.latencies].sort((a, b) => a - b);
    const pairMs = [...http.concurrentLatencies].sort((a, b) => a - b);
    const bareMs = [...bare.latencies].sort((a, b) => a - b);
    lags.sort((a, b) => a - b);
    const result: SaveBenchResult = {
      bench: 'save',
      fault: options.fault,
      rate: options.rate,
      seconds: options.seconds,
      boards: boards.length,
      concurrentShare: options.concurrentShare,
      http: {
        p50Ms: round(percentile(httpMs, 50)),
        p99Ms: round(percentile(httpMs, 99)),
        concurrentP99Ms: round(percentile(pairMs, 99)),
        ...http.counts,
      },
      bare: { p50Ms: round(percentile(bareMs, 50)), p99Ms: round(percentile(bareMs, 99)), ...bare.counts },
      p99Ratio: round(percentile(httpMs, 99) / percentile(bareMs, 99)),
      goalP99Ratio: 3,
      lostEdits: lost.length,
      azuriteRestartMs,
      dispatchLagP99Ms: round(percentile(lags, 99)),
    };
    const ms = (n: number): string => `${n.toFixed(1).padStart(7)} ms`;
    const c = result.http;
    print(
      `HTTP  PUT …/fields/{fieldId}          p50 ${ms(c.p50Ms)} | p99 ${ms(c.p99Ms)} | p99 of the concurrent pairs ${ms(c.concurrentP99Ms).trim()}`,
    );
    print(
      `      saves sent ${c.sent}, acknowledged ${c.acknowledged}, conflicts re-based ${c.conflictsRebased}, retried ${c.retried}, failed ${c.failed} (${c.requests} requests)`,
    );
    print(`bare  getEntity + upsertEntity         p50 ${ms(result.bare.p50Ms)} | p99 ${ms(result.bare.p99Ms)}`);
    print(
      `      pairs sent ${result.bare.sent}, acknowledged ${result.bare.acknowledged}, retried ${result.bare.retried}, failed ${result.bare.failed}`,
    );
    print(
      `p99 ratio HTTP / bare                  ${result.p99Ratio.toFixed(2)} (goal ≤ ${result.goalP99Ratio}: ${result.p99Ratio <= result.goalP99Ratio ? 'met' : 'NOT met'})`,
    );
    if (azuriteRestartMs !== null)
      print(`Azurite restart                         ${azuriteRestartMs} ms from stop to accepting again`);
    print(`load generator schedule slip p99       ${result.dispatchLagP99Ms.toFixed(1)} ms`);
    if (http.retryReasons.size > 0)
      print(`      retried because of: ${[...http.retryReasons].map(([why, n]) => `${why} ×${n}`).join(', ')}`);
    for (const [why, n] of http.refusals) print(`refused ${n}×: ${why}`);
    if (result.dispatchLagP99Ms > 50 || result.bare.p50Ms > 50) {
      // An open loop does not slow down for a saturated machine: the queue grows and so does every latency.
      print(
        `note: the machine was saturated (the bare pair alone took ${result.bare.p50Ms} ms at p50, the load fired saves ${result.dispatchLagP99Ms} ms late at p99): these figures measure queueing, not the stack`,
      );
    }
    for (const l of lost.slice(0, 10)) print(`lost: board/field ${l.field}, edit ${l.marker}`);
    print(`lost edits: ${result.lostEdits} (goal 0)`);
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
