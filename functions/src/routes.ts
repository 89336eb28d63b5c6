import type { HttpMethod, InvocationContext } from '@azure/functions';
import {
  blockerRouteTemplates,
  channelRouteTemplates,
  draftRouteTemplates,
  goToRouteTemplates,
  homeRouteTemplates,
  privacyRouteTemplates,
  routeTemplates,
  statusMoveRouteTemplate,
  statusRouteTemplates,
  trendRouteTemplates,
} from './contract';
import { authenticated, type AuthenticatedHandler, type RouteHandler } from './http/pipeline/authenticate';
import { withErrorBoundary } from './http/pipeline/errors';
import { badRequest } from './http/pipeline/responses';
import { DEFAULT_WRITE_RATE_LIMIT } from './config/rateLimit';
import {
  createWriteRateLimiter,
  isWrite,
  statusLinkRateKey,
  tooManyWrites,
  type WriteRateLimiter,
} from './http/pipeline/limits';
import { getBoardHandler } from './http/handlers/getBoard';
import { getMeetingBoardHandler } from './http/handlers/getMeetingBoard';
import { homeHandler } from './http/handlers/home';
import { openOccurrenceBoardHandler } from './http/handlers/openOccurrenceBoard';
import { saveBoardFieldHandler } from './http/handlers/saveBoardField';
import { saveBoardRatingHandler } from './http/handlers/saveBoardRating';
import { saveCareerGoalHandler } from './http/handlers/saveCareerGoal';
import { createCommitmentHandler, updateCommitmentHandler } from './http/handlers/commitments';
import { getOpenBlockersHandler, saveBlockerHandler } from './http/handlers/blockers';
import { getPrivateNoteHandler, savePrivateNoteHandler } from './http/handlers/privateNote';
import { correctRecapHandler, saveRecapHandler } from './http/handlers/saveRecap';
import { saveRecapDraftHandler } from './http/handlers/saveRecapDraft';
import {
  addMyGoToQuestionHandler,
  addPairGoToQuestionHandler,
  getGoToBankHandler,
  getGoToLibraryHandler,
  getPairGoToQuestionsHandler,
  removePairGoToQuestionHandler,
  saveGoToBankHandler,
  skipGoToQuestionHandler,
} from './http/handlers/goToQuestions';
import {
  adoptGoToQuestionHandler,
  getGoToExchangeHandler,
  shareGoToQuestionHandler,
  withdrawGoToQuestionHandler,
} from './http/handlers/goToExchange';
import type { Services } from './composition';
import { getEnrolmentHandler, saveEnrolmentHandler, savePairLeadTimeHandler } from './http/handlers/enrolment';
import { statusEmailPreviewHandler } from './http/handlers/statusEmailPreview';
import { getStatusFormHandler, saveStatusFormHandler } from './http/handlers/statusForm';
import { getStatusUpdateHandler } from './http/handlers/getStatusUpdate';
import { moveToStatusHandler } from './http/handlers/moveToStatus';
import { runPreMeetingScan } from './jobs/preMeetingScan';
import { preMeetingScanDeps } from './composition/statusRequests';
import {
  getMyTrendHandler,
  getPairTrendHandler,
  getTeamTrendsHandler,
  getTrendSharingHandler,
  saveTrendSharingHandler,
} from './http/handlers/trends';
import { monthlyDigestDeps, runMonthlyDigest } from './jobs/monthlyDigest';
import { runTrendsDaily, trendsDailyDeps } from './jobs/trendsDaily';
import { deleteMyAnswersHandler, deleteMyNotesHandler, exportMyDataHandler } from './http/handlers/privacy';
import { retentionDeps, runRetention } from './jobs/retention';
import { getStatusChannelHandler, saveStatusChannelHandler } from './http/handlers/statusChannel';
import { botMessagesHandler } from './http/handlers/botMessages';
import { getBoardDraftsHandler } from './http/handlers/getBoardDrafts';
import { saveBoardDraftHandler } from './http/handlers/saveBoardDraft';
import { deleteBoardDraftHandler } from './http/handlers/deleteBoardDraft';
import {
  deleteStatusFormDraftHandler,
  getStatusFormDraftHandler,
  saveStatusFormDraftHandler,
} from './http/handlers/statusFormDraft';

