import path from 'node:path';
import fs from 'node:fs';
import { loadConfig } from '@candor/functions/config';
import { createServices, type Services } from '@candor/functions/composition';
import { buildRoutes, buildTimers } from '@candor/functions/routes';
import { startAzurite, type AzuriteHandle } from './azurite';
import { startSimulator, type Simulator, type TenantSeed } from './simulator';
import { API_CLIENT_ID, API_SCOPE, DEMO_MANAGER_ID, demoMeetings, demoUsers } from './simulator/demoTenant';
import { DEMO_TEAMS_CATALOG_APP_ID } from './simulator/demoTenant';
import { createHostPageBot } from './hostBotApi';
import { startFunctionsHost, type FunctionsHost } from './functionsHost';
import { seedDemoHistory } from './demoHistory';
import { createTableClientFactory } from '@candor/functions/store/tables';
import { startHostPageServer, startTabServer, type HostPageConfig, type HostPinnedTab } from './webServers';

/** The local stack's status-link secret (loopback demo only). */
export const LOCAL_STATUS_LINK_SECRET = 'local-dev-status-link-secret-not-for-production';

async function enrolDemoManager(services: Services): Promise<void> {
  const existing = await services.enrolments.get(services.tenantId, DEMO_MANAGER_ID);
  if (existing) return;
  await services.enrolments.save(services.tenantId, {
    managerId: DEMO_MANAGER_ID,
    enrolled: true,
    leadTimeMinutes: null,
    sendFromManagerMailbox: true,
    pairLeadTimeMinutes: {},
    attachToOneOnOnes: false,
    prepEnabled: false,
    prepMinutesBefore: 30,
    updatedAt: new Date().toISOString(),
  });
}

/** Where the repository's own files are, whether running from src (jest) or dist (npm start). */
/** Candor's tab in a meeting chat, as the simulator's Graph holds it after Candor pinned it there. */
function pinnedCandorTab(simulator: Simulator, chatId: string): HostPinnedTab | null {
  const tab = simulator.chatApps.state(chatId).tabs.find((t) => t.appId === DEMO_TEAMS_CATALOG_APP_ID);
  if (!tab) return null;
  const { entityId, contentUrl, websiteUrl } = tab.configuration;
  return { displayName: tab.displayName, entityId, contentUrl, websiteUrl };
}

export const repoRoot = path.resolve(__dirname, '..', '..');

export interface LocalStackOptions {
  /** Fixed ports for `npm start`; 0 everywhere for tests. */
  ports?: Partial<Record<'azurite' | 'simulator' | 'functions' | 'tab' | 'hostPage', number>>;
  /** Folder for Azurite's data; omitted = in memory (tests). */
  azuriteLocation?: string;
  /** Serve the built tab and the host page too (the browser tests and `npm start` need them). */
  web?: boolean;
  /** The simulator's clock, so tests can place "now" relative to the demo calendar. */
  now?: () => Date;
  log?: (line: string) => void;
  /** Run the pre-meeting status scan once the stack is up (npm start), as the timer would on its schedule. */
  runScanOnStart?: boolean;
  /** Seed a year of 1:1s for Megan's team (local/src/demoHistory.ts), so the trend tab has history at once. */
  seedHistory?: boolean;
  /** Extra functions settings over the local defaults (tests: e.g. `ORG_CHART_CACHE_TTL_SECONDS`, `RETENTION_MONTHS`). */
  functionsEnv?: Record<string, string>;
  /** The simulator's tenant instead of the demo tenant (`npm run bench:save` uses a generated one with many pairs). */
  seed?: TenantSeed;
}

export interface LocalStack {
  azurite: AzuriteHandle;
  simulator: Simulator;
  functions: FunctionsHost;
  apiBaseUrl: string;
  tabUrl?: string;
  hostPageUrl?: string;
  /** The environment the functions were configured from, as `local.settings.json` would hold it. */
  functionsEnv: Record<string, string>;
  stop(): Promise<void>;
}

