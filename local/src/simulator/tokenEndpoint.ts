/**
 * Entra ID's token endpoint (`POST /{tenant}/oauth2/v2.0/token`) with the grants Candor uses: client credentials
 * (app-only Graph), on-behalf-of (delegated Graph for the caller), password/ROPC and refresh_token (local sign-in of
 * demo users). Errors carry Entra's AADSTS codes so the product's error handling meets real shapes.
 */
import { randomUUID } from 'node:crypto';
import type { JWTPayload } from 'jose';
import type { GraphResult, SeedUser, TenantSeed } from './types';
import type { Tenant } from './tenant';
import type { SigningKey } from './tokens';
import { GRAPH_APP_ID, GRAPH_AUDIENCE, signToken, TokenRejected, verifyToken } from './tokens';
import { BOT_CONNECTOR_AUDIENCE, BOT_CONNECTOR_SCOPE } from './botFramework';
import { API_TOKEN_LIFETIME_SECONDS, GRAPH_TOKEN_LIFETIME_SECONDS, type TokenIssuer } from './identityTokens';
import { requestId } from './ids';
import type { ConsentLedger } from './consent';
import { accessPolicyRefusal, type AccessPolicies } from './accessPolicy';

export const JSON_HEADERS = {
  'Content-Type': 'application/json; charset=utf-8',
  'Cache-Control': 'no-store, no-cache',
  Pragma: 'no-cache',
};
const OIDC_SCOPES = new Set(['openid', 'profile', 'offline_access', 'email']);
const GRAPH_PREFIXES = [`${GRAPH_AUDIENCE}/`, `${GRAPH_APP_ID}/`];

export interface IdentityDeps {
  tenant: Tenant;
  key: SigningKey;
  issuer: TokenIssuer;
  baseUrl: () => string;
  clientSecret: string;
  /** Who has not consented yet (consent.ts). */
  consent: ConsentLedger;
  /** Conditional Access per person on the OBO grant (accessPolicy.ts). */
  policies: AccessPolicies;
}

interface Grant {
  resource: 'api' | 'graph';
  /** Scopes as Entra echoes them in `scope` (fully qualified). */
  scopes: string[];
  /** What goes into `scp` (short names). */
  scp: string[];
}

/** Entra's error body: code, description with the AADSTS number and trace ids, and `error_codes`. */
export function entraError(
  baseUrl: string,
  status: number,
  error: string,
  code: number,
  description: string,
): GraphResult {
  const trace = randomUUID();
  const correlation = randomUUID();
  const timestamp = new Date()
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d{3}Z$/, 'Z');
  return {
    status,
    headers: JSON_HEADERS,
    body: {
      error,
      error_description: `AADSTS${code}: ${description} Trace ID: ${trace} Correlation ID: ${correlation} Timestamp: ${timestamp}`,
      error_codes: [code],
      timestamp,
      trace_id: trace,
      correlation_id: correlation,
      error_uri: `${baseUrl}/error?code=${code}`,
    },
  };
}

export class TokenEndpoint {
  private readonly refreshTokens = new Map<string, { userId: string; clientId: string; scope: string }>();

  constructor(private readonly deps: IdentityDeps) {}

  private get seed(): TenantSeed {
    return this.deps.tenant.seed;
  }

  private err(status: number, error: string, code: number, description: string): GraphResult {
    return entraError(this.deps.baseUrl(), status, error, code, description);
  }

  /** Client authentication by `client_secret_post` or `client_secret_basic`. */
  private client(form: URLSearchParams, headers: Record<string, string>): { clientId: string; secret?: string } {
    const basic = /^Basic\s+(.+)$/i.exec(headers.authorization ?? '');
    if (basic?.[1]) {
      const [id, secret] = Buffer.from(basic[1], 'base64').toString('utf8').split(':');
      return { clientId: decodeURIComponent(id ?? ''), secret: decodeURIComponent(secret ?? '') };
    }
    const secret = form.get('client_secret');
    return { clientId: form.get('client_id') ?? '', ...(secret === null ? {} : { secret }) };
  }

