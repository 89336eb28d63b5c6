import { HttpRequest, HttpResponse, InvocationContext, type HttpResponseInit } from '@azure/functions';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/*
 * A small stand-in for the Azure Functions host, serving the SAME route table as functions/src/app.ts
 * (functions/src/routes.ts) over node:http, so the local stack and tests need no Core Tools. Outside the Functions
 * runtime, @azure/functions runs in "test mode": its HttpRequest/InvocationContext/HttpResponse classes work, only
 * registration with app.http does not, which this host does not use.
 *
 * The route and timer shapes are declared structurally here, so this file does not depend on the functions
 * project's build output; functions' RouteDefinition/TimerDefinition fit them.
 */

export interface HostedRoute {
  name: string;
  methods: readonly string[];
  /** Azure Functions route syntax relative to the `api` prefix, e.g. `pairs/{managerId}/boards`. */
  route: string;
  handler: (request: HttpRequest, context: InvocationContext) => Promise<HttpResponseInit>;
}

export interface HostedTimer {
  name: string;
  schedule: string;
  handler: (context: InvocationContext) => Promise<void>;
}

export interface FunctionsHostOptions {
  /** 0 or absent: a free port. */
  port?: number;
  /** Listening address; loopback by default (this is a development host). */
  host?: string;
  routes: readonly HostedRoute[];
  /** Not scheduled here: run on demand with runTimer() or `POST /admin/timers/{name}` from loopback. */
  timers?: readonly HostedTimer[];
  /** Exact origins (scheme://host:port) that browsers may call the API from. */
  corsAllowedOrigins?: readonly string[];
  log?: (line: string) => void;
  /** Bodies above this are refused before reaching a handler (which applies its own, smaller limit). */
  maxBodyBytes?: number;
}

export interface FunctionsHost {
  /** Base URL of the API, e.g. http://localhost:7071/api (no trailing slash). */
  url: string;
  port: number;
  runTimer(name: string): Promise<void>;
  close(): Promise<void>;
}

const ROUTE_PREFIX = 'api';
const CORS_ALLOW_METHODS = 'GET,PUT,POST,DELETE,OPTIONS';
const CORS_ALLOW_HEADERS = 'Authorization,Content-Type,If-Match,If-None-Match';
const CORS_EXPOSE_HEADERS = 'ETag';
const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);
/** Hop-by-hop headers describe this connection, not the request; the Fetch Request refuses some of them. */
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'upgrade', 'expect', 'te', 'trailer']);

interface CompiledRoute {
  route: HostedRoute;
  methods: Set<string>;
  /** A literal (compared case-insensitively, as the Functions host does) or a parameter name. */
  segments: Array<{ literal: string } | { param: string }>;
}

type Match =
  | { kind: 'matched'; route: HostedRoute; params: Record<string, string> }
  | { kind: 'wrongMethod'; allow: string[] }
  | { kind: 'none' }
  | { kind: 'badEncoding' };

