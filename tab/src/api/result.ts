import type { BoardField } from '@candor/contract';

/** Every API call answers with a value, never a thrown error. */
export type ApiResult<T, C = BoardField> =
  | { ok: true; value: T }
  /** 409 with the server's current value of what was written (a field, a rating, a commitment…). */
  | { ok: false; kind: 'conflict'; current: C }
  /** `code` is the ErrorBody's code when the API sent one (e.g. `finalised`). */
  | { ok: false; kind: 'http'; status: number; message: string; code?: string }
  | { ok: false; kind: 'network' };

export type ApiFailure<C = BoardField> = Exclude<ApiResult<never, C>, { ok: true }>;
