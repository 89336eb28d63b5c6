import { decodeJwt, decodeProtectedHeader } from 'jose';
import { startTestSimulator } from '@candor/local/simulator/testKit';
import type { Simulator } from '@candor/local/simulator/index';
import { API_CLIENT_ID, DEMO_USER_IDS } from '@candor/local/simulator/demoTenant';
import { createOnBehalfOf, isConsentRequired, type OnBehalfOf } from '@candor/functions/auth/onBehalfOf';
import { createTokenValidator } from '@candor/functions/auth/tokenValidator';
import { CALLER_CALENDAR_SCOPES, createCallerCalendar } from '@candor/functions/graph/callerCalendar';
import { graphStatusOf } from '@candor/functions/graph/graphClient';

let sim: Simulator;
let obo: OnBehalfOf;
const adele = DEMO_USER_IDS.adele;
const megan = DEMO_USER_IDS.megan;
const alex = DEMO_USER_IDS.alex;

beforeAll(async () => {
  sim = await startTestSimulator();
  obo = createOnBehalfOf({ authorityHost: sim.authorityHost, clientId: API_CLIENT_ID, clientSecret: sim.clientSecret });
});

afterAll(async () => {
  await sim?.close();
});

const callerOf = (userId: string) => ({ tenantId: sim.tenantId, userId });
const graphTokenFor = async (userId: string, assertion: string) =>
  (await obo.credentialFor(callerOf(userId), assertion, CALLER_CALENDAR_SCOPES).getToken([]))!.token;

describe('On-Behalf-Of through @azure/msal-node against the simulated Entra ID', () => {
  it("exchanges a person's API token for a Graph token of that person with exactly the delegated scope asked for", async () => {
    const token = await graphTokenFor(adele, await sim.mintAccessToken(adele));
    const claims = decodeJwt(token);
    expect(claims.oid).toBe(adele);
    expect(claims.aud).toBe('https://graph.microsoft.com');
    // Least privilege: Calendars.Read only, not every delegated permission the app was granted.
    expect(claims.scp).toBe('Calendars.Read');
    expect(claims.roles).toBeUndefined();
  });

  it('keeps one token cache per person: a warm cache serves its own person only', async () => {
    const adeleAssertion = await sim.mintAccessToken(adele);
    const meganAssertion = await sim.mintAccessToken(megan);
    const first = await graphTokenFor(adele, adeleAssertion);
    const meganToken = await graphTokenFor(megan, meganAssertion);
    const again = await graphTokenFor(adele, adeleAssertion);
    // Every token the simulator issues is unique (its uti), so an identical string was served from the cache.
    expect(again).toBe(first);
    expect(decodeJwt(meganToken).oid).toBe(megan);
    expect(meganToken).not.toBe(first);
    // Megan asking with her own, fresh assertion never receives Adele's cached token.
    expect(decodeJwt(await graphTokenFor(megan, await sim.mintAccessToken(megan))).oid).toBe(megan);
  });

  it("reads the caller's own calendar with their delegated token, and Graph refuses someone else's", async () => {
    const calendar = createCallerCalendar(sim.url, obo)(callerOf(megan), await sim.mintAccessToken(megan));
    const start = new Date(Date.now() - 12 * 3600_000);
    const end = new Date(Date.now() + 14 * 24 * 3600_000);
    expect((await calendar.eventsBetween(megan, start, end)).length).toBeGreaterThan(0);
    // App-only Calendars.Read could read any mailbox; a delegated token reads only its own.
    const denied = await calendar.eventsBetween(adele, start, end).then(
      () => null,
      (error: unknown) => error,
    );
    expect(graphStatusOf(denied)).toBe(403);
  });

  it('reports a missing consent as such, through the Graph client too', async () => {
    sim.consent.revoke(alex);
    try {
      const assertion = await sim.mintAccessToken(alex);
      const direct = await graphTokenFor(alex, assertion).then(
        () => null,
        (error: unknown) => error,
      );
      expect(direct).toMatchObject({ name: 'DelegatedAccessRefused', refusal: { kind: 'consentRequired' } });
      const viaGraph = await createCallerCalendar(sim.url, obo)(callerOf(alex), assertion)
        .eventsBetween(alex, new Date(), new Date(Date.now() + 3600_000))
        .then(
          () => null,
          (error: unknown) => error,
        );
      expect(isConsentRequired(viaGraph)).toBe(true);
    } finally {
      sim.consent.grant(alex);
    }
    expect(decodeJwt(await graphTokenFor(alex, await sim.mintAccessToken(alex))).oid).toBe(alex);
  });

  it('does not mistake other failures for a missing consent', async () => {
    const expired = await sim.mintAccessToken(adele, { expiresInSeconds: -600 });
    const failure = await graphTokenFor(adele, expired).then(
      () => null,
      (error: unknown) => error,
    );
    expect(failure).not.toBeNull();
    expect(isConsentRequired(failure)).toBe(false);
  });
});

describe('signing-key rotation', () => {
  it('refetches the JWKS on an unknown kid, and still accepts tokens of the rolled-over key', async () => {
    const validator = createTokenValidator({
      authorityHost: sim.authorityHost,
      tenantId: sim.tenantId,
      audiences: [API_CLIENT_ID],
      requiredScope: 'access_as_user',
      // No cooldown, so the refetch on the new kid happens at once instead of after jose's 30 s.
      jwksCooldownMs: 0,
    });
    const before = await sim.mintAccessToken(adele);
    await expect(validator.validate(`Bearer ${before}`)).resolves.toMatchObject({ ok: true });

    await sim.rotateSigningKey();
    const after = await sim.mintAccessToken(adele);
    expect(decodeProtectedHeader(after).kid).not.toBe(decodeProtectedHeader(before).kid);
    await expect(validator.validate(`Bearer ${after}`)).resolves.toMatchObject({ ok: true, caller: { userId: adele } });
    await expect(validator.validate(`Bearer ${before}`)).resolves.toMatchObject({ ok: true });
  });

  it('keeps refusing a kid the JWKS does not publish, even after a refetch', async () => {
    const validator = createTokenValidator({
      authorityHost: sim.authorityHost,
      tenantId: sim.tenantId,
      audiences: [API_CLIENT_ID],
      requiredScope: 'access_as_user',
      jwksCooldownMs: 0,
    });
    const token = await sim.mintAccessToken(adele);
    const [header, payload, signature] = token.split('.');
    const forged = Buffer.from(
      JSON.stringify({ ...JSON.parse(Buffer.from(header!, 'base64url').toString()), kid: 'not-published' }),
    ).toString('base64url');
    await expect(validator.validate(`Bearer ${forged}.${payload}.${signature}`)).resolves.toEqual({
      ok: false,
      reason: 'unknownKey',
    });
  });
});
