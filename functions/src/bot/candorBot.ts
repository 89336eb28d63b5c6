import type { TokenCredential } from '@azure/identity';
import { MessageActivity, PUBLIC, withOverrides, type CloudEnvironment } from '@microsoft/teams.api';
import {
  App,
  type AppOptions,
  type HttpRouteHandler,
  type IHttpServerAdapter,
  type IPlugin,
} from '@microsoft/teams.apps';
import type { IAdaptiveCard } from '@microsoft/teams.cards';
import type { BotConfig } from '../config/bot';

/** The messaging endpoint's path as the SDK registers it; the Functions route `messages` serves it. */
export const BOT_MESSAGING_PATH = '/api/messages';

/** An HTTP request as the SDK's route handlers take it: the parsed body and lower-case headers. */
export interface BotHttpRequest {
  body: unknown;
  headers: Record<string, string>;
}

export interface BotHttpResponse {
  status: number;
  body?: unknown;
}

/** An `adaptiveCard/action` invoke (Universal Actions), reduced to what Candor reads. */
export interface CardActionInput {
  tenantId: string | null;
  /** The clicking person's Entra object id (Teams sends it as `from.aadObjectId`). */
  fromUserId: string | null;
  verb: string;
  data: Record<string, unknown>;
  /** The client's IANA time zone (Teams sends `localTimezone`), so a refreshed card names the time as they see it. */
  localTimeZone: string | null;
}

export type CardActionAnswer = { card: IAdaptiveCard } | { message: string };

export interface MessageInput {
  text: string;
  fromUserId: string | null;
  conversationType: string | null;
}

/** What Candor does with what arrives; kept apart from the SDK so it can be read (and tested) on its own. */
export interface BotHandlers {
  cardAction(input: CardActionInput): Promise<CardActionAnswer>;
  message(input: MessageInput): IAdaptiveCard | Promise<IAdaptiveCard>;
}

export interface CandorBot {
  /** The messaging endpoint: validates the Bot Framework's signature (401 otherwise) and runs the handlers. */
  handle(request: BotHttpRequest): Promise<BotHttpResponse>;
  /** Posts a card to a conversation (proactively); the new activity's id. Throws the Bot Connector's error as is. */
  sendCard(conversationId: string, card: IAdaptiveCard): Promise<string>;
}

export interface CandorBotOptions {
  config: BotConfig;
  tenantId: string;
  /** Entra ID's authority host: the SDK recognises Entra-issued inbound tokens by it. */
  loginEndpoint: string;
  /**
   * The bot's outbound token (scope `https://api.botframework.com/.default`). @azure/identity, not the SDK's own
   * msal-node path: msal-node refuses a loopback authority and runs instance discovery against Microsoft's host.
   */
  credential: TokenCredential;
  handlers: BotHandlers;
  log?: (line: string) => void;
}

/**
 * The Candor bot on the Teams SDK, hosted inside the Functions app: the SDK registers its messaging route through
 * `httpServerAdapter` (a pure `({ body, headers }) → { status, body }` handler), which the route table serves;
 * `app.initialize()` runs once, on first use, instead of `app.start()` (the Functions host owns the listener).
 */
export function createCandorBot(options: CandorBotOptions): CandorBot {
  const { config, handlers } = options;
  let messages: HttpRouteHandler | undefined;
  const adapter: IHttpServerAdapter = {
    registerRoute(_method, path, handler) {
      if (path === BOT_MESSAGING_PATH) messages = handler;
    },
  };
  const cloud: CloudEnvironment = withOverrides(PUBLIC, {
    loginEndpoint: options.loginEndpoint,
    ...(config.openIdMetadataUrl ? { openIdMetadataUrl: config.openIdMetadataUrl } : {}),
    ...(config.tokenIssuer ? { tokenIssuer: config.tokenIssuer } : {}),
    // A regional (data-residency) Azure Bot keeps its token service in its region: the SDK's oauthUrl follows it.
    ...(config.tokenServiceUrl ? { tokenServiceUrl: config.tokenServiceUrl } : {}),
  });
  const appOptions: AppOptions<IPlugin> = {
    clientId: config.appId,
    tenantId: options.tenantId,
    token: async (scope) => {
      const scopes = Array.isArray(scope) ? scope : [scope];
      const token = await options.credential.getToken(scopes, { tenantId: options.tenantId });
      if (!token) throw new Error('no token for the Bot Connector');
      return token.token;
    },
    httpServerAdapter: adapter,
    messagingEndpoint: BOT_MESSAGING_PATH,
    serviceUrl: config.serviceUrl,
    cloud,
    logger: quietLogger(options.log ?? (() => undefined)),
  };
  const app = new App(appOptions);

  app.on('card.action', async ({ activity }) => {
    const action = activity.value.action;
    const answer = await handlers.cardAction({
      tenantId: activity.conversation.tenantId ?? activity.channelData?.tenant?.id ?? null,
      fromUserId: activity.from.aadObjectId ?? null,
      verb: action.verb ?? '',
      data: isRecord(action.data) ? action.data : {},
      localTimeZone: localTimeZoneOf(activity),
    });
    return 'card' in answer
      ? { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: answer.card }
      : { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: answer.message };
  });

  app.on('message', async (context) => {
    const { activity } = context;
    const card = await handlers.message({
      text: activity.text ?? '',
      fromUserId: activity.from.aadObjectId ?? null,
      conversationType: activity.conversation.conversationType ?? null,
    });
    await context.send(new MessageActivity().addCard('adaptive', card));
  });

  let ready: Promise<void> | undefined;
  const initialized = (): Promise<void> => (ready ??= app.initialize());

  return {
    async handle(request) {
      await initialized();
      if (!messages) throw new Error('the Teams SDK registered no messaging route');
      const response = await messages({ body: request.body, headers: request.headers });
      return { status: response.status, ...(response.body === undefined ? {} : { body: response.body }) };
    },
    async sendCard(conversationId, card) {
      await initialized();
      const sent = await app.send(conversationId, new MessageActivity().addCard('adaptive', card));
      return sent.id;
    },
  };
}

type Logger = NonNullable<AppOptions<IPlugin>['logger']>;

/** The SDK's warnings and errors go to the Functions log (one line, no payloads); its debug chatter does not. */
function quietLogger(log: (line: string) => void, name = 'teams'): Logger {
  const line = (level: string, parts: unknown[]): void => {
    const words = parts.map((p) => (p instanceof Error ? p.message : typeof p === 'string' ? p : '')).filter(Boolean);
    log(`[bot ${name}] ${level}: ${words.join(' ').slice(0, 300)}`);
  };
  return {
    error: (...parts: unknown[]) => line('error', parts),
    warn: (...parts: unknown[]) => line('warn', parts),
    info: () => undefined,
    debug: () => undefined,
    trace: () => undefined,
    log: () => undefined,
    child: (child: string) => quietLogger(log, child),
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Teams sends the client's zone as `localTimezone`; the SDK's activity type does not declare it. */
function localTimeZoneOf(activity: object): string | null {
  const zone: unknown = (activity as Record<string, unknown>)['localTimezone'];
  return typeof zone === 'string' && zone !== '' ? zone : null;
}
