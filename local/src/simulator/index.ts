/**
 * A loopback HTTPS imitation of the parts of Microsoft Graph v1.0 and Entra ID that Candor uses. The product talks
 * to it only through the real Graph client, @azure/identity and jose, pointed here by configuration.
 */
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import type { SeedMeeting, SentMail, TenantSeed } from './types';
import { Tenant } from './tenant';
import { createSigningKey } from './tokens';
import { TokenIssuer, type MintOptions } from './identityTokens';
import { Identity } from './identity';
import { GraphService, type RequestLogEntry } from './graphRouter';
import { Faults, type FaultInjector } from './faults';
import { requestHandler } from './httpServer';
import { demoTenantSeed } from './demoTenant';

export type { SentMail, TenantSeed, SeedUser, SeedMeeting, SeedAttendee, SeedException, SeedApiApp } from './types';
export type { FaultInjector, FaultRule } from './faults';
export type { RequestLogEntry } from './graphRouter';
export type { MintOptions } from './identityTokens';
export { oneOnOnes, type OneOnOneMeeting } from './oneOnOnes';

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
  /** Every Graph request (each request inside a `$batch` too, with `batched: true`); status 0 = connection dropped. */
  requestLog(): RequestLogEntry[];
  clearRequestLog(): void;
  /** Adds a meeting, or replaces the one with the same key (to move or cancel occurrences mid-test). */
  upsertMeeting(meeting: SeedMeeting): void;
  /** A user's delegated v2.0 access token for the Candor API, as Teams SSO would give the tab. */
  mintAccessToken(userId: string, opts?: MintOptions): Promise<string>;
  close(): Promise<void>;
}

export async function startSimulator(opts: SimulatorOptions): Promise<Simulator> {
  const now = opts.now ?? (() => new Date());
  const seed = opts.seed ?? demoTenantSeed(now());
  const clientSecret = opts.clientSecret ?? 'local-dev-secret';
  const tenant = new Tenant(seed);
  const key = await createSigningKey();
  const faults = new Faults();
  const log: RequestLogEntry[] = [];
  let url = '';
  const baseUrl = (): string => url;
  const issuer = new TokenIssuer(seed, key, baseUrl);
  const mint = async (userId: string, options: MintOptions = {}): Promise<string> => {
    const user = tenant.user(userId);
    if (!user) throw new Error(`simulator: no user ${userId} in tenant ${seed.tenantId}`);
    return issuer.apiToken(user, options);
  };

  const server = https.createServer(
    { key: opts.tls.key, cert: opts.tls.cert },
    requestHandler({
      graph: new GraphService({ tenant, key, faults, baseUrl, now, log }),
      identity: new Identity({ tenant, key, issuer, baseUrl, clientSecret }),
      faults,
      sim: { tenant, faults, log, mint },
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
    requestLog: () => log.map((entry) => ({ ...entry })),
    clearRequestLog: () => {
      log.length = 0;
    },
    mintAccessToken: mint,
    upsertMeeting: (meeting) => tenant.upsertMeeting(meeting),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
