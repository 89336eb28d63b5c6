import {
  type BoardField,
  type Commitment,
  type CommitmentResponse,
  type CreateCommitmentRequest,
  type AddGoToQuestionRequest,
  type AdoptGoToQuestionRequest,
  type GoToBank,
  type GoToExchange,
  type GoToLibrary,
  type PairGoToBank,
  type PairRefLike,
  type ShareGoToQuestionRequest,
  type SharedGoToQuestion,
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
  type CorrectRecapRequest,
  type RecapDraftPart,
  type RecapDraftResponse,
  type SaveRecapDraftChoiceRequest,
  type SaveRecapDraftLineRequest,
  type SharedRecapDraft,
  type SkipGoToQuestionRequest,
  type SkipGoToQuestionResponse,
  type UpdateCommitmentRequest,
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
  type PairTrendResponse,
  type SaveTrendSharingRequest,
  type TeamTrendsResponse,
  type TrendSharingResponse,
} from '@candor/contract';
import type { ApiResult } from './result';
import type { SavedRecap } from '@candor/contract';
import type { SaveStatusChannelRequest, StatusChannelView } from '@candor/contract';
import type { DeleteMyAnswersResponse, DeleteMyNotesResponse, MyDataExport } from '@candor/contract';
import type { HomeView } from '@candor/contract';
import type { Blocker, BlockerResponse, OpenBlockersResponse, SaveBlockerRequest } from '@candor/contract';
import type {
  EnrolmentView,
  SaveEnrolmentRequest,
  SavePairLeadTimeRequest,
  StatusEmailPreview,
} from '@candor/contract';
import type {
  AnyStoredDraft,
  BoardDraftId,
  BoardDraftsResponse,
  DeleteDraftResponse,
  DraftResponse,
  SaveDraftRequest,
} from '@candor/contract';
// The paths module itself, not the contract's index: the index brings every schema module (and zod) with it, and
// this client is part of the side panel's first download.
import { apiPaths } from '../../../functions/src/contract/paths';
// The response schemas through a lazily loaded chunk (zod and the contract): out of the side panel's first download.
import {
  appendStatusTextResponseSchema,
  blockerConflictSchema,
  blockerResponseSchema,
  boardViewSchema,
  commitmentConflictSchema,
  commitmentResponseSchema,
  enrolmentViewSchema,
  errorBodySchema,
  statusEmailPreviewSchema,
  fieldConflictSchema,
  goToBankConflictSchema,
  goToBankSchema,
  goToExchangeSchema,
  goToLibrarySchema,
  pairGoToBankSchema,
  sharedGoToQuestionSchema,
  homeViewSchema,
  openBlockersResponseSchema,
  pairTrendResponseSchema,
  privateNoteConflictSchema,
  privateNoteResponseSchema,
  ratingConflictSchema,
  recapConflictSchema,
  recapDraftConflictSchema,
  recapDraftResponseSchema,
  saveFieldResponseSchema,
  saveRatingResponseSchema,
  saveRecapResponseSchema,
  skipGoToQuestionResponseSchema,
  statusUpdateViewSchema,
  teamTrendsResponseSchema,
  trendSharingResponseSchema,
  statusChannelViewSchema,
  deleteMyAnswersResponseSchema,
  deleteMyNotesResponseSchema,
  myDataExportSchema,
  boardDraftsResponseSchema,
  draftResponseSchema,
  deleteDraftResponseSchema,
  staleDraftSchema,
  contractPaths,
  loadSchemas,
  type SafeParsed,
} from './lazySchemas';
import {
  ACCESS_BLOCKED,
  CLAIMS_CHALLENGE,
  CONSENT_REQUIRED,
  ConsentNeeded,
  accessPolicyCodeOf,
  type TokenSource,
} from './token';

export type { ApiResult } from './result';

