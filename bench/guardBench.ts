/**
 * `npm run bench:guard`: what the status guard costs on a save. looksLikeStatus — language identification, wink's
 * tokens, lemmas and parts of speech, the model's weights — on 2,000-character texts (the longest a board field
 * takes), each made of different training texts in a seeded order so no two runs read the same text. Prints p50 and
 * p99 after a warm-up; the goal is p99 ≤ 5 ms. The last line is the result as JSON for `npm run bench`.
 *
 * Usage: npm run bench:guard [-- <runs, default 2000>]
 */
import os from 'node:os';
import { readTraining } from '@candor/functions/cli/statusCorpus';
import { looksLikeStatus } from '@candor/functions/domain/statusGuard/index';

const TEXT_CHARS = 2000;
const WARM_UP = 200;
const DISTINCT_TEXTS = 500;

export interface GuardBenchResult {
  bench: 'guard';
  runs: number;
  textChars: number;
  distinctTexts: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  /** The process's CPU time per call: what the guard costs when the machine is shared and the clock is not ours. */
  cpuP50Ms: number;
  cpuP99Ms: number;
  goalP99Ms: 5;
  loadAverage: number;
}

/** A seeded generator, so every run of the benchmark reads the same texts. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Texts of exactly `TEXT_CHARS` characters, each a different run of training sentences. */
export function benchTexts(sources: readonly string[], count: number, seed = 7): string[] {
  const random = seeded(seed);
  return Array.from({ length: count }, () => {
    let text = '';
    while (text.length < TEXT_CHARS) text += `${sources[Math.floor(random() * sources.length)] ?? ''}\n`;
    return text.slice(0, TEXT_CHARS);
  });
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

const round3 = (n: number) => Math.round(n * 1000) / 1000;

export function runGuardBench(runs: number): GuardBenchResult {
  const texts = benchTexts(
    readTraining().map((e) => e.text),
    DISTINCT_TEXTS,
  );
  for (let i = 0; i < WARM_UP; i++) looksLikeStatus(texts[i % texts.length] ?? '');
  const times: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    const text = texts[i % texts.length] ?? '';
    const cpuStarted = process.cpuUsage();
    const started = performance.now();
    looksLikeStatus(text);
    times.push(performance.now() - started);
    const used = process.cpuUsage(cpuStarted);
    cpu.push((used.user + used.system) / 1000);
  }
  times.sort((a, b) => a - b);
  cpu.sort((a, b) => a - b);
  return {
    bench: 'guard',
    runs,
    textChars: TEXT_CHARS,
    distinctTexts: texts.length,
    p50Ms: round3(percentile(times, 50)),
    p99Ms: round3(percentile(times, 99)),
    maxMs: round3(times[times.length - 1] ?? 0),
    cpuP50Ms: round3(percentile(cpu, 50)),
    cpuP99Ms: round3(percentile(cpu, 99)),
    goalP99Ms: 5,
    loadAverage: Math.round((os.loadavg()[0] ?? 0) * 100) / 100,
  };
}

if (require.main === module) {
  const runs = Number(process.argv[2] ?? 2000);
  if (!Number.isInteger(runs) || runs < 1000) {
    console.error('usage: npm run bench:guard [-- <runs, at least 1000>]');
    process.exit(2);
  }
  const result = runGuardBench(runs);
  console.log(
    `status guard on ${result.textChars}-character texts, ${result.runs} runs after ${WARM_UP} warm-up: ` +
      `p50 ${result.p50Ms} ms, p99 ${result.p99Ms} ms (goal ≤ ${result.goalP99Ms} ms), max ${result.maxMs} ms; ` +
      `CPU time p50 ${result.cpuP50Ms} ms, p99 ${result.cpuP99Ms} ms; load average ${result.loadAverage}`,
  );
  console.log(JSON.stringify(result));
}