function readTls(): { key: string; cert: string } {
  const dir = process.env.CANDOR_TLS_DIR ?? path.join(repoRoot, '.local', 'tls');
  const certFile = path.join(dir, 'cert.pem');
  if (!fs.existsSync(certFile) || process.env.NODE_EXTRA_CA_CERTS !== certFile) {
    throw new Error(
      'The local certificate is not trusted by this process: run through local/bin/with-local-ca.cjs ' +
        '(npm start and npm test do).',
    );
  }
  return { key: fs.readFileSync(path.join(dir, 'key.pem'), 'utf8'), cert: fs.readFileSync(certFile, 'utf8') };
}

/** Brings up Azurite, the Graph/identity simulator, the functions host and (optionally) the web pages. */
export async function startLocalStack(options: LocalStackOptions = {}): Promise<LocalStack> {
  const ports = options.ports ?? {};
  const log = options.log ?? (() => undefined);
  const stops: Array<() => Promise<void>> = [];
  const stopAll = async (): Promise<void> => {
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
  };
  try {
    const azurite = await startAzurite({
      port: ports.azurite ?? 0,
      inMemory: options.azuriteLocation === undefined,
      ...(options.azuriteLocation ? { location: options.azuriteLocation } : {}),
    });
    stops.push(() => azurite.stop());
    log(`storage    Azurite tables on 127.0.0.1:${azurite.port}`);

    const simulator = await startSimulator({
      port: ports.simulator ?? 0,
      tls: readTls(),
      ...(options.now ? { now: options.now } : {}),
      ...(options.seed ? { seed: options.seed } : {}),
    });
    stops.push(() => simulator.close());
    log(`simulator  Graph + Entra ID at ${simulator.url}`);

    const tabPort = ports.tab ?? 0;
    // The tab's origin must be known before the functions start (CORS), so reserve the web ports first.
    const web = options.web ? await reserveWebPorts(tabPort, ports.hostPage ?? 0) : undefined;

    const functionsEnv: Record<string, string> = {
      TABLES_CONNECTION_STRING: azurite.connectionString,
      AUTH_AUTHORITY_HOST: simulator.url,
      AUTH_TENANT_ID: simulator.tenantId,
      AUTH_CLIENT_ID: API_CLIENT_ID,
      AUTH_REQUIRED_SCOPE: API_SCOPE,
      GRAPH_BASE_URL: simulator.url,
      GRAPH_CLIENT_SECRET: simulator.clientSecret,
      CORS_ALLOWED_ORIGINS: web ? web.tabOrigin : '',
      // Pre-meeting status requests: Megan's 1:1s, links into this stack's tab. A fixed secret is fine for a
      // loopback-only demo (like the simulator's client secret); a real deployment takes it from Key Vault.
      STATUS_LINK_SECRET: LOCAL_STATUS_LINK_SECRET,
      STATUS_FORM_BASE_URL: web ? web.tabOrigin : 'http://localhost:4281',
      STATUS_ENROLLED_MANAGERS: DEMO_MANAGER_ID,
      // The monthly digest's link: overrides the Teams deep link built from BOT_TEAMS_APP_ID, since locally the host
      // page opens the trend tab as Teams would open the personal tab.
      ...(web ? { TRENDS_TAB_URL: `${web.hostOrigin}/?surface=trends` } : {}),
      // The Candor bot against the simulator's Bot Framework: inbound keys, issuer and the Bot Connector.
      BOT_TEAMS_APP_ID: DEMO_TEAMS_CATALOG_APP_ID,
      BOT_SERVICE_URL: simulator.bot.serviceUrl,
      BOT_OPENID_METADATA_URL: simulator.bot.openIdMetadataUrl,
      BOT_TOKEN_ISSUER: simulator.bot.tokenIssuer,
      ...options.functionsEnv,
    };
    // The functions share the simulator's clock, so "the meeting in progress" is the same for both (tests move it).
    const config = loadConfig(functionsEnv);
    const services = createServices(config, options.now ? { clock: options.now } : {});
    // As if Megan had opted in through the enrolment API: her requests go out from her own mailbox.
    await enrolDemoManager(services);
    if (options.seedHistory) {
      // Before the API answers anyone, so the first trend load already has the year behind it.
      const history = await seedDemoHistory({
        tables: createTableClientFactory(config.tables),
        now: (options.now ?? (() => new Date()))(),
      });
      log(`demo history: ${history.oneOnOnes} 1:1s over ${history.months} months`);
    }
    const functions = await startFunctionsHost({
      port: ports.functions ?? 0,
      routes: buildRoutes(services),
      timers: buildTimers(services),
      corsAllowedOrigins: web ? [web.tabOrigin] : [],
      log,
    });
    stops.push(() => functions.close());
    log(`functions  API at ${functions.url}`);

    const stack: LocalStack = {
      azurite,
      simulator,
      functions,
      apiBaseUrl: functions.url,
      functionsEnv,
      stop: stopAll,
    };
    if (web) {
      // The consent pop-up's pages over https (teams-js opens only https pop-ups), from the same tab/dist.
      const authPages = await startTabServer({
        port: 0,
        distDir: path.join(repoRoot, 'tab', 'dist'),
        apiBaseUrl: functions.url,
        devHostOrigin: web.hostOrigin,
        auth: { authority: simulator.authorityHost, clientId: API_CLIENT_ID },
        tls: readTls(),
      });
      stops.push(() => authPages.close());
      // The tab reaches the API on its own origin (this server forwards /api), as in Azure: no CORS preflight.
      const tab = await startTabServer({
        port: web.tabPort,
        distDir: path.join(repoRoot, 'tab', 'dist'),
        apiBaseUrl: '/api',
        proxyApiTo: functions.url,
        devHostOrigin: web.hostOrigin,
        auth: { authority: simulator.authorityHost, clientId: API_CLIENT_ID },
        authPageBase: authPages.url,
      });
      stops.push(() => tab.close());
      const now = options.now ?? (() => new Date());
      const hostConfig: HostPageConfig = {
        tabUrl: tab.url,
        tenantId: simulator.tenantId,
        users: demoUsers(),
        meetings: demoMeetings(now()),
      };
      const hostPage = await startHostPageServer({
        port: web.hostPort,
        distDir: path.join(repoRoot, 'local', 'host-page', 'dist'),
        config: hostConfig,
        issueToken: (userId, claims) => simulator.ssoToken(userId, claims),
        readOutbox: () => simulator.outbox(),
        runScan: () => functions.runTimer('preMeetingScan'),
        pinnedTab: (chatId) => pinnedCandorTab(simulator, chatId),
        consent: simulator.consent,
        // The Teams chat view (status by chat): the bot's chats, and card actions sent back as signed invokes.
        bot: createHostPageBot({
          bot: simulator.bot,
          endpoint: `${functions.url}/messages`,
          tenantId: simulator.tenantId,
          botAppId: API_CLIENT_ID,
          userIds: hostConfig.users.map((u) => u.id),
          meetingChatIds: hostConfig.meetings.map((m) => m.chatId),
        }),
      });
      stops.push(() => hostPage.close());
      stack.tabUrl = tab.url;
      stack.hostPageUrl = hostPage.url;
      log(`tab        ${tab.url}`);
    }
    if (options.runScanOnStart) {
      functions.runTimer('preMeetingScan').catch((error: unknown) => log(`pre-meeting scan failed: ${String(error)}`));
    }
    return stack;
  } catch (error) {
    await stopAll();
    throw error;
  }
}

async function reserveWebPorts(
  tabPort: number,
  hostPort: number,
): Promise<{ tabPort: number; hostPort: number; tabOrigin: string; hostOrigin: string }> {
  const [tab, host] = [tabPort || (await freePort()), hostPort || (await freePort())];
  return { tabPort: tab, hostPort: host, tabOrigin: `http://localhost:${tab}`, hostOrigin: `http://localhost:${host}` };
}

async function freePort(): Promise<number> {
  const net = await import('node:net');
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}
