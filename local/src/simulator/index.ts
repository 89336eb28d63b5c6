/**
 * A loopback HTTPS imitation of the parts of Microsoft Graph v1.0 and Entra ID that Candor uses. The product talks
 * to it only through the real Graph client, @azure/identity and jose, pointed here by configuration.
 */
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import type { SeedMeeting, SentMail, TenantSeed } from './types';
import { Tenant } from './tenant';
import { createSigningKey, rotateSigningKey } from './tokens';
import { ConsentLedger } from './consent';
import { AccessPolicies } from './accessPolicy';
import { TokenIssuer, type MintOptions } from './identityTokens';
import { Identity } from './identity';
import { GraphService, type RequestLogEntry } from './graphRouter';
import { Faults, type FaultInjector } from './faults';
import { mailTransportOf, type MailTransport } from './graphMail';
import { requestHandler } from './httpServer';
import { DEMO_TEAMS_CATALOG_APP_ID, demoTenantSeed } from './demoTenant';
import { BotFramework, type BotFrameworkSim } from './botFramework';
import { teamsAdmin, type TeamsAdmin } from './graphTeamwork';
import { chatAppsState, removeByPerson, type ChatAppsState } from './graphChatApps';

export type { SentMail, TenantSeed, SeedUser, SeedMeeting, SeedAttendee, SeedException, SeedApiApp } from './types';
export type { FaultInjector, FaultRule } from './faults';
export type { RequestLogEntry } from './graphRouter';
export type { MintOptions } from './identityTokens';
export { oneOnOnes, type OneOnOneMeeting } from './oneOnOnes';
export type { BotFrameworkSim, ConnectorEntry, SignOptions } from './botFramework';
export type { TeamsAdmin } from './graphTeamwork';

export interface SimulatorOptions {
  /** 0 = a free port. */
  port: number;
  /** PEM strings; the certificate must be trusted by callers (NODE_EXTRA_CA_CERTS). */
  tls: { key: string; cert: string };
  /** The calendar's clock (default: the real one). Token lifetimes always use the real clock. */
  now?: () => Date;
  /** Default: the demo tenant, placed relative to `now()` at start. */
  seed?: TenantSeed;
  /** The Candor API's client secret (default 'local-dev-secret'). */
  clientSecret?: string;
}

export interface Simulator {
  /** e.g. https://localhost:7443 (bound to 127.0.0.1). */
  url: string;
  tenantId: string;
  /** Entra ID authority host: the same as `url`. */
  authorityHost: string;
  /** The secret client-credentials and on-behalf-of requests must present. */
  clientSecret: string;
  /** Every accepted sendMail, in order. */
  outbox(): SentMail[];
  clearOutbox(): void;
  faults: FaultInjector;
  /** Exchange's transport: how late Sent Items shows a sent message, and the per-minute limit (graphMail.ts). */
  mail: MailTransport;
  /** Every Graph request (each request inside a `$batch` too, with `batched: true`); status 0 = connection dropped. */
  requestLog(): RequestLogEntry[];
  clearRequestLog(): void;
  /** Adds a meeting, or replaces the one with the same key (to move or cancel occurrences mid-test). */
  upsertMeeting(meeting: SeedMeeting): void;
  /** Moves a user to another manager (null: none) in the directory, as an administrator would (change of manager). */
  setManager(userId: string, managerId: string | null): void;
  /**
   * Who has consented to the Candor app (everyone, until revoked). While someone's consent is revoked the
   * On-Behalf-Of grant refuses them (AADSTS65001) and the host page's SSO answers `resourceRequiresConsent`;
   * the authorize endpoint's consent page grants it again.
   */
  consent: ConsentLedger;
  /**
   * Conditional Access per person on the Graph tokens the API asks for On-Behalf-Of (accessPolicy.ts):
   * `requireMfa` (AADSTS50076 with a claims challenge until the SSO token records MFA) or `blocked` (AADSTS53003).
   */
  accessPolicies: AccessPolicies;
  /**
   * The token Teams SSO (getAuthToken) gives the tab; with `claims` (a Conditional Access challenge) the person
   * satisfies it at sign-in, so the token records it.
   */
  ssoToken(userId: string, claims?: readonly string[]): Promise<string>;
  /** Apps installed in a meeting's chat and its tabs, with counters; `removeByPerson` is what a person does in Teams. */
  chatApps: {
    state(chatId: string): ChatAppsState;
    removeByPerson(chatId: string, what: 'app' | 'tab'): void;
  };
  /** Rolls the signing key over: new tokens carry a new `kid`; the old key stays published and valid. */
  rotateSigningKey(): Promise<void>;
  /** A user's delegated v2.0 access token for the Candor API, as Teams SSO would give the tab. */
  mintAccessToken(userId: string, opts?: MintOptions): Promise<string>;
  /** The Bot Framework pieces (status by chat): OpenID metadata and keys, signed activities, the Bot Connector's log. */
  bot: BotFrameworkSim;
  /** What a Teams admin decides about adding the Candor app for people: the catalog, permission policies, licences. */
  teams: TeamsAdmin;
  close(): Promise<void>;
}

