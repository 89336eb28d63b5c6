import type { LocalStack } from '@candor/local/stack';

export interface ApiAnswer {
  status: number;
  body: unknown;
  headers: Headers;
}

/** Calls the API the way the tab does: JSON over fetch, with the caller's bearer token. */
export async function callApi(
  stack: LocalStack,
  method: string,
  path: string,
  options: { token?: string; body?: unknown; rawBody?: string; contentType?: string } = {},
): Promise<ApiAnswer> {
  const headers: Record<string, string> = {};
  if (options.token !== undefined) headers.authorization = `Bearer ${options.token}`;
  let body: string | undefined;
  if (options.rawBody !== undefined) body = options.rawBody;
  else if (options.body !== undefined) body = JSON.stringify(options.body);
  if (body !== undefined) headers['content-type'] = options.contentType ?? 'application/json';
  const response = await fetch(`${stack.apiBaseUrl}/${path}`, { method, headers, body });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    // Not JSON: keep the text so a failing assertion shows what came back.
  }
  return { status: response.status, body: parsed, headers: response.headers };
}
