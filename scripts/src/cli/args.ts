import path from 'node:path';

export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** `--name value` / `--name=value` options; anything else is a usage error naming what is accepted. */
export function parseOptions<const Names extends readonly string[]>(
  argv: readonly string[],
  names: Names,
): Partial<Record<Names[number], string>> {
  const options: Partial<Record<string, string>> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [flag, inline] =
      arg.startsWith('--') && arg.includes('=')
        ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)]
        : [arg, undefined];
    const name = flag.replace(/^--/, '');
    if (!flag.startsWith('--') || !names.includes(name)) {
      throw new UsageError(`Unknown argument ${arg}; the options are ${names.map((n) => `--${n} <value>`).join(', ')}`);
    }
    const value = inline ?? argv[++i];
    if (!value) throw new UsageError(`--${name} needs a value`);
    options[name] = value;
  }
  return options;
}

/** The repository root: the tools run from scripts/dist/cli/ (or scripts/src/cli/ under the tests). */
export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');

/** Where a command writes: the console when run, a buffer under test. */
export interface Output {
  log(line: string): void;
  error(line: string): void;
}

/**
 * Exit code for a failure. Errors the tools raise on purpose (bad or missing values, a package that would not
 * pass) already say what to do, so they print as plain text; anything else keeps its stack.
 */
export function failure(
  error: unknown,
  expected: ReadonlyArray<abstract new (...args: never[]) => Error>,
  out: Output,
): number {
  const known = expected.some((type) => error instanceof type) || error instanceof UsageError;
  out.error(
    known && error instanceof Error
      ? error.message
      : error instanceof Error
        ? (error.stack ?? error.message)
        : String(error),
  );
  return 1;
}
