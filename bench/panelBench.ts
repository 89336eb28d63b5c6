/**
 * `npm run bench:panel`: how long the meeting side panel takes to be ready, against the floor the stack itself sets.
 *
 * The floor page (bench/floor: React, a FluentProvider with one Card and one Textarea, teams-js app.initialize, one
 * chunk, built by the tab's Vite configuration) and the real side panel are each loaded N times (default 15),
 * interleaved, every load in a fresh Chromium context (empty cache), framed at 280 px by the local Teams host page
 * (`?panel=`: only that frame, nothing in the details pane), with the whole local stack running: Azurite, the
 * Graph + identity simulator, the functions host, the tab server.
 *   - "ready", side panel: `performance.mark('candor-ready')`, set when the board first renders with its data from
 *     the API (tab/src/board/Board.tsx), which comes after teams-js initialized (tab/src/boot.ts);
 *   - "ready", floor: `performance.mark('floor-ready')`, set when the card renders after initialize resolved.
 * Both are read in the frame, relative to its own navigation start. Printed: p50/p75 of both and their ratio,
 * unthrottled, under 4x CPU throttling (CDP Emulation.setCPUThrottlingRate) and unthrottled for a returning person
 * (fresh context, but with the local storage a first open left: the device's copy paints first), the phases (its
 * `candor:*` marks), both pages' initial JS (entry chunk + static imports, raw and gzip) and the JS each fetched
 * before it was ready. The last line is the result as JSON (`npm run bench` collects it).
 *
 * Usage: npm run bench:panel [-- <loads per page and condition, default 15>]
 */
import os from 'node:os';
import fs from 'node:fs';
import { chromium, type Browser, type BrowserContext, type Frame } from 'playwright-core';
import { repoRoot, startLocalStack, type LocalStack } from '@candor/local/stack';
import { demoMeetings } from '@candor/local/simulator/demoTenant';
import { initialJs, tabDistDirs, type InitialJs } from '@candor/local/tabBundles';

const WARM_UP = 3;
const THROTTLED_RATE = 4;
const GOAL_RATIO = 1;
const BUDGET_RATIO = 1.1;
const PAGES = {
  floor: { path: '/floor/', mark: 'floor-ready' },
  // What the host page frames in the side panel before the tab is added (`?surface=board`), in Teams' light theme.
  panel: { path: '/?surface=board&theme=default', mark: 'candor-ready' },
} as const;
type PageKind = keyof typeof PAGES;
/** The side panel's own marks, in the order they normally happen (tab/src/main.tsx, boot.ts, board/Board.tsx). */
const PANEL_PHASES = [
  'candor:script',
  'candor:initialized',
  'candor:context',
  // The device's copy of the last board painted, marked updating (absent on a device that has none).
  'candor:device-board',
  'candor:token',
  'candor:board-response',
  'candor-ready',
] as const;

interface Sample {
  readyMs: number;
  /** First paint of the frame: the skeleton (side panel) or the card (floor). */
  firstPaintMs: number | null;
  /** The JS files the frame had fetched by the time it was ready (bytes as served, uncompressed). */
  jsBeforeReady: { files: number; bytes: number };
  marks: Record<string, number>;
}

interface Percentiles {
  p50Ms: number;
  p75Ms: number;
}

interface Condition {
  cpuThrottlingRate: number;
  floor: Percentiles;
  panel: Percentiles;
  ratio: { p50: number; p75: number };
  /** p50 of each side panel mark, ms from the frame's navigation start. */
  panelPhasesP50Ms: Record<string, number>;
  firstPaintP50Ms: { floor: number; panel: number };
}

export interface PanelBenchResult {
  bench: 'panel';
  loads: number;
  sidePanelWidthPx: 280;
  unthrottled: Condition;
  cpu4x: Condition;
  /**
   * Unthrottled again, as someone who opened this 1:1's panel before: each load is still a fresh context (empty
   * cache) but starts with the local storage the first open left, so the device's copy of the last board paints
   * (`candor:device-board`) before the API answers.
   */
  returning: Condition;
  goalRatio: typeof GOAL_RATIO;
  initialJs: {
    panel: { raw: number; gzip: number; chunks: number };
    floor: { raw: number; gzip: number; chunks: number };
    gzipRatio: number;
    budgetRatio: typeof BUDGET_RATIO;
  };
  jsBeforeReady: { panel: { files: number; bytes: number }; floor: { files: number; bytes: number } };
  machine: { cpus: number; cpuModel: string; node: string };
}

/** Nearest-rank percentile of a sample. */
function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN;
}

const round = (n: number, digits = 1): number => Math.round(n * 10 ** digits) / 10 ** digits;

