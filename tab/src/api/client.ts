import {
  apiPaths,
  boardViewSchema,
  errorBodySchema,
  fieldConflictSchema,
  saveFieldResponseSchema,
  type BoardRef,
  type BoardView,
  type SaveFieldRequest,
  type SaveFieldResponse,
  type TextFieldId,
} from '@candor/contract';
import type { ApiResult } from './result';
import type { TokenSource } from './token';

export type { ApiResult } from './result';

export interface ApiClient {
  /** The board of the 1:1 this Teams meeting chat belongs to (404 when the chat is not a 1:1 the caller is in). */
  getMeetingBoard(chatId: string): Promise<ApiResult<BoardView>>;
  getBoard(ref: BoardRef): Promise<ApiResult<BoardView>>;
  saveBoardField(ref: BoardRef, fieldId: TextFieldId, body: SaveFieldRequest): Promise<ApiResult<SaveFieldResponse>>;
}

export interface ApiClientOptions {
  /** `…/api`, no trailing slash. */
  baseUrl: string;
  tokens: TokenSource;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

interface Parser<T> {
  safeParse(input: unknown): { success: true; data: T } | { success: false };
}

export function createApiClient(options: ApiClientOptions): ApiClient {
  const doFetch = options.fetch ?? ((input, init) => fetch(input, init));
  const timeoutMs = options.timeoutMs ?? 15_000;

  async function send(path: string, init: { method: 'GET' | 'PUT'; body?: unknown }): Promise<Response | { failure: ApiResult<never> }> {
    for (let attempt = 0; ; attempt++) {
      let token: string;
      try {
        token = await options.tokens.get();
      } catch (error) {
        return {
          failure: { ok: false, kind: 'http', status: 401, message: `Could not sign you in: ${describe(error)}` },
        };
      }
      const headers: Record<string, string> = { Accept: 'application/json', Authorization: `Bearer ${token}` };
      if (init.body !== undefined) headers['Content-Type'] = 'application/json';
      const controller = new AbortController();
      const timer = setTimeout(() => controller.abort(), timeoutMs);
      let response: Response;
      try {
        response = await doFetch(`${options.baseUrl}/${path}`, {
          method: init.method,
          headers,
          body: init.body === undefined ? undefined : JSON.stringify(init.body),
          cache: 'no-store',
          credentials: 'omit',
          signal: controller.signal,
        });
      } catch {
        return { failure: { ok: false, kind: 'network' } };
      } finally {
        clearTimeout(timer);
      }
      // A cached token the API no longer accepts: fetch a fresh one from the host and try once more.
      if (response.status === 401 && attempt === 0) {
        options.tokens.invalidate();
        continue;
      }
      return response;
    }
  }

  async function call<T>(path: string, init: { method: 'GET' | 'PUT'; body?: unknown }, schema: Parser<T>): Promise<ApiResult<T>> {
    const sent = await send(path, init);
    if ('failure' in sent) return sent.failure;
    const response = sent;
    let json: unknown;
    try {
      json = await response.json();
    } catch {
      if (response.ok) return { ok: false, kind: 'http', status: response.status, message: 'The response was not JSON.' };
      return { ok: false, kind: 'http', status: response.status, message: response.statusText || `HTTP ${response.status}` };
    }
    if (response.ok) {
      const parsed = schema.safeParse(json);
      if (parsed.success) return { ok: true, value: parsed.data };
      return { ok: false, kind: 'http', status: response.status, message: 'The response did not match the API contract.' };
    }
    if (response.status === 409) {
      const conflict = fieldConflictSchema.safeParse(json);
      if (conflict.success) return { ok: false, kind: 'conflict', current: conflict.data.current };
    }
    const body = errorBodySchema.safeParse(json);
    return {
      ok: false,
      kind: 'http',
      status: response.status,
      message: body.success ? body.data.error.message : response.statusText || `HTTP ${response.status}`,
    };
  }

  return {
    getMeetingBoard: (chatId) => call(apiPaths.meetingBoard(chatId), { method: 'GET' }, boardViewSchema),
    getBoard: (ref) => call(apiPaths.board(ref), { method: 'GET' }, boardViewSchema),
    saveBoardField: (ref, fieldId, body) =>
      call(apiPaths.boardField(ref, fieldId), { method: 'PUT', body }, saveFieldResponseSchema),
  };
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
