/**
 * The Bot Framework pieces the Candor bot uses (status by chat), on the simulator's HTTPS port:
 *
 * - inbound trust: an OpenID metadata document at `/botframework/v1/.well-known/openidconfiguration` and its key
 *   set at `…/keys` (the Teams SDK derives that URL by replacing `/openidconfiguration`), and activities signed as
 *   the Bot Connector signs them (issuer https://api.botframework.com, audience the bot's app id, `serviceurl`);
 * - outbound: a Bot Connector at `/botframework/connector/` (POST `v3/conversations/{id}/activities`, PUT
 *   `…/activities/{activityId}`) that checks the bot's Entra token and records what it receives;
 * - control (`/_sim/bot/*`): deliver a signed activity to the bot's messaging endpoint, and read the chats.
 */
import { randomUUID } from 'node:crypto';
import type { JWTPayload } from 'jose';
import { epochSeconds, publishedKeys, signToken, TokenRejected, verifyToken, type SigningKey } from './tokens';
import { isRecord, type GraphResult, type Outcome } from './types';
import { type Faults, sleep } from './faults';

export const BOT_FRAMEWORK_ISSUER = 'https://api.botframework.com';
/** The audience of the bot's outbound (client-credentials) token, and the scope it asks for. */
export const BOT_CONNECTOR_AUDIENCE = 'https://api.botframework.com';
export const BOT_CONNECTOR_SCOPE = `${BOT_CONNECTOR_AUDIENCE}/.default`;

const PREFIX = '/botframework';
const CONNECTOR = `${PREFIX}/connector`;

export interface ConnectorEntry {
  method: 'POST' | 'PUT';
  conversationId: string;
  activityId: string;
  /** The activity as received (its attachments hold the cards). */
  activity: Record<string, unknown>;
  status: number;
}

export interface DeliveredActivity {
  status: number;
  body: unknown;
}

export interface SignOptions {
  /** Default: the bot's app id. */
  audience?: string;
  issuer?: string;
  serviceUrl?: string;
  expiresInSeconds?: number;
  /** Sign with a key the key set does not publish (a forged activity). */
  forged?: boolean;
}

export interface BotFrameworkSim {
  /** The OpenID metadata URL to configure the bot with (ends in /openidconfiguration). */
  openIdMetadataUrl: string;
  tokenIssuer: string;
  /** The Bot Connector's service URL (with a trailing slash, as Teams sends it). */
  serviceUrl: string;
  /** Every request the connector received, in order (refused ones too, with their status). */
  connectorLog(): ConnectorEntry[];
  clearConnectorLog(): void;
  /** A conversation's messages as they stand now (updates applied), oldest first. */
  conversation(conversationId: string): Array<{ id: string; activity: Record<string, unknown> }>;
  signActivityToken(options?: SignOptions): Promise<string>;
  /** Posts an activity to the bot's endpoint with a valid Bot Framework token (or the given one). */
  deliver(endpoint: string, activity: Record<string, unknown>, token?: string | null): Promise<DeliveredActivity>;
  /** What Teams does with a Universal Actions answer: the message's card becomes the one the bot returned. */
  replaceCard(conversationId: string, activityId: string, card: unknown): void;
}

const json = (status: number, body: unknown): GraphResult => ({
  status,
  headers: { 'Content-Type': 'application/json; charset=utf-8' },
  body,
});

export class BotFramework implements BotFrameworkSim {
  private readonly log: ConnectorEntry[] = [];
  private readonly chats = new Map<string, Array<{ id: string; activity: Record<string, unknown> }>>();

  constructor(
    private readonly deps: {
      /** The Bot Framework's own signing key (not Entra ID's). */
      botKey: SigningKey;
      /** A key nobody publishes, for forged activities. */
      strayKey: SigningKey;
      /** Entra ID's key: the bot's outbound tokens are Entra tokens. */
      entraKey: SigningKey;
      baseUrl: () => string;
      appId: string;
      faults: Faults;
    },
  ) {}

  get openIdMetadataUrl(): string {
    return `${this.deps.baseUrl()}${PREFIX}/v1/.well-known/openidconfiguration`;
  }

  get tokenIssuer(): string {
    return BOT_FRAMEWORK_ISSUER;
  }

