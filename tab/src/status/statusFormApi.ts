import {
  errorBodySchema,
  saveStatusUpdateResponseSchema,
  statusApiPaths,
  statusFormViewSchema,
  statusUpdateConflictSchema,
  type SaveStatusUpdateRequest,
  type StatusFormView,
  type StatusUpdate,
  type StatusUpdateConflict,
} from '@candor/contract';
import { linkTokenRequest, type LinkAnswer } from './linkRequest';

/** Why the form could not load or save, in the words the page needs to pick what to say. */
export type FormFailure =
  | { kind: 'expired' | 'invalid' | 'notFound' | 'closed'; message: string }
  | { kind: 'rejected'; message: string; field?: string }
  | { kind: 'network' }
  | { kind: 'server'; message: string }
  /** Nothing was saved: these parts changed elsewhere since the form loaded them; `current` is what is stored. */
  | { kind: 'conflict'; message: string; current: StatusUpdate; parts: StatusUpdateConflict['parts'] };

export type FormResult<T> = { ok: true; value: T } | ({ ok: false } & FormFailure);

export interface StatusFormApi {
  load(): Promise<FormResult<StatusFormView>>;
  save(body: SaveStatusUpdateRequest): Promise<FormResult<StatusUpdate>>;
}

/**
 * The status form's API client. Its only credential is the link token from the email (sent as a bearer token),
 * so it needs no Teams or Entra sign-in and works in any browser.
 */
export function createStatusFormApi(options: {
  baseUrl: string;
  token: string;
  fetch?: typeof fetch;
  timeoutMs?: number;
}): StatusFormApi {
  const timeoutMs = options.timeoutMs ?? 15_000;
  const send = linkTokenRequest(options);
  const request = (method: 'GET' | 'PUT', body?: unknown): Promise<LinkAnswer> =>
    send(method, statusApiPaths.statusForm(), body, { timeoutMs });

  function failure(answer: LinkAnswer): { ok: false } & FormFailure {
    if (!answer) return { ok: false, kind: 'network' };
    const error = errorBodySchema.safeParse(answer.json);
    const message = error.success ? error.data.error.message : `HTTP ${answer.status}`;
    const code = error.success ? error.data.error.code : '';
    if (code === 'linkExpired') return { ok: false, kind: 'expired', message };
    if (code === 'linkInvalid' || answer.status === 401) return { ok: false, kind: 'invalid', message };
    if (answer.status === 404) return { ok: false, kind: 'notFound', message };
    if (code === 'formClosed') return { ok: false, kind: 'closed', message };
    if (code === 'conflict') {
      const conflict = statusUpdateConflictSchema.safeParse(answer.json);
      if (conflict.success)
        return { ok: false, kind: 'conflict', message, current: conflict.data.current, parts: conflict.data.parts };
    }
    if (answer.status >= 400 && answer.status < 500) {
      const field = error.success ? error.data.error.field : undefined;
      return { ok: false, kind: 'rejected', message, ...(field ? { field } : {}) };
    }
    return { ok: false, kind: 'server', message };
  }

  return {
    async load() {
      const answer = await request('GET');
      if (answer?.status !== 200) return failure(answer);
      const view = statusFormViewSchema.safeParse(answer.json);
      return view.success
        ? { ok: true, value: view.data }
        : { ok: false, kind: 'server', message: 'Unexpected answer from Candor.' };
    },
    async save(body) {
      const answer = await request('PUT', body);
      if (answer?.status !== 200) return failure(answer);
      const saved = saveStatusUpdateResponseSchema.safeParse(answer.json);
      return saved.success
        ? { ok: true, value: saved.data.update }
        : { ok: false, kind: 'server', message: 'Unexpected answer from Candor.' };
    },
  };
}
