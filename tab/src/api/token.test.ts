import { createTokenSource, jwtExpiry } from './token';

function jwt(payload: object): string {
  const enc = (o: object) =>
    btoa(String.fromCharCode(...new TextEncoder().encode(JSON.stringify(o))))
      .replace(/\+/g, '-')
      .replace(/\//g, '_')
      .replace(/=+$/, '');
  return `${enc({ alg: 'RS256' })}.${enc(payload)}.sig`;
}

describe('jwtExpiry', () => {
  it('reads exp from a base64url payload', () => {
    expect(jwtExpiry(jwt({ exp: 1_900_000_000, name: 'Zoë ✓' }))).toBe(1_900_000_000);
  });
  it('returns null for junk', () => {
    expect(jwtExpiry('not-a-jwt')).toBeNull();
    expect(jwtExpiry('a.%%%.c')).toBeNull();
    expect(jwtExpiry(jwt({ sub: 'x' }))).toBeNull();
  });
});

describe('createTokenSource', () => {
  it('caches a token until it is close to expiry, and shares one fetch', async () => {
    let now = 1_000_000_000_000;
    const fetchToken = jest.fn(async () => jwt({ exp: now / 1000 + 3600 }));
    const source = createTokenSource(fetchToken, { now: () => now });
    const [a, b] = await Promise.all([source.get(), source.get()]);
    expect(a).toBe(b);
    expect(fetchToken).toHaveBeenCalledTimes(1);
    await source.get();
    expect(fetchToken).toHaveBeenCalledTimes(1);
    now += 56 * 60_000; // 4 minutes left: refresh
    await source.get();
    expect(fetchToken).toHaveBeenCalledTimes(2);
    source.invalidate();
    await source.get();
    expect(fetchToken).toHaveBeenCalledTimes(3);
  });

  it('does not cache tokens it cannot read, and lets a failed fetch be retried', async () => {
    const fetchToken = jest.fn<Promise<string>, []>().mockRejectedValueOnce(new Error('consent required')).mockResolvedValue('opaque');
    const source = createTokenSource(fetchToken);
    await expect(source.get()).rejects.toThrow('consent required');
    await expect(source.get()).resolves.toBe('opaque');
    await source.get();
    expect(fetchToken).toHaveBeenCalledTimes(3);
  });
});
