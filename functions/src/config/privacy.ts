import { z } from 'zod';
import { ncrontab, parseOptionalVariables, type Env, type SectionRead } from './env';
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
  RETENTION_MONTHS: z.coerce
    .number({ error: 'must be a whole number of months' })
    .int('must be a whole number of months')
    .min(1, 'must be at least 1')
    .max(120, 'must be at most 120')
    .optional(),
  RETENTION_SCHEDULE: ncrontab.optional(),
  FORMER_MANAGER_TREND_ACCESS: z
    .enum(['none'], { error: 'must be "none" (a former manager sees nothing of the report)' })
    .optional(),
});

/** Problems are returned (not thrown) so config/index.ts can report them with everything else that is wrong. */
export function readPrivacyConfig(env: Env): SectionRead<PrivacyConfig> {
  const parsed = parseOptionalVariables(envSchema, env);
  if (!parsed.ok) return parsed;
  return {
    ok: true,
    value: {
      retentionMonths: parsed.value.RETENTION_MONTHS ?? DEFAULT_RETENTION_MONTHS,
      retentionSchedule: parsed.value.RETENTION_SCHEDULE ?? DEFAULT_RETENTION_SCHEDULE,
      formerManagerTrendAccess: parsed.value.FORMER_MANAGER_TREND_ACCESS ?? 'none',
    },
  };
}