export async function startFunctionsHost(options: FunctionsHostOptions): Promise<FunctionsHost> {
  const log = options.log ?? ((line: string) => console.log(line));
  const routes = options.routes.map(compileRoute);
  const timers = new Map((options.timers ?? []).map((t) => [t.name, t]));
  const allowedOrigins = new Set(options.corsAllowedOrigins ?? []);
  const maxBodyBytes = options.maxBodyBytes ?? 1024 * 1024;
  const host = options.host ?? '127.0.0.1';

  const contextFor = (functionName: string): InvocationContext =>
    new InvocationContext({
      functionName,
      invocationId: randomUUID(),
      logHandler: (level, ...args) => log(`  [${functionName}] ${level}: ${args.map(String).join(' ')}`),
    });

  const runTimer = async (name: string): Promise<void> => {
    const timer = timers.get(name);
    if (!timer) throw new Error(`no timer named "${name}"`);
    const started = performance.now();
    await timer.handler(contextFor(name));
    log(`TIMER ${name} done ${elapsed(started)}`);
  };

  const server = createServer((req, res) => {
    const started = performance.now();
    handle(req, res)
      .then((label) => log(`${req.method ?? '?'} ${label} ${res.statusCode} ${elapsed(started)}`))
      .catch((error: unknown) => {
        log(`${req.method ?? '?'} (host failure) ${describe(error)}`);
        if (!res.headersSent) sendJson(res, 500, errorBody('internal', 'The local functions host failed.'));
        else res.destroy();
      });
  });

  /** Serves one request; returns the label for the log line (the route name, never the URL's content). */
  async function handle(req: IncomingMessage, res: ServerResponse): Promise<string> {
    const method = (req.method ?? 'GET').toUpperCase();
    const origin = req.headers.origin;
    if (origin && allowedOrigins.has(origin)) {
      res.setHeader('Access-Control-Allow-Origin', origin);
      res.setHeader('Access-Control-Expose-Headers', CORS_EXPOSE_HEADERS);
    }
    res.setHeader('Vary', 'Origin');

    if (method === 'OPTIONS' && req.headers['access-control-request-method']) {
      if (origin && allowedOrigins.has(origin)) {
        res.setHeader('Access-Control-Allow-Methods', CORS_ALLOW_METHODS);
        res.setHeader('Access-Control-Allow-Headers', CORS_ALLOW_HEADERS);
        res.setHeader('Access-Control-Max-Age', '600');
      }
      res.writeHead(204).end();
      return '(preflight)';
    }

    const url = new URL(req.url ?? '/', 'http://localhost');
    const timerName = /^\/admin\/timers\/([^/]+)$/.exec(url.pathname)?.[1];
    if (timerName !== undefined) return runTimerFromHttp(req, res, method, timerName);

    const match = matchRoute(routes, url.pathname, method);
    if (match.kind === 'badEncoding') {
      sendJson(res, 400, errorBody('badRequest', 'The URL path is not validly encoded.'));
      return '(bad path)';
    }
    if (match.kind === 'none') {
      sendJson(res, 404, errorBody('notFound', `No API route matches ${method} ${url.pathname}.`));
      return '(no route)';
    }
    if (match.kind === 'wrongMethod') {
      res.setHeader('Allow', match.allow.join(','));
      sendJson(res, 405, errorBody('methodNotAllowed', `This route answers ${match.allow.join(', ')} only.`));
      return '(wrong method)';
    }

    const body = method === 'GET' || method === 'HEAD' ? null : await readBody(req, maxBodyBytes);
    if (body === 'tooLarge') {
      // The rest of the body is never read: close the connection, or the client's next request on it would fail.
      res.setHeader('Connection', 'close');
      sendJson(res, 413, errorBody('payloadTooLarge', `The body must be at most ${maxBodyBytes} bytes.`));
      return match.route.name;
    }
    const request = new HttpRequest({
      method,
      url: `http://${req.headers.host ?? `localhost:${port}`}${req.url ?? '/'}`,
      headers: requestHeaders(req),
      query: Object.fromEntries(url.searchParams),
      params: match.params,
      ...(body && body.length > 0 ? { body: { string: body.toString('utf8') } } : {}),
    });

    let init: HttpResponseInit;
    try {
      init = await match.route.handler(request, contextFor(match.route.name));
    } catch (error) {
      // Like the Functions host: the caller learns nothing about the failure; the log gets its message.
      log(`  [${match.route.name}] error: ${describe(error)}`);
      sendJson(res, 500, errorBody('internal', 'Something went wrong on our side.'));
      return match.route.name;
    }
    await writeResponse(res, init, method);
    return match.route.name;
  }

  async function runTimerFromHttp(
    req: IncomingMessage,
    res: ServerResponse,
    method: string,
    encodedName: string,
  ): Promise<string> {
    if (method !== 'POST') {
      res.setHeader('Allow', 'POST');
      sendJson(res, 405, errorBody('methodNotAllowed', 'Timers are run with POST.'));
      return '(timer admin)';
    }
    if (!LOOPBACK.has(req.socket.remoteAddress ?? '')) {
      sendJson(res, 403, errorBody('forbidden', 'Timers can be run from this machine only.'));
      return '(timer admin)';
    }
    let name: string;
    try {
      name = decodeURIComponent(encodedName);
    } catch {
      name = encodedName;
    }
    if (!timers.has(name)) {
      sendJson(res, 404, errorBody('notFound', `No timer named "${name}".`));
      return '(timer admin)';
    }
    try {
      await runTimer(name);
      sendJson(res, 200, { timer: name, ran: true });
    } catch (error) {
      log(`  [${name}] error: ${describe(error)}`);
      sendJson(res, 500, errorBody('internal', `Timer "${name}" failed.`));
    }
    return `timer:${name}`;
  }

  server.listen(options.port ?? 0, host);
  await once(server, 'listening');
  const port = (server.address() as AddressInfo).port;

  return {
    url: `http://localhost:${port}/${ROUTE_PREFIX}`,
    port,
    runTimer,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // Keep-alive connections (browsers, fetch) would otherwise hold close() open.
        server.closeAllConnections();
      }),
  };
}

