import { createHash } from 'node:crypto';
import { createRemoteJWKSet, decodeJwt, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { objectIdSchema } from '../contract';

/** The person calling the API, as their access token proves. */
export interface Caller {
  /** Entra object id (`oid`), lower-case. */
  userId: string;
  tenantId: string;
  displayName: string;
}

export type TokenFailureReason =
  | 'missing'
  | 'malformed'
  | 'expired'
  | 'notYetValid'
  | 'wrongAudience'
  | 'wrongIssuer'
  | 'wrongTenant'
  | 'missingScope'
  | 'missingClaims'
  | 'algorithmNotAllowed'
  | 'unknownKey'
  | 'badSignature'
  /** The signing keys could not be fetched: our problem, not the caller's. */
  | 'keysUnavailable';

export type TokenCheck = { ok: true; caller: Caller } | { ok: false; reason: TokenFailureReason };

export interface TokenValidator {
  /** Takes the raw `Authorization` header value. Never logs or returns the token. */
  validate(authorization: string | null | undefined): Promise<TokenCheck>;
}

export interface TokenValidatorOptions {
  authorityHost: string;
  /** The home tenant: its tokens are accepted, and in single-tenant mode only its tokens. */
  tenantId: string;
  /**
   * Multi-tenant mode: every tenant whose tokens are accepted (the home tenant is always added). Each token's
   * issuer is checked against ITS tenant, and its keys come from its tenant's JWKS. Empty = single-tenant.
   */
  allowedTenantIds?: readonly string[];
  audiences: readonly string[];
  requiredScope: string;
  clockToleranceSeconds?: number;
  /** Signing keys; defaults to each tenant's JWKS at `{authorityHost}/{tenant}/discovery/v2.0/keys`. */
  keys?: JWTVerifyGetKey;
  /**
   * How long after a JWKS fetch an unknown `kid` does not trigger another fetch (jose's cooldown, default 30 s):
   * it stops a flood of tokens with made-up kids from turning into a flood of JWKS requests.
   */
  jwksCooldownMs?: number;
  /** The clock, in epoch milliseconds (tests move it). */
  now?: () => number;
  /** How many verified tokens are remembered at most (default 10,000); the oldest is forgotten first. */
  maxCachedTokens?: number;
}

/**
 * A verified token is remembered at most this long, even when it expires later: Entra ID can withdraw a signing key
 * at once in an emergency, and after this the token is checked against the key set again (jose keeps a fetched JWKS
 * for up to 10 minutes, so this adds no staleness of its own).
 */
const REVERIFY_AFTER_MS = 5 * 60_000;

const BEARER = /^Bearer +([A-Za-z0-9\-_]+\.[A-Za-z0-9\-_]*\.[A-Za-z0-9\-_]*)$/i;

/** The raw token of an `Authorization: Bearer` header, e.g. as the On-Behalf-Of assertion; null when malformed. */
export function bearerTokenOf(authorization: string | null | undefined): string | null {
  return (authorization && BEARER.exec(authorization.trim())?.[1]) || null;
}

/**
 * Validates Entra ID access tokens for the Candor API: RS256 only (never `none` or HMAC, whose "key" would be
 * public), signed by a key in the tenant's JWKS (jose caches it and refetches on an unknown `kid`, with a cooldown),
 * audience one of ours, issued by our tenant (or, in multi-tenant mode, by an allowed tenant, each checked against its
 * own issuer and keys) in v2.0 or v1 form, carrying the required delegated scope.
 */
export function createTokenValidator(options: TokenValidatorOptions): TokenValidator {
  const authority = options.authorityHost.replace(/\/+$/, '');
  const home = options.tenantId.toLowerCase();
  const allowed = new Set([home, ...(options.allowedTenantIds ?? []).map((t) => t.toLowerCase())]);
  // One remote key set per allowed tenant, created on first use: jose caches each and refetches on an unknown kid.
  const keySets = new Map<string, JWTVerifyGetKey>();
  const keySetOf = (tenant: string): JWTVerifyGetKey => {
    let set = keySets.get(tenant);
    if (!set) {
      const segment = tenant === home ? options.tenantId : tenant;
      set = createRemoteJWKSet(new URL(`${authority}/${encodeURIComponent(segment)}/discovery/v2.0/keys`), {
        timeoutDuration: 5000,
        ...(options.jwksCooldownMs === undefined ? {} : { cooldownDuration: options.jwksCooldownMs }),
      });
      keySets.set(tenant, set);
    }
    return set;
  };
  // A token naming a tenant outside the list is checked against the home tenant's keys (and then refused as
  // wrongTenant), so a stranger can never make this process fetch key sets of tenants it chose.
  const keys: JWTVerifyGetKey =
    options.keys ??
    ((header, token) => {
      const claimed = unverifiedTenant(token.payload);
      return keySetOf(allowed.has(claimed) ? claimed : home)(header, token);
    });
  const issuersOf = (tenant: string): Set<string> =>
    new Set([`${authority}/${tenant}/v2.0`, `https://sts.windows.net/${tenant}/`]);
  const now = options.now ?? Date.now;
  const verified = createVerifiedTokenCache(options.maxCachedTokens ?? 10_000);

  const checkClaims = (payload: JWTPayload): TokenCheck => {
    // The tenant is checked before the issuer so a token from another tenant is reported as exactly that.
    const tid = typeof payload['tid'] === 'string' ? payload['tid'] : '';
    const tenant = tid.toLowerCase();
    if (!allowed.has(tenant)) return fail('wrongTenant');
    // The issuer must be the token's OWN tenant's: a tenant on the list cannot vouch for another one's users.
    if (typeof payload.iss !== 'string' || !issuersOf(tid).has(payload.iss)) return fail('wrongIssuer');
    const scopes = typeof payload['scp'] === 'string' ? payload['scp'].split(' ') : [];
    if (!scopes.includes(options.requiredScope)) return fail('missingScope');
    const oid = objectIdSchema.safeParse(payload['oid']);
    if (!oid.success) return fail('missingClaims');

    const name = payload['name'] ?? payload['preferred_username'];
    return {
      ok: true,
      caller: {
        userId: oid.data.toLowerCase(),
        // Stores key everything by this tenant, so two tenants' data never meet in one partition.
        tenantId: tenant === home ? options.tenantId : tid,
        displayName: typeof name === 'string' ? name : '',
      },
    };
  };

  const verify = async (token: string): Promise<{ check: TokenCheck; expiresAtMs: number | null }> => {
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, keys, {
        algorithms: ['RS256'],
        audience: [...options.audiences],
        clockTolerance: options.clockToleranceSeconds ?? 60,
        currentDate: new Date(now()),
        requiredClaims: ['exp', 'iss', 'aud'],
      }));
    } catch (error) {
      return { check: fail(reasonFor(error)), expiresAtMs: null };
    }
    return { check: checkClaims(payload), expiresAtMs: typeof payload.exp === 'number' ? payload.exp * 1000 : null };
  };

  return {
    async validate(authorization) {
      if (!authorization) return fail('missing');
      const token = BEARER.exec(authorization.trim())?.[1];
      if (!token) return fail('malformed');
      // A save verifies the same token dozens of times an hour: the RSA check is done once per token, and a
      // remembered answer is never used past the token's exp nor past REVERIFY_AFTER_MS. Only successes are kept.
      const key = createHash('sha256').update(token).digest('base64url');
      const at = now();
      const known = verified.get(key, at);
      if (known) return { ok: true, caller: known };
      const { check, expiresAtMs } = await verify(token);
      if (check.ok && expiresAtMs !== null && expiresAtMs > at)
        verified.set(key, check.caller, Math.min(expiresAtMs, at + REVERIFY_AFTER_MS));
      return check;
    },
  };
}

