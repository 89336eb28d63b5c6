/**
 * The consent pop-up's pure parts: where it can run, the Entra ID authorize URL auth-start.html sends the
 * pop-up to, and how auth-end.html reads the answer. No teams-js here, so the side panel's first chunk never
 * carries it and the unit tests need no host.
 */

/** Where the consent can be finished from the frame the person is in. */
export type ConsentRoute = 'popup' | 'elsewhere';

/**
 * teams-js's authentication.authenticate throws in a meeting's side panel on the desktop client, so there the
 * person is sent to finish it from the personal tab or Teams on the web. Everywhere else the pop-up works.
 */
export function consentRoute(host: { frameContext: string | null; clientType: string }): ConsentRoute {
  return host.frameContext === 'sidePanel' && host.clientType === 'desktop' ? 'elsewhere' : 'popup';
}

export interface AuthorizeRequest {
  /** e.g. https://login.microsoftonline.com (the simulator locally). */
  authority: string;
  tenantId: string;
  clientId: string;
  redirectUri: string;
  state: string;
  loginHint: string | null;
}

/**
 * Delegated Graph permissions the API uses On-Behalf-Of (functions/src/graph/callerCalendar.ts); `openid profile`
 * sign the person in. Asking for them here with `prompt=consent` shows Entra ID's consent page for exactly these.
 */
export const CONSENT_SCOPES = [
  'openid',
  'profile',
  'https://graph.microsoft.com/User.Read',
  'https://graph.microsoft.com/Calendars.Read',
];

/** Entra ID's v2.0 authorize endpoint with `prompt=consent`: the documented way to ask a person for consent. */
export function authorizeUrl(request: AuthorizeRequest): string {
  const url = new URL(
    `${request.authority.replace(/\/+$/, '')}/${encodeURIComponent(request.tenantId)}/oauth2/v2.0/authorize`,
  );
  url.searchParams.set('client_id', request.clientId);
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('response_mode', 'query');
  url.searchParams.set('redirect_uri', request.redirectUri);
  url.searchParams.set('scope', CONSENT_SCOPES.join(' '));
  url.searchParams.set('prompt', 'consent');
  url.searchParams.set('state', request.state);
  if (request.loginHint) url.searchParams.set('login_hint', request.loginHint);
  return url.href;
}

export type AuthEndOutcome = { ok: true } | { ok: false; reason: string };

/**
 * What the redirect to auth-end.html says. The code itself is never redeemed (the API gets its tokens
 * On-Behalf-Of); it only proves Entra ID recorded the consent. A state that is not the one this window sent
 * means the redirect was not ours.
 */
export function authEndOutcome(search: string, expectedState: string | null): AuthEndOutcome {
  const query = new URLSearchParams(search);
  const error = query.get('error');
  if (error) return { ok: false, reason: error === 'access_denied' ? 'CancelledByUser' : error };
  if (!expectedState || query.get('state') !== expectedState) return { ok: false, reason: 'StateMismatch' };
  if (!query.get('code')) return { ok: false, reason: 'NoCode' };
  return { ok: true };
}

/** sessionStorage key of the state between auth-start and auth-end (the same pop-up window, the tab's origin). */
export const CONSENT_STATE_KEY = 'candor.consent.state';
