import { DEFAULT_BOT_SERVICE_URL, readBotConfig } from './bot';

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
      },
    });
  });

  it("take the simulator's Bot Framework by configuration only", () => {
    const openIdConfiguration: unknown = expect.stringMatching(/\/openidconfiguration$/);
    const read = readBotConfig(
      {
        BOT_TEAMS_APP_ID: 'catalog-id',
        BOT_SERVICE_URL: 'https://localhost:7443/botframework/connector/',
        BOT_OPENID_METADATA_URL: 'https://localhost:7443/botframework/v1/.well-known/openidconfiguration',
        BOT_TOKEN_ISSUER: 'https://api.botframework.com',
      },
      'client-id',
    );
    expect(read).toMatchObject({
      ok: true,
      value: { teamsCatalogAppId: 'catalog-id', openIdMetadataUrl: openIdConfiguration },
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
});
