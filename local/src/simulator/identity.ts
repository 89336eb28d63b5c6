/**
 * Entra ID's v2.0 endpoints for one tenant: OpenID discovery, JWKS, instance discovery (for MSAL when instance
 * discovery isn't disabled; note that MSAL asks login.microsoftonline.com for it, not the authority host) and the
 * token endpoint (tokenEndpoint.ts).
 */
import type { GraphResult, TenantSeed } from './types';
import { entraError, JSON_HEADERS, TokenEndpoint, type IdentityDeps } from './tokenEndpoint';
import { publishedKeys } from './tokens';
import { authorize } from './consent';

export type { IdentityDeps } from './tokenEndpoint';

export class Identity {
  private readonly tokens: TokenEndpoint;

  constructor(private readonly deps: IdentityDeps) {
    this.tokens = new TokenEndpoint(deps);
  }

  private get seed(): TenantSeed {
    return this.deps.tenant.seed;
  }

  private err(status: number, error: string, code: number, description: string): GraphResult {
    return entraError(this.deps.baseUrl(), status, error, code, description);
  }

  /** Answers an Entra ID request, or returns undefined when the path isn't one. */
  async handle(
    method: string,
    path: string,
    query: URLSearchParams,
    headers: Record<string, string>,
    body: string,
  ): Promise<GraphResult | undefined> {
    const match = /^\/(?<tenant>[^/]+)\/(?<rest>.+)$/.exec(path);
    const tenantSegment = match?.groups?.tenant ?? '';
    const rest = match?.groups?.rest ?? '';
    if (method === 'GET' && tenantSegment === 'common' && rest === 'discovery/instance')
      return this.instanceDiscovery(query);
    const endpoints: Record<string, string> = {
      'v2.0/.well-known/openid-configuration': 'GET',
      'discovery/v2.0/keys': 'GET',
      'discovery/keys': 'GET',
      'oauth2/v2.0/token': 'POST',
      'oauth2/v2.0/authorize': 'GET',
    };
    const expected = endpoints[rest];
    if (!expected) return undefined;
    if (method !== expected)
      return {
        status: 405,
        headers: { Allow: expected },
        body: { error: 'invalid_request', error_description: `Use ${expected}.` },
      };
    if (!this.knownTenant(tenantSegment)) {
      return this.err(
        400,
        'invalid_tenant',
        90002,
        `Tenant '${tenantSegment}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.`,
      );
    }
    if (rest === 'v2.0/.well-known/openid-configuration')
      return { status: 200, headers: JSON_HEADERS, body: this.openIdConfiguration(tenantSegment) };
    if (rest.includes('keys')) {
      const keys = publishedKeys(this.deps.key).map((k) => ({ ...k.jwk, issuer: this.deps.issuer.issuer() }));
      return { status: 200, headers: JSON_HEADERS, body: { keys } };
    }
    if (rest === 'oauth2/v2.0/authorize') return authorize(this.seed, this.deps.tenant, this.deps.consent, query);
    return this.tokens.handle(new URLSearchParams(body), headers);
  }

  private knownTenant(segment: string): boolean {
    const s = segment.toLowerCase();
    return (
      s === this.seed.tenantId.toLowerCase() ||
      s === this.seed.domain.toLowerCase() ||
      s === 'common' ||
      s === 'organizations'
    );
  }

  private openIdConfiguration(segment: string): Record<string, unknown> {
    const base = this.deps.baseUrl();
    const multi = segment === 'common' || segment === 'organizations';
    const authority = `${base}/${multi ? segment : this.seed.tenantId}`;
    return {
      token_endpoint: `${authority}/oauth2/v2.0/token`,
      token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
      jwks_uri: `${base}/${multi ? segment : this.seed.tenantId}/discovery/v2.0/keys`,
      response_modes_supported: ['query', 'fragment', 'form_post'],
      subject_types_supported: ['pairwise'],
      id_token_signing_alg_values_supported: ['RS256'],
      response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
      scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
      issuer: multi ? `${base}/{tenantid}/v2.0` : this.deps.issuer.issuer(),
      request_uri_parameter_supported: false,
      userinfo_endpoint: `${base}/oidc/userinfo`,
      authorization_endpoint: `${authority}/oauth2/v2.0/authorize`,
      device_authorization_endpoint: `${authority}/oauth2/v2.0/devicecode`,
      http_logout_supported: true,
      frontchannel_logout_supported: true,
      end_session_endpoint: `${authority}/oauth2/v2.0/logout`,
      claims_supported: [
        'sub',
        'iss',
        'cloud_instance_name',
        'cloud_instance_host_name',
        'cloud_graph_host_name',
        'msgraph_host',
        'aud',
        'exp',
        'iat',
        'auth_time',
        'acr',
        'nonce',
        'preferred_username',
        'name',
        'tid',
        'ver',
        'at_hash',
        'c_hash',
        'email',
      ],
      kerberos_endpoint: `${authority}/kerberos`,
      tenant_region_scope: 'EU',
      cloud_instance_name: 'microsoftonline.com',
      cloud_graph_host_name: 'graph.windows.net',
      msgraph_host: 'graph.microsoft.com',
      rbac_url: 'https://pas.windows.net',
    };
  }

  /** MSAL's instance discovery: this host is its own (only) alias. */
  private instanceDiscovery(query: URLSearchParams): GraphResult {
    const base = this.deps.baseUrl();
    const host = new URL(base).host;
    const authorization = query.get('authorization_endpoint') ?? '';
    const tenant = /\/([^/]+)\/oauth2\/v2\.0\/authorize/.exec(authorization)?.[1] ?? 'common';
    return {
      status: 200,
      headers: JSON_HEADERS,
      body: {
        tenant_discovery_endpoint: `${base}/${tenant}/v2.0/.well-known/openid-configuration`,
        'api-version': '1.1',
        metadata: [{ preferred_network: host, preferred_cache: host, aliases: [host] }],
      },
    };
  }
}
