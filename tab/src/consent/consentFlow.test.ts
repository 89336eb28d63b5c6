import { authEndOutcome, authorizeUrl, consentRoute } from './consentFlow';

describe('consentRoute', () => {
  it('sends the desktop side panel elsewhere, where the pop-up cannot open', () => {
    expect(consentRoute({ frameContext: 'sidePanel', clientType: 'desktop' })).toBe('elsewhere');
  });
  it.each([
    ['sidePanel', 'web'],
    ['content', 'desktop'],
    [null, 'web'],
  ])('uses the pop-up in %s on %s', (frameContext, clientType) => {
    expect(consentRoute({ frameContext, clientType })).toBe('popup');
  });
});

describe('authorizeUrl', () => {
  it("asks the tenant's authorize endpoint for consent to the delegated scopes, for this person", () => {
    const url = new URL(
      authorizeUrl({
        authority: 'https://login.microsoftonline.com/',
        tenantId: 'tenant-1',
        clientId: 'client-1',
        redirectUri: 'https://tab.example/auth-end.html',
        state: 'state-1',
        loginHint: 'adele@contoso.example',
      }),
    );
    expect(`${url.origin}${url.pathname}`).toBe('https://login.microsoftonline.com/tenant-1/oauth2/v2.0/authorize');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      client_id: 'client-1',
      response_type: 'code',
      response_mode: 'query',
      redirect_uri: 'https://tab.example/auth-end.html',
      scope: 'openid profile https://graph.microsoft.com/User.Read https://graph.microsoft.com/Calendars.Read',
      prompt: 'consent',
      state: 'state-1',
      login_hint: 'adele@contoso.example',
    });
  });
});

describe('authEndOutcome', () => {
  it('accepts a code with our state', () => {
    expect(authEndOutcome('?code=abc&state=s1', 's1')).toEqual({ ok: true });
  });
  it('refuses a state that is not ours, or none', () => {
    expect(authEndOutcome('?code=abc&state=other', 's1')).toEqual({ ok: false, reason: 'StateMismatch' });
    expect(authEndOutcome('?code=abc&state=s1', null)).toEqual({ ok: false, reason: 'StateMismatch' });
  });
  it('turns a declined consent into CancelledByUser and passes other errors on', () => {
    expect(authEndOutcome('?error=access_denied&state=s1', 's1')).toEqual({ ok: false, reason: 'CancelledByUser' });
    expect(authEndOutcome('?error=server_error&state=s1', 's1')).toEqual({ ok: false, reason: 'server_error' });
  });
});
