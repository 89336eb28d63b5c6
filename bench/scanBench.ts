/**
 * `npm run bench:scan`: the pre-meeting scan against a generated tenant of N managers × 6 reports (weekly 1:1s and
 * 20 other meetings a week each), with 50 ms of simulated latency on every Graph HTTP request. Prints, per N:
 * the wall time of one scan, its Graph HTTP requests against the batching floor ceil(N/20) + ceil(emails/20),
 * Graph HTTP requests per manager per day at the 15-minute cadence, emails sent vs due, and peak memory.
 *
 * The bench runs on its own clock, and the simulator follows it. Waiting for a mailbox's next turn under Exchange's
 * 30 messages a minute (the one sender's pacer) moves that clock instead of sleeping, so the wall time is the scan's
 * own work; the simulator's Outbox sees each send at the bench time it was made, so a message sent over the limit
 * would wait there and not count as sent.
 *
 * Usage: npm run bench:scan [-- 100,1000,5000 [largest N to simulate a whole day for, default 1000]]
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import path from 'node:path';
import { API_CLIENT_ID, API_SCOPE } from '@candor/local/simulator/demoTenant';
import { loadConfig } from '@candor/functions/config';
import { createServices, type Services } from '@candor/functions/composition';
import { runPreMeetingScan, type ScanReport } from '@candor/functions/jobs/preMeetingScan';
import { mailSendingOf, preMeetingScanDeps } from '@candor/functions/composition/statusRequests';

const LATENCY_MS = 50;
const SCANS_PER_DAY = 96;
/** Monday 05:00 UTC: the generated 1:1s run 08:00–16:30 UTC on weekdays. */
const START = new Date('2026-11-23T05:00:00.000Z');
const SCAN_EVERY_MS = 15 * 60_000;

interface Servers {
  simulatorUrl: string;
  tenantId: string;
  clientSecret: string;
  tablesConnectionString: string;
  managerIds: string[];
  serviceMailboxId: string;
  /** Sets the simulator's clock, resolved once the simulator reads it. */
  setClock(ms: number): Promise<void>;
  stop(): void;
}

async function startServers(managers: number): Promise<Servers> {
  const child = spawn(
    process.execPath,
    [path.join(__dirname, 'scanServers.js'), String(managers), START.toISOString()],
    {
      stdio: ['pipe', 'pipe', 'inherit'],
      env: process.env,
    },
  );
  // The first line says where the servers are; each later one answers a clock line, in order.
  const answers: Array<() => void> = [];
  const lines = createInterface({ input: child.stdout });
  const firstLine = await new Promise<string>((resolve, reject) => {
    lines.once('line', resolve);
    child.once('exit', (code) => reject(new Error(`bench servers exited with ${code}`)));
  });
  lines.on('line', () => answers.shift()?.());
  return {
    ...(JSON.parse(firstLine) as Omit<Servers, 'setClock' | 'stop'>),
    setClock: (ms) =>
      new Promise((resolve) => {
        answers.push(resolve);
        child.stdin.write(`${ms}\n`);
      }),
    stop: () => child.stdin.end(),
  };
}

async function sim(servers: Servers, method: string, pathname: string, body?: unknown): Promise<unknown> {
  const response = await fetch(`${servers.simulatorUrl}${pathname}`, {
    method,
    ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
  });
  return response.status === 204 ? null : response.json();
}

async function graphRequests(servers: Servers): Promise<number> {
  const log = (await sim(servers, 'GET', '/_sim/requests')) as Array<{ batched: boolean }>;
  return log.filter((entry) => !entry.batched).length;
}

interface OutboxEntry {
  message: { sentDateTime?: string };
}

async function outbox(servers: Servers): Promise<OutboxEntry[]> {
  return (await sim(servers, 'GET', '/_sim/outbox')) as OutboxEntry[];
}

async function outboxSize(servers: Servers): Promise<number> {
  return (await outbox(servers)).length;
}

/**
 * Of the messages Exchange accepted since `from` (an Outbox index), those that had left by `now` and those still
 * waiting in an Outbox because their mailbox went over its minute (they leave later: not sent yet).
 */
