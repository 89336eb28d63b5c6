/**
 * The HTTPS front door: reads each request, sends it to the simulator's control endpoints, Graph or Entra ID,
 * and writes the answer — or cuts the connection when a fault says so.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { isDropped, type GraphResult, type Outcome } from './types';
import type { GraphService } from './graphRouter';
import type { Identity } from './identity';
import { type Faults, sleep } from './faults';
import { handleSim, type SimEndpointDeps } from './simEndpoints';
import type { BotFramework } from './botFramework';

/** Graph refuses bodies over 4 MB (sendMail's limit); so does this. */
const MAX_BODY_BYTES = 4 * 1024 * 1024;

export interface FrontDoorDeps {
  graph: GraphService;
  identity: Identity;
  faults: Faults;
  sim: SimEndpointDeps;
  /** The Bot Framework pieces (botFramework.ts): `/botframework/*` and `/_sim/bot/*`. */
  bot?: BotFramework;
}

function readBody(req: IncomingMessage): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.on('end', () => resolve(size > MAX_BODY_BYTES ? undefined : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function lowerHeaders(req: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}

function write(res: ServerResponse, result: GraphResult): void {
  const payload =
    result.text !== undefined
      ? Buffer.from(result.text)
      : result.body === undefined
        ? undefined
        : Buffer.from(JSON.stringify(result.body));
  const headers: Record<string, string | number> = { ...result.headers };
  if (result.status !== 204) headers['Content-Length'] = payload?.length ?? 0;
  res.writeHead(result.status, headers);
  res.end(payload);
}

function parseJson(raw: Buffer, contentType: string | undefined): { body?: unknown; unreadable?: boolean } {
  if (raw.length === 0) return {};
  if (contentType && !/json/i.test(contentType)) return { unreadable: true };
  try {
    return { body: JSON.parse(raw.toString('utf8')) as unknown };
  } catch {
    return { unreadable: true };
  }
}

/** Entra ID answers a fault-injected status with its own error shape. */
function identityFault(status: number, retryAfterSeconds: number | undefined): GraphResult {
  return {
    status,
    headers: {
      'Content-Type': 'application/json; charset=utf-8',
      ...(retryAfterSeconds === undefined ? {} : { 'Retry-After': String(retryAfterSeconds) }),
    },
    body: {
      error: 'temporarily_unavailable',
      error_description: 'AADSTS90033: A transient error has occurred. Please try again.',
      error_codes: [90033],
    },
  };
}

async function route(deps: FrontDoorDeps, req: IncomingMessage, raw: Buffer): Promise<Outcome> {
  const method = (req.method ?? 'GET').toUpperCase();
  const url = new URL(req.url ?? '/', 'https://localhost');
  const headers = lowerHeaders(req);
  if (deps.bot && (url.pathname.startsWith('/botframework/') || url.pathname.startsWith('/_sim/bot/'))) {
    const parsed = parseJson(raw, headers['content-type']);
    const answer = await deps.bot.handle(method, url.pathname, headers, parsed.body);
    if (answer) return answer;
  }
  if (url.pathname.startsWith('/_sim/')) {
    const parsed = parseJson(raw, headers['content-type']);
    return handleSim(deps.sim, method, url.pathname, parsed.body);
  }
  if (url.pathname === '/v1.0' || url.pathname.startsWith('/v1.0/')) {
    const parsed = parseJson(raw, headers['content-type']);
    return deps.graph.dispatch({
      method,
      url: `${url.pathname.slice('/v1.0'.length)}${url.search}`,
      headers,
      ...(parsed.body === undefined ? {} : { body: parsed.body }),
      ...(parsed.unreadable ? { bodyUnreadable: true } : {}),
      batched: false,
    });
  }
  if (url.pathname.startsWith('/beta/')) {
    return {
      status: 400,
      headers: { 'Content-Type': 'application/json' },
      body: {
        error: { code: 'BadRequest', message: 'Only Graph v1.0 is simulated; the product must not depend on /beta.' },
      },
    };
  }
  const decision = deps.faults.decide('identity', method, url.pathname, true);
  await sleep(decision.latencyMs);
  if (decision.drop && !decision.drop.afterEffect) return { dropped: true };
  if (decision.status) return identityFault(decision.status.status, decision.status.retryAfterSeconds);
  const answer = await deps.identity.handle(method, url.pathname, url.searchParams, headers, raw.toString('utf8'));
  if (decision.drop) return { dropped: true };
  return (
    answer ?? {
      status: 404,
      headers: { 'Content-Type': 'application/json' },
      body: { error: 'not_found', error_description: `Nothing is simulated at ${method} ${url.pathname}.` },
    }
  );
}

export function requestHandler(deps: FrontDoorDeps): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    (async () => {
      const raw = await readBody(req);
      if (!raw) {
        write(res, {
          status: 413,
          headers: { 'Content-Type': 'application/json' },
          body: { error: { code: 'RequestEntityTooLarge', message: 'The request body is larger than 4 MB.' } },
        });
        return;
      }
      const outcome = await route(deps, req, raw);
      if (isDropped(outcome)) {
        // The caller sees a network error (socket closed before any response), as on a lost connection.
        req.socket.destroy();
        return;
      }
      write(res, outcome);
    })().catch((error: unknown) => {
      console.error('[simulator] request failed:', error);
      if (!res.headersSent)
        write(res, {
          status: 500,
          headers: { 'Content-Type': 'application/json' },
          body: { error: { code: 'generalException', message: 'Simulator error.' } },
        });
      else res.destroy();
    });
  };
}
