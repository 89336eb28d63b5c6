/**
 * Child process of the save benchmark: the local stack (Azurite, the Graph + identity simulator with a generated
 * tenant, the functions host) in its own process, so the load generator's event loop and the API's do not share a
 * thread. Prints one JSON line with what the load needs (API URL, Azurite's connection string, the pairs, a token per
 * person), then obeys commands on stdin: `restart interrupt|kill` (Azurite stops and starts again on the same port and folder;
 * answers `restarted <ms>`), `cpu` (answers `cpu {"apiMs":…,"azuriteMs":…}`: CPU time used so far by this process and
 * by its child processes, Azurite, which a shared machine does not distort as it does latency); closing stdin stops
 * everything.
 *
 * argv: <pairs> <azurite folder, or "memory">
 */
import fs from 'node:fs';
import { createInterface } from 'node:readline';
import { startLocalStack } from '@candor/local/stack';
import { oneOnOnes } from '@candor/local/simulator/index';
import { generatedTenantSeed } from '@candor/local/simulator/generatedTenant';

export interface SaveServersInfo {
  apiBaseUrl: string;
  tablesConnectionString: string;
  pairs: Array<{ managerId: string; reportId: string; chatId: string }>;
  tokens: Record<string, string>;
}

const TENANT_ID = '0bec0000-0000-4000-8000-000000000009';
/** One report per manager: each person is in one board, as in a meeting (and within the API's per-caller rate limit). */
const REPORTS_PER_MANAGER = 1;

async function main(): Promise<void> {
  const pairCount = Number(process.argv[2]);
  const location = process.argv[3] ?? 'memory';
  const now = new Date();
  const tenant = generatedTenantSeed({
    managers: Math.ceil(pairCount / REPORTS_PER_MANAGER),
    reportsPerManager: REPORTS_PER_MANAGER,
    // Only the 1:1s matter here; other meetings would only make opening the boards slower.
    otherMeetingsPerWeek: 0,
    now,
    tenantId: TENANT_ID,
  });
  if (location !== 'memory') {
    // A fresh folder every run: persistence is for the restart, not for carrying boards between runs.
    fs.rmSync(location, { recursive: true, force: true });
    fs.mkdirSync(location, { recursive: true });
  }
  const stack = await startLocalStack({
    seed: tenant.seed,
    ...(location === 'memory' ? {} : { azuriteLocation: location }),
  });
  const pairs = oneOnOnes(tenant.seed)
    .slice(0, pairCount)
    .map(({ managerId, reportId, chatId }) => ({ managerId, reportId, chatId }));
  const people = [...new Set(pairs.flatMap((p) => [p.managerId, p.reportId]))];
  const tokens = Object.fromEntries(
    await Promise.all(people.map(async (id) => [id, await stack.simulator.mintAccessToken(id)] as const)),
  );
  const info: SaveServersInfo = {
    apiBaseUrl: stack.apiBaseUrl,
    tablesConnectionString: stack.azurite.connectionString,
    pairs,
    tokens,
  };
  process.stdout.write(`${JSON.stringify(info)}\n`);

  const commands = createInterface({ input: process.stdin });
  commands.on('line', (line) => {
    const [command, how] = line.trim().split(' ');
    if (command === 'cpu') {
      const own = process.cpuUsage();
      process.stdout.write(
        `cpu ${JSON.stringify({ apiMs: (own.user + own.system) / 1000, azuriteMs: childrenCpuMs() })}\n`,
      );
      return;
    }
    if (command !== 'restart') return;
    const started = performance.now();
    stack.azurite.restart(how === 'kill' ? 'kill' : 'interrupt').then(
      () => process.stdout.write(`restarted ${Math.round(performance.now() - started)}\n`),
      (error: unknown) => process.stdout.write(`restart failed ${String(error)}\n`),
    );
  });
  commands.on('close', () => {
    void stack.stop().finally(() => {
      if (location !== 'memory') fs.rmSync(location, { recursive: true, force: true });
      process.exit(0);
    });
  });
}

/**
 * CPU time (user + system, ms) of this process's live children, from /proc (Linux); null elsewhere. A child that
 * exited (Azurite before a restart) no longer counts.
 */
function childrenCpuMs(): number | null {
  if (!fs.existsSync('/proc/self/stat')) return null;
  let total = 0;
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      // Fields after the parenthesised command name: state ppid … utime (14th) stime (15th) of the whole line.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[1]) !== process.pid) continue;
      total += ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS_PER_SECOND;
    } catch {
      // The process ended while we read.
    }
  }
  return total;
}

/** USER_HZ: Linux reports /proc CPU times in ticks of 1/100 s on every architecture Node runs on. */
const CLOCK_TICKS_PER_SECOND = 100;

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
