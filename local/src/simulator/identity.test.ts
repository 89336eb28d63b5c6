import { createRequire } from 'node:module';
import path from 'node:path';
import { createRemoteJWKSet, decodeJwt, jwtVerify } from 'jose';
import type { Simulator } from './index';
import { API_APP_ID_URI, API_CLIENT_ID, DEMO_TENANT_ID, DEMO_USER_IDS } from './demoTenant';
import { startTestSimulator } from './testKit';

/** The part of @azure/identity these tests use, typed here because two majors (with different option types) are loaded. */
interface Credential {
  getToken(scope: string): Promise<{ token: string; expiresOnTimestamp: number } | null>;
}
interface AuthorityOptions {
  authorityHost: string;
  disableInstanceDiscovery: boolean;
}
interface IdentityModule {
  ClientSecretCredential: new (
    tenantId: string,
    clientId: string,
    secret: string,
    options: AuthorityOptions,
  ) => Credential;
  OnBehalfOfCredential: new (
    options: AuthorityOptions & {
      tenantId: string;
      clientId: string;
      clientSecret: string;
      userAssertionToken: string;
    },
  ) => Credential;
}

/** The product (functions/) uses @azure/identity 4.x with msal-node 5; the repo root also has 3.x. Test both. */
function identityFrom(dir: string): IdentityModule {
  const load = createRequire(path.join(dir, 'package.json'));
  return load('@azure/identity') as IdentityModule;
}
const repoRoot = path.resolve(__dirname, '..', '..', '..');
const identities: Array<[string, IdentityModule]> = [
  ['functions/ (@azure/identity 4.x)', identityFrom(path.join(repoRoot, 'functions'))],
  ['repo root (@azure/identity 3.x)', identityFrom(repoRoot)],
];

interface EntraError {
  error: string;
  error_description: string;
  error_codes: number[];
  trace_id: string;
  correlation_id: string;
}

let sim: Simulator;
beforeAll(async () => {
  sim = await startTestSimulator();
});
afterAll(() => sim.close());