function compileRoute(route: HostedRoute): CompiledRoute {
  const segments = route.route
    .replace(/^\/+|\/+$/g, '')
    .split('/')
    .map((segment) => {
      const param = /^\{([A-Za-z_][A-Za-z0-9_]*)\}$/.exec(segment)?.[1];
      if (param) return { param };
      if (/[{}]/.test(segment)) {
        throw new Error(`route "${route.name}": only whole-segment {param} placeholders are supported (${segment})`);
      }
      return { literal: segment.toLowerCase() };
    });
  return { route, methods: new Set(route.methods.map((m) => m.toUpperCase())), segments };
}

function matchRoute(routes: readonly CompiledRoute[], pathname: string, method: string): Match {
  const prefix = `/${ROUTE_PREFIX}/`;
  if (!pathname.toLowerCase().startsWith(prefix)) return { kind: 'none' };
  // Split before decoding, so an encoded "/" (%2F) stays inside its segment.
  const raw = pathname.slice(prefix.length).replace(/\/$/, '').split('/');
  const allow = new Set<string>();
  for (const compiled of routes) {
    if (compiled.segments.length !== raw.length) continue;
    const params: Record<string, string> = {};
    let matches = true;
    for (const [i, segment] of compiled.segments.entries()) {
      const value = raw[i] ?? '';
      if ('literal' in segment) {
        if (value.toLowerCase() !== segment.literal) {
          matches = false;
          break;
        }
      } else {
        if (value === '') {
          matches = false;
          break;
        }
        try {
          params[segment.param] = decodeURIComponent(value);
        } catch {
          return { kind: 'badEncoding' };
        }
      }
    }
    if (!matches) continue;
    if (compiled.methods.has(method)) return { kind: 'matched', route: compiled.route, params };
    for (const m of compiled.methods) allow.add(m);
  }
  return allow.size > 0 ? { kind: 'wrongMethod', allow: [...allow] } : { kind: 'none' };
}

function requestHeaders(req: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined || HOP_BY_HOP.has(name)) continue;
    headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}

async function readBody(req: IncomingMessage, maxBytes: number): Promise<Buffer | 'tooLarge'> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buffer.length;
    if (size > maxBytes) return 'tooLarge';
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}

/** Serializes exactly as the Functions host does (jsonBody wins over body, JSON content type by default). */
async function writeResponse(res: ServerResponse, init: HttpResponseInit, method: string): Promise<void> {
  const response = new HttpResponse(init);
  for (const [name, value] of response.headers) res.setHeader(name, value);
  const noBody = method === 'HEAD' || response.status === 204 || response.status === 304;
  const body = noBody ? Buffer.alloc(0) : Buffer.from(await response.arrayBuffer());
  if (!noBody) res.setHeader('Content-Length', body.length);
  res.writeHead(response.status).end(body);
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) }).end(text);
}

/** The contract's ErrorBody shape (functions/src/contract/errors.ts). */
function errorBody(code: string, message: string): { error: { code: string; message: string } } {
  return { error: { code, message } };
}

function elapsed(started: number): string {
  return `${Math.round(performance.now() - started)}ms`;
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : 'non-Error thrown';
}
