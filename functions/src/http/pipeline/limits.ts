import { createHash } from 'node:crypto';
import type { HttpRequest } from '@azure/functions';
import type { RateLimitConfig } from '../../config/rateLimit';
import { errorResponse } from './responses';

/*
 * Rate limiting of writes per caller: a token bucket per key (the caller's tenant and object id, or the status
 * link), held in this process's memory. It protects the storage and Graph behind a write from one runaway client
 * or script; it is not a quota. Every instance of the Function App keeps its own buckets, so with N instances a
 * caller whose requests are spread over all of them gets up to N times the rate (see docs/hardening.md).
 */

export type RateDecision = { ok: true } | { ok: false; retryAfterSeconds: number };

export interface WriteRateLimiter {
  /** Takes one write from `key`'s bucket, or says how long until one is available. */
  take(key: string): RateDecision;
}

interface Bucket {
  tokens: number;
  /** Milliseconds on `nowMs`'s clock when `tokens` was last brought up to date. */
  at: number;
}

/** Above this many callers in memory, buckets that have refilled completely are dropped (they hold nothing). */
const SWEEP_ABOVE = 10_000;

/** `nowMs` is a monotonic clock in milliseconds (tests pass their own). */
export function createWriteRateLimiter(
  config: RateLimitConfig,
  nowMs: () => number = () => performance.now(),
): WriteRateLimiter {
  const buckets = new Map<string, Bucket>();
  const perMs = config.writesPerSecond / 1000;
  const refilled = (bucket: Bucket, now: number): number =>
    Math.min(config.burst, bucket.tokens + (now - bucket.at) * perMs);

  const sweep = (now: number): void => {
    for (const [key, bucket] of buckets) if (refilled(bucket, now) >= config.burst) buckets.delete(key);
  };

  return {
    take(key) {
      const now = nowMs();
      const bucket = buckets.get(key) ?? { tokens: config.burst, at: now };
      const tokens = refilled(bucket, now);
      if (tokens < 1) {
        buckets.set(key, { tokens, at: now });
        return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - tokens) / perMs / 1000)) };
      }
      if (!buckets.has(key) && buckets.size >= SWEEP_ABOVE) sweep(now);
      buckets.set(key, { tokens: tokens - 1, at: now });
      return { ok: true };
    },
  };
}

/** The write methods; reads are never limited here (they are cheap, cached by ETag, and polled by the tab). */
export const WRITE_METHODS: ReadonlySet<string> = new Set(['PUT', 'POST', 'PATCH', 'DELETE']);

export const isWrite = (request: HttpRequest): boolean => WRITE_METHODS.has(request.method.toUpperCase());

/** 429 with Retry-After and an ErrorBody that says what happened and when to try again. */
export const tooManyWrites = (retryAfterSeconds: number) =>
  errorResponse(
    429,
    'rateLimited',
    `Too many changes in a short time from you. Nothing was saved by this request; try again in ${retryAfterSeconds} s.`,
    { headers: { 'Retry-After': String(retryAfterSeconds) } },
  );

/** The bucket key of a status-link caller: a hash of the link, so the link itself is never held in memory. */
export function statusLinkRateKey(authorization: string | null): string {
  return `link:${createHash('sha256')
    .update(authorization ?? '')
    .digest('base64url')}`;
}