/**
 * One HTTP function. `route` uses Azure Functions route syntax (`{param}`), relative to the `api` prefix; the same
 * table is registered with the Functions host (app.ts) and served by the local host (local/src/functionsHost.ts).
 */
export interface RouteDefinition {
  name: string;
  methods: HttpMethod[];
  route: string;
  handler: RouteHandler;
}

/** One timer function; `schedule` is an NCRONTAB expression (`{second} {minute} {hour} {day} {month} {weekday}`). */
export interface TimerDefinition {
  name: string;
  schedule: string;
  handler: (context: InvocationContext) => Promise<void>;
}

/** THE table of HTTP routes. Every route authenticates the caller and answers errors as JSON ErrorBody. */
export function buildRoutes(services: Services): RouteDefinition[] {
  const limiter = services.writeLimiter ?? createWriteRateLimiter(DEFAULT_WRITE_RATE_LIMIT);
  const route = (
    name: string,
    methods: HttpMethod[],
    template: string,
    handler: AuthenticatedHandler,
    options: { query?: readonly string[] } = {},
  ): RouteDefinition => ({
    name,
    methods,
    route: template,
    handler: withErrorBoundary(authenticated(services.tokens, guarded(limiter, options.query ?? [], handler))),
  });
  const linkRoute = (
    name: string,
    methods: HttpMethod[],
    template: string,
    handler: RouteHandler,
  ): RouteDefinition => ({
    name,
    methods,
    route: template,
    handler: withErrorBoundary(linkGuarded(limiter, handler)),
  });
  // The bot's messaging endpoint: its credential is the Bot Connector's signed token, checked by the Teams SDK itself.
  const botRoute = (name: string, template: string, handler: RouteHandler): RouteDefinition => ({
    name,
    methods: ['POST'],
    route: template,
    handler: withErrorBoundary(handler),
  });
  const months = { query: ['months'] } as const;
  return [
    route('getMeetingBoard', ['GET'], routeTemplates.meetingBoard, getMeetingBoardHandler(services)),
    route('getBoard', ['GET'], routeTemplates.board, getBoardHandler(services)),
    route('saveBoardField', ['PUT'], routeTemplates.boardField, saveBoardFieldHandler(services)),
    route('saveBoardRating', ['PUT'], routeTemplates.boardRating, saveBoardRatingHandler(services)),
    route('saveCareerGoal', ['PUT'], routeTemplates.careerGoal, saveCareerGoalHandler(services)),
    route('createCommitment', ['POST'], routeTemplates.commitments, createCommitmentHandler(services)),
    route('updateCommitment', ['PUT'], routeTemplates.commitment, updateCommitmentHandler(services)),
    route('getOpenBlockers', ['GET'], blockerRouteTemplates.openBlockers, getOpenBlockersHandler(services)),
    route('saveBlocker', ['PUT'], blockerRouteTemplates.blocker, saveBlockerHandler(services)),
    route('getPrivateNote', ['GET'], routeTemplates.privateNote, getPrivateNoteHandler(services)),
    route('savePrivateNote', ['PUT'], routeTemplates.privateNote, savePrivateNoteHandler(services)),
    route('saveRecap', ['PUT'], routeTemplates.recap, saveRecapHandler(services)),
    route('correctRecap', ['PUT'], routeTemplates.recapCorrection, correctRecapHandler(services)),
    route('saveRecapDraft', ['PUT'], routeTemplates.recapDraft, saveRecapDraftHandler(services)),
    route('skipGoToQuestion', ['POST'], routeTemplates.skipGoToQuestion, skipGoToQuestionHandler(services)),
    route('getGoToQuestions', ['GET'], routeTemplates.myGoToQuestions, getGoToBankHandler(services)),
    route('saveGoToQuestions', ['PUT'], routeTemplates.myGoToQuestions, saveGoToBankHandler(services)),
    route('addMyGoToQuestion', ['POST'], routeTemplates.myGoToQuestions, addMyGoToQuestionHandler(services)),
    route('getPairGoToQuestions', ['GET'], goToRouteTemplates.pairQuestions, getPairGoToQuestionsHandler(services)),
    route('addPairGoToQuestion', ['POST'], goToRouteTemplates.pairQuestions, addPairGoToQuestionHandler(services)),
    route(
      'removePairGoToQuestion',
      ['DELETE'],
      goToRouteTemplates.pairQuestion,
      removePairGoToQuestionHandler(services),
    ),
    route('getGoToLibrary', ['GET'], goToRouteTemplates.library, getGoToLibraryHandler()),
    route('getGoToExchange', ['GET'], goToRouteTemplates.exchange, getGoToExchangeHandler(services)),
    route('shareGoToQuestion', ['POST'], goToRouteTemplates.exchange, shareGoToQuestionHandler(services)),
    route('withdrawGoToQuestion', ['DELETE'], goToRouteTemplates.share, withdrawGoToQuestionHandler(services)),
    route('adoptGoToQuestion', ['POST'], goToRouteTemplates.adopt, adoptGoToQuestionHandler(services)),
    // Home, and a board opened outside any meeting (Home, 1:1s without a Teams meeting).
    route('getHome', ['GET'], homeRouteTemplates.home, homeHandler(services)),
    route('openOccurrenceBoard', ['POST'], homeRouteTemplates.openBoard, openOccurrenceBoardHandler(services)),
    route('getStatusUpdate', ['GET'], statusRouteTemplates.statusUpdate, getStatusUpdateHandler(services)),
    route('moveToStatus', ['POST'], statusMoveRouteTemplate, moveToStatusHandler(services)),
    route('getEnrolment', ['GET'], statusRouteTemplates.enrolment, getEnrolmentHandler(services)),
    route('saveEnrolment', ['PUT'], statusRouteTemplates.enrolment, saveEnrolmentHandler(services)),
    route('savePairLeadTime', ['PUT'], statusRouteTemplates.enrolmentPair, savePairLeadTimeHandler(services)),
    route(
      'getStatusEmailPreview',
      ['GET'],
      statusRouteTemplates.statusEmailPreview,
      statusEmailPreviewHandler(services),
      {
        query: ['reportId'],
      },
    ),
    route('getTeamTrends', ['GET'], trendRouteTemplates.team, getTeamTrendsHandler(services), months),
    route('getPairTrend', ['GET'], trendRouteTemplates.pair, getPairTrendHandler(services), months),
    route('getMyTrend', ['GET'], trendRouteTemplates.me, getMyTrendHandler(services), months),
    route('getTrendSharing', ['GET'], trendRouteTemplates.sharing, getTrendSharingHandler(services)),
    route('saveTrendSharing', ['PUT'], trendRouteTemplates.sharing, saveTrendSharingHandler(services)),
    // A person's own data: caller-only by construction, the routes name nobody.
    route('exportMyData', ['GET'], privacyRouteTemplates.export, exportMyDataHandler(services)),
    route('deleteMyAnswers', ['DELETE'], privacyRouteTemplates.answers, deleteMyAnswersHandler(services)),
    route('deleteMyNotes', ['DELETE'], privacyRouteTemplates.notes, deleteMyNotesHandler(services)),
    // The status form's credential is the link token from the email, not an Entra token (see http/statusForm).
    linkRoute('getStatusForm', ['GET'], statusRouteTemplates.statusForm, getStatusFormHandler(services)),
    linkRoute('saveStatusForm', ['PUT'], statusRouteTemplates.statusForm, saveStatusFormHandler(services)),
    // Unsaved words, kept as their author's drafts (contract/drafts.ts); the status form's under its link token.
    route('getBoardDrafts', ['GET'], draftRouteTemplates.boardDrafts, getBoardDraftsHandler(services)),
    route('saveBoardDraft', ['PUT'], draftRouteTemplates.boardDraft, saveBoardDraftHandler(services)),
    route('deleteBoardDraft', ['DELETE'], draftRouteTemplates.boardDraft, deleteBoardDraftHandler(services)),
    linkRoute('getStatusFormDraft', ['GET'], draftRouteTemplates.statusFormDraft, getStatusFormDraftHandler(services)),
    linkRoute(
      'saveStatusFormDraft',
      ['PUT'],
      draftRouteTemplates.statusFormDraft,
      saveStatusFormDraftHandler(services),
    ),
    linkRoute(
      'deleteStatusFormDraft',
      ['DELETE'],
      draftRouteTemplates.statusFormDraft,
      deleteStatusFormDraftHandler(services),
    ),
    // Where the caller's status requests go: email, Teams chat or both.
    route('getStatusChannel', ['GET'], channelRouteTemplates.statusChannel, getStatusChannelHandler(services)),
    route('saveStatusChannel', ['PUT'], channelRouteTemplates.statusChannel, saveStatusChannelHandler(services)),
    botRoute('botMessages', channelRouteTemplates.botMessages, botMessagesHandler(services)),
  ];
}

