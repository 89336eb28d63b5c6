import { z } from 'zod';
import { parseVariables, required, trimmed, withoutTrailingSlash, type Env, type SectionRead } from './env';

/** Where Microsoft Graph is, and who the app's own calls to it are. */
export interface GraphConfig {
  /** Graph root without version, e.g. https://graph.microsoft.com. */
  baseUrl: string;
  /** The app registration's secret: the On-Behalf-Of exchange always needs it, app-only calls unless below. */
  clientSecret: string;
  /**
   * Who the app-only calls (timers, reporting lines, mail) are: the app registration by its secret, or in Azure the
   * Function App's managed identity, with the Graph application permissions granted to that identity instead.
   */
  appIdentity: { kind: 'clientSecret' } | { kind: 'managedIdentity'; clientId: string | null };
}

const envSchema = z.object({
  // The Graph client only attaches tokens to https URLs, so an http Graph root could never authenticate.
  GRAPH_BASE_URL: required.pipe(z.url({ protocol: /^https$/, error: 'must be an https URL' })),
  GRAPH_CLIENT_SECRET: required,
  GRAPH_APP_IDENTITY: z
    .enum(['clientSecret', 'managedIdentity'], { error: 'must be clientSecret or managedIdentity' })
    .default('clientSecret'),
  /** A user-assigned managed identity's client id; absent = the system-assigned identity. */
  GRAPH_MANAGED_IDENTITY_CLIENT_ID: trimmed
    .optional()
    .pipe(z.union([z.undefined(), z.literal(''), z.uuid('must be a client id (GUID)')])),
});

/** Problems are returned, not thrown, so config/index.ts reports them with everything else that is wrong. */
export function readGraphConfig(env: Env): SectionRead<GraphConfig> {
  const parsed = parseVariables(envSchema, env);
  if (!parsed.ok) return parsed;
  const e = parsed.value;
  return {
    ok: true,
    value: {
      baseUrl: withoutTrailingSlash(e.GRAPH_BASE_URL),
      clientSecret: e.GRAPH_CLIENT_SECRET,
      appIdentity:
        e.GRAPH_APP_IDENTITY === 'managedIdentity'
          ? { kind: 'managedIdentity', clientId: e.GRAPH_MANAGED_IDENTITY_CLIENT_ID || null }
          : { kind: 'clientSecret' },
    },
  };
}

const orgChartSchema = z.object({ ORG_CHART_CACHE_TTL_SECONDS: z.coerce.number().int().nonnegative().optional() });

/** How long the org chart read from Graph (managers' direct reports) is kept, in milliseconds. */
export function readOrgChartCacheTtlMs(env: Env): SectionRead<number> {
  const parsed = parseVariables(orgChartSchema, env);
  return parsed.ok ? { ok: true, value: (parsed.value.ORG_CHART_CACHE_TTL_SECONDS ?? 300) * 1000 } : parsed;
}