  /** The confidential client (the Candor API) must prove itself with the configured secret. */
  private checkSecret(clientId: string, secret: string | undefined): GraphResult | undefined {
    if (secret === undefined || secret === '') {
      return this.err(
        401,
        'invalid_client',
        7000218,
        "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.",
      );
    }
    if (secret !== this.deps.clientSecret) {
      return this.err(
        401,
        'invalid_client',
        7000215,
        `Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${clientId}'.`,
      );
    }
    return undefined;
  }

  private knownClient(clientId: string): boolean {
    const app = this.seed.apiApp;
    return clientId === app.clientId || app.preAuthorizedClientIds.includes(clientId);
  }

  /** Works out which resource a scope list is for and what to grant, as the v2.0 endpoint does (one resource per token). */
  private grantFor(scopeParam: string, consented: 'delegated' | 'application'): Grant | GraphResult {
    const requested = scopeParam.split(/\s+/).filter((s) => s && !OIDC_SCOPES.has(s.toLowerCase()));
    if (requested.length === 0) {
      return this.err(400, 'invalid_scope', 70011, "The provided request must include a 'scope' input parameter.");
    }
    const app = this.seed.apiApp;
    const apiPrefixes = [`${app.appIdUri}/`, `api://${app.clientId}/`, `${app.clientId}/`];
    const isGraph = requested.every((s) => GRAPH_PREFIXES.some((p) => s.toLowerCase().startsWith(p)));
    const isApi = requested.every((s) => apiPrefixes.some((p) => s.toLowerCase().startsWith(p.toLowerCase())));
    if (!isGraph && !isApi) {
      return this.err(
        400,
        'invalid_scope',
        70011,
        `The provided value for the input parameter 'scope' is not valid. The scope '${requested.join(' ')}' is not valid.`,
      );
    }
    const short = requested.map((s) => s.slice(s.lastIndexOf('/') + 1));
    if (consented === 'application') {
      if (requested.length !== 1 || short[0] !== '.default') {
        return this.err(
          400,
          'invalid_scope',
          1002012,
          `The provided value for scope ${requested.join(' ')} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).`,
        );
      }
      return { resource: isGraph ? 'graph' : 'api', scopes: [`${GRAPH_AUDIENCE}/.default`], scp: [] };
    }
    if (isApi) {
      if (short.some((s) => s !== '.default' && s !== 'access_as_user')) {
        return this.err(
          400,
          'invalid_scope',
          70011,
          `The application '${app.clientId}' asked for scope '${requested.join(' ')}' that doesn't exist on the resource.`,
        );
      }
      return { resource: 'api', scopes: [`${app.appIdUri}/access_as_user`], scp: ['access_as_user'] };
    }
    const granted = short.includes('.default') ? app.graphDelegatedPermissions : short;
    const missing = granted.filter((s) => !app.graphDelegatedPermissions.includes(s));
    if (missing.length) {
      return this.err(
        400,
        'invalid_grant',
        65001,
        `The user or administrator has not consented to use the application with ID '${app.clientId}' named 'Candor API'. Send an interactive authorization request for this user and resource. (missing: ${missing.join(', ')})`,
      );
    }
    return { resource: 'graph', scopes: granted.map((s) => `${GRAPH_AUDIENCE}/${s}`), scp: granted };
  }

  async handle(form: URLSearchParams, headers: Record<string, string>): Promise<GraphResult> {
    const grantType = form.get('grant_type') ?? '';
    const { clientId, secret } = this.client(form, headers);
    if (!clientId)
      return this.err(
        400,
        'invalid_request',
        900144,
        "The request body must contain the following parameter: 'client_id'.",
      );
    if (!this.knownClient(clientId)) {
      return this.err(
        400,
        'unauthorized_client',
        700016,
        `Application with identifier '${clientId}' was not found in the directory '${this.seed.tenantId}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant.`,
      );
    }
    switch (grantType) {
      case 'client_credentials':
        return this.clientCredentials(form, clientId, secret);
      case 'password':
        return this.password(form, clientId, secret);
      case 'urn:ietf:params:oauth:grant-type:jwt-bearer':
        return this.onBehalfOf(form, clientId, secret);
      case 'refresh_token':
        return this.refresh(form, clientId, secret);
      default:
        return this.err(
          400,
          'unsupported_grant_type',
          70003,
          `The app requested an unsupported grant type '${grantType}'.`,
        );
    }
  }

