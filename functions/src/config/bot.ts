import { z } from 'zod';
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
}

export const DEFAULT_BOT_SERVICE_URL = 'https://smba.trafficmanager.net/teams/';

const url = z
  .string()
  .trim()
  .pipe(z.url({ protocol: /^https$/, error: 'must be an https URL' }));
const envSchema = z.object({
  BOT_APP_ID: z.string().trim().min(1).optional(),
  BOT_TEAMS_APP_ID: z.string().trim().min(1).optional(),
  BOT_SERVICE_URL: url.optional(),
  BOT_OPENID_METADATA_URL: url
    .pipe(z.string().regex(/\/openidconfiguration$/, 'must end with /openidconfiguration'))
    .optional(),
  BOT_TOKEN_ISSUER: z.string().trim().min(1).optional(),
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
    },
  };
}
