import { ClientSecretCredential, ManagedIdentityCredential, type TokenCredential } from '@azure/identity';
import { Client } from '@microsoft/microsoft-graph-client';
import { TokenCredentialAuthenticationProvider } from '@microsoft/microsoft-graph-client/authProviders/azureTokenCredentials';

/** App-only Graph tokens are always requested for Graph's resource id, whatever URL Graph is reached at. */
export const GRAPH_APP_SCOPE = 'https://graph.microsoft.com/.default';

const MICROSOFT_AUTHORITY_HOSTS = new Set([
  'login.microsoftonline.com',
  'login.microsoftonline.us',
  'login.chinacloudapi.cn',
  'login.partner.microsoftonline.cn',
]);

/** Microsoft's own Entra ID hosts, which instance discovery knows; anything else (the simulator) is trusted as given. */
export function isMicrosoftAuthorityHost(authorityHost: string): boolean {
  return MICROSOFT_AUTHORITY_HOSTS.has(new URL(authorityHost).hostname.toLowerCase());
}

/** Client-credentials identity of the Candor API app, for app-only Graph calls. */
export function createAppCredential(options: {
  authorityHost: string;
  tenantId: string;
  clientId: string;
  clientSecret: string;
}): TokenCredential {
  const microsoft = isMicrosoftAuthorityHost(options.authorityHost);
  return new ClientSecretCredential(options.tenantId, options.clientId, options.clientSecret, {
    authorityHost: options.authorityHost,
    // Instance discovery asks Microsoft whether the authority is a known cloud; a simulator is not.
    disableInstanceDiscovery: !microsoft,
  });
}

/**
 * The identity of app-only Graph calls: the app registration by its secret, or (in Azure) the Function App's managed
 * identity, which holds the Graph application permissions itself, so no secret is involved in timers at all.
 */
export function createAppOnlyCredential(
  identity: { kind: 'clientSecret' } | { kind: 'managedIdentity'; clientId: string | null },
  registration: { authorityHost: string; tenantId: string; clientId: string; clientSecret: string },
): TokenCredential {
  if (identity.kind === 'clientSecret') return createAppCredential(registration);
  return identity.clientId
    ? new ManagedIdentityCredential({ clientId: identity.clientId })
    : new ManagedIdentityCredential();
}

/**
 * A Graph client for `baseUrl` (Graph's root, without the version: the client joins `baseUrl`, `v1.0` and the
 * path with single slashes).
 *
 * The client attaches the Authorization header only to https URLs whose host is a Graph host or one of
 * `customHosts`. It compares the host NAME: it lower-cases the URL, strips `https://`, and cuts at the first `:`
 * (port) or `/`. So a simulator at https://localhost:7443 is registered as `localhost`, never `localhost:7443`
 * (entries containing `/` are rejected outright), and an http base URL never gets a token.
 */
export function createGraphClient(baseUrl: string, credential: TokenCredential): Client {
  const url = new URL(baseUrl);
  const hostName = url.hostname.toLowerCase();
  const isMicrosoftGraph = hostName === 'graph.microsoft.com';
  return Client.initWithMiddleware({
    authProvider: new TokenCredentialAuthenticationProvider(credential, { scopes: [GRAPH_APP_SCOPE] }),
    baseUrl: baseUrl.replace(/\/+$/, ''),
    defaultVersion: 'v1.0',
    ...(isMicrosoftGraph ? {} : { customHosts: new Set([hostName]) }),
  });
}

/** Graph's HTTP status for a failed call, if it got that far. */
export function graphStatusOf(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null || !('statusCode' in error)) return undefined;
  return typeof error.statusCode === 'number' ? error.statusCode : undefined;
}
