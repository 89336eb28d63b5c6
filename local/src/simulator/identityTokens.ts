/**
 * The claims of each kind of token Entra ID would issue here: v2.0 access tokens for the Candor API (what Teams
 * SSO hands the tab), v1.0 Graph tokens (app-only and delegated, as Entra issues for Graph), and id tokens.
 */
import { createHash } from 'node:crypto';
import type { JWTPayload } from 'jose';
import type { SeedUser, TenantSeed } from './types';
import { epochSeconds, GRAPH_AUDIENCE, signToken, type SigningKey } from './tokens';
import { guidFrom } from './ids';

export const API_TOKEN_LIFETIME_SECONDS = 3600;
export const GRAPH_TOKEN_LIFETIME_SECONDS = 3599;

export interface MintOptions {
  audience?: string;
  /** `scp` values; an empty list leaves `scp` out. Default `['access_as_user']`. */
  scopes?: string[];
  expiresInSeconds?: number;
  /** Added to `nbf`: positive makes a token that is not valid yet. */
  notBeforeOffsetSeconds?: number;
  /** The client the token was issued to (`azp`). Default: the first pre-authorized client (Teams). */
  clientId?: string;
  /** Claims that replace the ones above, signed with the same key (the hostile suite: another issuer or tenant). */
  claims?: JWTPayload;
}

export class TokenIssuer {
  constructor(
    private readonly seed: TenantSeed,
    private readonly key: SigningKey,
    private readonly baseUrl: () => string,
  ) {}

  /** `iss` of v2.0 tokens and id tokens: `{authority}/{tid}/v2.0`. */
  issuer(): string {
    return `${this.baseUrl()}/${this.seed.tenantId}/v2.0`;
  }

  /** `iss` of v1.0 tokens (Graph's): Entra writes the sts.windows.net form whatever the authority host. */
  private v1Issuer(): string {
    return `https://sts.windows.net/${this.seed.tenantId}/`;
  }

  /** `sub` is pairwise (per user and application), so the product must key users by `oid`, never `sub`. */
  private pairwiseSub(user: SeedUser, appId: string): string {
    return createHash('sha256').update(`${user.id}|${appId}`).digest('base64url').slice(0, 43);
  }

  private times(lifetime: number, notBeforeOffset = 0): { iat: number; nbf: number; exp: number } {
    const now = epochSeconds();
    // An already-expired token still needs iat/nbf before exp to look like a once-valid token.
    const iat = lifetime > 0 ? now : now + lifetime - 3600;
    return { iat, nbf: iat + notBeforeOffset, exp: now + lifetime };
  }

  /** A user's v2.0 access token for the Candor API (or another audience, for negative tests). */
  async apiToken(user: SeedUser, options: MintOptions = {}): Promise<string> {
    const app = this.seed.apiApp;
    const clientId = options.clientId ?? app.preAuthorizedClientIds[0] ?? app.clientId;
    const scopes = options.scopes ?? ['access_as_user'];
    const claims: JWTPayload = {
      aud: options.audience ?? app.clientId,
      iss: this.issuer(),
      ...this.times(options.expiresInSeconds ?? API_TOKEN_LIFETIME_SECONDS, options.notBeforeOffsetSeconds),
      aio: 'simulated',
      azp: clientId,
      azpacr: clientId === app.clientId ? '1' : '0',
      name: user.displayName,
      oid: user.id,
      preferred_username: user.userPrincipalName,
      rh: '0.simulated.',
      ...(scopes.length ? { scp: scopes.join(' ') } : {}),
      sid: guidFrom(`session|${user.id}`),
      sub: this.pairwiseSub(user, app.clientId),
      tid: this.seed.tenantId,
      ver: '2.0',
      ...options.claims,
    };
    return signToken(this.key, claims);
  }

  /** App-only Graph token (client credentials): the admin-consented application permissions as `roles`. */
  async graphAppToken(clientId: string): Promise<string> {
    const servicePrincipalId = guidFrom(`service-principal|${clientId}`);
    return signToken(this.key, {
      aud: GRAPH_AUDIENCE,
      iss: this.v1Issuer(),
      ...this.times(GRAPH_TOKEN_LIFETIME_SECONDS),
      app_displayname: 'Candor API',
      appid: clientId,
      appidacr: '1',
      idp: this.v1Issuer(),
      idtyp: 'app',
      oid: servicePrincipalId,
      roles: this.seed.apiApp.graphApplicationPermissions,
      sub: servicePrincipalId,
      tid: this.seed.tenantId,
      ver: '1.0',
    });
  }

  /** Delegated Graph token (on-behalf-of or ROPC): the granted delegated permissions as `scp`. */
  async graphUserToken(user: SeedUser, clientId: string, scopes: string[]): Promise<string> {
    return signToken(this.key, {
      aud: GRAPH_AUDIENCE,
      iss: this.v1Issuer(),
      ...this.times(GRAPH_TOKEN_LIFETIME_SECONDS),
      acct: 0,
      amr: ['pwd'],
      app_displayname: 'Candor API',
      appid: clientId,
      appidacr: clientId === this.seed.apiApp.clientId ? '1' : '0',
      family_name: user.surname,
      given_name: user.givenName,
      idtyp: 'user',
      ipaddr: '127.0.0.1',
      name: user.displayName,
      oid: user.id,
      scp: scopes.join(' '),
      sub: this.pairwiseSub(user, '00000003-0000-0000-c000-000000000000'),
      tid: this.seed.tenantId,
      unique_name: user.userPrincipalName,
      upn: user.userPrincipalName,
      ver: '1.0',
    });
  }

  /** The OpenID Connect id token that comes with user sign-ins when `openid` is asked for. */
  async idToken(user: SeedUser, clientId: string): Promise<string> {
    return signToken(this.key, {
      aud: clientId,
      iss: this.issuer(),
      ...this.times(API_TOKEN_LIFETIME_SECONDS),
      name: user.displayName,
      oid: user.id,
      preferred_username: user.userPrincipalName,
      rh: '0.simulated.',
      sub: this.pairwiseSub(user, clientId),
      tid: this.seed.tenantId,
      ver: '2.0',
    });
  }

  /** MSAL builds its account from `client_info` (base64url JSON of the user's oid and tenant). */
  clientInfo(user: SeedUser): string {
    return Buffer.from(JSON.stringify({ uid: user.id, utid: this.seed.tenantId })).toString('base64url');
  }
}