/** THE table of timers. */
export function buildTimers(services: Services): TimerDefinition[] {
  return [
    {
      // Finds the 1:1s whose lead time has come and sends each report one status request (jobs/preMeetingScan).
      name: 'preMeetingScan',
      schedule: services.statusRequests.scanSchedule,
      handler: async (context) => {
        await runPreMeetingScan(preMeetingScanDeps(services, { log: (line) => context.log(line) }));
      },
    },
    {
      // On the first working day of a month, one digest of the month before per enrolled manager (jobs/monthlyDigest).
      name: 'monthlyDigest',
      schedule: services.digest.schedule,
      handler: async (context) => {
        await runMonthlyDigest(monthlyDigestDeps(services, { log: (line) => context.log(line) }));
      },
    },
    {
      // Once a day: the calendar's record of each ended or cancelled 1:1, and reports' calendar load (jobs/trendsDaily).
      name: 'trendsDaily',
      schedule: services.trends.dailySchedule,
      handler: async (context) => {
        await runTrendsDaily(trendsDailyDeps(services, { log: (line) => context.log(line) }));
      },
    },
    {
      // Daily: deletes 1:1 history older than RETENTION_MONTHS (jobs/retention).
      name: 'retention',
      schedule: services.privacy.retentionSchedule,
      handler: async (context) => {
        await runRetention(retentionDeps(services, { log: (line) => context.log(line) }));
      },
    },
  ];
}

