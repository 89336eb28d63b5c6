import type { Simulator } from './index';
import { API_CLIENT_ID, DEMO_USER_IDS, demoUsers } from './demoTenant';
import { startTestSimulator } from './testKit';

let sim: Simulator;
beforeAll(async () => {
  sim = await startTestSimulator();
});
afterAll(async () => {
  await sim?.close();
});

const adele = demoUsers().find((u) => u.id === DEMO_USER_IDS.adele)!;

function authorizeUrl(params: Record<string, string>): string {
  const query = new URLSearchParams({
    client_id: API_CLIENT_ID,
    response_type: 'code',
    redirect_uri: 'https://localhost:4443/auth-end.html',
    scope: 'openid profile https://graph.microsoft.com/Calendars.Read',
    prompt: 'consent',
    state: 'state-1',
    login_hint: adele.userPrincipalName ?? adele.id,
    ...params,
  });
  return `${sim.url}/${sim.tenantId}/oauth2/v2.0/authorize?${query.toString()}`;
}

describe('the simulated authorize endpoint (consent)', () => {
  it('shows a script-free consent page for the person named by login_hint', async () => {
    const res = await fetch(authorizeUrl({}), { redirect: 'manual' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
    const html = await res.text();
    expect(html).toContain('Permissions requested');
    expect(html).toContain(adele.displayName);
    expect(html).not.toMatch(/<script/i);
  });

  it('records the consent on Accept and redirects to the app with a code and the same state', async () => {
    sim.consent.revoke(adele.id);
    const res = await fetch(authorizeUrl({ candor_sim_decision: 'accept' }), { redirect: 'manual' });
    expect(res.status).toBe(302);
    const location = new URL(res.headers.get('location') ?? '');
    expect(`${location.origin}${location.pathname}`).toBe('https://localhost:4443/auth-end.html');
    expect(location.searchParams.get('state')).toBe('state-1');
    expect(location.searchParams.get('code')).toMatch(/\S/);
    expect(sim.consent.given(adele.id)).toBe(true);
  });

  it('records nothing on Cancel and answers access_denied', async () => {
    sim.consent.revoke(adele.id);
    const res = await fetch(authorizeUrl({ candor_sim_decision: 'cancel' }), { redirect: 'manual' });
    const location = new URL(res.headers.get('location') ?? '');
    expect(location.searchParams.get('error')).toBe('access_denied');
    expect(location.searchParams.get('code')).toBeNull();
    expect(sim.consent.given(adele.id)).toBe(false);
    sim.consent.grant(adele.id);
  });

  it.each([
    [
      'a redirect URI off the registration (not loopback)',
      { redirect_uri: 'https://evil.example/steal' },
      'AADSTS50011',
    ],
    ['another client id', { client_id: '00000000-0000-4000-8000-000000000000' }, 'AADSTS700016'],
    ['no person to ask', { login_hint: 'nobody@nowhere.example' }, 'AADSTS50058'],
  ])('never redirects for %s', async (_name, params, code) => {
    const res = await fetch(authorizeUrl({ ...params, candor_sim_decision: 'accept' }), { redirect: 'manual' });
    expect(res.status).toBe(400);
    expect(res.headers.get('location')).toBeNull();
    expect(await res.text()).toContain(code);
  });
});