  get serviceUrl(): string {
    return `${this.deps.baseUrl()}${CONNECTOR}/`;
  }

  connectorLog(): ConnectorEntry[] {
    return this.log.map((e) => structuredClone(e));
  }

  clearConnectorLog(): void {
    this.log.length = 0;
  }

  conversation(conversationId: string): Array<{ id: string; activity: Record<string, unknown> }> {
    return structuredClone(this.chats.get(conversationId) ?? []);
  }

  replaceCard(conversationId: string, activityId: string, card: unknown): void {
    const message = this.chats.get(conversationId)?.find((m) => m.id === activityId);
    if (!message) return;
    message.activity = {
      ...message.activity,
      attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: structuredClone(card) }],
    };
  }

  conversations(): Array<{ id: string; messages: Array<{ id: string; activity: Record<string, unknown> }> }> {
    return [...this.chats.entries()].map(([id, messages]) => ({ id, messages: structuredClone(messages) }));
  }

  async signActivityToken(options: SignOptions = {}): Promise<string> {
    const now = epochSeconds();
    const claims: JWTPayload = {
      iss: options.issuer ?? BOT_FRAMEWORK_ISSUER,
      aud: options.audience ?? this.deps.appId,
      serviceurl: options.serviceUrl ?? this.serviceUrl,
      nbf: now - 5,
      iat: now - 5,
      exp: now + (options.expiresInSeconds ?? 3600),
    };
    return signToken(options.forged ? this.deps.strayKey : this.deps.botKey, claims);
  }

  async deliver(
    endpoint: string,
    activity: Record<string, unknown>,
    token?: string | null,
  ): Promise<DeliveredActivity> {
    const bearer = token === undefined ? await this.signActivityToken() : token;
    const response = await fetch(endpoint, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        ...(bearer === null ? {} : { Authorization: `Bearer ${bearer}` }),
      },
      body: JSON.stringify({ serviceUrl: this.serviceUrl, channelId: 'msteams', ...activity }),
    });
    const text = await response.text();
    let body: unknown = text;
    try {
      body = text === '' ? null : JSON.parse(text);
    } catch {
      // Not JSON: keep the text.
    }
    return { status: response.status, body };
  }

  /** Answers `/botframework/*` and `/_sim/bot/*`; undefined for anything else. */
  async handle(
    method: string,
    path: string,
    headers: Record<string, string>,
    body: unknown,
  ): Promise<Outcome | undefined> {
    if (path === `${PREFIX}/v1/.well-known/openidconfiguration` && method === 'GET') {
      return json(200, {
        issuer: BOT_FRAMEWORK_ISSUER,
        authorization_endpoint: `${this.deps.baseUrl()}${PREFIX}/v1/authorize`,
        jwks_uri: `${this.deps.baseUrl()}${PREFIX}/v1/.well-known/keys`,
        id_token_signing_alg_values_supported: ['RS256'],
        token_endpoint_auth_methods_supported: ['private_key_jwt'],
      });
    }
    if (path === `${PREFIX}/v1/.well-known/keys` && method === 'GET') {
      return json(200, { keys: publishedKeys(this.deps.botKey).map((k) => ({ ...k.jwk, endorsements: ['msteams'] })) });
    }
    if (path.startsWith(`${CONNECTOR}/`)) return this.connector(method, path.slice(CONNECTOR.length), headers, body);
    if (path === '/_sim/bot/conversations' && method === 'GET')
      return json(200, { conversations: this.conversations() });
    if (path === '/_sim/bot/connector-log' && method === 'GET') return json(200, { entries: this.connectorLog() });
    if (path === '/_sim/bot/activities' && method === 'POST') {
      if (!isRecord(body) || typeof body.endpoint !== 'string' || !isRecord(body.activity)) {
        return json(400, { error: { code: 'BadRequest', message: 'Send { endpoint, activity }.' } });
      }
      const delivered = await this.deliver(body.endpoint, body.activity);
      return json(200, delivered);
    }
    return undefined;
  }

  private async connector(
    method: string,
    path: string,
    headers: Record<string, string>,
    body: unknown,
  ): Promise<Outcome> {
    const match = /^\/v3\/conversations\/(?<conversation>[^/]+)\/activities(?:\/(?<activity>[^/]+))?$/.exec(path);
    const conversationId = match?.groups?.conversation ? decodeURIComponent(match.groups.conversation) : '';
    if (!match || !conversationId || (method !== 'POST' && method !== 'PUT')) {
      return json(404, { error: { code: 'NotFound', message: `Nothing is simulated at ${method} ${path}.` } });
    }
    const bearer = /^Bearer\s+(\S+)$/i.exec(headers.authorization ?? '')?.[1] ?? '';
    try {
      await verifyToken(this.deps.entraKey, bearer, BOT_CONNECTOR_AUDIENCE);
    } catch (error) {
      const reason = error instanceof TokenRejected ? error.message : 'invalid token';
      return json(401, {
        error: { code: 'Unauthorized', message: `Authorization has been denied for this request. ${reason}` },
      });
    }
    const activity = isRecord(body) ? body : {};
    const decision = this.deps.faults.decide('bot', method, path, true);
    await sleep(decision.latencyMs);
    if (decision.drop && !decision.drop.afterEffect) return { dropped: true };
    if (decision.status) {
      this.record(method, conversationId, '', activity, decision.status.status);
      return {
        status: decision.status.status,
        headers: {
          'Content-Type': 'application/json',
          ...(decision.status.retryAfterSeconds === undefined
            ? {}
            : { 'Retry-After': String(decision.status.retryAfterSeconds) }),
        },
        body: { error: { code: 'ServiceError', message: 'The service is busy; try again later.' } },
      };
    }
    const messages = this.chats.get(conversationId) ?? [];
    this.chats.set(conversationId, messages);
    let activityId: string;
    if (method === 'PUT') {
      activityId = decodeURIComponent(match.groups?.activity ?? '');
      const existing = messages.find((m) => m.id === activityId);
      if (!existing)
        return json(404, { error: { code: 'ActivityNotFoundInConversation', message: 'The activity was not found.' } });
      existing.activity = structuredClone(activity);
    } else {
      // POST …/activities and POST …/activities/{replyToId} both add a message.
      activityId = `1${Date.now()}${randomUUID().slice(0, 4)}`;
      messages.push({ id: activityId, activity: structuredClone(activity) });
    }
    this.record(method, conversationId, activityId, activity, 200);
    if (decision.drop) return { dropped: true };
    return json(200, { id: activityId });
  }

  private record(
    method: 'POST' | 'PUT',
    conversationId: string,
    activityId: string,
    activity: Record<string, unknown>,
    status: number,
  ): void {
    this.log.push({ method, conversationId, activityId, activity: structuredClone(activity), status });
  }
}

