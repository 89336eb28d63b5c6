import { DEFAULT_BOT_SERVICE_URL, readBotConfig } from './bot';

/** A Teams app's id in the organization's catalog (Graph appCatalogs/teamsApps `id`): a GUID. */
const CATALOG_ID = 'b1c5353a-7aca-41b3-830f-27d5218fe0e5';

describe('the bot settings', () => {
  it("default to Candor's own app registration, Teams' global Bot Connector and the public Bot Framework", () => {
    expect(readBotConfig({}, 'client-id')).toEqual({
      ok: true,
      value: {
        appId: 'client-id',
        teamsCatalogAppId: null,
        serviceUrl: DEFAULT_BOT_SERVICE_URL,
        openIdMetadataUrl: null,
        tokenIssuer: null,
        tokenServiceUrl: null,
      },
    });
  });

  it("take the simulator's Bot Framework by configuration only", () => {
    const openIdConfiguration: unknown = expect.stringMatching(/\/openidconfiguration$/);
    const read = readBotConfig(
      {
        BOT_TEAMS_APP_ID: CATALOG_ID,
        BOT_SERVICE_URL: 'https://localhost:7443/botframework/connector/',
        BOT_OPENID_METADATA_URL: 'https://localhost:7443/botframework/v1/.well-known/openidconfiguration',
        BOT_TOKEN_ISSUER: 'https://api.botframework.com',
      },
      'client-id',
    );
    expect(read).toMatchObject({
      ok: true,
      value: { teamsCatalogAppId: CATALOG_ID, openIdMetadataUrl: openIdConfiguration },
    });
  });

  it('refuse an http service URL and a metadata URL the SDK cannot derive its key set from', () => {
    const read = readBotConfig(
      { BOT_SERVICE_URL: 'http://localhost/x', BOT_OPENID_METADATA_URL: 'https://localhost/keys.json' },
      'c',
    );
    expect(read.ok).toBe(false);
    expect(read.ok ? [] : read.problems.join(' ')).toMatch(
      /BOT_SERVICE_URL.*https.*BOT_OPENID_METADATA_URL.*openidconfiguration/,
    );
  });

  it("take the catalog app id only as Graph gives it, a GUID: it also goes into the digest's Trends link", () => {
    const read = readBotConfig({ BOT_TEAMS_APP_ID: 'com.contoso.candor' }, 'c');
    expect(read.ok ? [] : read.problems.join(' ')).toMatch(/BOT_TEAMS_APP_ID.*catalog/);
    expect(readBotConfig({ BOT_TEAMS_APP_ID: ` ${CATALOG_ID.toUpperCase()} ` }, 'c')).toMatchObject({
      ok: true,
      value: { teamsCatalogAppId: CATALOG_ID.toUpperCase() },
    });
  });

  it("take a regional bot's token service (the Teams SDK's oauthUrl), and only Microsoft's documented ones", () => {
    expect(readBotConfig({ BOT_TOKEN_SERVICE_URL: 'https://europe.token.botframework.com' }, 'c')).toMatchObject({
      ok: true,
      value: { tokenServiceUrl: 'https://europe.token.botframework.com' },
    });
    // Blank is the public cloud's global one, as the deployment template writes it for a global bot.
    expect(readBotConfig({ BOT_TOKEN_SERVICE_URL: '' }, 'c')).toMatchObject({
      ok: true,
      value: { tokenServiceUrl: null },
    });
    for (const bad of ['http://europe.token.botframework.com', 'https://token.example.com']) {
      const read = readBotConfig({ BOT_TOKEN_SERVICE_URL: bad }, 'c');
      expect(read.ok ? [] : read.problems.join(' ')).toMatch(/BOT_TOKEN_SERVICE_URL/);
    }
  });
});
