import type { BoardField } from '@candor/contract';

/** Every API call answers with a value, never a thrown error. */
export type ApiResult<T> =
  | { ok: true; value: T }
  | { ok: false; kind: 'conflict'; current: BoardField }
  | { ok: false; kind: 'http'; status: number; message: string }
  | { ok: false; kind: 'network' };

export type ApiFailure = Exclude<ApiResult<never>, { ok: true }>;
