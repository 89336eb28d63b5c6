import { z } from 'zod';
import { isGuid } from '../domain/trendsTabLink';
import { parseOptionalVariables, type Env, type SectionRead } from './env';

/** Settings of the Candor bot (status by chat): who it is, where the Bot Framework is, and the Teams app it installs. */
export interface BotConfig {
  /** The bot's Microsoft App id: Candor's own app registration unless `BOT_APP_ID` names another. */
  appId: string;
  /**
   * The Teams app's id in the organization's app catalog (Graph `appCatalogs/teamsApps/{id}`), needed to install the
   * bot for a person who never opened it. Without it no chat card is sent: everybody gets email.
   */
  teamsCatalogAppId: string | null;
  /** Where proactive messages go (the Bot Connector); Teams' global endpoint unless set. */
  serviceUrl: string;
  /** Overrides of the Bot Framework cloud, for the local simulator only; absent in Azure (the public cloud applies). */
  openIdMetadataUrl: string | null;
  tokenIssuer: string | null;
  /**
   * The Bot Framework token service of a regional (data-residency) Azure Bot, e.g. Europe's; null = the global one.
   * Infra sets it from the bot's location (infra/main.bicep `botLocation`).
   */
  tokenServiceUrl: string | null;
}

export const DEFAULT_BOT_SERVICE_URL = 'https://smba.trafficmanager.net/teams/';

const url = z
  .string()
  .trim()
  .pipe(z.url({ protocol: /^https$/, error: 'must be an https URL' }));
/** Microsoft's token services of the public cloud: global and per data-residency region ("OAuth URL support"). */
export const BOT_TOKEN_SERVICES = [
  'https://token.botframework.com',
  'https://europe.token.botframework.com',
  'https://unitedstates.token.botframework.com',
  'https://india.token.botframework.com',
] as const;

const envSchema = z.object({
  BOT_APP_ID: z.string().trim().min(1).optional(),
  // Graph's appCatalogs/teamsApps `id`: a GUID, which the digest's Trends link (domain/trendsTabLink) is built from.
  BOT_TEAMS_APP_ID: z
    .string()
    .trim()
    .refine(isGuid, "must be the app's id in the organization's catalog (a GUID)")
    .optional(),
  BOT_SERVICE_URL: url.optional(),
  BOT_OPENID_METADATA_URL: url
    .pipe(z.string().regex(/\/openidconfiguration$/, 'must end with /openidconfiguration'))
    .optional(),
  BOT_TOKEN_ISSUER: z.string().trim().min(1).optional(),
  BOT_TOKEN_SERVICE_URL: z
    .string()
    .trim()
    .transform((v) => v.replace(/\/+$/, ''))
    .pipe(z.enum(BOT_TOKEN_SERVICES, { error: `must be one of ${BOT_TOKEN_SERVICES.join(', ')}` }))
    .optional(),
});

/** Problems are returned, not thrown, so config/index.ts reports them with everything else that is wrong. */
export function readBotConfig(env: Env, clientId: string | undefined): SectionRead<BotConfig> {
  const parsed = parseOptionalVariables(envSchema, env);
  if (!parsed.ok) return parsed;
  const e = parsed.value;
  return {
    ok: true,
    value: {
      appId: e.BOT_APP_ID ?? clientId ?? '',
      teamsCatalogAppId: e.BOT_TEAMS_APP_ID ?? null,
      serviceUrl: e.BOT_SERVICE_URL ?? DEFAULT_BOT_SERVICE_URL,
      openIdMetadataUrl: e.BOT_OPENID_METADATA_URL ?? null,
      tokenIssuer: e.BOT_TOKEN_ISSUER ?? null,
      tokenServiceUrl: e.BOT_TOKEN_SERVICE_URL ?? null,
    },
  };
}
