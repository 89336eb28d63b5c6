import type { AccessToken, TokenCredential } from '@azure/identity';
import { ConfidentialClientApplication, LogLevel } from '@azure/msal-node';
import { z } from 'zod';
import { isMicrosoftAuthorityHost } from '../graph/graphClient';

/** Whose delegated access a Graph call uses: the validated caller (tenant + object id). */
export interface DelegatingCaller {
  tenantId: string;
  userId: string;
}

export interface OnBehalfOf {
  /**
   * A credential that calls Graph AS the caller, exchanging their API token (`assertion`) for a Graph token with
   * exactly `scopes` (On-Behalf-Of). Whatever scope the Graph client asks for, only `scopes` are requested.
   */
  credentialFor(caller: DelegatingCaller, assertion: string, scopes: readonly string[]): TokenCredential;
}

export interface OnBehalfOfOptions {
  authorityHost: string;
  clientId: string;
  clientSecret: string;
  /** How many people's token caches one process keeps (least recently used go first). Default 500. */
  maxUsers?: number;
}

/**
 * Why Entra ID refused a delegated token, in terms of what the person can do about it:
 * - consentRequired: they (or their admin) have not consented: the tab shows its consent prompt;
 * - claimsChallenge: Conditional Access asks for more at sign-in (MFA, a fresh sign-in…): the tab asks its host for
 *   a new token with these `claims` and tries again;
 * - accessBlocked: a policy no sign-in here can satisfy (blocked location or device…): say so, with the AADSTS code an
 *   admin looks up.
 */
export type DelegatedRefusal =
  | { kind: 'consentRequired' }
  | { kind: 'claimsChallenge'; claims: string; code: string }
  | { kind: 'accessBlocked'; code: string };

const refusalSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('consentRequired') }),
  z.object({ kind: z.literal('claimsChallenge'), claims: z.string(), code: z.string() }),
  z.object({ kind: z.literal('accessBlocked'), code: z.string() }),
]);

/**
 * The Graph client rewraps a credential's error as a GraphError that keeps only its name (as `code`) and message, so
 * the refusal travels inside the message, after this marker (base64url JSON: no spaces, nothing personal).
 */
const MARKER = 'delegated-refusal:';

/** On-Behalf-Of was refused; `refusal` says why. */
export class DelegatedAccessRefused extends Error {
  override readonly name = 'DelegatedAccessRefused';
  constructor(
    readonly refusal: DelegatedRefusal,
    options?: ErrorOptions,
  ) {
    const why =
      refusal.kind === 'consentRequired'
        ? 'The person has not consented to Candor reading Graph for them.'
        : refusal.kind === 'claimsChallenge'
          ? `Conditional Access asks for more at sign-in (${refusal.code}).`
          : `Conditional Access blocks the token (${refusal.code}).`;
    super(`${why} ${MARKER}${Buffer.from(JSON.stringify(refusal)).toString('base64url')}`, options);
  }
}

/**
 * On-Behalf-Of with @azure/msal-node, one ConfidentialClientApplication per person (tenant + object id) in a
 * bounded LRU map. Each application has its own in-memory token cache, so one person's Graph token can never be
 * served to another: the partition is structural, not a filter. msal's docs warn that a single application's
 * cache shared by concurrent requests of different users leaks across them unless a partitioned cache plugin
 * reloads it per request; an application per person needs no plugin, and in multi-tenant mode it also carries the
 * right authority (the person's own tenant). Evicting a person only costs one token request later.
 */
