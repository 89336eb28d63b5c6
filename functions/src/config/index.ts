import { readAuthConfig, type AuthConfig } from './auth';
import { readBotConfig, type BotConfig } from './bot';
import { readCorsConfig, type CorsConfig } from './cors';
import { readDigestConfig, type DigestConfig } from './digest';
import type { Env, SectionRead } from './env';
import { readGraphConfig, readOrgChartCacheTtlMs, type GraphConfig } from './graph';
import { readPrivacyConfig, type PrivacyConfig } from './privacy';
import { readRateLimitConfig, type RateLimitConfig } from './rateLimit';
import { readStatusRequestConfig, type StatusRequestConfig } from './statusRequests';
import { readStorageConfig, type StorageConfig } from './storage';
import { readTrendsConfig, type TrendsConfig } from './trends';

/** Everything the API reads from its environment, read once at start-up (see docs/architecture.md). */
export interface Config {
  /** Table Storage (config/storage.ts). */
  tables: StorageConfig;
  /** Who may call the API (config/auth.ts). */
  auth: AuthConfig;
  /** Microsoft Graph (config/graph.ts). */
  graph: GraphConfig;
  /** The tab's origins (config/cors.ts). */
  cors: CorsConfig;
  /** How long the org chart read from Graph is kept (config/graph.ts). */
  orgChartCacheTtlMs: number;
  /** Pre-meeting status requests (config/statusRequests.ts). */
  statusRequests: StatusRequestConfig;
  /** The monthly digest email (config/digest.ts). */
  digest: DigestConfig;
  /** The daily trends job and the trend tab's address (config/trends.ts). */
  trends: TrendsConfig;
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

/** Reads and validates the environment; throws a ConfigError naming every missing or invalid variable at once. */
export function loadConfig(env: Env = process.env): Config {
  const auth = readAuthConfig(env);
  const statusRequests = readStatusRequestConfig(env);
  const bot = readBotConfig(env, auth.ok ? auth.value.clientId : undefined);
  // Sections in the order their problems are listed; a section built on another's value gets null if that one failed.
  return everySection({
    tables: readStorageConfig(env),
    auth,
    graph: readGraphConfig(env),
    cors: readCorsConfig(env),
    orgChartCacheTtlMs: readOrgChartCacheTtlMs(env),
    statusRequests,
    digest: readDigestConfig(env),
    trends: readTrendsConfig(env, {
      formBaseUrl: statusRequests.ok ? statusRequests.value.formBaseUrl : null,
      teamsCatalogAppId: bot.ok ? bot.value.teamsCatalogAppId : null,
      tenantId: auth.ok ? auth.value.tenantId : null,
    }),
    rateLimit: readRateLimitConfig(env),
    privacy: readPrivacyConfig(env),
    bot,
  });
}

type Sections<T> = { [K in keyof T]: SectionRead<T[K]> };

function everySection<T extends object>(sections: Sections<T>): T {
  const reads = Object.entries<SectionRead<unknown>>(sections);
  const problems = reads.flatMap(([, read]) => (read.ok ? [] : read.problems));
  if (problems.length > 0) throw new ConfigError(`Invalid configuration: ${problems.join('; ')}`);
  return Object.fromEntries(reads.map(([name, read]) => [name, read.ok ? read.value : undefined])) as T;
}