/**
 * What every authenticated route checks before its handler: no query parameter it does not read (a typo or an
 * injected parameter is a 400 naming it, as unknown body fields are), and writes within the caller's rate
 * (http/pipeline/limits.ts), counted per tenant and object id.
 */
function guarded(
  limiter: WriteRateLimiter,
  allowedQuery: readonly string[],
  handler: AuthenticatedHandler,
): AuthenticatedHandler {
  return async (request, context, caller) => {
    const unknown = unknownQueryParameter(request, allowedQuery);
    if (unknown !== undefined) return unknown;
    if (isWrite(request)) {
      const decision = limiter.take(`${caller.tenantId}|${caller.userId}`);
      if (!decision.ok) {
        context.warn(`${context.functionName}: write rate limit reached; retry after ${decision.retryAfterSeconds} s`);
        return tooManyWrites(decision.retryAfterSeconds);
      }
    }
    return handler(request, context, caller);
  };
}

/** The status form's routes: the same query rule; writes are counted per link (its only credential). */
function linkGuarded(limiter: WriteRateLimiter, handler: RouteHandler): RouteHandler {
  return async (request, context) => {
    const unknown = unknownQueryParameter(request, []);
    if (unknown !== undefined) return unknown;
    if (isWrite(request)) {
      const decision = limiter.take(statusLinkRateKey(request.headers.get('authorization')));
      if (!decision.ok) return tooManyWrites(decision.retryAfterSeconds);
    }
    return handler(request, context);
  };
}

function unknownQueryParameter(request: { query: URLSearchParams }, allowed: readonly string[]) {
  for (const name of request.query.keys()) {
    if (!allowed.includes(name)) return badRequest(`Unknown query parameter "${name}".`, name);
  }
  return undefined;
}
