import { z } from 'zod';
import { list, parseVariables, type Env, type SectionRead } from './env';

/** The browser origins (the tab's) the API answers cross-origin requests from. */
export interface CorsConfig {
  allowedOrigins: string[];
}

const envSchema = z.object({ CORS_ALLOWED_ORIGINS: list });

export function readCorsConfig(env: Env): SectionRead<CorsConfig> {
  const parsed = parseVariables(envSchema, env);
  return parsed.ok ? { ok: true, value: { allowedOrigins: parsed.value.CORS_ALLOWED_ORIGINS } } : parsed;
}
