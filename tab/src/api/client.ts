import {
  apiPaths,
  boardViewSchema,
  errorBodySchema,
  fieldConflictSchema,
  saveFieldResponseSchema,
  commitmentConflictSchema,
  commitmentResponseSchema,
  goToBankConflictSchema,
  goToBankSchema,
  privateNoteConflictSchema,
  privateNoteResponseSchema,
  ratingConflictSchema,
  saveRatingResponseSchema,
  saveRecapResponseSchema,
  skipGoToQuestionResponseSchema,
  type BoardField,
  type Commitment,
  type CommitmentResponse,
  type CreateCommitmentRequest,
  type GoToBank,
  type PrivateNote,
  type PrivateNoteResponse,
  type RatingField,
  type RatingFieldId,
  type SaveGoToBankRequest,
  type SavePrivateNoteRequest,
  type SaveRatingRequest,
  type SaveRatingResponse,
  type SaveRecapRequest,
  type SaveRecapResponse,
  type SkipGoToQuestionRequest,
  type SkipGoToQuestionResponse,
  type UpdateCommitmentRequest,
  statusApiPaths,
  statusMovePath,
  statusUpdateViewSchema,
  appendStatusTextResponseSchema,
  type AppendStatusTextRequest,
  type AppendStatusTextResponse,
  type StatusUpdateView,
  type BoardRef,
  type BoardView,
  type SaveFieldRequest,
  type SaveFieldResponse,
  type TextFieldId,
} from '@candor/contract';
import {
  pairTrendResponseSchema,
  teamTrendsResponseSchema,
  trendApiPaths,
  trendSharingResponseSchema,
  type PairTrendResponse,
  type SaveTrendSharingRequest,
  type TeamTrendsResponse,
  type TrendSharingResponse,
} from '@candor/contract';
import type { ApiResult } from './result';
import { recapConflictSchema, type SavedRecap } from '@candor/contract';
import type { TokenSource } from './token';

export type { ApiResult } from './result';

export interface ApiClient {
  /** The board of the 1:1 this Teams meeting chat belongs to (404 when the chat is not a 1:1 the caller is in). */
  getMeetingBoard(chatId: string): Promise<ApiResult<BoardView>>;
  getBoard(ref: BoardRef): Promise<ApiResult<BoardView>>;
  saveBoardField(ref: BoardRef, fieldId: TextFieldId, body: SaveFieldRequest): Promise<ApiResult<SaveFieldResponse>>;
  /** The report's pre-meeting status update for this occurrence (prep view, side panel's "Read"). */
  getStatusUpdate(ref: BoardRef): Promise<ApiResult<StatusUpdateView>>;
  /** The report moves board words into their status update (idempotent per `moveId`; 409 once the 1:1 started). */
  appendStatusText(ref: BoardRef, body: AppendStatusTextRequest): Promise<ApiResult<AppendStatusTextResponse>>;
  /** The board unless it is still what `etag` names (a 304: polling costs no body while nothing changed). */
  pollBoard(ref: BoardRef, etag: string | null): Promise<ApiResult<BoardPoll>>;
  saveBoardRating(ref: BoardRef, ratingId: RatingFieldId, body: SaveRatingRequest): Promise<ApiResult<SaveRatingResponse, RatingField>>;
  saveCareerGoal(ref: BoardRef, body: SaveFieldRequest): Promise<ApiResult<SaveFieldResponse>>;
  createCommitment(ref: BoardRef, body: CreateCommitmentRequest): Promise<ApiResult<CommitmentResponse, Commitment>>;
  updateCommitment(ref: BoardRef, id: string, body: UpdateCommitmentRequest): Promise<ApiResult<CommitmentResponse, Commitment>>;
  getPrivateNote(ref: BoardRef): Promise<ApiResult<PrivateNoteResponse>>;
  savePrivateNote(ref: BoardRef, body: SavePrivateNoteRequest): Promise<ApiResult<PrivateNoteResponse, PrivateNote>>;
  saveRecap(ref: BoardRef, body: SaveRecapRequest): Promise<ApiResult<SaveRecapResponse, SavedRecap>>;
  skipGoToQuestion(ref: BoardRef, body: SkipGoToQuestionRequest): Promise<ApiResult<SkipGoToQuestionResponse>>;
  getGoToBank(): Promise<ApiResult<GoToBank>>;
  saveGoToBank(body: SaveGoToBankRequest): Promise<ApiResult<GoToBank, GoToBank>>;
  /** Monthly trends (issue 6): the caller's direct reports, one pair trend each, as the manager may see them. */
  getTeamTrends(months?: number): Promise<ApiResult<TeamTrendsResponse, never>>;
  /** One pair's trend: for its manager, or for the report themself (403 for anyone else). */
  getPairTrend(pair: { managerId: string; reportId: string }, months?: number): Promise<ApiResult<PairTrendResponse, never>>;
  /** The caller's own trend with their current manager, and exactly what that manager sees (404: no manager). */
  getMyTrends(months?: number): Promise<ApiResult<PairTrendResponse, never>>;
  getTrendSharing(): Promise<ApiResult<TrendSharingResponse, never>>;
  saveTrendSharing(body: SaveTrendSharingRequest): Promise<ApiResult<TrendSharingResponse, never>>;
}

