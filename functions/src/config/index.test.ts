import { ConfigError, loadConfig } from './';

const AZURITE =
  'DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;TableEndpoint=http://127.0.0.1:10002/devstoreaccount1;';

const env = {
  TABLES_CONNECTION_STRING: AZURITE,
  AUTH_AUTHORITY_HOST: 'https://localhost:7443/',
  AUTH_TENANT_ID: 'aaaaaaaa-0000-4000-8000-000000000001',
  AUTH_CLIENT_ID: 'cccccccc-0000-4000-8000-000000000003',
  AUTH_REQUIRED_SCOPE: 'access_as_user',
  GRAPH_BASE_URL: 'https://localhost:7443',
  GRAPH_CLIENT_SECRET: 'anything',
  CORS_ALLOWED_ORIGINS: 'http://localhost:4281, http://localhost:4280',
};

/** The environment without the named variables, as if they were never set. */
const without = (...names: string[]): Record<string, string> =>
  Object.fromEntries(Object.entries(env).filter(([name]) => !names.includes(name)));

describe('loadConfig', () => {
  it('reads the environment into a typed config with defaults', () => {
    const statusRequests: unknown = expect.objectContaining({
      scanSchedule: '0 */15 * * * *',
      defaultLeadTimeMinutes: 1440,
      linkSecret: null,
    });
    expect(loadConfig(env)).toEqual({
      tables: { kind: 'connectionString', connectionString: AZURITE },
      auth: {
        authorityHost: 'https://localhost:7443',
        tenantId: env.AUTH_TENANT_ID,
        clientId: env.AUTH_CLIENT_ID,
        audiences: [env.AUTH_CLIENT_ID, `api://${env.AUTH_CLIENT_ID}`],
        requiredScope: 'access_as_user',
        allowedTenantIds: [],
      },
      graph: { baseUrl: 'https://localhost:7443', clientSecret: 'anything', appIdentity: { kind: 'clientSecret' } },
      cors: { allowedOrigins: ['http://localhost:4281', 'http://localhost:4280'] },
      orgChartCacheTtlMs: 300_000,
      statusRequests,
      digest: { schedule: '0 0 7-23 1-7 * *' },
      trends: { dailySchedule: '0 30 5 * * *', tabUrl: null },
      rateLimit: { writesPerSecond: 20, burst: 120 },
      privacy: { retentionMonths: 13, retentionSchedule: '0 45 4 * * *', formerManagerTrendAccess: 'none' },
      // The Candor bot (status by chat): Candor's own app registration, the public Bot Framework.
      bot: {
        appId: env.AUTH_CLIENT_ID,
        teamsCatalogAppId: null,
        serviceUrl: 'https://smba.trafficmanager.net/teams/',
        openIdMetadataUrl: null,
        tokenIssuer: null,
        tokenServiceUrl: null,
      },
    });
  });

  it('takes explicit audiences, an account URL and a cache TTL', () => {
    const config = loadConfig({
      ...env,
      TABLES_CONNECTION_STRING: undefined,
      TABLES_ACCOUNT_URL: 'https://candor.table.core.windows.net',
      AUTH_AUDIENCES: 'api://candor.example/cccccccc-0000-4000-8000-000000000003,cccccccc-0000-4000-8000-000000000003',
      ORG_CHART_CACHE_TTL_SECONDS: '60',
    });
    expect(config.tables).toEqual({ kind: 'accountUrl', accountUrl: 'https://candor.table.core.windows.net' });
    expect(config.auth.audiences).toHaveLength(2);
    expect(config.orgChartCacheTtlMs).toBe(60_000);
  });

  it('reads the multi-tenant allow-list and refuses anything but tenant ids in it', () => {
    const tenants = ['11111111-2222-4333-8444-555555555555', '66666666-7777-4888-8999-aaaaaaaaaaaa'];
    expect(loadConfig({ ...env, ALLOWED_TENANT_IDS: ` ${tenants[0]}, ${tenants[1]} ` }).auth.allowedTenantIds).toEqual(
      tenants,
    );
    expect(() => loadConfig({ ...env, ALLOWED_TENANT_IDS: 'contoso.com' })).toThrow(
      /ALLOWED_TENANT_IDS.*must list tenant ids/,
    );
  });

  it('names every missing variable', () => {
    const partial = without('AUTH_TENANT_ID', 'GRAPH_CLIENT_SECRET');
    expect(() => loadConfig(partial)).toThrow(ConfigError);
    expect(() => loadConfig(partial)).toThrow(/AUTH_TENANT_ID is required.*GRAPH_CLIENT_SECRET is required/);
  });

  it('requires table storage', () => {
    expect(() => loadConfig({ ...env, TABLES_CONNECTION_STRING: '' })).toThrow(/TABLES_CONNECTION_STRING/);
  });

  it('reports missing table storage together with every other problem, in one message at start', () => {
    const partial = without('AUTH_TENANT_ID');
    expect(() => loadConfig({ ...partial, TABLES_CONNECTION_STRING: '', DIGEST_SCHEDULE: 'monthly' })).toThrow(
      /TABLES_CONNECTION_STRING \(or TABLES_ACCOUNT_URL\) is required.*AUTH_TENANT_ID is required.*DIGEST_SCHEDULE must be an NCRONTAB/,
    );
  });

  it('refuses an http Graph root, which the Graph client would never send a token to', () => {
    expect(() => loadConfig({ ...env, GRAPH_BASE_URL: 'http://localhost:7443' })).toThrow(
      /GRAPH_BASE_URL must be an https URL/,
    );
  });

  it("schedules the monthly digest and links it to the Trends tab: Teams' deep link from the catalog app id, else the tab's page", () => {
    expect(loadConfig(env)).toMatchObject({ digest: { schedule: '0 0 7-23 1-7 * *' }, trends: { tabUrl: null } });
    expect(loadConfig({ ...env, STATUS_FORM_BASE_URL: 'https://candor.example.com/' }).trends.tabUrl).toBe(
      'https://candor.example.com/?surface=trends',
    );
    // The bot's catalog app id is the one setting: the link is built from it, not configured a second time.
    const catalogId = '0d3e4f5a-0000-4000-8000-000000000009';
    const deepLink = `https://teams.microsoft.com/l/entity/${catalogId}/candor-trends?tenantId=${env.AUTH_TENANT_ID}`;
    expect(
      loadConfig({
        ...env,
        STATUS_FORM_BASE_URL: 'https://candor.example.com',
        BOT_TEAMS_APP_ID: catalogId,
        DIGEST_SCHEDULE: '0 0 8 1-7 * *',
      }),
    ).toMatchObject({
      trends: { tabUrl: deepLink },
      bot: { teamsCatalogAppId: catalogId },
      digest: { schedule: '0 0 8 1-7 * *' },
    });
    // TRENDS_TAB_URL overrides it (the local stack's host page poses as Teams).
    const hostPage = 'https://localhost:4282/?surface=trends';
    expect(loadConfig({ ...env, BOT_TEAMS_APP_ID: catalogId, TRENDS_TAB_URL: hostPage }).trends.tabUrl).toBe(hostPage);
    expect(() => loadConfig({ ...env, DIGEST_SCHEDULE: 'monthly' })).toThrow(/DIGEST_SCHEDULE must be an NCRONTAB/);
    expect(() => loadConfig({ ...env, TRENDS_TAB_URL: 'javascript:alert(1)' })).toThrow(
      /TRENDS_TAB_URL must be an http\(s\) URL/,
    );
  });

  it('schedules the daily trends job at 05:30 UTC unless configured otherwise', () => {
    expect(loadConfig(env).trends.dailySchedule).toBe('0 30 5 * * *');
    expect(loadConfig({ ...env, TRENDS_DAILY_SCHEDULE: '0 0 3 * * *' }).trends.dailySchedule).toBe('0 0 3 * * *');
    expect(() => loadConfig({ ...env, TRENDS_DAILY_SCHEDULE: 'daily' })).toThrow(
      /TRENDS_DAILY_SCHEDULE must be an NCRONTAB/,
    );
  });

  it('refuses an authority that is not a URL', () => {
    expect(() => loadConfig({ ...env, AUTH_AUTHORITY_HOST: 'login.microsoftonline.com' })).toThrow(
      /AUTH_AUTHORITY_HOST/,
    );
  });
});

