import { z } from 'zod';
import { DEFAULT_RETENTION_MONTHS } from '../domain/retention';

/** Settings of the privacy promises: retention, and what a former manager may still see. */
export interface PrivacyConfig {
  /** Boards, status updates, private notes, claims and monthly aggregates older than this many months are deleted. */
  retentionMonths: number;
  /** NCRONTAB of the daily retention timer (jobs/retention). */
  retentionSchedule: string;
  /**
   * What a manager keeps of a report who moved to another manager. `none` (the only value): nothing — no boards, no
   * trends, no row in trends/team; the directory's current reporting line decides every read (http/pairAccess).
   */
  formerManagerTrendAccess: 'none';
}

/** Daily at 04:45 UTC, before the trends job (05:30), so a rebuild never meets rows the sweep is deleting. */
export const DEFAULT_RETENTION_SCHEDULE = '0 45 4 * * *';

const envSchema = z.object({
  RETENTION_MONTHS: z.coerce.number({ error: 'must be a whole number of months' }).int('must be a whole number of months').min(1, 'must be at least 1').max(120, 'must be at most 120').optional(),
  RETENTION_SCHEDULE: z
    .string()
    .trim()
    .regex(/^\S+( \S+){5}$/, 'must be an NCRONTAB expression with six fields (second minute hour day month weekday)')
    .optional(),
  FORMER_MANAGER_TREND_ACCESS: z.enum(['none'], { error: 'must be "none" (a former manager sees nothing of the report)' }).optional(),
});

/** Problems are returned (not thrown) so config.ts can report them with everything else that is wrong. */
export function readPrivacyConfig(env: Record<string, string | undefined>): { ok: true; value: PrivacyConfig } | { ok: false; problems: string[] } {
  const blankIsAbsent = Object.fromEntries(Object.keys(envSchema.shape).map((name) => [name, env[name]?.trim() === '' ? undefined : env[name]]));
  const parsed = envSchema.safeParse(blankIsAbsent);
  if (!parsed.success) return { ok: false, problems: parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`) };
  return {
    ok: true,
    value: {
      retentionMonths: parsed.data.RETENTION_MONTHS ?? DEFAULT_RETENTION_MONTHS,
      retentionSchedule: parsed.data.RETENTION_SCHEDULE ?? DEFAULT_RETENTION_SCHEDULE,
      formerManagerTrendAccess: parsed.data.FORMER_MANAGER_TREND_ACCESS ?? 'none',
    },
  };
}
