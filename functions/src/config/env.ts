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

// A missing variable reaches zod as undefined: say so plainly.
export const trimmed = z.string({ error: 'is required' }).trim();
export const required = trimmed.min(1, 'is required');
export const httpUrl = required.pipe(z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }));
/** A comma-separated list; absent is empty. */
export const list = trimmed.optional().transform((v) =>
  (v ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0),
);

export const withoutTrailingSlash = (url: string): string => url.replace(/\/+$/, '');

export const problemsOf = (error: z.ZodError): string[] => error.issues.map((i) => `${i.path.join('.')} ${i.message}`);

/**
 * Parses a section's variables as they are. The sign-in, storage and Graph sections read a blank value as given
 * (a blank required variable is missing, a blank cache time is no cache), as they always have.
 */
export function parseVariables<S extends z.ZodObject>(schema: S, env: Env): SectionRead<z.infer<S>> {
  const parsed = schema.safeParse(Object.fromEntries(Object.keys(schema.shape).map((name) => [name, env[name]])));
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, problems: problemsOf(parsed.error) };
}

/**
 * Parses a section's optional variables, a blank one counting as absent: deployment templates write every setting,
 * some empty, and an empty value means "use the default" there.
 */
export function parseOptionalVariables<S extends z.ZodObject>(schema: S, env: Env): SectionRead<z.infer<S>> {
  const blankIsAbsent = Object.fromEntries(
    Object.keys(schema.shape).map((name) => [name, env[name]?.trim() === '' ? undefined : env[name]]),
  );
  return parseVariables(schema, blankIsAbsent);
}
