import { loadConfig } from '@candor/functions/config';
import { runPreMeetingScan, type ScanHooks, type ScanReport } from '@candor/functions/jobs/preMeetingScan';
import { mailSendingOf, preMeetingScanDeps } from '@candor/functions/composition/statusRequests';
import { createServices, type Services } from '@candor/functions/composition';
import type { AzuriteHandle } from '@candor/local/azurite';
import { startSimulator, type Simulator, type TenantSeed } from '@candor/local/simulator/index';
import { API_CLIENT_ID, API_SCOPE, DEMO_TEAMS_CATALOG_APP_ID } from '@candor/local/simulator/demoTenant';
import { localTls } from '@candor/local/simulator/testKit';

export const LINK_SECRET = 'test-link-secret-0123456789abcdefghijklmnop';
export const FORM_BASE_URL = 'http://localhost:4281';

/** A movable clock: the scan, the API and the simulator's calendar all read it. */
export interface TestClock {
  now: () => Date;
  set(date: Date): void;
  advance(ms: number): void;
}

export function testClock(start: Date): TestClock {
  let current = start.getTime();
  return {
    now: () => new Date(current),
    set: (date) => {
      current = date.getTime();
    },
    advance: (ms) => {
      current += ms;
    },
  };
}

export interface ScanHarness {
  simulator: Simulator;
  services: Services;
  env: Record<string, string>;
  scan(hooks?: ScanHooks): Promise<ScanReport>;
  close(): Promise<void>;
}

/**
 * The real scan (real Graph client, real $batch, real Table Storage) against a simulator seeded with `seed`, on a
 * clock the test moves. Azurite is shared by the caller; each seed has its own tenant id, so tests do not meet.
 */
export async function startScanHarness(options: {
  azurite: AzuriteHandle;
  seed: TenantSeed;
  clock: TestClock;
  /** Extra settings; a function when they name the simulator's own addresses (the bot's, say). */
  env?: Record<string, string> | ((simulator: Simulator) => Record<string, string>);
}): Promise<ScanHarness> {
  const simulator = await startSimulator({ port: 0, tls: localTls(), seed: options.seed, now: options.clock.now });
  const env: Record<string, string> = {
    TABLES_CONNECTION_STRING: options.azurite.connectionString,
    AUTH_AUTHORITY_HOST: simulator.url,
    AUTH_TENANT_ID: simulator.tenantId,
    AUTH_CLIENT_ID: API_CLIENT_ID,
    AUTH_REQUIRED_SCOPE: API_SCOPE,
    GRAPH_BASE_URL: simulator.url,
    GRAPH_CLIENT_SECRET: simulator.clientSecret,
    STATUS_LINK_SECRET: LINK_SECRET,
    STATUS_FORM_BASE_URL: FORM_BASE_URL,
    STATUS_CLAIM_LEASE_SECONDS: '300',
    ...(typeof options.env === 'function' ? options.env(simulator) : options.env),
  };
  const config = loadConfig(env);
  // Waiting for a mailbox's next turn under Exchange's per-minute limit moves the test's clock instead of sleeping.
  const sleep = (ms: number): Promise<void> => {
    options.clock.advance(ms);
    return Promise.resolve();
  };
  const services = createServices(config, {
    clock: options.clock.now,
    mailSending: mailSendingOf(config.statusRequests, sleep),
  });
  return {
    simulator,
    services,
    env,
    scan: (hooks) => runPreMeetingScan(preMeetingScanDeps(services, hooks ? { hooks } : {})),
    close: () => simulator.close(),
  };
}

/** The bot set up as in production, against the simulator's Bot Framework and Graph app installation. */
export function botSettingsOf(simulator: Simulator): Record<string, string> {
  return {
    BOT_TEAMS_APP_ID: DEMO_TEAMS_CATALOG_APP_ID,
    BOT_SERVICE_URL: simulator.bot.serviceUrl,
    BOT_OPENID_METADATA_URL: simulator.bot.openIdMetadataUrl,
    BOT_TOKEN_ISSUER: simulator.bot.tokenIssuer,
  };
}
