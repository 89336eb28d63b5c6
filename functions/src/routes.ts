import type { HttpMethod, InvocationContext } from '@azure/functions';
import { routeTemplates } from './contract';
import { authenticated, type AuthenticatedHandler, type RouteHandler } from './http/authenticate';
import { withErrorBoundary } from './http/errorBoundary';
import { getBoardHandler } from './http/getBoard';
import { getMeetingBoardHandler } from './http/getMeetingBoard';
import { saveBoardFieldHandler } from './http/saveBoardField';
import { saveBoardRatingHandler } from './http/saveBoardRating';
import { saveCareerGoalHandler } from './http/saveCareerGoal';
import { createCommitmentHandler, updateCommitmentHandler } from './http/commitments';
import { getPrivateNoteHandler, savePrivateNoteHandler } from './http/privateNote';
import { saveRecapHandler } from './http/saveRecap';
import { getGoToBankHandler, saveGoToBankHandler, skipGoToQuestionHandler } from './http/goToQuestions';
import type { Services } from './services';
import { statusMoveRouteTemplate, statusRouteTemplates } from './contract';
import { getEnrolmentHandler, saveEnrolmentHandler, savePairLeadTimeHandler } from './http/enrolment';
import { getStatusFormHandler, saveStatusFormHandler } from './http/statusForm';
import { getStatusUpdateHandler } from './http/getStatusUpdate';
import { moveToStatusHandler } from './http/moveToStatus';
import { runPreMeetingScan } from './jobs/preMeetingScan';
import { preMeetingScanDeps } from './statusRequestServices';
import { trendRouteTemplates } from './contract';
import {
  getMyTrendHandler,
  getPairTrendHandler,
  getTeamTrendsHandler,
  getTrendSharingHandler,
  saveTrendSharingHandler,
} from './http/trends';
import { monthlyDigestDeps, runMonthlyDigest } from './jobs/monthlyDigest';
import { runTrendsDaily, trendsDailyDeps } from './jobs/trendsDaily';

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
  const route = (
    name: string,
    methods: HttpMethod[],
    template: string,
    handler: AuthenticatedHandler,
  ): RouteDefinition => ({
    name,
    methods,
    route: template,
    handler: withErrorBoundary(authenticated(services.tokens, handler)),
  });
  return [
    route('getMeetingBoard', ['GET'], routeTemplates.meetingBoard, getMeetingBoardHandler(services)),
    route('getBoard', ['GET'], routeTemplates.board, getBoardHandler(services)),
    route('saveBoardField', ['PUT'], routeTemplates.boardField, saveBoardFieldHandler(services)),
    route('saveBoardRating', ['PUT'], routeTemplates.boardRating, saveBoardRatingHandler(services)),
    route('saveCareerGoal', ['PUT'], routeTemplates.careerGoal, saveCareerGoalHandler(services)),
    route('createCommitment', ['POST'], routeTemplates.commitments, createCommitmentHandler(services)),
    route('updateCommitment', ['PUT'], routeTemplates.commitment, updateCommitmentHandler(services)),
    route('getPrivateNote', ['GET'], routeTemplates.privateNote, getPrivateNoteHandler(services)),
    route('savePrivateNote', ['PUT'], routeTemplates.privateNote, savePrivateNoteHandler(services)),
    route('saveRecap', ['PUT'], routeTemplates.recap, saveRecapHandler(services)),
    route('skipGoToQuestion', ['POST'], routeTemplates.skipGoToQuestion, skipGoToQuestionHandler(services)),
    route('getGoToQuestions', ['GET'], routeTemplates.myGoToQuestions, getGoToBankHandler(services)),
    route('saveGoToQuestions', ['PUT'], routeTemplates.myGoToQuestions, saveGoToBankHandler(services)),
    route('getStatusUpdate', ['GET'], statusRouteTemplates.statusUpdate, getStatusUpdateHandler(services)),
    route('moveToStatus', ['POST'], statusMoveRouteTemplate, moveToStatusHandler(services)),
    route('getEnrolment', ['GET'], statusRouteTemplates.enrolment, getEnrolmentHandler(services)),
    route('saveEnrolment', ['PUT'], statusRouteTemplates.enrolment, saveEnrolmentHandler(services)),
    route('savePairLeadTime', ['PUT'], statusRouteTemplates.enrolmentPair, savePairLeadTimeHandler(services)),
    route('getTeamTrends', ['GET'], trendRouteTemplates.team, getTeamTrendsHandler(services)),
    route('getPairTrend', ['GET'], trendRouteTemplates.pair, getPairTrendHandler(services)),
    route('getMyTrend', ['GET'], trendRouteTemplates.me, getMyTrendHandler(services)),
    route('getTrendSharing', ['GET'], trendRouteTemplates.sharing, getTrendSharingHandler(services)),
    route('saveTrendSharing', ['PUT'], trendRouteTemplates.sharing, saveTrendSharingHandler(services)),
    // The status form's credential is the link token from the email, not an Entra token (see http/statusForm).
    linkRoute('getStatusForm', ['GET'], statusRouteTemplates.statusForm, getStatusFormHandler(services)),
    linkRoute('saveStatusForm', ['PUT'], statusRouteTemplates.statusForm, saveStatusFormHandler(services)),
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
      schedule: services.statusRequests.digestSchedule,
      handler: async (context) => {
        await runMonthlyDigest(monthlyDigestDeps(services, { log: (line) => context.log(line) }));
      },
    },
    {
      // Once a day: the calendar's record of each ended or cancelled 1:1, and reports' calendar load (jobs/trendsDaily).
      name: 'trendsDaily',
      schedule: services.statusRequests.trendsDailySchedule,
      handler: async (context) => {
        await runTrendsDaily(trendsDailyDeps(services, { log: (line) => context.log(line) }));
      },
    },
  ];
}

function linkRoute(name: string, methods: HttpMethod[], template: string, handler: RouteHandler): RouteDefinition {
  return { name, methods, route: template, handler: withErrorBoundary(handler) };
}