async function departures(servers: Servers, from: number, now: number): Promise<{ sent: number; held: number }> {
  const accepted = (await outbox(servers)).slice(from);
  const sent = accepted.filter((m) => Date.parse(m.message.sentDateTime ?? '') <= now).length;
  return { sent, held: accepted.length - sent };
}

/** Samples this process's memory while `work` runs. */
async function measured<T>(
  work: () => Promise<T>,
): Promise<{ value: T; ms: number; peakRssMb: number; peakHeapMb: number }> {
  let peakRss = process.memoryUsage().rss;
  let peakHeap = process.memoryUsage().heapUsed;
  const timer = setInterval(() => {
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed);
  }, 10);
  const started = performance.now();
  try {
    const value = await work();
    return { value, ms: performance.now() - started, peakRssMb: peakRss / 2 ** 20, peakHeapMb: peakHeap / 2 ** 20 };
  } finally {
    clearInterval(timer);
  }
}

/** One printed line's figures, collected for the JSON line `npm run bench` reads. */
interface ScanLine {
  managers: number;
  label: string;
  wallS: number;
  graphRequests: number;
  floor: number;
  emailsSent: number;
  emailsDue: number;
  /** Accepted but still in an Outbox at the scan's end (over Exchange's per-minute limit). */
  emailsHeld: number;
  peakRssMb: number;
}
const scanLines: ScanLine[] = [];
const dayLines: Array<{
  managers: number;
  requestsPerManagerPerDay: number;
  calendarFloorPerManagerPerDay: number;
  emails: number;
  emailsHeld: number;
  busiestLaterScan: number;
}> = [];

const floorOf = (managers: number, emails: number): number => Math.ceil(managers / 20) + Math.ceil(emails / 20);
const pct = (value: number, floor: number): string =>
  `${value >= floor ? '+' : ''}${(((value - floor) / floor) * 100).toFixed(1)}%`;

