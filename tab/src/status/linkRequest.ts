/** An answer of the API as the status surfaces read it; null when no answer came (network, timeout). */
export type LinkAnswer = { status: number; json: unknown } | null;

export type LinkRequest = (
  method: 'GET' | 'PUT' | 'DELETE',
  path: string,
  body?: unknown,
  options?: { keepalive?: boolean; timeoutMs?: number },
) => Promise<LinkAnswer>;

/**
 * One request of the status form's surfaces (the form and its server draft). The link token from the email is the
 * only credential, sent as a bearer token, so no Teams or Entra sign-in is needed and no cookie is sent.
 */
export function linkTokenRequest(options: { baseUrl: string; token: string; fetch?: typeof fetch }): LinkRequest {
  const doFetch = options.fetch ?? ((input, init) => fetch(input, init));
  return async (method, path, body, { keepalive = false, timeoutMs } = {}) => {
    const controller = new AbortController();
    const timer = timeoutMs === undefined ? undefined : setTimeout(() => controller.abort(), timeoutMs);
    try {
      const response = await doFetch(`${options.baseUrl}/${path}`, {
        method,
        headers: {
          Accept: 'application/json',
          Authorization: `Bearer ${options.token}`,
          ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        cache: 'no-store',
        credentials: 'omit',
        keepalive,
        signal: controller.signal,
      });
      return { status: response.status, json: (await response.json().catch(() => null)) as unknown };
    } catch {
      return null;
    } finally {
      clearTimeout(timer);
    }
  };
}
