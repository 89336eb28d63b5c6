import { z } from 'zod';
import { trendsTabDeepLink } from '../domain/trendsTabLink';
import { httpUrl, ncrontab, parseOptionalVariables, type Env, type SectionRead } from './env';

/** Settings of the monthly trends: the daily job, and where the trend tab is. */
export interface TrendsConfig {
  /** NCRONTAB of the daily trends job (scheduled 1:1s and calendar load, jobs/trendsDaily). */
  dailySchedule: string;
  /**
   * The trend tab, where the digest's button and the bot's reply lead: Teams' deep link built from the bot's catalog app
   * id (domain/trendsTabLink), `TRENDS_TAB_URL` as an override (locally the host page), else the tab's own page.
   */
  tabUrl: string | null;
}

/** Daily at 05:30 UTC: before the working day in Europe, after it in the Americas' evening. */
export const DEFAULT_TRENDS_DAILY_SCHEDULE = '0 30 5 * * *';

const envSchema = z.object({
  TRENDS_DAILY_SCHEDULE: ncrontab.optional(),
  TRENDS_TAB_URL: httpUrl.optional(),
});

/** What the tab's address is built from, read by the other sections (null where that section failed or is unset). */
export interface TrendsTabSources {
  /** The status form's base URL (config/statusRequests.ts): the tab's own page is beside it. */
  formBaseUrl: string | null;
  /** The Teams app's id in the organization's catalog (config/bot.ts `BOT_TEAMS_APP_ID`). */
  teamsCatalogAppId: string | null;
  tenantId: string | null;
}

/** Problems are returned, not thrown, so config/index.ts reports them all together. */
export function readTrendsConfig(env: Env, sources: TrendsTabSources): SectionRead<TrendsConfig> {
  const parsed = parseOptionalVariables(envSchema, env);
  if (!parsed.ok) return parsed;
  return {
    ok: true,
    value: {
      dailySchedule: parsed.value.TRENDS_DAILY_SCHEDULE ?? DEFAULT_TRENDS_DAILY_SCHEDULE,
      tabUrl: parsed.value.TRENDS_TAB_URL ?? tabUrlOf(sources),
    },
  };
}

function tabUrlOf({ formBaseUrl, teamsCatalogAppId, tenantId }: TrendsTabSources): string | null {
  if (teamsCatalogAppId !== null) return trendsTabDeepLink(teamsCatalogAppId, tenantId);
  return formBaseUrl === null ? null : `${formBaseUrl}/?surface=trends`;
}
