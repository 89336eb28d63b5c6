import { z } from 'zod';
import { httpUrl, list, parseVariables, required, withoutTrailingSlash, type Env, type SectionRead } from './env';

/** Who may call the API: the Entra ID authority, the app registration and the tokens it accepts. */
export interface AuthConfig {
  /** e.g. https://login.microsoftonline.com, without a trailing slash. */
  authorityHost: string;
  tenantId: string;
  clientId: string;
  /** Accepted `aud` values: the client id and its Application ID URI(s). */
  audiences: string[];
  requiredScope: string;
  /** Multi-tenant mode (`ALLOWED_TENANT_IDS`): tenants besides `tenantId` whose users may call; empty = single-tenant. */
  allowedTenantIds: string[];
}

const envSchema = z.object({
  AUTH_AUTHORITY_HOST: httpUrl,
  AUTH_TENANT_ID: required.regex(/^[A-Za-z0-9.-]+$/, 'must be a tenant id'),
  AUTH_CLIENT_ID: required,
  AUTH_AUDIENCES: list,
  AUTH_REQUIRED_SCOPE: required,
  ALLOWED_TENANT_IDS: list.pipe(z.array(z.string().regex(/^[0-9a-fA-F-]{36}$/, 'must list tenant ids (GUIDs)'))),
});

/** Problems are returned, not thrown, so config/index.ts reports them with everything else that is wrong. */
export function readAuthConfig(env: Env): SectionRead<AuthConfig> {
  const parsed = parseVariables(envSchema, env);
  if (!parsed.ok) return parsed;
  const e = parsed.value;
  return {
    ok: true,
    value: {
      authorityHost: withoutTrailingSlash(e.AUTH_AUTHORITY_HOST),
      tenantId: e.AUTH_TENANT_ID,
      clientId: e.AUTH_CLIENT_ID,
      audiences: e.AUTH_AUDIENCES.length > 0 ? e.AUTH_AUDIENCES : [e.AUTH_CLIENT_ID, `api://${e.AUTH_CLIENT_ID}`],
      requiredScope: e.AUTH_REQUIRED_SCOPE,
      allowedTenantIds: e.ALLOWED_TENANT_IDS,
    },
  };
}
