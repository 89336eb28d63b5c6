import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

/*
 * The status guard's corpus on disk: JSON lines under functions/src/domain/statusGuard/corpus. Two authors wrote the
 * first fresh examples (authorA.jsonl, authorB.jsonl); the split script dealt them once into train.jsonl and
 * test.jsonl. A third author wrote hard cases later (authorC.jsonl: work activities named as what gives or drains
 * energy, beside progress reports): training only, added whole, so the A/B split stays as it was dealt. A fourth
 * author wrote heldOutD.jsonl for one final evaluation: read only to count. Shared by the split script, the
 * training script and the tests that print the figures, so all read one format.
 */

/** The folder, from the sources (jest) or from functions/dist/cli (the built scripts): both sit two levels down. */
export const CORPUS_DIR = path.resolve(__dirname, '..', '..', 'src', 'domain', 'statusGuard', 'corpus');
export const AUTHOR_FILES = ['authorA', 'authorB'] as const;
/** Authors written after the split, for training only: never dealt into test.jsonl. */
export const TRAINING_ONLY_AUTHOR_FILES = ['authorC'] as const;
/** The second held-out set, by an author who never saw the guard or its training data. */
export const FINAL_HELD_OUT_FILE = 'heldOutD';
/** Where the old hand-tuned table's examples come from: training only, since the old guard was tuned on them. */
export const HAND_TABLE = 'handTable';

export const authoredExampleSchema = z.object({
  text: z.string().min(1),
  status: z.boolean(),
  style: z.string().optional(),
});
export type AuthoredExample = z.infer<typeof authoredExampleSchema>;

export const corpusExampleSchema = authoredExampleSchema.extend({ author: z.string().min(1) });
export type CorpusExample = z.infer<typeof corpusExampleSchema>;

function readLines<T>(file: string, schema: z.ZodType<T>): T[] {
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .map((line, i) => ({ line: line.trim(), number: i + 1 }))
    .filter(({ line }) => line !== '')
    .map(({ line, number }) => {
      const parsed = schema.safeParse(JSON.parse(line));
      if (!parsed.success) throw new Error(`${path.basename(file)} line ${number}: ${parsed.error.message}`);
      return parsed.data;
    });
}

export function readAuthorFile(author: string, dir = CORPUS_DIR): AuthoredExample[] {
  return readLines(path.join(dir, `${author}.jsonl`), authoredExampleSchema);
}

/** The training part or the held-out part. Whoever reads `test` prints counts only, never its texts. */
export function readSplit(part: 'train' | 'test', dir = CORPUS_DIR): CorpusExample[] {
  return readLines(path.join(dir, `${part}.jsonl`), corpusExampleSchema);
}

/** Everything the model is trained and cross-validated on: the training part of the split and the later authors. */
export function readTraining(dir = CORPUS_DIR): CorpusExample[] {
  const later = TRAINING_ONLY_AUTHOR_FILES.flatMap((author) =>
    readAuthorFile(author, dir).map((e) => ({ ...e, author })),
  );
  return [...readSplit('train', dir), ...later];
}

/** The final held-out set. Whoever reads it prints counts only, never its texts. */
export function readFinalHeldOut(dir = CORPUS_DIR): CorpusExample[] {
  return readAuthorFile(FINAL_HELD_OUT_FILE, dir).map((e) => ({ ...e, author: FINAL_HELD_OUT_FILE }));
}

export function writeSplit(part: 'train' | 'test', examples: readonly CorpusExample[], dir = CORPUS_DIR): void {
  const file = path.join(dir, `${part}.jsonl`);
  fs.writeFileSync(file, examples.map((e) => JSON.stringify(e)).join('\n') + '\n');
}