export type BoardPoll = { changed: true; board: BoardView; etag: string | null } | { changed: false };

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

  async function send(
    path: string,
    init: { method: 'GET' | 'PUT' | 'POST'; body?: unknown; headers?: Record<string, string> },
  ): Promise<Response | { failure: ApiResult<never, never> }> {
    for (let attempt = 0; ; attempt++) {
      let token: string;
      try {
        token = await options.tokens.get();
      } catch (error) {
        return {
          failure: { ok: false, kind: 'http', status: 401, message: `Could not sign you in: ${describe(error)}` },
        };
      }
      const headers: Record<string, string> = { Accept: 'application/json', Authorization: `Bearer ${token}`, ...init.headers };
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

  /** What a 409 carries for each kind of write: the server's current value, to merge with or show. */
  const fieldConflict = (json: unknown): BoardField | null => {
    const parsed = fieldConflictSchema.safeParse(json);
    return parsed.success ? parsed.data.current : null;
  };
  const conflictOf =
    <C>(schema: Parser<{ current: C }>) =>
    (json: unknown): C | null => {
      const parsed = schema.safeParse(json);
      return parsed.success ? parsed.data.current : null;
    };

  async function call<T, C = BoardField>(
    path: string,
    init: { method: 'GET' | 'PUT' | 'POST'; body?: unknown },
    schema: Parser<T>,
    conflict: (json: unknown) => C | null = fieldConflict as unknown as (json: unknown) => C | null,
  ): Promise<ApiResult<T, C>> {
    const sent = await send(path, init);
    if ('failure' in sent) return sent.failure;
    return readAnswer(sent, schema, conflict);
  }

  async function readAnswer<T, C>(response: Response, schema: Parser<T>, conflict: (json: unknown) => C | null): Promise<ApiResult<T, C>> {
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
      const current = conflict(json);
      if (current !== null) return { ok: false, kind: 'conflict', current };
    }
    const body = errorBodySchema.safeParse(json);
    return {
      ok: false,
      kind: 'http',
      status: response.status,
      message: body.success ? body.data.error.message : response.statusText || `HTTP ${response.status}`,
      ...(body.success ? { code: body.data.error.code } : {}),
    };
  }

  async function pollBoard(ref: BoardRef, etag: string | null): Promise<ApiResult<BoardPoll>> {
    const sent = await send(apiPaths.board(ref), { method: 'GET', ...(etag ? { headers: { 'If-None-Match': etag } } : {}) });
    if ('failure' in sent) return sent.failure;
    if (sent.status === 304) return { ok: true, value: { changed: false } };
    const etagHeader = sent.headers.get('ETag');
    const result = await readAnswer(sent, boardViewSchema, fieldConflict);
    return result.ok ? { ok: true, value: { changed: true, board: result.value, etag: etagHeader } } : result;
  }

  return {
    getMeetingBoard: (chatId) => call(apiPaths.meetingBoard(chatId), { method: 'GET' }, boardViewSchema),
    getBoard: (ref) => call(apiPaths.board(ref), { method: 'GET' }, boardViewSchema),
    saveBoardField: (ref, fieldId, body) =>
      call(apiPaths.boardField(ref, fieldId), { method: 'PUT', body }, saveFieldResponseSchema),
    getStatusUpdate: (ref) => call(statusApiPaths.statusUpdate(ref), { method: 'GET' }, statusUpdateViewSchema),
    appendStatusText: (ref, body) => call(statusMovePath(ref), { method: 'POST', body }, appendStatusTextResponseSchema),
    pollBoard,
    saveBoardRating: (ref, ratingId, body) =>
      call(apiPaths.boardRating(ref, ratingId), { method: 'PUT', body }, saveRatingResponseSchema, conflictOf(ratingConflictSchema)),
    saveCareerGoal: (ref, body) => call(apiPaths.careerGoal(ref), { method: 'PUT', body }, saveFieldResponseSchema),
    createCommitment: (ref, body) =>
      call(apiPaths.commitments(ref), { method: 'POST', body }, commitmentResponseSchema, conflictOf(commitmentConflictSchema)),
    updateCommitment: (ref, id, body) =>
      call(apiPaths.commitment(ref, id), { method: 'PUT', body }, commitmentResponseSchema, conflictOf(commitmentConflictSchema)),
    getPrivateNote: (ref) => call(apiPaths.privateNote(ref), { method: 'GET' }, privateNoteResponseSchema),
    savePrivateNote: (ref, body) =>
      call(apiPaths.privateNote(ref), { method: 'PUT', body }, privateNoteResponseSchema, conflictOf(privateNoteConflictSchema)),
    saveRecap: (ref, body) =>
      call(apiPaths.recap(ref), { method: 'PUT', body }, saveRecapResponseSchema, (json) => {
        const parsed = recapConflictSchema.safeParse(json);
        return parsed.success ? parsed.data.recap : null;
      }),
    skipGoToQuestion: (ref, body) => call(apiPaths.skipGoToQuestion(ref), { method: 'POST', body }, skipGoToQuestionResponseSchema),
    getGoToBank: () => call(apiPaths.myGoToQuestions(), { method: 'GET' }, goToBankSchema),
    saveGoToBank: (body) => call(apiPaths.myGoToQuestions(), { method: 'PUT', body }, goToBankSchema, conflictOf(goToBankConflictSchema)),
    // Trend reads and the sharing write have no 409 with a current value: every failure is an http/network one.
    getTeamTrends: (months) => call<TeamTrendsResponse, never>(trendApiPaths.team(months), { method: 'GET' }, teamTrendsResponseSchema, noConflict),
    getPairTrend: (pair, months) => call<PairTrendResponse, never>(trendApiPaths.pair(pair, months), { method: 'GET' }, pairTrendResponseSchema, noConflict),
    getMyTrends: (months) => call<PairTrendResponse, never>(trendApiPaths.me(months), { method: 'GET' }, pairTrendResponseSchema, noConflict),
    getTrendSharing: () => call<TrendSharingResponse, never>(trendApiPaths.sharing(), { method: 'GET' }, trendSharingResponseSchema, noConflict),
    saveTrendSharing: (body) => call<TrendSharingResponse, never>(trendApiPaths.sharing(), { method: 'PUT', body }, trendSharingResponseSchema, noConflict),
  };
}

const noConflict = (): null => null;

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