async function benchmark(managers: number, simulateDay: boolean): Promise<void> {
  const servers = await startServers(managers);
  try {
    let now = START.getTime();
    const moveClock = async (to: number): Promise<void> => {
      now = to;
      await servers.setClock(now);
    };
    // The timer fires every quarter hour; a scan that ran past its slot (pacing its mail) is followed at once.
    const scanAt = (slot: number): Promise<void> => moveClock(Math.max(now, START.getTime() + slot * SCAN_EVERY_MS));
    const env = {
      TABLES_CONNECTION_STRING: servers.tablesConnectionString,
      AUTH_AUTHORITY_HOST: servers.simulatorUrl,
      AUTH_TENANT_ID: servers.tenantId,
      AUTH_CLIENT_ID: API_CLIENT_ID,
      AUTH_REQUIRED_SCOPE: API_SCOPE,
      GRAPH_BASE_URL: servers.simulatorUrl,
      GRAPH_CLIENT_SECRET: servers.clientSecret,
      STATUS_LINK_SECRET: 'bench-link-secret-0123456789abcdefghijklmnopqrstuvwxyz',
      STATUS_FORM_BASE_URL: 'https://candor.example',
      STATUS_ENROLLED_MANAGERS: servers.managerIds.join(','),
      STATUS_SERVICE_MAILBOX: servers.serviceMailboxId,
    };
    const config = loadConfig(env);
    // A mailbox's next turn under the per-minute limit comes on the bench's clock (and the simulator's), not the wall.
    const services: Services = createServices(config, {
      clock: () => new Date(now),
      mailSending: mailSendingOf(config.statusRequests, (ms) => moveClock(now + ms)),
    });
    const scan = (): Promise<ScanReport> => runPreMeetingScan(preMeetingScanDeps(services));
    // Warm the app-only token (one identity request, not Graph) and the table clients outside the measurement.
    await services.statusRequestClaims.latest({
      tenantId: services.tenantId,
      managerId: servers.managerIds[0] ?? '',
      reportId: servers.managerIds[0] ?? '',
      claimBase: '0000000000000000-single',
    });
    await sim(servers, 'POST', '/_sim/faults', { baseLatencyMs: LATENCY_MS });

    const line = async (label: string): Promise<number> => {
      await sim(servers, 'DELETE', '/_sim/requests');
      const before = await outboxSize(servers);
      const run = await measured(scan);
      const requests = await graphRequests(servers);
      const { sent: emails, held } = await departures(servers, before, now);
      const floor = floorOf(managers, emails + held);
      scanLines.push({
        managers,
        label,
        wallS: Math.round(run.ms) / 1000,
        graphRequests: requests,
        floor,
        emailsSent: emails,
        emailsDue: run.value.claimed,
        emailsHeld: held,
        peakRssMb: Math.round(run.peakRssMb),
      });
      console.log(
        `N=${String(managers).padStart(5)} ${label.padEnd(24)} wall ${(run.ms / 1000).toFixed(2).padStart(6)} s | ` +
          `Graph requests ${String(requests).padStart(5)} vs floor ${String(floor).padStart(5)} (${pct(requests, floor)}) | ` +
          `emails sent ${String(emails).padStart(5)} / due ${String(run.value.claimed).padStart(5)}, ${held} held in an Outbox | ` +
          `peak RSS ${run.peakRssMb.toFixed(0)} MB, heap ${run.peakHeapMb.toFixed(0)} MB`,
      );
      return requests;
    };

    // Scan 1 starts a day's work: the directory cache is empty (it is kept for a day).
    const first = await line('scan 1 (cold cache)');
    await scanAt(1);
    const second = await line('scan 2 (+15 min)');
    if (!simulateDay) return;
    // The rest of the day at the 15-minute cadence, on the same process (directory cache warm).
    const started = performance.now();
    await sim(servers, 'DELETE', '/_sim/requests');
    let busiest = 0;
    for (let i = 2; i < SCANS_PER_DAY; i++) {
      await scanAt(i);
      const before = await graphRequests(servers);
      await scan();
      busiest = Math.max(busiest, (await graphRequests(servers)) - before);
    }
    const rest = await graphRequests(servers);
    // The whole day's mail (this simulator's Outbox started empty): what had left by the day's last scan.
    const { sent: emails, held } = await departures(servers, 0, now);
    const total = first + second + rest;
    dayLines.push({
      managers,
      requestsPerManagerPerDay: Math.round((total / managers) * 100) / 100,
      calendarFloorPerManagerPerDay: Math.round(((SCANS_PER_DAY * Math.ceil(managers / 20)) / managers) * 100) / 100,
      emails,
      emailsHeld: held,
      busiestLaterScan: busiest,
    });
    console.log(
      `N=${String(managers).padStart(5)} whole day, 96 scans      ${((performance.now() - started) / 1000).toFixed(0)} s for scans 3–96 | ` +
        `Graph requests ${total} = ${(total / managers).toFixed(2)} per manager per day ` +
        `(calendar floor 96 × ceil(N/20) = ${((SCANS_PER_DAY * Math.ceil(managers / 20)) / managers).toFixed(2)}) | emails ${emails}, ${held} held | busiest later scan ${busiest} requests`,
    );
  } finally {
    servers.stop();
  }
}

async function main(): Promise<void> {
  const sizes = (process.argv[2] ?? '100,1000,5000').split(',').map(Number);
  // The rest of the day (scans 3–96) is simulated up to 1,000 managers by default: at 5,000 it would take about
  // half an hour here (the simulator renders every calendar view on one core). Pass a larger limit to run it.
  const dayUpTo = Number(process.argv[3] ?? 1000);
  console.log(
    `pre-meeting scan benchmark: N managers × 6 reports, weekly 1:1s + 20 other meetings a week, ${LATENCY_MS} ms Graph latency`,
  );
  for (const n of sizes) await benchmark(n, n <= dayUpTo);
  // The last line is the result as JSON, for `npm run bench` to collect.
  console.log(JSON.stringify({ bench: 'scan', graphLatencyMs: LATENCY_MS, scans: scanLines, days: dayLines }));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
