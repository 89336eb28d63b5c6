import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { splitCorpus } from './splitStatusCorpus';
import { HAND_TABLE, readFinalHeldOut, readTraining, writeSplit, type AuthoredExample } from './statusCorpus';
import { STATUS_EXAMPLES } from '../domain/statusGuard.examples';

function examples(prefix: string, status: boolean, n: number): AuthoredExample[] {
  return Array.from({ length: n }, (_, i) => ({ text: `${prefix} ${status} ${i}`, status, style: 'plain' }));
}

describe('splitting the status-guard corpus', () => {
  const authored = {
    authorA: [...examples('a', true, 100), ...examples('a', false, 90)],
    authorB: [...examples('b', true, 50), ...examples('b', false, 60)],
  };

  it('holds out 30 % of every author × label stratum and trains on the rest plus the whole hand table', () => {
    const { train, test } = splitCorpus(authored);
    const count = (xs: typeof test, author: string, status: boolean) =>
      xs.filter((e) => e.author === author && e.status === status).length;
    expect([count(test, 'authorA', true), count(test, 'authorA', false)]).toEqual([30, 27]);
    expect([count(test, 'authorB', true), count(test, 'authorB', false)]).toEqual([15, 18]);
    expect(train.filter((e) => e.author === HAND_TABLE)).toHaveLength(STATUS_EXAMPLES.length);
    expect(test.some((e) => e.author === HAND_TABLE)).toBe(false);
    expect(train.length + test.length).toBe(300 + STATUS_EXAMPLES.length);
    const held = new Set(test.map((e) => e.text));
    expect(train.some((e) => held.has(e.text))).toBe(false);
  });

  it('deals the same split every time (seeded), whatever order the authors come in', () => {
    const reversed = { authorB: authored.authorB, authorA: authored.authorA };
    expect(splitCorpus(reversed)).toEqual(splitCorpus(authored));
  });

  it('trains on the dealt training part and the later training-only author, never on either held-out set', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'guard-corpus-'));
    const { train, test } = splitCorpus(authored);
    writeSplit('train', train, dir);
    writeSplit('test', test, dir);
    const lines = (xs: AuthoredExample[]) => xs.map((e) => JSON.stringify(e)).join('\n') + '\n';
    fs.writeFileSync(path.join(dir, 'authorC.jsonl'), lines(examples('c', true, 4)));
    fs.writeFileSync(path.join(dir, 'heldOutD.jsonl'), lines(examples('d', false, 3)));

    const training = readTraining(dir);
    expect(training).toHaveLength(train.length + 4);
    expect(training.filter((e) => e.author === 'authorC')).toHaveLength(4);
    const trained = new Set(training.map((e) => e.text));
    expect(test.some((e) => trained.has(e.text))).toBe(false);
    expect(readFinalHeldOut(dir).map((e) => e.author)).toEqual(['heldOutD', 'heldOutD', 'heldOutD']);
    expect(training.some((e) => e.text.startsWith('d '))).toBe(false);
  });
});
