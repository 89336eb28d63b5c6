import { z } from 'zod';
import { ncrontab, parseOptionalVariables, type Env, type SectionRead } from './env';

/** Settings of the monthly digest email (jobs/monthlyDigest). */
export interface DigestConfig {
  /** NCRONTAB of the digest's timer; the job itself only starts digests on the month's first working day. */
  schedule: string;
}

/**
 * Hourly from 07:00 to 23:00 UTC on the 1st to the 7th: the first working day is always among them, and a run that
 * crashed is finished by the next firing once its claims' lease has run out (see jobs/monthlyDigest).
 */
export const DEFAULT_DIGEST_SCHEDULE = '0 0 7-23 1-7 * *';

const envSchema = z.object({ DIGEST_SCHEDULE: ncrontab.optional() });

/** Problems are returned, not thrown, so config/index.ts reports them with everything else that is wrong. */
export function readDigestConfig(env: Env): SectionRead<DigestConfig> {
  const parsed = parseOptionalVariables(envSchema, env);
  return parsed.ok
    ? { ok: true, value: { schedule: parsed.value.DIGEST_SCHEDULE ?? DEFAULT_DIGEST_SCHEDULE } }
    : parsed;
}
