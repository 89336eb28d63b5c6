import { createRemoteJWKSet, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
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
  tenantId: string;
  audiences: readonly string[];
  requiredScope: string;
  clockToleranceSeconds?: number;
  /** Signing keys; defaults to the tenant's JWKS at `{authorityHost}/{tenant}/discovery/v2.0/keys`. */
  keys?: JWTVerifyGetKey;
}

const BEARER = /^Bearer +([A-Za-z0-9\-_]+\.[A-Za-z0-9\-_]*\.[A-Za-z0-9\-_]*)$/i;

/**
 * Validates Entra ID access tokens for the Candor API: RS256 only (never `none` or HMAC, whose "key" would be
 * public), signed by a key in the tenant's JWKS (jose caches it and refetches on an unknown `kid`, with a cooldown),
 * audience one of ours, issued by our tenant in v2.0 or v1 form, carrying the required delegated scope.
 */
export function createTokenValidator(options: TokenValidatorOptions): TokenValidator {
  const authority = options.authorityHost.replace(/\/+$/, '');
  const keys =
    options.keys ??
    createRemoteJWKSet(new URL(`${authority}/${encodeURIComponent(options.tenantId)}/discovery/v2.0/keys`), {
      timeoutDuration: 5000,
    });
  const issuers = new Set([`${authority}/${options.tenantId}/v2.0`, `https://sts.windows.net/${options.tenantId}/`]);

  return {
    async validate(authorization) {
      if (!authorization) return fail('missing');
      const token = BEARER.exec(authorization.trim())?.[1];
      if (!token) return fail('malformed');

      let payload: JWTPayload;
      try {
        ({ payload } = await jwtVerify(token, keys, {
          algorithms: ['RS256'],
          audience: [...options.audiences],
          clockTolerance: options.clockToleranceSeconds ?? 60,
          requiredClaims: ['exp', 'iss', 'aud'],
        }));
      } catch (error) {
        return fail(reasonFor(error));
      }

      // The tenant is checked before the issuer so a token from another tenant is reported as exactly that.
      if (payload['tid'] !== options.tenantId) return fail('wrongTenant');
      if (typeof payload.iss !== 'string' || !issuers.has(payload.iss)) return fail('wrongIssuer');
      const scopes = typeof payload['scp'] === 'string' ? payload['scp'].split(' ') : [];
      if (!scopes.includes(options.requiredScope)) return fail('missingScope');
      const oid = objectIdSchema.safeParse(payload['oid']);
      if (!oid.success) return fail('missingClaims');

      const name = payload['name'] ?? payload['preferred_username'];
      return {
        ok: true,
        caller: {
          userId: oid.data.toLowerCase(),
          tenantId: options.tenantId,
          displayName: typeof name === 'string' ? name : '',
        },
      };
    },
  };
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
