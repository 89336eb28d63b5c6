import {
  createServer,
  request as httpRequest,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { handleHostBotApi, type HostPageBot } from './hostBotApi';

/** A started HTTP server: its base URL (no trailing slash) and how to stop it. */
export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

// ---------------------------------------------------------------------------------------------------------------
// Tab static server
// ---------------------------------------------------------------------------------------------------------------

export interface TabServerOptions {
  /** 0 picks a free port. */
  port: number;
  /** tab/dist */
  distDir: string;
  /**
   * The Functions API base written into `<meta name="candor-api-base">`: absolute (http://localhost:7071/api) for
   * an API on another origin, or `/api` when this server forwards the API (`proxyApiTo`).
   */
  apiBaseUrl: string;
  /**
   * The functions host's origin (http://127.0.0.1:7071): `/api/*` on this server is forwarded there, so the tab
   * calls its API on its own origin and the browser sends no CORS preflight before any call.
   */
  proxyApiTo?: string;
  /** The local Teams host page origin, e.g. http://localhost:4280; written into `<meta name="candor-dev-host-origin">`. */
  devHostOrigin: string;
  /** Interface to listen on; loopback by default. */
  host?: string;
  /**
   * Entra ID for the consent pop-up (tab/src/consent): the authority host and the Candor API's client id, written
   * into `<meta name="candor-auth-authority">` / `candor-auth-client-id`. Locally the simulator.
   */
  auth?: { authority: string; clientId: string };
  /**
   * Serve over https with this pair (the local certificate). teams-js opens only https pages in the consent pop-up,
   * so locally a second, https server of the same tab serves auth-start.html and auth-end.html.
   */
  tls?: { key: string; cert: string };
  /** Where the consent pop-up's pages are, when not on this server (`<meta name="candor-auth-page-base">`). */
  authPageBase?: string;
}

/**
 * Pages that may frame the tab besides the local host page: exactly the hosts Microsoft documents for a Teams app
 * extended to Outlook and the Microsoft 365 app (Teams platform docs, "Prerequisites" of tabs: frame-ancestor
 * permission per host — all hosts *.cloud.microsoft; Teams; the Microsoft 365 app; Outlook). Consumer Teams and
 * Outlook (teams.live.com, outlook.live.com) are left out: Candor signs in work accounts of one tenant only.
 */
export const MICROSOFT_HOST_FRAME_ANCESTORS: readonly string[] = [
  'https://teams.microsoft.com',
  'https://*.teams.microsoft.com',
  'https://*.cloud.microsoft',
  'https://*.microsoft365.com',
  'https://*.office.com',
  'https://outlook.office.com',
  'https://outlook.office365.com',
  'https://outlook-sdf.office.com',
  'https://outlook-sdf.office365.com',
];

/** teams-js refreshes its list of valid host origins from here at load (and falls back to a built-in list). */
export const TEAMS_JS_CDN_ORIGIN = 'https://res.cdn.office.net';

export function tabContentSecurityPolicy(apiBaseUrl: string, devHostOrigin: string): string {
  // A relative base (`/api`) is on the page's own origin, which 'self' already allows.
  const api = URL.canParse(apiBaseUrl) ? new URL(apiBaseUrl) : null;
  // A source with a path ending in "/" matches everything below it: only the API, not the whole origin.
  const apiSource = api ? ` ${api.origin}${api.pathname.replace(/\/*$/, '/')}` : '';
  const ancestors = [
    "'self'",
    ...(devHostOrigin ? [new URL(devHostOrigin).origin] : []),
    ...MICROSOFT_HOST_FRAME_ANCESTORS,
  ];
  return [
    "default-src 'self'",
    "script-src 'self'",
    // Fluent UI (Griffel) inserts its CSS rules at runtime.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self'${apiSource} ${TEAMS_JS_CDN_ORIGIN}`,
    "frame-src 'none'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'none'",
    `frame-ancestors ${ancestors.join(' ')}`,
  ].join('; ');
}

/** Serves tab/dist, with the runtime configuration written into index.html on every request. */
export async function startTabServer(options: TabServerOptions): Promise<RunningServer> {
  const csp = tabContentSecurityPolicy(options.apiBaseUrl, options.devHostOrigin);
  const meta = {
    'candor-api-base': options.apiBaseUrl.replace(/\/+$/, ''),
    'candor-dev-host-origin': options.devHostOrigin ? new URL(options.devHostOrigin).origin : '',
    ...(options.auth
      ? {
          'candor-auth-authority': options.auth.authority.replace(/\/+$/, ''),
          'candor-auth-client-id': options.auth.clientId,
        }
      : {}),
    ...(options.authPageBase ? { 'candor-auth-page-base': options.authPageBase } : {}),
  };
  const upstream = options.proxyApiTo ? new URL(options.proxyApiTo).origin : null;
  const handler = (req: IncomingMessage, res: ServerResponse): void => {
    if (upstream && /^\/api(\/|\?|$)/.test(req.url ?? '')) {
      forwardApi(req, res, upstream);
      return;
    }
    setSecurityHeaders(res, csp);
    serveStatic(req, res, options.distDir, (html) => rewriteMetaTags(html, meta)).catch((error: unknown) =>
      sendError(res, error),
    );
  };
  if (options.tls) return listen(createHttpsServer(options.tls, handler), options.port, options.host, 'https');
  return listen(createServer(handler), options.port, options.host);
}

/**
 * Forwards one API request as it came (method, path, headers, body) and streams the answer back untouched. The
 * Origin header goes along, so the functions host still answers CORS only for the origins it allows: a page of
 * another origin gets no Access-Control-Allow-Origin through this door either.
 */
function forwardApi(req: IncomingMessage, res: ServerResponse, upstream: string): void {
  const target = new URL(req.url ?? '/', upstream);
  const headers = { ...req.headers, host: target.host };
  const outgoing = httpRequest(target, { method: req.method ?? 'GET', headers }, (answer) => {
    res.writeHead(answer.statusCode ?? 502, answer.headers);
    answer.pipe(res);
  });
  outgoing.on('error', () => {
    if (res.headersSent) res.destroy();
    else sendJson(res, 502, { error: { code: 'badGateway', message: 'The local functions host did not answer.' } });
  });
  req.pipe(outgoing);
}

/**
 * Replaces (or adds) `<meta name="…" content="…">` tags in an HTML document; values are attribute-escaped.
 */
export function rewriteMetaTags(html: string, values: Record<string, string>): string {
  let out = html;
  for (const [name, value] of Object.entries(values)) {
    const tag = `<meta name="${escapeAttribute(name)}" content="${escapeAttribute(value)}" />`;
    const pattern = new RegExp(`<meta\\b[^>]*\\bname\\s*=\\s*["']${escapeRegExp(name)}["'][^>]*>`, 'i');
    if (pattern.test(out)) out = out.replace(pattern, () => tag);
    else out = out.replace(/<\/head>/i, () => `  ${tag}\n  </head>`);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Local Teams host page server
// ---------------------------------------------------------------------------------------------------------------

export interface HostPageUser {
  id: string;
  displayName: string;
  role: 'manager' | 'report';
  /** Sign-in name shown to the tab as `userPrincipalName` / `loginHint`, when known. */
  userPrincipalName?: string;
}

export interface HostPageMeeting {
  chatId: string;
  meetingId: string;
  subject: string;
  managerId: string;
  reportId: string;
}

/** A pinned tab's configuration (Graph's teamsTabConfiguration) and name, as the meeting shows it. */
export interface HostPinnedTab {
  displayName: string;
  entityId: string | null;
  contentUrl: string;
  websiteUrl: string | null;
}

/** What the host page needs to impersonate Teams: where the tab is, who can sign in, which meetings exist. */
export interface HostPageConfig {
  /** The tab's base URL, e.g. http://localhost:4281 (no trailing slash). */
  tabUrl: string;
  tenantId: string;
  users: HostPageUser[];
  meetings: HostPageMeeting[];
}

export interface HostPageServerOptions {
  port: number;
  /** local/host-page/dist */
  distDir: string;
  config: HostPageConfig;
  /**
   * An access token for the Candor API for this user (from the identity simulator); `claims`: a Conditional Access
   * challenge the tab passed to getAuthToken, which the sign-in satisfies where it can.
   */
  issueToken: (userId: string, claims?: readonly string[]) => Promise<string>;
  /** Mails the simulator's Graph has "sent", newest last or first — the page sorts them. */
  readOutbox: () => unknown[] | Promise<unknown[]>;
  /** Runs the pre-meeting status scan now (the host page's "Run pre-meeting scan" button). */
  runScan?: () => Promise<void>;
  /**
   * Candor's tab pinned in a meeting's chat, as the simulator's Graph holds it (null: not pinned): Teams shows a
   * pinned tab in the meeting from the start, so the host page opens its saved configuration instead of offering
   * "Add Candor".
   */
  pinnedTab?: (chatId: string) => HostPinnedTab | null;
  /**
   * The identity simulator's consent ledger: the host page's "Consent not yet given" switch revokes a person's
   * consent, and while it is missing SSO answers `resourceRequiresConsent`, as Teams does.
   */
  consent?: { given(userId: string): boolean; revoke(userId: string): void; grant(userId: string): void };
  host?: string;
  /** The Candor bot's chats (status by chat): the host page's Teams chat view reads them and acts in them. */
  bot?: HostPageBot;
}

const MAX_JSON_BODY_BYTES = 16 * 1024;

export async function startHostPageServer(options: HostPageServerOptions): Promise<RunningServer> {
  const tabOrigin = new URL(options.config.tabUrl).origin;
  const csp = [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "connect-src 'self'",
    `frame-src ${tabOrigin}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');

  const server = createServer((req, res) => {
    setSecurityHeaders(res, csp);
    handleHostPageRequest(req, res, options).catch((error: unknown) => sendError(res, error));
  });
  return listen(server, options.port, options.host);
}

async function handleHostPageRequest(
  req: IncomingMessage,
  res: ServerResponse,
  options: HostPageServerOptions,
): Promise<void> {
  const pathname = new URL(req.url ?? '/', 'http://host.invalid').pathname;
  if (!pathname.startsWith('/host-api/')) {
    await serveStatic(req, res, options.distDir);
    return;
  }
  res.setHeader('Cache-Control', 'no-store');
  switch (pathname) {
    case '/host-api/config':
      if (!allowMethods(req, res, ['GET', 'HEAD'])) return;
      sendJson(res, 200, options.config, req.method === 'HEAD');
      return;
    case '/host-api/outbox':
      if (!allowMethods(req, res, ['GET', 'HEAD'])) return;
      sendJson(res, 200, await options.readOutbox(), req.method === 'HEAD');
      return;
    case '/host-api/run-scan': {
      if (!allowMethods(req, res, ['POST'])) return;
      if (!options.runScan) {
        sendJson(res, 404, { error: { code: 'notFound', message: 'This host has no scan to run.' } });
        return;
      }
      try {
        await options.runScan();
        sendJson(res, 200, { ran: true });
      } catch (error) {
        sendJson(res, 502, {
          error: { code: 'scanFailed', message: error instanceof Error ? error.message : String(error) },
        });
      }
      return;
    }
    case '/host-api/pinned-tab': {
      if (!allowMethods(req, res, ['GET'])) return;
      const chatId = new URL(req.url ?? '/', 'http://host.invalid').searchParams.get('chatId');
      if (!chatId || !options.config.meetings.some((m) => m.chatId === chatId)) {
        sendJson(res, 400, {
          error: { code: 'badRequest', message: 'chatId must be one of the configured meetings', field: 'chatId' },
        });
        return;
      }
      sendJson(res, 200, { tab: options.pinnedTab?.(chatId) ?? null });
      return;
    }
    case '/host-api/token': {
      if (!allowMethods(req, res, ['POST'])) return;
      if (!/^application\/json\b/i.test(req.headers['content-type'] ?? '')) {
        sendJson(res, 415, { error: { code: 'unsupportedMediaType', message: 'Send JSON: { "userId": "…" }' } });
        return;
      }
      const body = await readJsonBody(req);
      const userId = body && typeof body === 'object' && 'userId' in body ? body.userId : undefined;
      const asked = body && typeof body === 'object' && 'claims' in body ? body.claims : undefined;
      const claims = Array.isArray(asked) ? asked.filter((c): c is string => typeof c === 'string') : undefined;
      if (typeof userId !== 'string' || !options.config.users.some((u) => u.id === userId)) {
        sendJson(res, 400, {
          error: { code: 'badRequest', message: 'userId must be one of the configured users', field: 'userId' },
        });
        return;
      }
      if (options.consent && !options.consent.given(userId)) {
        sendJson(res, 403, { error: { code: 'resourceRequiresConsent', message: 'resourceRequiresConsent' } });
        return;
      }
      let accessToken: string;
      try {
        accessToken = await options.issueToken(userId, claims);
      } catch (error) {
        sendJson(res, 502, {
          error: { code: 'tokenFailed', message: error instanceof Error ? error.message : String(error) },
        });
        return;
      }
      sendJson(res, 200, { accessToken });
      return;
    }
    case '/host-api/consent':
      await handleConsent(req, res, options);
      return;
    case '/host-api/bot/chats':
    case '/host-api/bot/action':
    case '/host-api/bot/message':
      if (!options.bot) {
        sendJson(res, 404, { error: { code: 'notFound', message: 'This host has no bot.' } });
        return;
      }
      await handleHostBotApi(req, res, pathname, options.bot, readJsonBody, (r, status, body) =>
        sendJson(r, status, body),
      );
      return;
    default:
      sendJson(res, 404, { error: { code: 'notFound', message: `No host API at ${pathname}` } });
  }
}

/** `GET ?userId=` → `{ given }`; `PUT { userId, given }` sets it (the host page's consent switch). */
async function handleConsent(req: IncomingMessage, res: ServerResponse, options: HostPageServerOptions): Promise<void> {
  if (!allowMethods(req, res, ['GET', 'PUT'])) return;
  const consent = options.consent;
  if (!consent) {
    sendJson(res, 404, { error: { code: 'notFound', message: 'This host has no consent to switch.' } });
    return;
  }
  const known = (id: unknown): id is string => typeof id === 'string' && options.config.users.some((u) => u.id === id);
  if (req.method === 'GET') {
    const userId = new URL(req.url ?? '/', 'http://host.invalid').searchParams.get('userId');
    if (!known(userId)) {
      sendJson(res, 400, {
        error: { code: 'badRequest', message: 'userId must be one of the configured users', field: 'userId' },
      });
      return;
    }
    sendJson(res, 200, { userId, given: consent.given(userId) });
    return;
  }
  if (!/^application\/json\b/i.test(req.headers['content-type'] ?? '')) {
    sendJson(res, 415, {
      error: { code: 'unsupportedMediaType', message: 'Send JSON: { "userId": "…", "given": true }' },
    });
    return;
  }
  const body = await readJsonBody(req);
  const record = body && typeof body === 'object' ? (body as Record<string, unknown>) : {};
  if (!known(record.userId) || typeof record.given !== 'boolean') {
    sendJson(res, 400, {
      error: { code: 'badRequest', message: 'Send { userId: one of the configured users, given: boolean }' },
    });
    return;
  }
  if (record.given) consent.grant(record.userId);
  else consent.revoke(record.userId);
  sendJson(res, 200, { userId: record.userId, given: consent.given(record.userId) });
}

// ---------------------------------------------------------------------------------------------------------------
// Shared helpers
// ---------------------------------------------------------------------------------------------------------------

export const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
};

/** Vite's content-hashed output (`assets/index-B1a2c3D4.js`): safe to cache for a year. */
const HASHED_ASSET = /^\/assets\/.+-[A-Za-z0-9_-]{8,}\.[a-z0-9]+$/;

function setSecurityHeaders(res: ServerResponse, csp: string): void {
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'strict-origin-when-cross-origin');
  res.setHeader('Content-Security-Policy', csp);
}

async function serveStatic(
  req: IncomingMessage,
  res: ServerResponse,
  distDir: string,
  transformHtml?: (html: string) => string,
): Promise<void> {
  if (!allowMethods(req, res, ['GET', 'HEAD'])) return;
  let pathname: string;
  try {
    pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://host.invalid').pathname);
  } catch {
    sendText(res, 400, 'Bad request');
    return;
  }
  if (pathname.includes('\0')) {
    sendText(res, 400, 'Bad request');
    return;
  }
  if (pathname.endsWith('/')) pathname += 'index.html';
  const root = path.resolve(distDir);
  const file = path.resolve(root, `.${path.posix.normalize(pathname)}`);
  if (file !== root && !file.startsWith(root + path.sep)) {
    sendText(res, 404, 'Not found');
    return;
  }
  const info = await stat(file).catch(() => null);
  if (!info?.isFile()) {
    sendText(res, 404, 'Not found');
    return;
  }
  const ext = path.extname(file).toLowerCase();
  let body: Buffer = await readFile(file);
  if (ext === '.html') {
    if (transformHtml) body = Buffer.from(transformHtml(body.toString('utf8')), 'utf8');
    res.setHeader('Cache-Control', 'no-cache');
  } else if (HASHED_ASSET.test(pathname)) {
    res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
  } else {
    res.setHeader('Cache-Control', 'no-cache');
  }
  res.statusCode = 200;
  res.setHeader('Content-Type', CONTENT_TYPES[ext] ?? 'application/octet-stream');
  res.setHeader('Content-Length', body.length);
  res.end(req.method === 'HEAD' ? undefined : body);
}

function allowMethods(req: IncomingMessage, res: ServerResponse, methods: string[]): boolean {
  if (methods.includes(req.method ?? '')) return true;
  res.setHeader('Allow', methods.join(', '));
  sendText(res, 405, 'Method not allowed');
  return false;
}

function sendText(res: ServerResponse, status: number, text: string): void {
  res.statusCode = status;
  res.setHeader('Content-Type', 'text/plain; charset=utf-8');
  res.setHeader('Cache-Control', 'no-store');
  res.end(text);
}

function sendJson(res: ServerResponse, status: number, value: unknown, headOnly = false): void {
  const body = Buffer.from(JSON.stringify(value), 'utf8');
  res.statusCode = status;
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Content-Length', body.length);
  res.end(headOnly ? undefined : body);
}

function sendError(res: ServerResponse, error: unknown): void {
  if (res.headersSent) {
    res.destroy(error instanceof Error ? error : undefined);
    return;
  }
  if (error instanceof HttpError) {
    sendJson(res, error.status, { error: { code: error.code, message: error.message } });
    return;
  }
  sendText(res, 500, 'Internal server error');
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

async function readJsonBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = chunk as Buffer;
    size += buf.length;
    if (size > MAX_JSON_BODY_BYTES) throw new HttpError(413, 'payloadTooLarge', 'Request body too large');
    chunks.push(buf);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
  } catch {
    throw new HttpError(400, 'badRequest', 'Request body is not valid JSON');
  }
}

function listen(
  server: Server,
  port: number,
  host = '127.0.0.1',
  scheme: 'http' | 'https' = 'http',
): Promise<RunningServer> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const address = server.address();
      const actualPort = typeof address === 'object' && address ? address.port : port;
      resolve({
        url: `${scheme}://localhost:${actualPort}`,
        close: () =>
          new Promise<void>((done, fail) => {
            server.close((error) => (error ? fail(error) : done()));
            server.closeAllConnections();
          }),
      });
    });
  });
}

function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function escapeRegExp(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
