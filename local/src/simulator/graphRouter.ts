/**
 * Graph v1.0 request handling shared by direct HTTP requests and requests inside a `$batch`: fault injection,
 * bearer-token authentication, `/me` rewriting, routing, and the response headers Graph always sends.
 */
import { isDropped, isRecord, type GraphResult, type Outcome, type Principal } from './types';
import type { Tenant } from './tenant';
import type { Faults } from './faults';
import { sleep } from './faults';
import { GRAPH_APP_ID, GRAPH_AUDIENCE, TokenRejected, verifyToken, type SigningKey } from './tokens';
import { graphError } from './odata';
import type { GraphContext, Route } from './graphContext';
import { userRoutes } from './graphUsers';
import { calendarRoutes } from './graphCalendar';
import { mailRoutes } from './graphMail';
import { teamworkRoutes } from './graphTeamwork';
import { chatRoutes } from './graphChats';
import { chatAppRoutes } from './graphChatApps';
import { runBatch, type InnerRequest } from './graphBatch';
import { requestId } from './ids';

const ROUTES: Route[] = [
  ...userRoutes,
  ...calendarRoutes,
  ...mailRoutes,
  ...teamworkRoutes,
  ...chatRoutes,
  ...chatAppRoutes,
];

/** Decodes a path once (`megan%40…` → `megan@…`); a malformed escape stays as it is and simply won't match. */
function safeDecode(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

export interface RequestLogEntry {
  method: string;
  path: string;
  /** The query string, decoded, without the `?` (e.g. `$select=start,end`): what a request asked for. */
  query: string;
  status: number;
  batched: boolean;
}

export interface GraphRequest {
  method: string;
  /** Path and query below `/v1.0`, e.g. `/users/x/calendarView?startDateTime=…`. */
  url: string;
  /** Lower-cased header names. */
  headers: Record<string, string>;
  body?: unknown;
  /** The body was present but not JSON. */
  bodyUnreadable?: boolean;
  batched: boolean;
}

export interface GraphDeps {
  tenant: Tenant;
  key: SigningKey;
  faults: Faults;
  baseUrl: () => string;
  now: () => Date;
  log: RequestLogEntry[];
}

const THROTTLE_ERRORS: Record<number, [string, string]> = {
  429: ['TooManyRequests', 'Too many requests. Please retry after the time in the Retry-After header.'],
  503: ['serviceNotAvailable', 'The service is temporarily unavailable. Please try again later.'],
  504: ['GatewayTimeout', 'The gateway did not receive a response in time.'],
  500: ['generalException', 'An unexpected error occurred.'],
};

export class GraphService {
  constructor(private readonly deps: GraphDeps) {}

  async dispatch(request: GraphRequest): Promise<Outcome> {
    const url = new URL(`https://graph.invalid/v1.0${request.url.startsWith('/') ? '' : '/'}${request.url}`);
    const fullPath = safeDecode(url.pathname);
    const decision = this.deps.faults.decide('graph', request.method, fullPath, !request.batched);
    await sleep(decision.latencyMs);
    const record = (status: number): void => {
      this.deps.log.push({
        method: request.method,
        path: fullPath,
        query: safeDecode(url.search.replace(/^\?/, '')),
        status,
        batched: request.batched,
      });
    };
    if (decision.drop && !decision.drop.afterEffect) {
      record(0);
      return { dropped: true };
    }
    let outcome: Outcome;
    if (decision.status) {
      const [code, message] = THROTTLE_ERRORS[decision.status.status] ?? ['generalException', 'Error.'];
      const retry = decision.status.retryAfterSeconds;
      outcome = graphError(
        decision.status.status,
        code,
        message,
        retry === undefined ? {} : { 'Retry-After': String(retry) },
      );
    } else {
      outcome = await this.execute(request, url).catch((error: unknown) => {
        console.error('[simulator] Graph handler failed:', error);
        return graphError(500, 'generalException', error instanceof Error ? error.message : 'Internal error');
      });
    }
    // With afterEffect the request has been processed (e.g. the mail was sent) before the connection goes.
    if (decision.drop || isDropped(outcome)) {
      record(0);
      return { dropped: true };
    }
    record(outcome.status);
    return this.finish(outcome, request.headers['client-request-id']);
  }

  /** Adds Graph's per-response headers and puts the request ids into an error's innerError. */
  private finish(result: GraphResult, clientRequestId: string | undefined): GraphResult {
    const id = requestId();
    const headers = {
      ...result.headers,
      'request-id': id,
      'client-request-id': clientRequestId ?? id,
      'x-ms-ags-diagnostic':
        '{"ServerInfo":{"DataCenter":"Local","Slice":"E","Ring":"5","ScaleUnit":"000","RoleInstance":"CANDOR-SIM"}}',
    };
    const body = result.body;
    if (isRecord(body) && isRecord(body.error) && isRecord(body.error.innerError)) {
      body.error.innerError['request-id'] = id;
      body.error.innerError['client-request-id'] = clientRequestId ?? id;
    }
    return { ...result, headers };
  }

  private async authenticate(headers: Record<string, string>): Promise<Principal | GraphResult> {
    const unauthorized = (message: string): GraphResult =>
      graphError(401, 'InvalidAuthenticationToken', message, {
        'WWW-Authenticate': `Bearer realm="", authorization_uri="${this.deps.baseUrl()}/common/oauth2/authorize", client_id="${GRAPH_APP_ID}"`,
      });
    const token = /^Bearer\s+(.+)$/i.exec(headers.authorization ?? '')?.[1]?.trim();
    if (!token) return unauthorized('Access token is empty.');
    try {
      const claims = await verifyToken(this.deps.key, token, [GRAPH_AUDIENCE, GRAPH_APP_ID]);
      if (claims.tid !== this.deps.tenant.id) return unauthorized('Access token validation failure. Invalid tenant.');
      const appId = typeof claims.appid === 'string' ? claims.appid : '';
      if (claims.idtyp === 'app' || (typeof claims.scp !== 'string' && Array.isArray(claims.roles))) {
        return {
          kind: 'app',
          appId,
          roles: Array.isArray(claims.roles) ? claims.roles.filter((r): r is string => typeof r === 'string') : [],
        };
      }
      const userId = typeof claims.oid === 'string' ? claims.oid : '';
      return { kind: 'user', appId, userId, scopes: typeof claims.scp === 'string' ? claims.scp.split(' ') : [] };
    } catch (error) {
      const reason = error instanceof TokenRejected ? error.message : 'Access token validation failure.';
      return unauthorized(
        reason.startsWith('IDX') || reason.startsWith('Lifetime')
          ? reason
          : `Access token validation failure. ${reason}`,
      );
    }
  }

  private async execute(request: GraphRequest, url: URL): Promise<Outcome> {
    const principal = await this.authenticate(request.headers);
    if ('status' in principal) return principal;
    let path = safeDecode(url.pathname).replace(/^\/v1\.0/, '') || '/';
    if (/^\/me(\/|$)/i.test(path)) {
      if (principal.kind !== 'user')
        return graphError(400, 'BadRequest', '/me request is only valid with delegated authentication flow.');
      path = `/users/${principal.userId}${path.slice(3)}`;
    }
    if (request.bodyUnreadable) {
      return graphError(
        400,
        'BadRequest',
        'Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.',
      );
    }
    if (/^\/\$batch$/i.test(path)) {
      if (request.method !== 'POST')
        return graphError(405, 'Request_BadRequest', 'Specified HTTP method is not allowed for the request target.');
      if (request.batched) return graphError(400, 'BadRequest', 'Nested batch requests are not allowed.');
      return runBatch(request.body, (inner) => this.dispatch(this.innerRequest(inner, request.headers)));
    }
    const ctx: GraphContext = {
      method: request.method,
      path,
      query: url.searchParams,
      headers: request.headers,
      body: request.body,
      principal,
      tenant: this.deps.tenant,
      baseUrl: this.deps.baseUrl(),
      now: this.deps.now,
    };
    let methodMismatch = false;
    for (const route of ROUTES) {
      const match = route.pattern.exec(path);
      if (!match) continue;
      if (route.method !== request.method) {
        methodMismatch = true;
        continue;
      }
      const params: Record<string, string> = {};
      for (const [k, v] of Object.entries(match.groups ?? {})) if (v !== undefined) params[k] = v;
      return route.handler(ctx, params);
    }
    if (methodMismatch)
      return graphError(405, 'Request_BadRequest', 'Specified HTTP method is not allowed for the request target.');
    const segment = path.split('/').filter(Boolean).pop() ?? '';
    return graphError(400, 'BadRequest', `Resource not found for the segment '${segment}'.`);
  }

  /** Inner requests act with the batch's own token, whatever headers they carry. */
  private innerRequest(inner: InnerRequest, outerHeaders: Record<string, string>): GraphRequest {
    const headers = { ...inner.headers };
    if (outerHeaders.authorization) headers.authorization = outerHeaders.authorization;
    return { method: inner.method, url: inner.url, headers, body: inner.body, batched: true };
  }
}
