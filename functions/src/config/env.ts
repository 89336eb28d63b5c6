import { z } from 'zod';

/*
 * The shapes every settings section reads its variables with. Each section returns its problems instead of throwing,
 * so config/index.ts reports everything that is wrong at start in one message.
 */

export type Env = Record<string, string | undefined>;

export type SectionRead<T> = { ok: true; value: T } | { ok: false; problems: string[] };

/** Six NCRONTAB fields, as the Functions host's timers take them. */
export const ncrontab = z
  .string()
  .trim()
  .regex(/^\S+( \S+){5}$/, 'must be an NCRONTAB expression with six fields (second minute hour day month weekday)');

export const problemsOf = (error: z.ZodError): string[] => error.issues.map((i) => `${i.path.join('.')} ${i.message}`);

/**
 * Parses a section's optional variables, a blank one counting as absent: deployment templates write every setting,
 * some empty, and an empty value means "use the default" there.
 */
export function parseOptionalVariables<S extends z.ZodObject>(
  schema: S,
  env: Env,
): { ok: true; value: z.infer<S> } | { ok: false; problems: string[] } {
  const blankIsAbsent = Object.fromEntries(Object.keys(schema.shape).map((name) => [name, env[name]?.trim() === '' ? undefined : env[name]]));
  const parsed = schema.safeParse(blankIsAbsent);
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, problems: problemsOf(parsed.error) };
}
