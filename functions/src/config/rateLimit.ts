import { z } from 'zod';
import { parseOptionalVariables, type Env, type SectionRead } from './env';

export interface RateLimitConfig {
  /** Sustained writes per second per caller. */
  writesPerSecond: number;
  /** Writes a caller may make at once before the sustained rate applies. */
  burst: number;
}

/**
 * Far above a real 1:1: the tab saves a field at most every few hundred milliseconds per person, and two people
 * typing into several fields stay below 10 writes a second each.
 */
export const DEFAULT_WRITE_RATE_LIMIT: RateLimitConfig = { writesPerSecond: 20, burst: 120 };

const positive = z.coerce.number({ error: 'must be a number' }).positive('must be greater than 0');
const rateEnvSchema = z.object({
  RATE_LIMIT_WRITES_PER_SECOND: positive.max(10_000, 'must be at most 10000').optional(),
  RATE_LIMIT_WRITE_BURST: positive.int('must be a whole number').max(100_000, 'must be at most 100000').optional(),
});

/** Reads RATE_LIMIT_WRITES_PER_SECOND and RATE_LIMIT_WRITE_BURST; absent values take the defaults. */
export function readRateLimitConfig(env: Env): SectionRead<RateLimitConfig> {
  const parsed = parseOptionalVariables(rateEnvSchema, env);
  if (!parsed.ok) return parsed;
  return {
    ok: true,
    value: {
      writesPerSecond: parsed.value.RATE_LIMIT_WRITES_PER_SECOND ?? DEFAULT_WRITE_RATE_LIMIT.writesPerSecond,
      burst: parsed.value.RATE_LIMIT_WRITE_BURST ?? DEFAULT_WRITE_RATE_LIMIT.burst,
    },
  };
}
