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
}

export function createTokenSource(
  fetchToken: () => Promise<string>,
  options: { now?: () => number; minValidityMs?: number } = {},
): TokenSource {
  const now = options.now ?? Date.now;
  const minValidityMs = options.minValidityMs ?? 5 * 60_000;
  let cached: { token: string; expiresAtMs: number } | null = null;
  let inFlight: Promise<string> | null = null;

  return {
    get() {
      if (cached && cached.expiresAtMs - now() > minValidityMs) return Promise.resolve(cached.token);
      inFlight ??= fetchToken()
        .then((token) => {
          const exp = jwtExpiry(token);
          cached = exp === null ? null : { token, expiresAtMs: exp * 1000 };
          return token;
        })
        .finally(() => {
          inFlight = null;
        });
      return inFlight;
    },
    invalidate() {
      cached = null;
    },
  };
}