describe('the identity of app-only Graph calls', () => {
  const base = {
    TABLES_CONNECTION_STRING: 'UseDevelopmentStorage=true',
    AUTH_AUTHORITY_HOST: 'https://login.microsoftonline.com',
    AUTH_TENANT_ID: '11111111-2222-3333-4444-555555555555',
    AUTH_CLIENT_ID: '66666666-7777-8888-9999-000000000000',
    AUTH_REQUIRED_SCOPE: 'access_as_user',
    GRAPH_BASE_URL: 'https://graph.microsoft.com',
    GRAPH_CLIENT_SECRET: 'from-key-vault',
  };

  it('is the app registration by its secret unless the managed identity is chosen', () => {
    expect(loadConfig(base).graph.appIdentity).toEqual({ kind: 'clientSecret' });
    expect(loadConfig({ ...base, GRAPH_APP_IDENTITY: 'managedIdentity' }).graph.appIdentity).toEqual({
      kind: 'managedIdentity',
      clientId: null,
    });
    const userAssigned = 'abcdefab-1234-4abc-8def-0123456789ab';
    expect(
      loadConfig({ ...base, GRAPH_APP_IDENTITY: 'managedIdentity', GRAPH_MANAGED_IDENTITY_CLIENT_ID: userAssigned })
        .graph.appIdentity,
    ).toEqual({ kind: 'managedIdentity', clientId: userAssigned });
  });

  it('names a wrong choice', () => {
    expect(() => loadConfig({ ...base, GRAPH_APP_IDENTITY: 'certificate' })).toThrow(
      /GRAPH_APP_IDENTITY must be clientSecret or managedIdentity/,
    );
    expect(() =>
      loadConfig({ ...base, GRAPH_APP_IDENTITY: 'managedIdentity', GRAPH_MANAGED_IDENTITY_CLIENT_ID: 'nope' }),
    ).toThrow(/GRAPH_MANAGED_IDENTITY_CLIENT_ID must be a client id/);
  });
});
