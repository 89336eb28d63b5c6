/**
 * The simulator's signing key and JWTs. One RSA key per run, published in the JWKS with a `kid`, signs every
 * token (API tokens, Graph tokens, id tokens), so anything verifying through the JWKS behaves as against Entra ID.
 * Token lifetimes use the real clock, not the simulator's `now()`: verifiers (jose in the functions, msal's
 * cache) compare against the real clock, and a shifted calendar must not make fresh tokens look expired.
 */
import { generateKeyPairSync, randomUUID, type KeyObject } from 'node:crypto';
import {
  calculateJwkThumbprint,
  decodeProtectedHeader,
  exportJWK,
  jwtVerify,
  SignJWT,
  type JWK,
  type JWTPayload,
} from 'jose';

export const GRAPH_AUDIENCE = 'https://graph.microsoft.com';
/** Graph's application id; some clients ask for tokens with it as the audience. */
export const GRAPH_APP_ID = '00000003-0000-0000-c000-000000000000';

export interface SigningKey {
  kid: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
  jwk: JWK;
  /**
   * Keys this one replaced (rotateSigningKey): still published in the JWKS and still accepted, as Entra ID keeps
   * publishing a rolled-over key for a while, so tokens signed before a rotation stay valid until they expire.
   */
  retired?: Array<Pick<SigningKey, 'kid' | 'publicKey' | 'jwk'>>;
}

export async function createSigningKey(): Promise<SigningKey> {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const exported = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(exported, 'sha256');
  return { kid, privateKey, publicKey, jwk: { ...exported, kid, use: 'sig', alg: 'RS256', x5t: kid } };
}

/**
 * Rolls the key over IN PLACE (everything holding this object signs with the new key from now on); the old key
 * moves to `retired`. Verifiers that cached the old JWKS meet an unknown `kid` and must refetch.
 */
export async function rotateSigningKey(key: SigningKey): Promise<void> {
  const next = await createSigningKey();
  const retired = [{ kid: key.kid, publicKey: key.publicKey, jwk: key.jwk }, ...(key.retired ?? [])];
  Object.assign(key, next, { retired });
}

/** Every key a verifier may meet: the current one first, then the retired ones. */
export function publishedKeys(key: SigningKey): Array<Pick<SigningKey, 'kid' | 'publicKey' | 'jwk'>> {
  return [key, ...(key.retired ?? [])];
}

export function epochSeconds(): number {
  return Math.floor(Date.now() / 1000);
}

/** Signs claims as Entra ID does: RS256, `typ: JWT`, the key's `kid`, and a unique `uti`. */
export async function signToken(key: SigningKey, claims: JWTPayload): Promise<string> {
  return new SignJWT({ uti: randomUUID().replace(/-/g, '').slice(0, 22), ...claims })
    .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: key.kid })
    .sign(key.privateKey);
}

/** Why a token was refused, in words close to what Entra ID and Graph say. */
export class TokenRejected extends Error {}

/** Verifies a token this simulator signed; no clock tolerance, so "expired" tests are exact. */
export async function verifyToken(key: SigningKey, token: string, audience: string | string[]): Promise<JWTPayload> {
  if (token.split('.').length !== 3)
    throw new TokenRejected('IDX14100: JWT is not well formed, there are no dots (.).');
  try {
    // The token's kid picks the key (current or retired); an unknown kid is verified against the current key and fails.
    const kid = decodeProtectedHeader(token).kid;
    const publicKey = publishedKeys(key).find((k) => k.kid === kid)?.publicKey ?? key.publicKey;
    const { payload } = await jwtVerify(token, publicKey, { algorithms: ['RS256'], audience });
    return payload;
  } catch (error) {
    const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
    if (code === 'ERR_JWT_EXPIRED') throw new TokenRejected('Lifetime validation failed, the token is expired.');
    if (code === 'ERR_JWT_CLAIM_VALIDATION_FAILED') {
      const claim = (error as { claim?: string }).claim;
      if (claim === 'aud') throw new TokenRejected('Invalid audience.');
      if (claim === 'nbf') throw new TokenRejected('Lifetime validation failed, the token is not yet valid.');
    }
    if (code === 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED') throw new TokenRejected('Signature validation failed.');
    throw new TokenRejected('Access token validation failure.');
  }
}
