import fs from 'node:fs';
import path from 'node:path';
import { STATUS_EXAMPLES } from '../domain/statusGuard.examples';
import {
  AUTHOR_FILES,
  CORPUS_DIR,
  HAND_TABLE,
  readAuthorFile,
  writeSplit,
  type AuthoredExample,
  type CorpusExample,
} from './statusCorpus';

/*
 * `npm run split:guard-corpus -w functions`: deals the fresh status-guard corpus ONCE into a training part and a
 * held-out part, before any tuning, so the held-out figure measures text the method was never shaped on. Seeded and
 * stratified by author × label: 30 % of each stratum is held out. The old hand table goes wholly into training (the
 * old guard was tuned on it). It refuses to run when test.jsonl exists: a second split would leak held-out text.
 * Prints counts only.
 */

export const HELD_OUT_SHARE = 0.3;
const SEED = 0x5eed_2026;

/** mulberry32: a small seeded generator, so the split is the same on every machine. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

export function splitCorpus(authored: Readonly<Record<string, readonly AuthoredExample[]>>): {
  train: CorpusExample[];
  test: CorpusExample[];
} {
  const random = seeded(SEED);
  const train: CorpusExample[] = STATUS_EXAMPLES.map((e) => ({ text: e.text, status: e.status, author: HAND_TABLE }));
  const test: CorpusExample[] = [];
  for (const author of Object.keys(authored).sort()) {
    for (const status of [true, false]) {
      const stratum = (authored[author] ?? []).filter((e) => e.status === status).map((e) => ({ ...e, author }));
      const held = Math.round(stratum.length * HELD_OUT_SHARE);
      const order = shuffled(stratum, random);
      test.push(...order.slice(0, held));
      train.push(...order.slice(held));
    }
  }
  return { train, test };
}

function main(): void {
  if (fs.existsSync(path.join(CORPUS_DIR, 'test.jsonl'))) {
    console.error('corpus/test.jsonl exists: the corpus was split already, and it is never split twice.');
    process.exitCode = 1;
    return;
  }
  const authored = Object.fromEntries(AUTHOR_FILES.map((a) => [a, readAuthorFile(a)]));
  const { train, test } = splitCorpus(authored);
  writeSplit('train', train);
  writeSplit('test', test);
  const count = (xs: readonly CorpusExample[], status: boolean) => xs.filter((e) => e.status === status).length;
  for (const [name, part] of [
    ['train', train],
    ['test', test],
  ] as const)
    console.log(`${name}: ${part.length} examples (${count(part, true)} status, ${count(part, false)} not)`);
}

if (require.main === module) main();