export async function startSimulator(opts: SimulatorOptions): Promise<Simulator> {
  const now = opts.now ?? (() => new Date());
  const seed = opts.seed ?? demoTenantSeed(now());
  const clientSecret = opts.clientSecret ?? 'local-dev-secret';
  const tenant = new Tenant(seed);
  const key = await createSigningKey();
  const faults = new Faults();
  const consent = new ConsentLedger();
  const accessPolicies = new AccessPolicies();
  const log: RequestLogEntry[] = [];
  let url = '';
  const baseUrl = (): string => url;
  const issuer = new TokenIssuer(seed, key, baseUrl);
  const mint = async (userId: string, options: MintOptions = {}): Promise<string> => {
    const user = tenant.user(userId);
    if (!user) throw new Error(`simulator: no user ${userId} in tenant ${seed.tenantId}`);
    return issuer.apiToken(user, options);
  };

  // The Bot Framework signs with its own key; `stray` is published nowhere (forged activities in tests).
  const bot = new BotFramework({
    botKey: await createSigningKey(),
    strayKey: await createSigningKey(),
    entraKey: key,
    baseUrl,
    appId: seed.apiApp.clientId,
    faults,
  });
  const server = https.createServer(
    { key: opts.tls.key, cert: opts.tls.cert },
    requestHandler({
      graph: new GraphService({ tenant, key, faults, baseUrl, now, log }),
      identity: new Identity({ tenant, key, issuer, baseUrl, clientSecret, consent, policies: accessPolicies }),
      faults,
      sim: { tenant, faults, log, mint },
      bot,
    }),
  );
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  // The certificate names localhost; the socket is bound to IPv4 loopback only.
  url = `https://localhost:${(server.address() as AddressInfo).port}`;

  return {
    url,
    tenantId: seed.tenantId,
    authorityHost: url,
    clientSecret,
    outbox: () => structuredClone(tenant.outbox),
    clearOutbox: () => {
      tenant.outbox.length = 0;
    },
    faults,
    mail: mailTransportOf(tenant),
    requestLog: () => log.map((entry) => ({ ...entry })),
    clearRequestLog: () => {
      log.length = 0;
    },
    mintAccessToken: mint,
    bot,
    teams: teamsAdmin(tenant),
    chatApps: {
      state: (chatId) => chatAppsState(tenant, chatId),
      removeByPerson: (chatId, what) => removeByPerson(tenant, chatId, what, DEMO_TEAMS_CATALOG_APP_ID),
    },
    consent,
    accessPolicies,
    ssoToken: (userId, claims = []) => mint(userId, { claims: accessPolicies.ssoClaims(claims) }),
    rotateSigningKey: () => rotateSigningKey(key),
    upsertMeeting: (meeting) => tenant.upsertMeeting(meeting),
    setManager: (userId, managerId) => tenant.setManager(userId, managerId),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
