/**
 * `npm run bench`: every benchmark in turn — bench:panel (when the repository has it), bench:save, bench:save with an
 * Azurite restart, bench:scan, bench:trends, bench:guard — each as its own npm script, so each runs exactly as it
 * does alone. Their output is shown as it comes; the last line of each is its result as JSON. Writes `bench/results.json` (the
 * committed record docs/performance.md quotes): the figures, the date and the machine they came from.
 *
 * Usage: npm run bench [-- --only save,trends]
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';

const repoRoot = path.resolve(__dirname, '..', '..');
const RESULTS_FILE = path.join(repoRoot, 'bench', 'results.json');

interface BenchRun {
  name: string;
  script: string;
  args: string[];
}

const RUNS: BenchRun[] = [
  { name: 'panel', script: 'bench:panel', args: [] },
  { name: 'save', script: 'bench:save', args: [] },
  { name: 'saveFaultRestart', script: 'bench:save', args: ['--fault', 'restart'] },
  { name: 'scan', script: 'bench:scan', args: [] },
  { name: 'trends', script: 'bench:trends', args: [] },
  { name: 'guard', script: 'bench:guard', args: [] },
];

export interface RunOutcome {
  exitCode: number | null;
  seconds: number;
  /** The benchmark's last JSON line; null when it printed none. */
  result: unknown;
}

/** The last line of the output that is a JSON object: each benchmark's machine-readable result. */
export function lastJsonLine(lines: readonly string[]): unknown {
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = (lines[i] ?? '').trim();
    if (!line.startsWith('{')) continue;
    try {
      return JSON.parse(line) as unknown;
    } catch {
      // Not JSON after all (a log line starting with a brace): keep looking.
    }
  }
  return null;
}

function runScript(run: BenchRun): Promise<RunOutcome> {
  const started = performance.now();
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const child = spawn(npm, ['run', '--silent', run.script, ...(run.args.length ? ['--', ...run.args] : [])], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines: string[] = [];
  createInterface({ input: child.stdout }).on('line', (line) => {
    lines.push(line);
    console.log(line);
  });
  return new Promise((resolve) => {
    child.once('close', (exitCode) =>
      resolve({ exitCode, seconds: Math.round(performance.now() - started) / 1000, result: lastJsonLine(lines) }),
    );
  });
}

function machine(): Record<string, unknown> {
  const cpus = os.cpus();
  return {
    cpuCount: cpus.length,
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    memoryGb: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    loadAverageAtStart: os.loadavg().map((n) => Math.round(n * 100) / 100),
  };
}

async function main(): Promise<void> {
  const onlyAt = process.argv.indexOf('--only');
  const only = onlyAt >= 0 ? new Set((process.argv[onlyAt + 1] ?? '').split(',')) : null;
  const scripts =
    (JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { scripts?: Record<string, string> })
      .scripts ?? {};
  const facts = machine();
  const startedAt = new Date().toISOString();
  const results: Record<string, RunOutcome | { skipped: string }> = {};
  for (const run of RUNS) {
    if (only && !only.has(run.name)) continue;
    if (!scripts[run.script]) {
      console.log(`\n== ${run.name}: skipped, package.json has no "${run.script}" script`);
      results[run.name] = { skipped: `no ${run.script} script` };
      continue;
    }
    console.log(`\n== ${run.name}: npm run ${run.script}${run.args.length ? ` -- ${run.args.join(' ')}` : ''}`);
    results[run.name] = await runScript(run);
  }
  const record = { date: startedAt, finishedAt: new Date().toISOString(), machine: facts, results };
  // Written whole, then renamed: an interrupted run never leaves half a file behind.
  fs.writeFileSync(`${RESULTS_FILE}.tmp`, `${JSON.stringify(record, null, 2)}\n`);
  fs.renameSync(`${RESULTS_FILE}.tmp`, RESULTS_FILE);
  console.log(`\nwrote ${path.relative(repoRoot, RESULTS_FILE)}`);
  const failed = Object.entries(results).filter(([, r]) => 'exitCode' in r && r.exitCode !== 0);
  for (const [name, r] of failed) console.log(`${name} exited with ${'exitCode' in r ? r.exitCode : '?'}`);
  if (failed.length > 0) process.exitCode = 1;
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
