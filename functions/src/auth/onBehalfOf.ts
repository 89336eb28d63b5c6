import type { AccessToken, TokenCredential } from '@azure/identity';
import { ConfidentialClientApplication, LogLevel } from '@azure/msal-node';
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

/** The person has not consented (or an admin has not) to what the delegated call needs: the tab must ask them. */
export class ConsentRequired extends Error {
  override readonly name = 'ConsentRequired';
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
            if (needsConsent(error))
              throw new ConsentRequired('The person has not consented to Candor reading Graph for them.', {
                cause: error,
              });
            throw error;
          }
          if (!result?.accessToken) throw new Error('On-behalf-of returned no access token.');
          return { token: result.accessToken, expiresOnTimestamp: result.expiresOn?.getTime() ?? Date.now() + 60_000 };
        },
      };
    },
  };
}

/**
 * Entra answers a missing consent with `invalid_grant` + AADSTS65001 (suberror `consent_required`), or
 * `interaction_required`; msal surfaces either as an error whose `errorCode`/`subError` say so.
 */
export function needsConsent(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const code = 'errorCode' in error ? String(error.errorCode) : '';
  const sub = 'subError' in error ? String(error.subError) : '';
  const message = error instanceof Error ? error.message : '';
  if (code === 'consent_required' || code === 'interaction_required' || sub === 'consent_required') return true;
  return code === 'invalid_grant' && /AADSTS65001\b/.test(message);
}

/** Whether a failure (as thrown, or wrapped by the Graph client or fromGraph) comes down to a missing consent. */
export function isConsentRequired(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; typeof e === 'object' && e !== null && depth < 5; depth++) {
    if (e instanceof ConsentRequired) return true;
    // The Graph client rewraps a credential's error as a GraphError whose `code` is the original error's name.
    if ('code' in e && e.code === 'ConsentRequired') return true;
    e = 'cause' in e ? e.cause : undefined;
  }
  return false;
}
