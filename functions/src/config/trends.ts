import { z } from 'zod';
import { httpUrl, ncrontab, parseOptionalVariables, type Env, type SectionRead } from './env';

/** Settings of the monthly trends: the daily job, and where the trend tab is. */
export interface TrendsConfig {
  /** NCRONTAB of the daily trends job (scheduled 1:1s and calendar load, jobs/trendsDaily). */
  dailySchedule: string;
  /** The trend tab, where the digest's button and the bot's reply lead (a Teams deep link; locally the host page). */
  tabUrl: string | null;
}

/** Daily at 05:30 UTC: before the working day in Europe, after it in the Americas' evening. */
export const DEFAULT_TRENDS_DAILY_SCHEDULE = '0 30 5 * * *';

const envSchema = z.object({
  TRENDS_DAILY_SCHEDULE: ncrontab.optional(),
  TRENDS_TAB_URL: httpUrl.optional(),
});

/**
 * `formBaseUrl` is the status form's base URL (config/statusRequests.ts): without its own setting the tab URL is the
 * tab's page of the trends surface. Problems are returned, not thrown, so config/index.ts reports them all together.
 */
export function readTrendsConfig(env: Env, formBaseUrl: string | null): SectionRead<TrendsConfig> {
  const parsed = parseOptionalVariables(envSchema, env);
  if (!parsed.ok) return parsed;
  return {
    ok: true,
    value: {
      dailySchedule: parsed.value.TRENDS_DAILY_SCHEDULE ?? DEFAULT_TRENDS_DAILY_SCHEDULE,
      tabUrl: parsed.value.TRENDS_TAB_URL ?? (formBaseUrl === null ? null : `${formBaseUrl}/?surface=trends`),
    },
  };
}