/** Who acts in Teams, as an activity names them. */
export interface TeamsActor {
  userId: string;
  name?: string;
  tenantId: string;
  botAppId: string;
  conversationId: string;
  conversationType?: 'personal' | 'groupChat';
}

function envelope(actor: TeamsActor): Record<string, unknown> {
  return {
    id: `f:${randomUUID()}`,
    timestamp: new Date().toISOString(),
    channelId: 'msteams',
    from: { id: `29:${actor.userId}`, aadObjectId: actor.userId, name: actor.name ?? '' },
    recipient: { id: `28:${actor.botAppId}`, name: 'Candor' },
    conversation: {
      id: actor.conversationId,
      conversationType: actor.conversationType ?? 'personal',
      tenantId: actor.tenantId,
    },
    channelData: { tenant: { id: actor.tenantId } },
    locale: 'en-US',
  };
}

/** What Teams sends when someone presses an Action.Execute button: inputs merged into the action's data. */
export function cardActionActivity(
  actor: TeamsActor,
  action: { verb: string; data: Record<string, unknown> },
  localTimezone?: string,
): Record<string, unknown> {
  return {
    ...envelope(actor),
    type: 'invoke',
    name: 'adaptiveCard/action',
    value: { action: { type: 'Action.Execute', verb: action.verb, data: action.data }, trigger: 'manual' },
    ...(localTimezone ? { localTimezone } : {}),
  };
}

/** A plain message typed into the chat with the bot. */
export function messageActivity(actor: TeamsActor, text: string): Record<string, unknown> {
  return { ...envelope(actor), type: 'message', text };
}