async function tokenRequest(
  form: Record<string, string>,
  tenant = sim.tenantId,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${sim.url}/${tenant}/oauth2/v2.0/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('OpenID discovery and JWKS', () => {
  test('a minted API token verifies with jose through discovery + JWKS (issuer and audience checked)', async () => {
    const config = (await (
      await fetch(`${sim.url}/${sim.tenantId}/v2.0/.well-known/openid-configuration`)
    ).json()) as Record<string, string>;
    expect(config.issuer).toBe(`${sim.url}/${DEMO_TENANT_ID}/v2.0`);
    expect(config.jwks_uri).toBe(`${sim.url}/${DEMO_TENANT_ID}/discovery/v2.0/keys`);
    expect(config.token_endpoint).toBe(`${sim.url}/${DEMO_TENANT_ID}/oauth2/v2.0/token`);
    expect(config.authorization_endpoint).toBe(`${sim.url}/${DEMO_TENANT_ID}/oauth2/v2.0/authorize`);

    const jwks = createRemoteJWKSet(new URL(config.jwks_uri ?? ''));
    const token = await sim.mintAccessToken(DEMO_USER_IDS.adele);
    const { payload, protectedHeader } = await jwtVerify(token, jwks, {
      issuer: config.issuer,
      audience: API_CLIENT_ID,
      algorithms: ['RS256'],
    });
    expect(protectedHeader).toMatchObject({ alg: 'RS256', typ: 'JWT' });
    expect(typeof protectedHeader.kid).toBe('string');
    expect(payload).toMatchObject({
      aud: API_CLIENT_ID,
      scp: 'access_as_user',
      tid: DEMO_TENANT_ID,
      oid: DEMO_USER_IDS.adele,
      name: 'Adele Vance',
      preferred_username: 'adele@candor-demo.example',
      ver: '2.0',
    });
    expect(payload.sub).not.toBe(DEMO_USER_IDS.adele); // pairwise, like Entra: key users by oid
    expect((payload.exp ?? 0) - (payload.iat ?? 0)).toBe(3600);
  });

  test('common/organizations discovery exist with the {tenantid} issuer template', async () => {
    for (const tenant of ['common', 'organizations']) {
      const config = (await (
        await fetch(`${sim.url}/${tenant}/v2.0/.well-known/openid-configuration`)
      ).json()) as Record<string, string>;
      expect(config.issuer).toBe(`${sim.url}/{tenantid}/v2.0`);
    }
    const unknown = await fetch(`${sim.url}/not-a-tenant/v2.0/.well-known/openid-configuration`);
    expect(unknown.status).toBe(400);
    expect(((await unknown.json()) as EntraError).error).toBe('invalid_tenant');
  });

  test('mintAccessToken overrides produce the tokens an API must refuse', async () => {
    const jwks = createRemoteJWKSet(new URL(`${sim.url}/${sim.tenantId}/discovery/v2.0/keys`));
    const verify = (token: string) =>
      jwtVerify(token, jwks, { issuer: `${sim.url}/${sim.tenantId}/v2.0`, audience: API_CLIENT_ID });
    const adele = DEMO_USER_IDS.adele;
    await expect(verify(await sim.mintAccessToken(adele, { expiresInSeconds: -60 }))).rejects.toMatchObject({
      code: 'ERR_JWT_EXPIRED',
    });
    await expect(verify(await sim.mintAccessToken(adele, { notBeforeOffsetSeconds: 600 }))).rejects.toMatchObject({
      code: 'ERR_JWT_CLAIM_VALIDATION_FAILED',
      claim: 'nbf',
    });
    await expect(verify(await sim.mintAccessToken(adele, { audience: 'api://someone-else' }))).rejects.toMatchObject({
      code: 'ERR_JWT_CLAIM_VALIDATION_FAILED',
      claim: 'aud',
    });
    const noScope = await verify(await sim.mintAccessToken(adele, { scopes: [] }));
    expect(noScope.payload.scp).toBeUndefined();
    const otherScope = await verify(await sim.mintAccessToken(adele, { scopes: ['something_else'] }));
    expect(otherScope.payload.scp).toBe('something_else');
    await expect(sim.mintAccessToken('00000000-0000-4000-8000-000000000000')).rejects.toThrow(/no user/);
  });
});

describe.each(identities)('@azure/identity from %s', (_label, identity) => {
  test('ClientSecretCredential (authorityHost + disableInstanceDiscovery) gets an app-only Graph token', async () => {
    const credential = new identity.ClientSecretCredential(sim.tenantId, API_CLIENT_ID, sim.clientSecret, {
      authorityHost: sim.authorityHost,
      disableInstanceDiscovery: true,
    });
    const token = await credential.getToken('https://graph.microsoft.com/.default');
    if (!token) throw new Error('no token');
    expect(token.expiresOnTimestamp).toBeGreaterThan(Date.now() + 50 * 60_000);
    const claims = decodeJwt(token.token);
    expect(claims).toMatchObject({
      aud: 'https://graph.microsoft.com',
      idtyp: 'app',
      appid: API_CLIENT_ID,
      tid: DEMO_TENANT_ID,
    });
    expect(claims.roles).toEqual(
      expect.arrayContaining(['Calendars.Read', 'Mail.Send', 'User.Read.All', 'MailboxSettings.Read']),
    );
  });

  test('a wrong secret fails with the Entra error (AADSTS7000215)', async () => {
    const credential = new identity.ClientSecretCredential(sim.tenantId, API_CLIENT_ID, 'wrong-secret', {
      authorityHost: sim.authorityHost,
      disableInstanceDiscovery: true,
    });
    await expect(credential.getToken('https://graph.microsoft.com/.default')).rejects.toThrow(/AADSTS7000215/);
  });

  test("OnBehalfOfCredential exchanges the user's API token for a delegated Graph token", async () => {
    const credential = new identity.OnBehalfOfCredential({
      tenantId: sim.tenantId,
      clientId: API_CLIENT_ID,
      clientSecret: sim.clientSecret,
      userAssertionToken: await sim.mintAccessToken(DEMO_USER_IDS.megan),
      authorityHost: sim.authorityHost,
      disableInstanceDiscovery: true,
    });
    const token = await credential.getToken('https://graph.microsoft.com/.default');
    if (!token) throw new Error('no token');
    const claims = decodeJwt(token.token);
    expect(claims).toMatchObject({
      aud: 'https://graph.microsoft.com',
      oid: DEMO_USER_IDS.megan,
      idtyp: 'user',
      upn: 'megan@candor-demo.example',
    });
    expect(String(claims.scp).split(' ')).toEqual(expect.arrayContaining(['Calendars.Read', 'Mail.Send', 'User.Read']));
  });
});

describe('token endpoint', () => {
  test("client credentials with a bad secret: 401 invalid_client in Entra's shape", async () => {
    const { status, body } = await tokenRequest({
      grant_type: 'client_credentials',
      client_id: API_CLIENT_ID,
      client_secret: 'nope',
      scope: 'https://graph.microsoft.com/.default',
    });
    expect(status).toBe(401);
    expect(body).toMatchObject({ error: 'invalid_client', error_codes: [7000215] });
    expect(String(body.error_description)).toMatch(/^AADSTS7000215: /);
    expect(body.trace_id).toEqual(expect.any(String));
  });

  test('client credentials: unknown client, missing /.default, missing secret', async () => {
    const unknown = await tokenRequest({
      grant_type: 'client_credentials',
      client_id: '11111111-2222-4333-8444-555555555555',
      client_secret: 'x',
      scope: 'https://graph.microsoft.com/.default',
    });
    expect(unknown).toMatchObject({ status: 400, body: { error: 'unauthorized_client', error_codes: [700016] } });
    const scope = await tokenRequest({
      grant_type: 'client_credentials',
      client_id: API_CLIENT_ID,
      client_secret: sim.clientSecret,
      scope: 'https://graph.microsoft.com/User.Read.All',
    });
    expect(scope).toMatchObject({ status: 400, body: { error: 'invalid_scope', error_codes: [1002012] } });
    const noSecret = await tokenRequest({
      grant_type: 'client_credentials',
      client_id: API_CLIENT_ID,
      scope: 'https://graph.microsoft.com/.default',
    });
    expect(noSecret).toMatchObject({ status: 401, body: { error: 'invalid_client', error_codes: [7000218] } });
  });

  test('password (ROPC) signs a demo user in to the Candor API by UPN or object id', async () => {
    for (const username of ['adele@candor-demo.example', DEMO_USER_IDS.adele]) {
      const { status, body } = await tokenRequest({
        grant_type: 'password',
        client_id: API_CLIENT_ID,
        username,
        password: 'any',
        scope: `${API_APP_ID_URI}/access_as_user openid profile offline_access`,
        client_info: '1',
      });
      expect(status).toBe(200);
      expect(body).toMatchObject({
        token_type: 'Bearer',
        expires_in: 3600,
        ext_expires_in: 3600,
        scope: `${API_APP_ID_URI}/access_as_user`,
      });
      expect(decodeJwt(String(body.access_token))).toMatchObject({
        aud: API_CLIENT_ID,
        scp: 'access_as_user',
        oid: DEMO_USER_IDS.adele,
        azp: API_CLIENT_ID,
      });
      expect(decodeJwt(String(body.id_token))).toMatchObject({ aud: API_CLIENT_ID, oid: DEMO_USER_IDS.adele });
      expect(body.refresh_token).toEqual(expect.any(String));
    }
    const dotDefault = await tokenRequest({
      grant_type: 'password',
      client_id: API_CLIENT_ID,
      username: 'megan@candor-demo.example',
      password: 'x',
      scope: `${API_CLIENT_ID}/.default`,
    });
    expect(dotDefault.status).toBe(200);
    const nobody = await tokenRequest({
      grant_type: 'password',
      client_id: API_CLIENT_ID,
      username: 'nobody@candor-demo.example',
      password: 'x',
      scope: `${API_CLIENT_ID}/.default`,
    });
    expect(nobody).toMatchObject({ status: 400, body: { error: 'invalid_grant', error_codes: [50034] } });
    const noPassword = await tokenRequest({
      grant_type: 'password',
      client_id: API_CLIENT_ID,
      username: 'megan@candor-demo.example',
      password: '',
      scope: `${API_CLIENT_ID}/.default`,
    });
    expect(noPassword).toMatchObject({ status: 400, body: { error: 'invalid_grant', error_codes: [50126] } });
  });

  test('on-behalf-of refuses expired and foreign assertions, and scopes the tenant never consented', async () => {
    const obo = async (assertion: string, scope = 'https://graph.microsoft.com/.default') =>
      tokenRequest({
        grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
        client_id: API_CLIENT_ID,
        client_secret: sim.clientSecret,
        assertion,
        scope,
        requested_token_use: 'on_behalf_of',
      });
    const expired = await obo(await sim.mintAccessToken(DEMO_USER_IDS.megan, { expiresInSeconds: -10 }));
    expect(expired).toMatchObject({ status: 400, body: { error: 'invalid_grant', error_codes: [500133] } });
    const foreign = await obo(await sim.mintAccessToken(DEMO_USER_IDS.megan, { audience: 'api://other' }));
    expect(foreign).toMatchObject({ status: 400, body: { error: 'invalid_grant', error_codes: [50013] } });
    const notConsented = await obo(
      await sim.mintAccessToken(DEMO_USER_IDS.megan),
      'https://graph.microsoft.com/Mail.ReadWrite',
    );
    expect(notConsented).toMatchObject({ status: 400, body: { error: 'invalid_grant', error_codes: [65001] } });
    const specific = await obo(
      await sim.mintAccessToken(DEMO_USER_IDS.megan),
      'https://graph.microsoft.com/Calendars.Read',
    );
    expect(specific.status).toBe(200);
    expect(decodeJwt(String(specific.body.access_token)).scp).toBe('Calendars.Read');
    expect(specific.body.scope).toBe('https://graph.microsoft.com/Calendars.Read');
  });

  test('unsupported grant types are refused', async () => {
    const { status, body } = await tokenRequest({
      grant_type: 'authorization_code',
      client_id: API_CLIENT_ID,
      code: 'x',
    });
    expect(status).toBe(400);
    expect(body.error).toBe('unsupported_grant_type');
  });
});