  private async clientCredentials(
    form: URLSearchParams,
    clientId: string,
    secret: string | undefined,
  ): Promise<GraphResult> {
    if (clientId !== this.seed.apiApp.clientId)
      return this.err(
        400,
        'unauthorized_client',
        700016,
        `Application '${clientId}' cannot use client credentials here.`,
      );
    const badSecret = this.checkSecret(clientId, secret);
    if (badSecret) return badSecret;
    // The Candor bot's outbound token for the Bot Connector (botFramework.ts checks it): an app-only Entra token.
    if ((form.get('scope') ?? '').trim() === BOT_CONNECTOR_SCOPE) {
      const now = Math.floor(Date.now() / 1000);
      const token = await signToken(this.deps.key, {
        aud: BOT_CONNECTOR_AUDIENCE,
        iss: `https://sts.windows.net/${this.seed.tenantId}/`,
        tid: this.seed.tenantId,
        appid: clientId,
        appidacr: '1',
        idtyp: 'app',
        ver: '1.0',
        iat: now,
        nbf: now,
        exp: now + GRAPH_TOKEN_LIFETIME_SECONDS,
      });
      return this.tokenResponse({ access_token: token }, GRAPH_TOKEN_LIFETIME_SECONDS);
    }
    const grant = this.grantFor(form.get('scope') ?? '', 'application');
    if ('status' in grant) return grant;
    if (grant.resource !== 'graph')
      return this.err(
        400,
        'invalid_resource',
        500011,
        `The resource principal named ${form.get('scope') ?? ''} was not found in the tenant named ${this.seed.tenantId}.`,
      );
    return this.tokenResponse(
      { access_token: await this.deps.issuer.graphAppToken(clientId) },
      GRAPH_TOKEN_LIFETIME_SECONDS,
    );
  }

  /** Issues what a user sign-in returns: access token, plus id token/client_info/refresh token when asked for. */
  private async userTokens(
    user: SeedUser,
    clientId: string,
    grant: Grant,
    form: URLSearchParams,
  ): Promise<GraphResult> {
    const access =
      grant.resource === 'api'
        ? await this.deps.issuer.apiToken(user, { clientId })
        : await this.deps.issuer.graphUserToken(user, clientId, grant.scp);
    const requested = (form.get('scope') ?? '').split(/\s+/);
    const extra: Record<string, string> = {};
    if (requested.includes('openid')) extra.id_token = await this.deps.issuer.idToken(user, clientId);
    if (form.get('client_info') === '1') extra.client_info = this.deps.issuer.clientInfo(user);
    if (requested.includes('offline_access')) {
      const refreshToken = `0.sim.${requestId()}${requestId()}`.replace(/-/g, '');
      this.refreshTokens.set(refreshToken, { userId: user.id, clientId, scope: form.get('scope') ?? '' });
      extra.refresh_token = refreshToken;
    }
    const lifetime = grant.resource === 'api' ? API_TOKEN_LIFETIME_SECONDS : GRAPH_TOKEN_LIFETIME_SECONDS;
    return this.tokenResponse({ scope: grant.scopes.join(' '), access_token: access, ...extra }, lifetime);
  }

  private async password(form: URLSearchParams, clientId: string, secret: string | undefined): Promise<GraphResult> {
    if (secret !== undefined) {
      const badSecret = clientId === this.seed.apiApp.clientId ? this.checkSecret(clientId, secret) : undefined;
      if (badSecret) return badSecret;
    }
    const username = form.get('username') ?? '';
    const user = this.deps.tenant.user(username);
    if (!user) {
      return this.err(
        400,
        'invalid_grant',
        50034,
        `The user account {EmailHidden} does not exist in the ${this.seed.tenantId} directory. To sign into this application, the account must be added to the directory.`,
      );
    }
    if (!form.get('password'))
      return this.err(400, 'invalid_grant', 50126, 'Error validating credentials due to invalid username or password.');
    const grant = this.grantFor(form.get('scope') ?? '', 'delegated');
    if ('status' in grant) return grant;
    return this.userTokens(user, clientId, grant, form);
  }