/** Callers of verified tokens by the token's hash, each until its deadline; the oldest goes first when full. */
function createVerifiedTokenCache(capacity: number): {
  get(key: string, at: number): Caller | undefined;
  set(key: string, caller: Caller, until: number): void;
} {
  const entries = new Map<string, { caller: Caller; until: number }>();
  return {
    get(key, at) {
      const entry = entries.get(key);
      if (!entry) return undefined;
      if (at < entry.until) return entry.caller;
      entries.delete(key);
      return undefined;
    },
    set(key, caller, until) {
      entries.delete(key);
      while (entries.size >= capacity) {
        const oldest = entries.keys().next();
        if (oldest.done) break;
        entries.delete(oldest.value);
      }
      entries.set(key, { caller, until });
    },
  };
}

/** `tid` of a token's payload segment before verification: only to choose which tenant's keys verify it. */
function unverifiedTenant(payloadSegment: string | Uint8Array | undefined): string {
  if (typeof payloadSegment !== 'string') return '';
  try {
    const tid = decodeJwt(`e30.${payloadSegment}.`)['tid'];
    return typeof tid === 'string' ? tid.toLowerCase() : '';
  } catch {
    return '';
  }
}

function fail(reason: TokenFailureReason): TokenCheck {
  return { ok: false, reason };
}

/** jose errors carry stable `code`s; matching on them avoids depending on class identity across module copies. */
function reasonFor(error: unknown): TokenFailureReason {
  const code = typeof error === 'object' && error !== null && 'code' in error ? error.code : undefined;
  const claim = typeof error === 'object' && error !== null && 'claim' in error ? error.claim : undefined;
  switch (code) {
    case 'ERR_JWT_EXPIRED':
      return 'expired';
    case 'ERR_JWT_CLAIM_VALIDATION_FAILED':
      if (claim === 'nbf') return 'notYetValid';
      if (claim === 'aud') return 'wrongAudience';
      if (claim === 'iss') return 'wrongIssuer';
      return 'missingClaims';
    case 'ERR_JOSE_ALG_NOT_ALLOWED':
    case 'ERR_JOSE_NOT_SUPPORTED':
      return 'algorithmNotAllowed';
    case 'ERR_JWKS_NO_MATCHING_KEY':
      return 'unknownKey';
    case 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED':
      return 'badSignature';
    case 'ERR_JWKS_TIMEOUT':
    case 'ERR_JWKS_INVALID':
      return 'keysUnavailable';
    default:
      // Any other jose error is about the token; anything else means the key set could not be fetched (network, TLS).
      return typeof code === 'string' && /^ERR_(JOSE|JW)/.test(code) ? 'malformed' : 'keysUnavailable';
  }
}
