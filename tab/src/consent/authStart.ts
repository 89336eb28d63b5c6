/**
 * auth-start.html, the first page of the consent pop-up (teams-js `authentication.authenticate` opens it): reads
 * who and which tenant from the host's context, keeps a fresh `state`, and sends the window to Entra ID's
 * authorize endpoint with `prompt=consent` (consentFlow.ts). The redirect comes back to auth-end.html.
 */
import { app, authentication } from '@microsoft/teams-js';
import { extraValidOrigins, readMeta } from '../host/pageConfig';
import { authorizeUrl, CONSENT_STATE_KEY } from './consentFlow';

async function start(): Promise<void> {
  await app.initialize(extraValidOrigins());
  const context = await app.getContext();
  const tenantId = context.user?.tenant?.id;
  const clientId = readMeta('candor-auth-client-id');
  if (!tenantId || !clientId) {
    authentication.notifyFailure(tenantId ? 'NotConfigured: candor-auth-client-id' : 'NoTenant');
    return;
  }
  const state = crypto.randomUUID();
  sessionStorage.setItem(CONSENT_STATE_KEY, state);
  location.assign(
    authorizeUrl({
      authority: readMeta('candor-auth-authority') || 'https://login.microsoftonline.com',
      tenantId,
      clientId,
      redirectUri: new URL('auth-end.html', location.href).href,
      state,
      loginHint: context.user?.loginHint ?? context.user?.userPrincipalName ?? null,
    }),
  );
}

start().catch((error: unknown) => {
  const status = document.getElementById('status');
  if (status) status.textContent = 'Candor could not open the permission page. Close this window and try again.';
  try {
    authentication.notifyFailure(error instanceof Error ? error.message : 'AuthStartFailed');
  } catch {
    // Not opened by a Teams host: nothing to tell.
  }
});
