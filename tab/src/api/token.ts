/** Seconds-since-epoch expiry of a JWT, or null when the token cannot be read (the caller then does not cache). */
export function jwtExpiry(token: string): number | null {
  const payload = token.split('.')[1];
  if (!payload) return null;
  try {
    const base64 = payload.replace(/-/g, '+').replace(/_/g, '/');
    const padded = base64 + '='.repeat((4 - (base64.length % 4)) % 4);
    const json: unknown = JSON.parse(atob(padded));
    if (json && typeof json === 'object' && 'exp' in json && typeof json.exp === 'number') return json.exp;
    return null;
  } catch {
    return null;
  }
}

export interface TokenSource {
  /** A token valid for at least `minValidityMs` more, fetched from the host when the cached one is not. */
  get(): Promise<string>;
  /** Forget the cached token (after a 401). */
  invalidate(): void;
  /**
   * A token that satisfies a Conditional Access claims challenge (the API's `claimsChallenge`): asked from the host
   * with these claims, where it may prompt the person (MFA…); kept as the cached token. Rejects when the host can't.
   */
  satisfy(claims: string): Promise<string>;
}

export function createTokenSource(
  fetchToken: (claims?: readonly string[]) => Promise<string>,
  options: { now?: () => number; minValidityMs?: number } = {},
): TokenSource {
  const now = options.now ?? Date.now;
  const minValidityMs = options.minValidityMs ?? 5 * 60_000;
  let cached: { token: string; expiresAtMs: number } | null = null;
  let inFlight: Promise<string> | null = null;
  const keep = (token: string): string => {
    const exp = jwtExpiry(token);
    cached = exp === null ? null : { token, expiresAtMs: exp * 1000 };
    return token;
  };

  return {
    get() {
      if (cached && cached.expiresAtMs - now() > minValidityMs) return Promise.resolve(cached.token);
      inFlight ??= fetchToken()
        .then(keep)
        .finally(() => {
          inFlight = null;
        });
      return inFlight;
    },
    invalidate() {
      cached = null;
    },
    async satisfy(claims) {
      cached = null;
      return keep(await fetchToken([claims]));
    },
  };
}

/** The ErrorBody code of a consent still missing: the API's (On-Behalf-Of refused) and the client's (SSO refused). */
export const CONSENT_REQUIRED = 'consentRequired';

/**
 * The person (or their admin) has not consented to Candor yet: the tab must ask them, with a button (pop-ups
 * need a click) that opens the consent pop-up (tab/src/consent).
 */
export class ConsentNeeded extends Error {
  override readonly name = 'ConsentNeeded';
}

/**
 * How hosts say "consent first": Teams' getAuthToken rejects with `resourceRequiresConsent`; Outlook and the
 * Microsoft 365 app pass Entra ID's words through (`consent_required`, `interaction_required`, or
 * `invalid_grant` with AADSTS65001).
 */
export function isConsentError(error: unknown): boolean {
  const message = error instanceof Error ? error.message : typeof error === 'string' ? error : '';
  if (accessPolicyCodeOf(error)) return false;
  return /resourceRequiresConsent|consent_required|interaction_required|invalid_grant|AADSTS65001/i.test(message);
}

/**
 * The AADSTS code of a Conditional Access refusal a host passed through from Entra ID (MFA 50076/50079, device
 * state 50158, the 53xxx blocks): no consent prompt can help with it. Null for anything else.
 */
export function accessPolicyCodeOf(error: unknown): string | null {
  const message = error instanceof Error ? error.message : typeof error === 'string' ? error : '';
  return /\bAADSTS(50076|50079|50158|53\d{3,4})\b/.exec(message)?.[0] ?? null;
}

/** The ErrorBody codes of Conditional Access: a claims challenge not satisfied, and a policy that blocks outright. */
export const CLAIMS_CHALLENGE = 'claimsChallenge';
export const ACCESS_BLOCKED = 'accessBlocked';

/**
 * Teams SSO with the documented fallbacks: ask as the host likes (silently where it can); on a consent error ask
 * again with `silent: false`, which lets the host show its own consent prompt where it has one; if consent is
 * still missing, reject with ConsentNeeded. Any other failure is passed on unchanged.
 *
 * With `claims` (a Conditional Access challenge the API passed on): one request with those claims and
 * `silent: false` (teams-js AuthTokenRequestParameters), so the host can prompt for what the policy asks; its
 * failure is passed on as it is (it is no consent question).
 */
export async function getSsoToken(
  request: (silent: boolean | undefined, claims?: readonly string[]) => Promise<string>,
  claims?: readonly string[],
): Promise<string> {
  if (claims?.length) return request(false, claims);
  try {
    return await request(undefined);
  } catch (error) {
    if (!isConsentError(error)) throw error;
  }
  try {
    return await request(false);
  } catch (error) {
    if (isConsentError(error)) throw new ConsentNeeded('Candor needs your permission once.', { cause: error });
    throw error;
  }
}