  private async onBehalfOf(form: URLSearchParams, clientId: string, secret: string | undefined): Promise<GraphResult> {
    if (clientId !== this.seed.apiApp.clientId)
      return this.err(400, 'unauthorized_client', 700016, `Application '${clientId}' cannot use on-behalf-of here.`);
    const badSecret = this.checkSecret(clientId, secret);
    if (badSecret) return badSecret;
    if (form.get('requested_token_use') !== 'on_behalf_of') {
      return this.err(
        400,
        'invalid_request',
        900144,
        "The request body must contain the following parameter: 'requested_token_use'.",
      );
    }
    let oid: string;
    let assertion: JWTPayload;
    try {
      assertion = await verifyToken(this.deps.key, form.get('assertion') ?? '', [clientId, this.seed.apiApp.appIdUri]);
      oid = typeof assertion.oid === 'string' ? assertion.oid : '';
    } catch (error) {
      const reason = error instanceof TokenRejected ? error.message : 'invalid assertion';
      if (/expired|not yet valid/.test(reason)) {
        return this.err(
          400,
          'invalid_grant',
          500133,
          'Assertion is not within its valid time range. Ensure that the access token is not expired before using it for user assertion, or request a new token.',
        );
      }
      if (/audience/.test(reason))
        return this.err(
          400,
          'invalid_grant',
          50013,
          'Assertion audience does not match the Client app presenting the assertion.',
        );
      return this.err(400, 'invalid_grant', 50013, `Assertion failed signature validation. [Reason - ${reason}]`);
    }
    const user = this.deps.tenant.user(oid);
    if (!user) return this.err(400, 'invalid_grant', 50013, 'Assertion contains an unknown user.');
    if (!this.deps.consent.given(user.id)) {
      const denied = this.err(
        400,
        'invalid_grant',
        65001,
        `The user or administrator has not consented to use the application with ID '${clientId}' named 'Candor API'. Send an interactive authorization request for this user and resource.`,
      );
      return { ...denied, body: { ...(denied.body as Record<string, unknown>), suberror: 'consent_required' } };
    }
    // Conditional Access is evaluated when the token is issued, after consent.
    const refused = accessPolicyRefusal(this.deps.policies.of(user.id), assertion, (...args) => this.err(...args));
    if (refused) return refused;
    const grant = this.grantFor(form.get('scope') ?? '', 'delegated');
    if ('status' in grant) return grant;
    if (grant.resource !== 'graph')
      return this.err(400, 'invalid_grant', 50013, 'On-behalf-of is for calling another API; ask for Graph scopes.');
    return this.userTokens(user, clientId, grant, form);
  }

  private async refresh(form: URLSearchParams, clientId: string, secret: string | undefined): Promise<GraphResult> {
    const stored = this.refreshTokens.get(form.get('refresh_token') ?? '');
    if (!stored || stored.clientId !== clientId)
      return this.err(400, 'invalid_grant', 9002313, 'Invalid request. Request is malformed or invalid.');
    if (clientId === this.seed.apiApp.clientId) {
      const badSecret = this.checkSecret(clientId, secret);
      if (badSecret) return badSecret;
    }
    const user = this.deps.tenant.user(stored.userId);
    const grant = this.grantFor(form.get('scope') ?? stored.scope, 'delegated');
    if (!user) return this.err(400, 'invalid_grant', 50034, 'The user account no longer exists.');
    if ('status' in grant) return grant;
    return this.userTokens(user, clientId, grant, form);
  }

  private tokenResponse(fields: Record<string, string>, lifetime: number): GraphResult {
    return {
      status: 200,
      headers: JSON_HEADERS,
      body: { token_type: 'Bearer', expires_in: lifetime, ext_expires_in: lifetime, ...fields },
    };
  }
}
