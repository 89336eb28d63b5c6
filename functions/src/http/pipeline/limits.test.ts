import { DEFAULT_WRITE_RATE_LIMIT, readRateLimitConfig } from '../../config/rateLimit';
import { createWriteRateLimiter, statusLinkRateKey } from './limits';

describe('write rate limiter (token bucket per caller)', () => {
  it('allows the burst at once, then the sustained rate, and says when to retry', () => {
    let now = 0;
    const limiter = createWriteRateLimiter({ writesPerSecond: 2, burst: 3 }, () => now);
    expect([1, 2, 3].map(() => limiter.take('a').ok)).toEqual([true, true, true]);
    expect(limiter.take('a')).toEqual({ ok: false, retryAfterSeconds: 1 });
    now += 500; // half a second refills one write at 2/s
    expect(limiter.take('a').ok).toBe(true);
    expect(limiter.take('a').ok).toBe(false);
    now += 10_000; // a long pause refills to the burst, never above it
    expect([1, 2, 3, 4].map(() => limiter.take('a').ok)).toEqual([true, true, true, false]);
  });

  it('keeps one bucket per caller: one busy caller never limits another', () => {
    const limiter = createWriteRateLimiter({ writesPerSecond: 1, burst: 1 }, () => 0);
    expect(limiter.take('megan').ok).toBe(true);
    expect(limiter.take('megan').ok).toBe(false);
    expect(limiter.take('adele').ok).toBe(true);
  });

  it('rounds Retry-After up to whole seconds at slow rates', () => {
    const limiter = createWriteRateLimiter({ writesPerSecond: 0.25, burst: 1 }, () => 0);
    limiter.take('x');
    expect(limiter.take('x')).toEqual({ ok: false, retryAfterSeconds: 4 });
  });

  it('never bites two people autosaving in a 1:1 with the defaults (10 saves a second each for a minute)', () => {
    let now = 0;
    const limiter = createWriteRateLimiter(DEFAULT_WRITE_RATE_LIMIT, () => now);
    let refused = 0;
    for (let i = 0; i < 600; i++) {
      now = i * 100;
      for (const who of ['manager', 'report']) if (!limiter.take(who).ok) refused++;
    }
    expect(refused).toBe(0);
  });
});

describe('readRateLimitConfig', () => {
  it('takes the defaults when nothing is set, and the configured values otherwise', () => {
    expect(readRateLimitConfig({})).toEqual({ ok: true, value: DEFAULT_WRITE_RATE_LIMIT });
    expect(readRateLimitConfig({ RATE_LIMIT_WRITES_PER_SECOND: '5', RATE_LIMIT_WRITE_BURST: '' })).toEqual({
      ok: true,
      value: { writesPerSecond: 5, burst: DEFAULT_WRITE_RATE_LIMIT.burst },
    });
  });

  it('names a value that is not a positive number', () => {
    const read = readRateLimitConfig({ RATE_LIMIT_WRITES_PER_SECOND: '0', RATE_LIMIT_WRITE_BURST: '2.5' });
    expect(read.ok).toBe(false);
    expect(read.ok ? [] : read.problems.join('; ')).toMatch(/RATE_LIMIT_WRITES_PER_SECOND.*RATE_LIMIT_WRITE_BURST/);
  });
});

describe('statusLinkRateKey', () => {
  it('keys a link by a hash, never by the link itself', () => {
    const key = statusLinkRateKey('Bearer eyJ.secret.link');
    expect(key).not.toContain('secret');
    expect(key).toBe(statusLinkRateKey('Bearer eyJ.secret.link'));
    expect(key).not.toBe(statusLinkRateKey('Bearer eyJ.other.link'));
  });
});
