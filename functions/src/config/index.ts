import { z } from 'zod';
import { readStatusRequestConfig, type StatusRequestConfig } from './statusRequests';
import { readRateLimitConfig, type RateLimitConfig } from './rateLimit';
import { readPrivacyConfig, type PrivacyConfig } from './privacy';
import { readBotConfig, type BotConfig } from './bot';

/** Everything the API reads from its environment, read once at start-up (see docs/architecture.md). */
export interface Config {
  tables: { kind: 'connectionString'; connectionString: string } | { kind: 'accountUrl'; accountUrl: string };
  auth: {
    /** e.g. https://login.microsoftonline.com, without a trailing slash. */
    authorityHost: string;
    tenantId: string;
    clientId: string;
    /** Accepted `aud` values: the client id and its Application ID URI(s). */
    audiences: string[];
    requiredScope: string;
    /** Multi-tenant mode (`ALLOWED_TENANT_IDS`): tenants besides `tenantId` whose users may call; empty = single-tenant. */
    allowedTenantIds: string[];
  };
  graph: {
    /** Graph root without version, e.g. https://graph.microsoft.com. */
    baseUrl: string;
    /** The app registration's secret: the On-Behalf-Of exchange always needs it, app-only calls unless below. */
    clientSecret: string;
    /**
     * Who the app-only calls (timers, reporting lines, mail) are: the app registration by its secret, or in Azure the
     * Function App's managed identity, with the Graph application permissions granted to that identity instead.
     */
    appIdentity: { kind: 'clientSecret' } | { kind: 'managedIdentity'; clientId: string | null };
  };
  cors: { allowedOrigins: string[] };
  orgChartCacheTtlMs: number;
  /** Pre-meeting status requests (config/statusRequests.ts). */
  statusRequests: StatusRequestConfig;
  /** Writes per caller and process (config/rateLimit.ts, applied by http/pipeline/limits.ts). */
  rateLimit: RateLimitConfig;
  /** Retention and the former manager's access (config/privacy.ts). */
  privacy: PrivacyConfig;
  /** The Candor bot: status by chat, the recap in the meeting chat (config/bot.ts). */
  bot: BotConfig;
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

// A missing variable reaches zod as undefined: say so plainly.
const trimmed = z.string({ error: 'is required' }).trim();
const required = trimmed.min(1, 'is required');
const httpUrl = required.pipe(z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }));
const list = trimmed
  .optional()
  .transform((v) => (v ?? '').split(',').map((s) => s.trim()).filter((s) => s.length > 0));

const envSchema = z.object({
  TABLES_CONNECTION_STRING: trimmed.optional(),
  /** Alternative to the connection string in Azure: the account's table endpoint, used with a managed identity. */
  TABLES_ACCOUNT_URL: httpUrl.optional(),
  AUTH_AUTHORITY_HOST: httpUrl,
  AUTH_TENANT_ID: required.regex(/^[A-Za-z0-9.-]+$/, 'must be a tenant id'),
  AUTH_CLIENT_ID: required,
  AUTH_AUDIENCES: list,
  AUTH_REQUIRED_SCOPE: required,
  ALLOWED_TENANT_IDS: list.pipe(z.array(z.string().regex(/^[0-9a-fA-F-]{36}$/, 'must list tenant ids (GUIDs)'))),
  // The Graph client only attaches tokens to https URLs, so an http Graph root could never authenticate.
  GRAPH_BASE_URL: required.pipe(z.url({ protocol: /^https$/, error: 'must be an https URL' })),
  GRAPH_CLIENT_SECRET: required,
  GRAPH_APP_IDENTITY: z.enum(['clientSecret', 'managedIdentity'], { error: 'must be clientSecret or managedIdentity' }).default('clientSecret'),
  /** A user-assigned managed identity's client id; absent = the system-assigned identity. */
  GRAPH_MANAGED_IDENTITY_CLIENT_ID: trimmed.optional().pipe(z.union([z.undefined(), z.literal(''), z.uuid('must be a client id (GUID)')])),
  CORS_ALLOWED_ORIGINS: list,
  ORG_CHART_CACHE_TTL_SECONDS: z.coerce.number().int().nonnegative().optional(),
});

const withoutTrailingSlash = (url: string): string => url.replace(/\/+$/, '');

/** Reads and validates the environment; throws a ConfigError naming every missing or invalid variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = envSchema.safeParse(env);
  const statusRequests = readStatusRequestConfig(env);
  const rateLimit = readRateLimitConfig(env);
  const privacy = readPrivacyConfig(env);
  const bot = readBotConfig(env, env['AUTH_CLIENT_ID']?.trim());
  if (!parsed.success || !statusRequests.ok || !rateLimit.ok || !privacy.ok || !bot.ok) {
    const problems = [
      ...(parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`)),
      ...(statusRequests.ok ? [] : statusRequests.problems),
      ...(rateLimit.ok ? [] : rateLimit.problems),
      ...(privacy.ok ? [] : privacy.problems),
      ...(bot.ok ? [] : bot.problems),
    ];
    throw new ConfigError(`Invalid configuration: ${problems.join('; ')}`);
  }
  const e = parsed.data;
  const tables: Config['tables'] = e.TABLES_CONNECTION_STRING
    ? { kind: 'connectionString', connectionString: e.TABLES_CONNECTION_STRING }
    : e.TABLES_ACCOUNT_URL
      ? { kind: 'accountUrl', accountUrl: e.TABLES_ACCOUNT_URL }
      : missing('TABLES_CONNECTION_STRING (or TABLES_ACCOUNT_URL) is required');
  const clientId = e.AUTH_CLIENT_ID;
  return {
    tables,
    auth: {
      authorityHost: withoutTrailingSlash(e.AUTH_AUTHORITY_HOST),
      tenantId: e.AUTH_TENANT_ID,
      clientId,
      audiences: e.AUTH_AUDIENCES.length > 0 ? e.AUTH_AUDIENCES : [clientId, `api://${clientId}`],
      requiredScope: e.AUTH_REQUIRED_SCOPE,
      allowedTenantIds: e.ALLOWED_TENANT_IDS,
    },
    graph: {
      baseUrl: withoutTrailingSlash(e.GRAPH_BASE_URL),
      clientSecret: e.GRAPH_CLIENT_SECRET,
      appIdentity:
        e.GRAPH_APP_IDENTITY === 'managedIdentity'
          ? { kind: 'managedIdentity', clientId: e.GRAPH_MANAGED_IDENTITY_CLIENT_ID || null }
          : { kind: 'clientSecret' },
    },
    cors: { allowedOrigins: e.CORS_ALLOWED_ORIGINS },
    orgChartCacheTtlMs: (e.ORG_CHART_CACHE_TTL_SECONDS ?? 300) * 1000,
    statusRequests: statusRequests.value,
    rateLimit: rateLimit.value,
    privacy: privacy.value,
    bot: bot.value,
  };
}

function missing(message: string): never {
  throw new ConfigError(`Invalid configuration: ${message}`);
}