export interface ApiClient {
  /** The board of the 1:1 this Teams meeting chat belongs to (404 when the chat is not a 1:1 the caller is in). */
  getMeetingBoard(chatId: string): Promise<ApiResult<BoardView>>;
  /** Home: the caller's coming 1:1s, each with its state, and whether to show the first-run card. */
  getHome(): Promise<ApiResult<HomeView, never>>;
  /** One occurrence's board opened outside its meeting (from Home), created on first open. */
  openBoard(ref: BoardRef): Promise<ApiResult<BoardView>>;
  getBoard(ref: BoardRef): Promise<ApiResult<BoardView>>;
  saveBoardField(ref: BoardRef, fieldId: TextFieldId, body: SaveFieldRequest): Promise<ApiResult<SaveFieldResponse>>;
  /** The report's pre-meeting status update for this occurrence (prep view, side panel's "Read"). */
  getStatusUpdate(ref: BoardRef): Promise<ApiResult<StatusUpdateView>>;
  /** The report moves board words into their status update (idempotent per `moveId`; 409 once the 1:1 started). */
  appendStatusText(ref: BoardRef, body: AppendStatusTextRequest): Promise<ApiResult<AppendStatusTextResponse>>;
  /** The board unless it is still what `etag` names (a 304: polling costs no body while nothing changed). */
  pollBoard(ref: BoardRef, etag: string | null): Promise<ApiResult<BoardPoll>>;
  saveBoardRating(
    ref: BoardRef,
    ratingId: RatingFieldId,
    body: SaveRatingRequest,
  ): Promise<ApiResult<SaveRatingResponse, RatingField>>;
  saveCareerGoal(ref: BoardRef, body: SaveFieldRequest): Promise<ApiResult<SaveFieldResponse>>;
  createCommitment(ref: BoardRef, body: CreateCommitmentRequest): Promise<ApiResult<CommitmentResponse, Commitment>>;
  updateCommitment(
    ref: BoardRef,
    id: string,
    body: UpdateCommitmentRequest,
  ): Promise<ApiResult<CommitmentResponse, Commitment>>;
  /** The pair's recap blockers nobody has marked resolved yet, oldest first. */
  getOpenBlockers(pair: PairRefLike): Promise<ApiResult<OpenBlockersResponse, never>>;
  /** Marks a blocker resolved (or open again); 409 `conflict` carries it as the other person left it. */
  saveBlocker(
    pair: PairRefLike,
    blocker: { occurrenceId: string; line: number },
    body: SaveBlockerRequest,
  ): Promise<ApiResult<BlockerResponse, Blocker>>;
  getPrivateNote(ref: BoardRef): Promise<ApiResult<PrivateNoteResponse>>;
  savePrivateNote(ref: BoardRef, body: SavePrivateNoteRequest): Promise<ApiResult<PrivateNoteResponse, PrivateNote>>;
  saveRecap(ref: BoardRef, body: SaveRecapRequest): Promise<ApiResult<SaveRecapResponse, SavedRecap>>;
  /** A correction of the closed recap; 409 `conflict` carries the current version (the other person corrected it). */
  correctRecap(ref: BoardRef, body: CorrectRecapRequest): Promise<ApiResult<SaveRecapResponse, SavedRecap>>;
  /** One part of the recap both people write; 409 `conflict` carries the whole current draft. */
  saveRecapDraft(
    ref: BoardRef,
    part: RecapDraftPart,
    body: SaveRecapDraftLineRequest | SaveRecapDraftChoiceRequest,
  ): Promise<ApiResult<RecapDraftResponse, SharedRecapDraft>>;
  skipGoToQuestion(ref: BoardRef, body: SkipGoToQuestionRequest): Promise<ApiResult<SkipGoToQuestionResponse>>;
  getGoToBank(): Promise<ApiResult<GoToBank>>;
  saveGoToBank(body: SaveGoToBankRequest): Promise<ApiResult<GoToBank, GoToBank>>;
  addMyGoToQuestion(body: AddGoToQuestionRequest): Promise<ApiResult<GoToBank, never>>;
  /** The pair's go-to questions as the caller may see them; adding one (typed or from the library) answers the same. */
  getPairGoToQuestions(pair: PairRefLike): Promise<ApiResult<PairGoToBank, never>>;
  addPairGoToQuestion(pair: PairRefLike, body: AddGoToQuestionRequest): Promise<ApiResult<PairGoToBank, never>>;
  removePairGoToQuestion(pair: PairRefLike, questionId: string): Promise<ApiResult<PairGoToBank, never>>;
  getGoToLibrary(): Promise<ApiResult<GoToLibrary, never>>;
  getGoToExchange(): Promise<ApiResult<GoToExchange, never>>;
  shareGoToQuestion(body: ShareGoToQuestionRequest): Promise<ApiResult<SharedGoToQuestion, never>>;
  adoptGoToQuestion(shareId: string, body: AdoptGoToQuestionRequest): Promise<ApiResult<SharedGoToQuestion, never>>;
  /** Monthly trends: the caller's direct reports, one pair trend each, as the manager may see them. */
  getTeamTrends(months?: number): Promise<ApiResult<TeamTrendsResponse, never>>;
  /** One pair's trend: for its manager, or for the report themself (403 for anyone else). */
  getPairTrend(
    pair: { managerId: string; reportId: string },
    months?: number,
  ): Promise<ApiResult<PairTrendResponse, never>>;
  /** The caller's own trend with their current manager, and exactly what that manager sees (404: no manager). */
  getMyTrends(months?: number): Promise<ApiResult<PairTrendResponse, never>>;
  getTrendSharing(): Promise<ApiResult<TrendSharingResponse, never>>;
  saveTrendSharing(body: SaveTrendSharingRequest): Promise<ApiResult<TrendSharingResponse, never>>;
  /** Where the caller's status requests go: email, Teams chat or both. */
  getStatusChannel(): Promise<ApiResult<StatusChannelView, never>>;
  /** The manager's status-request settings (403 for someone the directory lists no reports for). */
  getEnrolment(): Promise<ApiResult<EnrolmentView, never>>;
  saveEnrolment(body: SaveEnrolmentRequest): Promise<ApiResult<EnrolmentView, never>>;
  savePairLeadTime(reportId: string, body: SavePairLeadTimeRequest): Promise<ApiResult<EnrolmentView, never>>;
  /** The status email to one report as it will be sent, with a link that opens nothing. */
  getStatusEmailPreview(reportId: string): Promise<ApiResult<StatusEmailPreview, never>>;
  saveStatusChannel(body: SaveStatusChannelRequest): Promise<ApiResult<StatusChannelView, never>>;
  /** Everything Candor stores that the caller owns, to download or delete. */
  exportMyData(): Promise<ApiResult<MyDataExport, never>>;
  /** A report's answers, ratings, goals, status updates and private notes, cleared everywhere; complete on success. */
  deleteMyAnswers(): Promise<ApiResult<DeleteMyAnswersResponse, never>>;
  /** A manager's shared notes, recognitions and private notes, cleared everywhere. */
  deleteMyNotes(): Promise<ApiResult<DeleteMyNotesResponse, never>>;
  /** The caller's own unsaved drafts on this board (contract/drafts.ts); 409 `current` = a newer kept draft. */
  getBoardDrafts(ref: BoardRef): Promise<ApiResult<BoardDraftsResponse, never>>;
  saveBoardDraft(
    ref: BoardRef,
    draftId: BoardDraftId,
    body: SaveDraftRequest,
    options?: { keepalive?: boolean },
  ): Promise<ApiResult<DraftResponse, AnyStoredDraft>>;
  deleteBoardDraft(
    ref: BoardRef,
    draftId: BoardDraftId,
    options?: { keepalive?: boolean },
  ): Promise<ApiResult<DeleteDraftResponse, never>>;
}

