import { ConsentNeeded, createTokenSource, getSsoToken, isConsentError, jwtExpiry } from './token';

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
    const fetchToken = jest.fn(() => Promise.resolve(jwt({ exp: now / 1000 + 3600 })));
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
    const fetchToken = jest
      .fn<Promise<string>, []>()
      .mockRejectedValueOnce(new Error('consent required'))
      .mockResolvedValue('opaque');
    const source = createTokenSource(fetchToken);
    await expect(source.get()).rejects.toThrow('consent required');
    await expect(source.get()).resolves.toBe('opaque');
    await source.get();
    expect(fetchToken).toHaveBeenCalledTimes(3);
  });
});

describe('getSsoToken', () => {
  it("returns the host's token when it has one, asking once", async () => {
    const request = jest.fn<Promise<string>, [silent: boolean | undefined]>(() => Promise.resolve('token'));
    await expect(getSsoToken(request)).resolves.toBe('token');
    expect(request.mock.calls).toEqual([[undefined]]);
  });

  it('asks again without silence on a consent error, and takes that token', async () => {
    const request = jest
      .fn<Promise<string>, [boolean | undefined]>()
      .mockRejectedValueOnce(new Error('resourceRequiresConsent'))
      .mockResolvedValueOnce('after-prompt');
    await expect(getSsoToken(request)).resolves.toBe('after-prompt');
    expect(request.mock.calls).toEqual([[undefined], [false]]);
  });

  it.each([
    'resourceRequiresConsent',
    'consent_required',
    'invalid_grant: AADSTS65001: The user or administrator has not consented',
  ])('rejects with ConsentNeeded when "%s" persists', async (message) => {
    const request = jest.fn<Promise<string>, [silent: boolean | undefined]>(() => Promise.reject(new Error(message)));
    await expect(getSsoToken(request)).rejects.toBeInstanceOf(ConsentNeeded);
    expect(request).toHaveBeenCalledTimes(2);
  });

  it('passes any other failure on at once, without a second request', async () => {
    const request = jest.fn<Promise<string>, [silent: boolean | undefined]>(() =>
      Promise.reject(new Error('CancelledByUser')),
    );
    await expect(getSsoToken(request)).rejects.toThrow('CancelledByUser');
    expect(request).toHaveBeenCalledTimes(1);
    expect(isConsentError(new Error('resourceDisabled'))).toBe(false);
  });
});
