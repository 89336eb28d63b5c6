import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  createLocalJWKSet,
  exportJWK,
  generateKeyPair,
  SignJWT,
  type CryptoKey,
  type JWK,
  type JWTPayload,
  type JWTVerifyGetKey,
} from 'jose';
import { createTokenValidator, type TokenValidator } from './tokenValidator';

const TENANT = 'aaaaaaaa-0000-4000-8000-000000000001';
const OTHER_TENANT = 'bbbbbbbb-0000-4000-8000-000000000002';
const CLIENT_ID = 'cccccccc-0000-4000-8000-000000000003';
const OID = 'dddddddd-0000-4000-8000-000000000004';
const KID = 'key-1';

let server: Server;
let authority: string;
let signingKey: CryptoKey;
let strangerKey: CryptoKey;
let validator: TokenValidator;
let jwksRequests = 0;
let publicJwk: JWK;

beforeAll(async () => {
  const pair = await generateKeyPair('RS256', { extractable: true });
  signingKey = pair.privateKey;
  strangerKey = (await generateKeyPair('RS256')).privateKey;
  const jwk: JWK = { ...(await exportJWK(pair.publicKey)), kid: KID, alg: 'RS256', use: 'sig' };
  publicJwk = jwk;

  // A throwaway JWKS endpoint at the path Entra ID uses: {authority}/{tenant}/discovery/v2.0/keys.
  server = createServer((req, res) => {
    if (req.url === `/${TENANT}/discovery/v2.0/keys` || req.url === `/${OTHER_TENANT}/discovery/v2.0/keys`) {
      jwksRequests++;
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [jwk] }));
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  authority = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  validator = createTokenValidator({
    authorityHost: authority,
    tenantId: TENANT,
    audiences: [CLIENT_ID, `api://localhost/${CLIENT_ID}`],
    requiredScope: 'access_as_user',
  });
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const now = (): number => Math.floor(Date.now() / 1000);

function claims(overrides: JWTPayload = {}): JWTPayload {
  return {
    iss: `${authority}/${TENANT}/v2.0`,
    aud: CLIENT_ID,
    tid: TENANT,
    oid: OID,
    scp: 'User.Read access_as_user',
    name: 'Adele Vance',
    preferred_username: 'adele@contoso.test',
    ver: '2.0',
    iat: now() - 10,
    nbf: now() - 10,
    exp: now() + 3600,
    ...overrides,
  };
}

async function sign(payload: JWTPayload, key: CryptoKey = signingKey, kid = KID): Promise<string> {
  return new SignJWT(payload).setProtectedHeader({ alg: 'RS256', kid, typ: 'JWT' }).sign(key);
}

const bearer = (token: string): string => `Bearer ${token}`;
const b64 = (value: object): string => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('tokenValidator', () => {
  it('accepts a valid v2.0 token and returns the caller', async () => {
    await expect(validator.validate(bearer(await sign(claims())))).resolves.toEqual({
      ok: true,
      caller: { userId: OID, tenantId: TENANT, displayName: 'Adele Vance' },
    });
  });

  it('accepts the v1 issuer and an Application ID URI audience', async () => {
    const token = await sign(
      claims({ iss: `https://sts.windows.net/${TENANT}/`, aud: `api://localhost/${CLIENT_ID}`, ver: '1.0' }),
    );
    await expect(validator.validate(bearer(token))).resolves.toMatchObject({ ok: true });
  });

  it('lower-cases the object id', async () => {
    const result = await validator.validate(bearer(await sign(claims({ oid: OID.toUpperCase() }))));
    expect(result).toMatchObject({ ok: true, caller: { userId: OID } });
  });

  it('tolerates 60 s of clock skew', async () => {
    await expect(validator.validate(bearer(await sign(claims({ exp: now() - 30 }))))).resolves.toMatchObject({
      ok: true,
    });
  });

  it.each<[string, () => Promise<string | null>, string]>([
    ['no header', () => Promise.resolve(null), 'missing'],
    ['a non-bearer scheme', () => Promise.resolve('Basic dXNlcjpwYXNz'), 'malformed'],
    ['garbage', () => Promise.resolve('Bearer not-a-jwt'), 'malformed'],
    ['a wrong audience', async () => bearer(await sign(claims({ aud: 'api://someone-else' }))), 'wrongAudience'],
    ['a wrong issuer', async () => bearer(await sign(claims({ iss: 'https://evil.test/v2.0' }))), 'wrongIssuer'],
    [
      'an issuer of another tenant',
      async () => bearer(await sign(claims({ iss: `${authority}/${OTHER_TENANT}/v2.0` }))),
      'wrongIssuer',
    ],
    ['a wrong tid', async () => bearer(await sign(claims({ tid: OTHER_TENANT }))), 'wrongTenant'],
    ['an expired token', async () => bearer(await sign(claims({ exp: now() - 120 }))), 'expired'],
    ['nbf in the future', async () => bearer(await sign(claims({ nbf: now() + 600 }))), 'notYetValid'],
    ['a missing scope', async () => bearer(await sign(claims({ scp: 'User.Read' }))), 'missingScope'],
    [
      'no scp at all (an app-only token)',
      async () => bearer(await sign(claims({ scp: undefined, roles: ['x'] }))),
      'missingScope',
    ],
    ['a missing oid', async () => bearer(await sign(claims({ oid: undefined }))), 'missingClaims'],
    [
      'alg none',
      () => Promise.resolve(`Bearer ${b64({ alg: 'none', typ: 'JWT' })}.${b64(claims())}.`),
      'algorithmNotAllowed',
    ],
    [
      'an HS256 token (a shared-secret algorithm)',
      async () => {
        const secret = new TextEncoder().encode('a-shared-secret-that-anyone-could-know-000');
        return bearer(await new SignJWT(claims()).setProtectedHeader({ alg: 'HS256', kid: KID }).sign(secret));
      },
      'algorithmNotAllowed',
    ],
    ['a key not in the JWKS', async () => bearer(await sign(claims(), strangerKey, 'key-unknown')), 'unknownKey'],
    ['a known kid but the wrong key', async () => bearer(await sign(claims(), strangerKey, KID)), 'badSignature'],
    [
      'a tampered payload',
      async () => {
        const [header, , signature] = (await sign(claims())).split('.');
        return `Bearer ${header}.${b64(claims({ oid: OTHER_TENANT }))}.${signature}`;
      },
      'badSignature',
    ],
  ])('rejects %s', async (_name, header, reason) => {
    await expect(validator.validate(await header())).resolves.toEqual({ ok: false, reason });
  });

  describe('multi-tenant mode (ALLOWED_TENANT_IDS)', () => {
    const THIRD_TENANT = 'eeeeeeee-0000-4000-8000-000000000005';
    const multi = () =>
      createTokenValidator({
        authorityHost: authority,
        tenantId: TENANT,
        allowedTenantIds: [OTHER_TENANT],
        audiences: [CLIENT_ID],
        requiredScope: 'access_as_user',
      });
    const of = (tenant: string, overrides: JWTPayload = {}) =>
      claims({ tid: tenant, iss: `${authority}/${tenant}/v2.0`, ...overrides });

    it("accepts a listed tenant, with its own v2.0 or v1 issuer, and names that tenant as the caller's", async () => {
      await expect(multi().validate(bearer(await sign(of(OTHER_TENANT))))).resolves.toEqual({
        ok: true,
        caller: { userId: OID, tenantId: OTHER_TENANT, displayName: 'Adele Vance' },
      });
      const v1 = of(OTHER_TENANT, { iss: `https://sts.windows.net/${OTHER_TENANT}/`, ver: '1.0' });
      await expect(multi().validate(bearer(await sign(v1)))).resolves.toMatchObject({ ok: true });
      await expect(multi().validate(bearer(await sign(of(TENANT))))).resolves.toMatchObject({
        ok: true,
        caller: { tenantId: TENANT },
      });
    });

    it("refuses a tenant outside the list, without fetching that tenant's keys", async () => {
      const fetched = jwksRequests;
      await expect(multi().validate(bearer(await sign(of(THIRD_TENANT))))).resolves.toEqual({
        ok: false,
        reason: 'wrongTenant',
      });
      // Only the home tenant's key set was read (once, by this fresh validator), never the stranger's.
      expect(jwksRequests).toBe(fetched + 1);
    });

    it("refuses a listed tenant vouching for another: the issuer must be the token's own tenant's", async () => {
      const borrowed = of(OTHER_TENANT, { iss: `${authority}/${TENANT}/v2.0` });
      await expect(multi().validate(bearer(await sign(borrowed)))).resolves.toEqual({
        ok: false,
        reason: 'wrongIssuer',
      });
    });

    it('stays single-tenant without the list', async () => {
      await expect(validator.validate(bearer(await sign(of(OTHER_TENANT))))).resolves.toEqual({
        ok: false,
        reason: 'wrongTenant',
      });
    });
  });

  it('caches the key set between validations', async () => {
    const before = jwksRequests;
    await validator.validate(bearer(await sign(claims())));
    await validator.validate(bearer(await sign(claims())));
    expect(jwksRequests).toBe(before);
  });

  it('reports unreachable keys as such, not as a bad token', async () => {
    const offline = createTokenValidator({
      authorityHost: 'http://127.0.0.1:9',
      tenantId: TENANT,
      audiences: [CLIENT_ID],
      requiredScope: 'access_as_user',
    });
    await expect(offline.validate(bearer(await sign(claims())))).resolves.toEqual({
      ok: false,
      reason: 'keysUnavailable',
    });
  });
});

describe('tokenValidator: verified tokens are remembered until they expire', () => {
  // A clock of our own, so expiry is reached by moving it rather than by waiting.
  let clockMs = 0;
  let keyLookups = 0;
  let published: JWK[] = [];
  const countingKeys: JWTVerifyGetKey = (header, token) => {
    keyLookups++;
    return createLocalJWKSet({ keys: published })(header, token);
  };
  const cached = (): TokenValidator =>
    createTokenValidator({
      authorityHost: authority,
      tenantId: TENANT,
      audiences: [CLIENT_ID],
      requiredScope: 'access_as_user',
      keys: countingKeys,
      now: () => clockMs,
    });
  const seconds = (): number => Math.floor(clockMs / 1000);

  beforeEach(() => {
    clockMs = Date.now();
    keyLookups = 0;
    published = [publicJwk];
  });

  it('verifies the same token once, however often it comes', async () => {
    const tokens = cached();
    const token = bearer(await sign(claims({ iat: seconds(), nbf: seconds(), exp: seconds() + 3600 })));
    const first = await tokens.validate(token);
    await expect(tokens.validate(token)).resolves.toEqual(first);
    await expect(tokens.validate(` ${token} `)).resolves.toEqual(first);
    expect(first.ok).toBe(true);
    expect(keyLookups).toBe(1);
  });

  it('refuses an expired token even when it was verified before', async () => {
    const tokens = cached();
    const token = bearer(await sign(claims({ iat: seconds(), nbf: seconds(), exp: seconds() + 120 })));
    await expect(tokens.validate(token)).resolves.toMatchObject({ ok: true });
    // Past exp and the 60 s of tolerated skew: refused, whatever was remembered.
    clockMs += 181_000;
    await expect(tokens.validate(token)).resolves.toEqual({ ok: false, reason: 'expired' });
  });

  it('never serves a different token from the cache, nor one with a changed signature', async () => {
    const tokens = cached();
    const other = 'eeeeeeee-0000-4000-8000-000000000005';
    const adele = await sign(claims({ iat: seconds(), nbf: seconds(), exp: seconds() + 3600 }));
    const grady = await sign(
      claims({ oid: other, name: 'Grady Archie', iat: seconds(), nbf: seconds(), exp: seconds() + 3600 }),
    );
    await tokens.validate(bearer(adele));
    await expect(tokens.validate(bearer(grady))).resolves.toMatchObject({ ok: true, caller: { userId: other } });
    expect(keyLookups).toBe(2);
    const [header, payload] = adele.split('.');
    const forged = `${header}.${payload}.${(await sign(claims(), strangerKey)).split('.')[2]}`;
    await expect(tokens.validate(bearer(forged))).resolves.toEqual({ ok: false, reason: 'badSignature' });
  });

  it('checks a remembered token against the published keys again after a while, so a withdrawn key stops working', async () => {
    const tokens = cached();
    const token = bearer(await sign(claims({ iat: seconds(), nbf: seconds(), exp: seconds() + 3600 })));
    await expect(tokens.validate(token)).resolves.toMatchObject({ ok: true });
    // Entra ID can roll its signing key over at once in an emergency: the old key leaves the JWKS.
    published = [];
    clockMs += 10 * 60_000;
    await expect(tokens.validate(token)).resolves.toEqual({ ok: false, reason: 'unknownKey' });
  });

  it('forgets the oldest tokens when full, so memory stays bounded', async () => {
    const tokens = createTokenValidator({
      authorityHost: authority,
      tenantId: TENANT,
      audiences: [CLIENT_ID],
      requiredScope: 'access_as_user',
      keys: countingKeys,
      now: () => clockMs,
      maxCachedTokens: 2,
    });
    const mint = (n: number): Promise<string> =>
      sign(claims({ jti: `t${n}`, iat: seconds(), nbf: seconds(), exp: seconds() + 3600 }));
    const [a, b, c] = await Promise.all([mint(1), mint(2), mint(3)]);
    for (const t of [a, b, c, c, b]) await tokens.validate(bearer(t));
    expect(keyLookups).toBe(3);
    await tokens.validate(bearer(a));
    expect(keyLookups).toBe(4);
  });
});
