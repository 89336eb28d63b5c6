import type { HttpMethod, InvocationContext } from '@azure/functions';
import { routeTemplates } from './contract';
import { authenticated, type AuthenticatedHandler, type RouteHandler } from './http/authenticate';
import { withErrorBoundary } from './http/errorBoundary';
import { getBoardHandler } from './http/getBoard';
import { getMeetingBoardHandler } from './http/getMeetingBoard';
import { saveBoardFieldHandler } from './http/saveBoardField';
import type { Services } from './services';

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
  ];
}

/** THE table of timers; none yet. */
export function buildTimers(_services: Services): TimerDefinition[] {
  return [];
}