export type BoardPoll = { changed: true; board: BoardView; etag: string | null } | { changed: false };

export interface ApiClientOptions {
  /** `…/api`, no trailing slash. */
  baseUrl: string;
  tokens: TokenSource;
  fetch?: typeof fetch;
  timeoutMs?: number;
  /**
   * Called each time a request has gone out. The response schemas start loading then anyway; boot.ts adds the
   * board's own chunk. Both download and compile while the API works: not during the host handshake, which they
   * would slow down (the host answers on the same main thread), nor after the answer.
   */
  onRequestSent?: () => void;
}

interface Parser<T> {
  safeParse(input: unknown): SafeParsed<T> | Promise<SafeParsed<T>>;
}

/** What a 409 carries, read from its body (the schemas load lazily, so reading may wait for them). */
type ConflictReader<C> = (json: unknown) => C | null | Promise<C | null>;

export function createApiClient(options: ApiClientOptions): ApiClient {
  const doFetch = options.fetch ?? ((input, init) => fetch(input, init));
  const timeoutMs = options.timeoutMs ?? 15_000;

  async function send(
    /** A promise for paths built beside their schemas (status, trends): known once the schemas' chunk loaded. */
    path: string | Promise<string>,
    init: {
      method: 'GET' | 'PUT' | 'POST' | 'DELETE';
      body?: unknown;
      headers?: Record<string, string>;
      /** Outlives a closing page (a draft flushed on pagehide). */
      keepalive?: boolean;
    },
  ): Promise<Response | { failure: ApiResult<never, never> }> {
    for (let attempt = 0; ; attempt++) {
      let token: string;
      try {
        token = await options.tokens.get();
      } catch (error) {
        return {
          failure: {
            ok: false,
            kind: 'http',
            status: 401,
            message: `Could not sign you in: ${describe(error)}`,
            // The same codes the API answers when On-Behalf-Of lacks consent or meets an access policy.
            ...(error instanceof ConsentNeeded
              ? { code: CONSENT_REQUIRED }
              : accessPolicyCodeOf(error)
                ? { code: ACCESS_BLOCKED }
                : {}),
          },
        };
      }
      const headers: Record<string, string> = {
        Accept: 'application/json',
        Authorization: `Bearer ${token}`,
        ...init.headers,
      };
      if (init.body !== undefined) headers['Content-Type'] = 'application/json';
      const controller = new AbortController();
      const timer = setTimeout(() => controller.abort(), timeoutMs);
      let response: Response;
      try {
        const pending = doFetch(`${options.baseUrl}/${await path}`, {
          method: init.method,
          headers,
          body: init.body === undefined ? undefined : JSON.stringify(init.body),
          cache: 'no-store',
          credentials: 'omit',
          signal: controller.signal,
          ...(init.keepalive ? { keepalive: true } : {}),
        });
        void loadSchemas().catch(() => undefined); // the answer needs them: readAnswer reports a failure
        options.onRequestSent?.();
        response = await pending;
      } catch {
        return { failure: { ok: false, kind: 'network' } };
      } finally {
        clearTimeout(timer);
      }
      if (response.status === 401 && attempt === 0) {
        // Conditional Access asks for more (MFA…): a token from the host that satisfies the claims, then once more.
        const challenge = await claimsChallengeOf(response);
        if (challenge) {
          try {
            await options.tokens.satisfy(challenge.claims);
          } catch (error) {
            return {
              failure: accessBlocked(
                `${challenge.message} Your sign-in couldn’t complete it here (${describe(error)}).`,
              ),
            };
          }
          continue;
        }
        // A cached token the API no longer accepts: fetch a fresh one from the host and try once more.
        options.tokens.invalidate();
        continue;
      }
      return response;
    }
  }

  /** The claims of a 401 claimsChallenge (read from a copy: the answer may still be returned as it is). */
  const claimsChallengeOf = async (response: Response): Promise<{ claims: string; message: string } | null> => {
    try {
      await loadSchemas();
      const body = await errorBodySchema.safeParse(await response.clone().json());
      const { code, claims, message } = body.success ? body.data.error : { code: '', claims: undefined, message: '' };
      return code === CLAIMS_CHALLENGE && claims ? { claims, message } : null;
    } catch {
      return null;
    }
  };

  /** What a 409 carries for each kind of write: the server's current value, to merge with or show. */
  const fieldConflict = async (json: unknown): Promise<BoardField | null> => {
    const parsed = await fieldConflictSchema.safeParse(json);
    return parsed.success ? parsed.data.current : null;
  };
  const conflictOf =
    <C>(schema: Parser<{ current: C }>) =>
    async (json: unknown): Promise<C | null> => {
      const parsed = await schema.safeParse(json);
      return parsed.success ? parsed.data.current : null;
    };

  async function call<T, C = BoardField>(
    path: string | Promise<string>,
    init: { method: 'GET' | 'PUT' | 'POST' | 'DELETE'; body?: unknown; keepalive?: boolean },
    schema: Parser<T>,
    conflict: ConflictReader<C> = fieldConflict as unknown as ConflictReader<C>,
  ): Promise<ApiResult<T, C>> {
    const sent = await send(path, init);
    if ('failure' in sent) return sent.failure;
    return readAnswer(sent, schema, conflict);
  }

  async function readAnswer<T, C>(
    response: Response,
    schema: Parser<T>,
    conflict: ConflictReader<C>,
  ): Promise<ApiResult<T, C>> {
    let json: unknown;
    try {
      json = await response.json();
    } catch {
      if (response.ok)
        return { ok: false, kind: 'http', status: response.status, message: 'The response was not JSON.' };
      return {
        ok: false,
        kind: 'http',
        status: response.status,
        message: response.statusText || `HTTP ${response.status}`,
      };
    }
    try {
      // The schemas' chunk, normally loaded long before (boot.ts starts it); offline it fails like a request.
      await loadSchemas();
    } catch {
      return { ok: false, kind: 'network' };
    }
    if (response.ok) {
      const parsed = await schema.safeParse(json);
      if (parsed.success) return { ok: true, value: parsed.data };
      return {
        ok: false,
        kind: 'http',
        status: response.status,
        message: 'The response did not match the API contract.',
      };
    }
    if (response.status === 409) {
      const current = await conflict(json);
      if (current !== null) return { ok: false, kind: 'conflict', current };
    }
    const body = await errorBodySchema.safeParse(json);
    return {
      ok: false,
      kind: 'http',
      status: response.status,
      message: body.success ? body.data.error.message : response.statusText || `HTTP ${response.status}`,
      ...(body.success ? { code: body.data.error.code } : {}),
    };
  }

  async function pollBoard(ref: BoardRef, etag: string | null): Promise<ApiResult<BoardPoll>> {
    const sent = await send(apiPaths.board(ref), {
      method: 'GET',
      ...(etag ? { headers: { 'If-None-Match': etag } } : {}),
    });
    if ('failure' in sent) return sent.failure;
    if (sent.status === 304) return { ok: true, value: { changed: false } };
    const etagHeader = sent.headers.get('ETag');
    const result = await readAnswer(sent, boardViewSchema, fieldConflict);
    return result.ok ? { ok: true, value: { changed: true, board: result.value, etag: etagHeader } } : result;
  }

  return {
    getMeetingBoard: (chatId) => call(apiPaths.meetingBoard(chatId), { method: 'GET' }, boardViewSchema),
    getBoard: (ref) => call(apiPaths.board(ref), { method: 'GET' }, boardViewSchema),
    getHome: () =>
      call<HomeView, never>(
        contractPaths((c) => c.homeApiPaths.home()),
        { method: 'GET' },
        homeViewSchema,
        noConflict,
      ),
    openBoard: (ref) =>
      call(
        contractPaths((c) => c.homeApiPaths.openBoard(ref)),
        { method: 'POST' },
        boardViewSchema,
      ),
    saveBoardField: (ref, fieldId, body) =>
      call(apiPaths.boardField(ref, fieldId), { method: 'PUT', body }, saveFieldResponseSchema),
    getStatusUpdate: (ref) =>
      call(
        contractPaths((c) => c.statusApiPaths.statusUpdate(ref)),
        { method: 'GET' },
        statusUpdateViewSchema,
      ),
    appendStatusText: (ref, body) =>
      call(
        contractPaths((c) => c.statusMovePath(ref)),
        { method: 'POST', body },
        appendStatusTextResponseSchema,
      ),
    pollBoard,
    saveBoardRating: (ref, ratingId, body) =>
      call(
        apiPaths.boardRating(ref, ratingId),
        { method: 'PUT', body },
        saveRatingResponseSchema,
        conflictOf(ratingConflictSchema),
      ),
    saveCareerGoal: (ref, body) => call(apiPaths.careerGoal(ref), { method: 'PUT', body }, saveFieldResponseSchema),
    createCommitment: (ref, body) =>
      call(
        apiPaths.commitments(ref),
        { method: 'POST', body },
        commitmentResponseSchema,
        conflictOf(commitmentConflictSchema),
      ),
    updateCommitment: (ref, id, body) =>
      call(
        apiPaths.commitment(ref, id),
        { method: 'PUT', body },
        commitmentResponseSchema,
        conflictOf(commitmentConflictSchema),
      ),
    getOpenBlockers: (pair) =>
      call<OpenBlockersResponse, never>(
        contractPaths((c) => c.blockerApiPaths.openBlockers(pair)),
        { method: 'GET' },
        openBlockersResponseSchema,
        noConflict,
      ),
    saveBlocker: (pair, blocker, body) =>
      call(
        contractPaths((c) => c.blockerApiPaths.blocker(pair, blocker.occurrenceId, blocker.line)),
        { method: 'PUT', body },
        blockerResponseSchema,
        conflictOf(blockerConflictSchema),
      ),
    getPrivateNote: (ref) => call(apiPaths.privateNote(ref), { method: 'GET' }, privateNoteResponseSchema),
    savePrivateNote: (ref, body) =>
      call(
        apiPaths.privateNote(ref),
        { method: 'PUT', body },
        privateNoteResponseSchema,
        conflictOf(privateNoteConflictSchema),
      ),
    saveRecap: (ref, body) =>
      call(apiPaths.recap(ref), { method: 'PUT', body }, saveRecapResponseSchema, async (json) => {
        const parsed = await recapConflictSchema.safeParse(json);
        return parsed.success ? parsed.data.recap : null;
      }),
    correctRecap: (ref, body) =>
      call(apiPaths.recapCorrection(ref), { method: 'PUT', body }, saveRecapResponseSchema, async (json) => {
        const parsed = await recapConflictSchema.safeParse(json);
        return parsed.success ? parsed.data.recap : null;
      }),
    saveRecapDraft: (ref, part, body) =>
      call(apiPaths.recapDraft(ref, part), { method: 'PUT', body }, recapDraftResponseSchema, async (json) => {
        const parsed = await recapDraftConflictSchema.safeParse(json);
        return parsed.success ? parsed.data.draft : null;
      }),
    skipGoToQuestion: (ref, body) =>
      call(apiPaths.skipGoToQuestion(ref), { method: 'POST', body }, skipGoToQuestionResponseSchema),
    getGoToBank: () => call(apiPaths.myGoToQuestions(), { method: 'GET' }, goToBankSchema),
    getPairGoToQuestions: (pair) =>
      call<PairGoToBank, never>(
        contractPaths((c) => c.goToApiPaths.pairQuestions(pair)),
        { method: 'GET' },
        pairGoToBankSchema,
        noConflict,
      ),
    addPairGoToQuestion: (pair, body) =>
      call<PairGoToBank, never>(
        contractPaths((c) => c.goToApiPaths.pairQuestions(pair)),
        { method: 'POST', body },
        pairGoToBankSchema,
        noConflict,
      ),
    removePairGoToQuestion: (pair, questionId) =>
      call<PairGoToBank, never>(
        contractPaths((c) => c.goToApiPaths.pairQuestion(pair, questionId)),
        { method: 'DELETE' },
        pairGoToBankSchema,
        noConflict,
      ),
    getGoToLibrary: () =>
      call<GoToLibrary, never>(
        contractPaths((c) => c.goToApiPaths.library()),
        { method: 'GET' },
        goToLibrarySchema,
        noConflict,
      ),
    getGoToExchange: () =>
      call<GoToExchange, never>(
        contractPaths((c) => c.goToApiPaths.exchange()),
        { method: 'GET' },
        goToExchangeSchema,
        noConflict,
      ),
    shareGoToQuestion: (body) =>
      call<SharedGoToQuestion, never>(
        contractPaths((c) => c.goToApiPaths.exchange()),
        { method: 'POST', body },
        sharedGoToQuestionSchema,
        noConflict,
      ),
    adoptGoToQuestion: (shareId, body) =>
      call<SharedGoToQuestion, never>(
        contractPaths((c) => c.goToApiPaths.adopt(shareId)),
        { method: 'POST', body },
        sharedGoToQuestionSchema,
        noConflict,
      ),
    addMyGoToQuestion: (body) =>
      call<GoToBank, never>(apiPaths.myGoToQuestions(), { method: 'POST', body }, goToBankSchema, noConflict),
    saveGoToBank: (body) =>
      call(apiPaths.myGoToQuestions(), { method: 'PUT', body }, goToBankSchema, conflictOf(goToBankConflictSchema)),
    // Trend reads and the sharing write have no 409 with a current value: every failure is an http/network one.
    getTeamTrends: (months) =>
      call<TeamTrendsResponse, never>(
        contractPaths((c) => c.trendApiPaths.team(months)),
        { method: 'GET' },
        teamTrendsResponseSchema,
        noConflict,
      ),
    getPairTrend: (pair, months) =>
      call<PairTrendResponse, never>(
        contractPaths((c) => c.trendApiPaths.pair(pair, months)),
        { method: 'GET' },
        pairTrendResponseSchema,
        noConflict,
      ),
    getMyTrends: (months) =>
      call<PairTrendResponse, never>(
        contractPaths((c) => c.trendApiPaths.me(months)),
        { method: 'GET' },
        pairTrendResponseSchema,
        noConflict,
      ),
    getTrendSharing: () =>
      call<TrendSharingResponse, never>(
        contractPaths((c) => c.trendApiPaths.sharing()),
        { method: 'GET' },
        trendSharingResponseSchema,
        noConflict,
      ),
    saveTrendSharing: (body) =>
      call<TrendSharingResponse, never>(
        contractPaths((c) => c.trendApiPaths.sharing()),
        { method: 'PUT', body },
        trendSharingResponseSchema,
        noConflict,
      ),
    getStatusChannel: () =>
      call<StatusChannelView, never>(
        contractPaths((c) => c.channelApiPaths.statusChannel()),
        { method: 'GET' },
        statusChannelViewSchema,
        noConflict,
      ),
    saveStatusChannel: (body) =>
      call<StatusChannelView, never>(
        contractPaths((c) => c.channelApiPaths.statusChannel()),
        { method: 'PUT', body },
        statusChannelViewSchema,
        noConflict,
      ),
    getEnrolment: () =>
      call<EnrolmentView, never>(
        contractPaths((c) => c.statusApiPaths.enrolment()),
        { method: 'GET' },
        enrolmentViewSchema,
        noConflict,
      ),
    saveEnrolment: (body) =>
      call<EnrolmentView, never>(
        contractPaths((c) => c.statusApiPaths.enrolment()),
        { method: 'PUT', body },
        enrolmentViewSchema,
        noConflict,
      ),
    savePairLeadTime: (reportId, body) =>
      call<EnrolmentView, never>(
        contractPaths((c) => c.statusApiPaths.enrolmentPair(reportId)),
        { method: 'PUT', body },
        enrolmentViewSchema,
        noConflict,
      ),
    getStatusEmailPreview: (reportId) =>
      call<StatusEmailPreview, never>(
        contractPaths((c) => c.statusApiPaths.statusEmailPreview(reportId)),
        { method: 'GET' },
        statusEmailPreviewSchema,
        noConflict,
      ),
    exportMyData: () =>
      call<MyDataExport, never>(
        contractPaths((c) => c.privacyApiPaths.export()),
        { method: 'GET' },
        myDataExportSchema,
        noConflict,
      ),
    deleteMyAnswers: () =>
      call<DeleteMyAnswersResponse, never>(
        contractPaths((c) => c.privacyApiPaths.answers()),
        { method: 'DELETE' },
        deleteMyAnswersResponseSchema,
        noConflict,
      ),
    deleteMyNotes: () =>
      call<DeleteMyNotesResponse, never>(
        contractPaths((c) => c.privacyApiPaths.notes()),
        { method: 'DELETE' },
        deleteMyNotesResponseSchema,
        noConflict,
      ),
    getBoardDrafts: (ref) =>
      call<BoardDraftsResponse, never>(
        contractPaths((c) => c.draftApiPaths.boardDrafts(ref)),
        { method: 'GET' },
        boardDraftsResponseSchema,
        noConflict,
      ),
    saveBoardDraft: (ref, draftId, body, options = {}) =>
      call<DraftResponse, AnyStoredDraft>(
        contractPaths((c) => c.draftApiPaths.boardDraft(ref, draftId)),
        { method: 'PUT', body, ...options },
        draftResponseSchema,
        conflictOf(staleDraftSchema),
      ),
    deleteBoardDraft: (ref, draftId, options = {}) =>
      call<DeleteDraftResponse, never>(
        contractPaths((c) => c.draftApiPaths.boardDraft(ref, draftId)),
        { method: 'DELETE', ...options },
        deleteDraftResponseSchema,
        noConflict,
      ),
  };
}

const noConflict = (): null => null;

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The host could not satisfy the access policy's claims challenge: to the person, the policy blocks it here. */
function accessBlocked(message: string): ApiResult<never, never> {
  return { ok: false, kind: 'http', status: 401, code: ACCESS_BLOCKED, message };
}
