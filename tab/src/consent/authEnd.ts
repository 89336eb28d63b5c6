/**
 * auth-end.html, the consent pop-up's redirect URI: tells the host how it went (teams-js `notifySuccess` /
 * `notifyFailure`, which also close the window). The tab then asks for its token again.
 */
import { app, authentication } from '@microsoft/teams-js';
import { extraValidOrigins } from '../host/pageConfig';
import { authEndOutcome, CONSENT_STATE_KEY } from './consentFlow';

async function finish(): Promise<void> {
  await app.initialize(extraValidOrigins());
  const outcome = authEndOutcome(location.search, sessionStorage.getItem(CONSENT_STATE_KEY));
  sessionStorage.removeItem(CONSENT_STATE_KEY);
  // The code is not needed (the API uses On-Behalf-Of) and is not passed on: it must not linger anywhere.
  history.replaceState(null, '', location.pathname);
  if (outcome.ok) authentication.notifySuccess('consented');
  else authentication.notifyFailure(outcome.reason);
}

finish().catch(() => {
  const status = document.getElementById('status');
  if (status) status.textContent = 'Candor could not finish. Close this window and try again.';
});
