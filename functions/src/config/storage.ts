import { z } from 'zod';
import { httpUrl, parseVariables, trimmed, type Env, type SectionRead } from './env';

/** Where the tables are: a connection string (Azurite, or a key), or in Azure the account's endpoint with a managed identity. */
export type StorageConfig =
  { kind: 'connectionString'; connectionString: string } | { kind: 'accountUrl'; accountUrl: string };

const envSchema = z.object({
  TABLES_CONNECTION_STRING: trimmed.optional(),
  TABLES_ACCOUNT_URL: httpUrl.optional(),
});

/** Problems are returned, not thrown, so config/index.ts reports them with everything else that is wrong. */
export function readStorageConfig(env: Env): SectionRead<StorageConfig> {
  const parsed = parseVariables(envSchema, env);
  if (!parsed.ok) return parsed;
  const e = parsed.value;
  if (e.TABLES_CONNECTION_STRING)
    return { ok: true, value: { kind: 'connectionString', connectionString: e.TABLES_CONNECTION_STRING } };
  if (e.TABLES_ACCOUNT_URL) return { ok: true, value: { kind: 'accountUrl', accountUrl: e.TABLES_ACCOUNT_URL } };
  return { ok: false, problems: ['TABLES_CONNECTION_STRING (or TABLES_ACCOUNT_URL) is required'] };
}