export function createOnBehalfOf(options: OnBehalfOfOptions): OnBehalfOf {
  const maxUsers = options.maxUsers ?? 500;
  const authorityHost = options.authorityHost.replace(/\/+$/, '');
  const microsoft = isMicrosoftAuthorityHost(authorityHost);
  const apps = new Map<string, ConfidentialClientApplication>();

  const appFor = (caller: DelegatingCaller): ConfidentialClientApplication => {
    const key = `${caller.tenantId.toLowerCase()}|${caller.userId.toLowerCase()}`;
    let app = apps.get(key);
    if (app) {
      apps.delete(key); // re-insert: Map order is the LRU order
    } else {
      app = new ConfidentialClientApplication({
        auth: {
          clientId: options.clientId,
          clientSecret: options.clientSecret,
          authority: `${authorityHost}/${caller.tenantId}`,
          // Not Microsoft's login host (the local simulator): trust it as is, without asking Microsoft's instance
          // discovery, which only knows Microsoft's clouds.
          ...(microsoft ? {} : { knownAuthorities: [new URL(authorityHost).host] }),
        },
        // Errors only, and never personal data: msal's verbose logs would carry user names.
        system: {
          loggerOptions: { piiLoggingEnabled: false, logLevel: LogLevel.Error, loggerCallback: () => undefined },
        },
      });
      if (apps.size >= maxUsers) {
        const oldest = apps.keys().next();
        if (!oldest.done) apps.delete(oldest.value);
      }
    }
    apps.set(key, app);
    return app;
  };

  return {
    credentialFor(caller, assertion, scopes) {
      return {
        async getToken(): Promise<AccessToken> {
          let result;
          try {
            result = await appFor(caller).acquireTokenOnBehalfOf({ oboAssertion: assertion, scopes: [...scopes] });
          } catch (error) {
            const refusal = classifyOboFailure(error);
            if (refusal) throw new DelegatedAccessRefused(refusal, { cause: error });
            throw error;
          }
          if (!result?.accessToken) throw new Error('On-behalf-of returned no access token.');
          return { token: result.accessToken, expiresOnTimestamp: result.expiresOn?.getTime() ?? Date.now() + 60_000 };
        },
      };
    },
  };
}

/** Conditional Access error numbers: MFA required (50076, 50079), device state (50158) and the 53xxx family. */
const CONDITIONAL_ACCESS = /^AADSTS(50076|50079|50158|53\d{3,4})$/;

/**
 * Sorts an msal-node On-Behalf-Of failure (an InteractionRequiredAuthError or ServerError carrying Entra's `error`,
 * `suberror`, `claims` and AADSTS description). A missing consent is `invalid_grant` AADSTS65001 (suberror
 * `consent_required`); Conditional Access answers `interaction_required` (or `invalid_grant`) with its AADSTS
 * number, and with `claims` when a new sign-in could satisfy it. Anything else is no refusal (null).
 */
export function classifyOboFailure(error: unknown): DelegatedRefusal | null {
  if (typeof error !== 'object' || error === null) return null;
  const field = (name: string): string => {
    const value: unknown = (error as Record<string, unknown>)[name];
    return typeof value === 'string' || typeof value === 'number' ? String(value) : '';
  };
  const errorCode = field('errorCode');
  const sub = field('subError');
  const message = error instanceof Error ? error.message : '';
  const number = field('errorNo') || /AADSTS(\d+)/.exec(message)?.[1] || '';
  const code = number ? `AADSTS${number}` : '';
  if (errorCode === 'consent_required' || sub === 'consent_required' || code === 'AADSTS65001')
    return { kind: 'consentRequired' };
  const claims = field('claims');
  if (errorCode !== 'interaction_required' && !CONDITIONAL_ACCESS.test(code)) return null;
  const shown = code || 'interaction_required';
  return claims ? { kind: 'claimsChallenge', claims, code: shown } : { kind: 'accessBlocked', code: shown };
}

/** The refusal behind a failure (as thrown, wrapped by fromGraph, or rewrapped by the Graph client), or null. */
export function delegatedRefusalOf(error: unknown): DelegatedRefusal | null {
  for (let e: unknown = error, depth = 0; typeof e === 'object' && e !== null && depth < 5; depth++) {
    if (e instanceof DelegatedAccessRefused) return e.refusal;
    const message = e instanceof Error ? e.message : '';
    const at = message.indexOf(MARKER);
    if (at >= 0 && 'code' in e && e.code === 'DelegatedAccessRefused') {
      try {
        const decoded: unknown = JSON.parse(Buffer.from(message.slice(at + MARKER.length), 'base64url').toString());
        const parsed = refusalSchema.safeParse(decoded);
        if (parsed.success) return parsed.data;
      } catch {
        return null;
      }
    }
    e = 'cause' in e ? e.cause : undefined;
  }
  return null;
}

/** Whether a failure comes down to a missing consent. */
export function isConsentRequired(error: unknown): boolean {
  return delegatedRefusalOf(error)?.kind === 'consentRequired';
}