/** Debian's chromium by default, as the browser tests use it (test/support/browser.ts); CHROMIUM_PATH overrides. */
function launchChromium(): Promise<Browser> {
  const executablePath = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find(
    (p) => p && fs.existsSync(p),
  );
  if (!executablePath) throw new Error('Chromium not found: install the chromium package or set CHROMIUM_PATH.');
  return chromium.launch({
    executablePath,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** Reads the frame's marks, first paint and fetched JS once `mark` exists (evaluated in the frame, over CDP). */
async function readFrame(frame: Frame, mark: string): Promise<Sample> {
  await frame.waitForFunction((name) => performance.getEntriesByName(name).length > 0, mark, {
    polling: 50,
    timeout: 60_000,
  });
  return frame.evaluate(
    ({ mark: readyMark, names }) => {
      const at = (name: string): number | undefined => performance.getEntriesByName(name)[0]?.startTime;
      const readyMs = at(readyMark) ?? NaN;
      const marks: Record<string, number> = {};
      for (const name of names) {
        const t = at(name);
        if (t !== undefined) marks[name] = t;
      }
      const js = (
        performance.getEntriesByType('resource') as unknown as Array<{
          name: string;
          responseEnd: number;
          decodedBodySize: number;
        }>
      ).filter((r) => new URL(r.name).pathname.endsWith('.js') && r.responseEnd <= readyMs);
      return {
        readyMs,
        firstPaintMs: at('first-paint') ?? null,
        jsBeforeReady: { files: js.length, bytes: js.reduce((sum, r) => sum + r.decodedBodySize, 0) },
        marks,
      };
    },
    { mark, names: [...PANEL_PHASES] },
  );
}

export async function runPanelBench(
  loads = 15,
  print: (line: string) => void = console.log,
): Promise<PanelBenchResult> {
  const dirs = tabDistDirs(repoRoot);
  const sizes = { panel: initialJs(dirs.tab), floor: initialJs(dirs.floor) };
  let stack: LocalStack | undefined;
  let browser: Browser | undefined;
  try {
    stack = await startLocalStack({ web: true });
    browser = await launchChromium();
    const hostPageUrl = stack.hostPageUrl!;
    // The first demo 1:1 as its report, the host page's own default: the person who types first.
    const meeting = demoMeetings(new Date())[0]!;
    const url = (kind: PageKind): string =>
      `${hostPageUrl}/?${new URLSearchParams({ as: meeting.reportId, meeting: meeting.chatId, theme: 'default', panel: PAGES[kind].path }).toString()}`;

    type Storage = Awaited<ReturnType<BrowserContext['storageState']>>;
    let kept: Storage | undefined;
    const load = async (kind: PageKind, rate: number, storageState?: Storage): Promise<Sample> => {
      const context = await browser!.newContext({ viewport: { width: 1280, height: 900 }, storageState });
      try {
        const page = await context.newPage();
        // Before navigating, so the whole load runs throttled; the tab's frame is same-site, so in the same renderer.
        if (rate > 1) await (await context.newCDPSession(page)).send('Emulation.setCPUThrottlingRate', { rate });
        await page.goto(url(kind), { waitUntil: 'commit' });
        const element = await page.waitForSelector('iframe[title="Candor side panel"]');
        const frame = await element.contentFrame();
        if (!frame) throw new Error('the side panel frame has no document');
        await frame.waitForURL((u) => u.origin === new URL(stack!.tabUrl!).origin);
        // The benchmarks compile without the DOM library, so the page-side element is named by the one call made on it.
        const width = await element.evaluate(
          (el: { getBoundingClientRect(): { width: number } }) => el.getBoundingClientRect().width,
        );
        if (Math.round(width) !== 280) throw new Error(`the side panel frame is ${String(width)} px wide, not 280`);
        const sample = await readFrame(frame, PAGES[kind].mark);
        if (kind === 'panel' && !storageState) kept = await context.storageState();
        return sample;
      } finally {
        await context.close();
      }
    };

    // Warm the functions host (JIT, the board's first write, the org chart cache) and the browser's own start-up.
    for (let i = 0; i < WARM_UP; i++) {
      await load('floor', 1);
      await load('panel', 1);
    }

    const run = async (
      rate: number,
      storageState?: Storage,
    ): Promise<{ condition: Condition; samples: Record<PageKind, Sample[]> }> => {
      const samples: Record<PageKind, Sample[]> = { floor: [], panel: [] };
      for (let i = 0; i < loads; i++) {
        // Interleaved, alternating which goes first, so both see the same machine at the same time.
        const order: PageKind[] = i % 2 === 0 ? ['floor', 'panel'] : ['panel', 'floor'];
        for (const kind of order) samples[kind].push(await load(kind, rate, storageState));
      }
      const pct = (kind: PageKind): Percentiles => {
        const ready = samples[kind].map((s) => s.readyMs);
        return { p50Ms: round(percentile(ready, 50)), p75Ms: round(percentile(ready, 75)) };
      };
      const floor = pct('floor');
      const panel = pct('panel');
      const phases: Record<string, number> = {};
      for (const name of PANEL_PHASES) {
        const values = samples.panel.map((s) => s.marks[name]).filter((v): v is number => v !== undefined);
        if (values.length > 0) phases[name] = round(percentile(values, 50));
      }
      const firstPaint = (kind: PageKind) =>
        round(
          percentile(
            samples[kind].map((s) => s.firstPaintMs).filter((v): v is number => v !== null),
            50,
          ),
        );
      return {
        samples,
        condition: {
          cpuThrottlingRate: rate,
          floor,
          panel,
          ratio: { p50: round(panel.p50Ms / floor.p50Ms, 2), p75: round(panel.p75Ms / floor.p75Ms, 2) },
          panelPhasesP50Ms: phases,
          firstPaintP50Ms: { floor: firstPaint('floor'), panel: firstPaint('panel') },
        },
      };
    };

    const unthrottled = await run(1);
    const throttled = await run(THROTTLED_RATE);
    const returning = await run(1, kept);
    const last = (kind: PageKind) => {
      const s = unthrottled.samples[kind];
      return {
        files: Math.round(
          percentile(
            s.map((x) => x.jsBeforeReady.files),
            50,
          ),
        ),
        bytes: Math.round(
          percentile(
            s.map((x) => x.jsBeforeReady.bytes),
            50,
          ),
        ),
      };
    };
    const summary = (j: InitialJs) => ({ raw: j.raw, gzip: j.gzip, chunks: j.chunks.length });
    const cpus = os.cpus();
    const result: PanelBenchResult = {
      bench: 'panel',
      loads,
      sidePanelWidthPx: 280,
      unthrottled: unthrottled.condition,
      cpu4x: throttled.condition,
      returning: returning.condition,
      goalRatio: GOAL_RATIO,
      initialJs: {
        panel: summary(sizes.panel),
        floor: summary(sizes.floor),
        gzipRatio: round(sizes.panel.gzip / sizes.floor.gzip, 3),
        budgetRatio: BUDGET_RATIO,
      },
      jsBeforeReady: { panel: last('panel'), floor: last('floor') },
      machine: { cpus: cpus.length, cpuModel: cpus[0]?.model.trim() ?? 'unknown', node: process.version },
    };

    const ms = (n: number): string => `${n.toFixed(0).padStart(5)} ms`;
    const kB = (n: number): string => `${(n / 1024).toFixed(1)} kB`;
    const met = (c: Condition) => (c.ratio.p50 <= GOAL_RATIO && c.ratio.p75 <= GOAL_RATIO ? 'met' : 'NOT met');
    print(
      `side panel ready vs floor page: ${loads} fresh loads each, interleaved, framed at 280 px by the local host page`,
    );
    print('                 floor p50 |   p75    side panel p50 |   p75    ratio p50 | p75');
    for (const [label, c] of [
      ['unthrottled', result.unthrottled],
      [`${THROTTLED_RATE}x CPU`, result.cpu4x],
      ['returning', result.returning],
    ] as const) {
      print(
        `${label.padEnd(14)} ${ms(c.floor.p50Ms)} | ${ms(c.floor.p75Ms)}      ${ms(c.panel.p50Ms)} | ${ms(c.panel.p75Ms)}      ` +
          `${c.ratio.p50.toFixed(2)} | ${c.ratio.p75.toFixed(2)}  (goal ≤ ${GOAL_RATIO}: ${met(c)})`,
      );
    }
    for (const [label, c] of [
      ['unthrottled', result.unthrottled],
      [`${THROTTLED_RATE}x CPU`, result.cpu4x],
      ['returning', result.returning],
    ] as const) {
      const phases = Object.entries(c.panelPhasesP50Ms).map(
        ([name, t]) => `${name.replace('candor:', '')} ${t.toFixed(0)}`,
      );
      print(
        `side panel phases p50 (${label}, ms from navigation): ${phases.join(' · ')} · first paint ${c.firstPaintP50Ms.panel.toFixed(0)} (floor ${c.firstPaintP50Ms.floor.toFixed(0)})`,
      );
    }
    const j = result.initialJs;
    print(
      `initial JS (entry + static imports): side panel ${kB(j.panel.gzip)} gzip, ${kB(j.panel.raw)} raw, ${j.panel.chunks} chunks | ` +
        `floor ${kB(j.floor.gzip)} gzip, ${kB(j.floor.raw)} raw, ${j.floor.chunks} chunk${j.floor.chunks === 1 ? '' : 's'} | ` +
        `ratio ${j.gzipRatio.toFixed(3)} (budget ≤ ${BUDGET_RATIO}: ${j.gzipRatio <= BUDGET_RATIO ? 'met' : 'NOT met'})`,
    );
    const b = result.jsBeforeReady;
    print(
      `JS fetched before ready (p50, uncompressed): side panel ${kB(b.panel.bytes)} in ${b.panel.files} files | floor ${kB(b.floor.bytes)} in ${b.floor.files}`,
    );
    print(`machine: ${result.machine.cpus} × ${result.machine.cpuModel}, Node ${result.machine.node}`);
    print(JSON.stringify(result));
    return result;
  } finally {
    await browser?.close().catch(() => undefined);
    await stack?.stop().catch(() => undefined);
  }
}

if (require.main === module) {
  runPanelBench(Number(process.argv[2] ?? 15)).catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
