/**
 * Conditional Access for the simulated tenant, per person, on what the Candor API asks Graph for On-Behalf-Of:
 *
 * - `requireMfa`: the OBO grant answers 400 `interaction_required` AADSTS50076 with a `claims` challenge (an
 *   access_token claims request naming the policy), until the assertion shows the person did MFA. Teams SSO asked
 *   with those claims (teams-js getAuthToken `claims`, `silent: false`) prompts for MFA and hands the tab a token
 *   that records it; the simulator's SSO (`ssoToken`) adds `amr: ['pwd', 'mfa']`.
 * - `blocked`: a policy no sign-in satisfies (a blocked location or device): `interaction_required` AADSTS53003 with
 *   suberror `message_only` and no claims, whatever the assertion.
 *
 * The Teams SSO token for the Candor API itself is not refused: the policy targets Graph (Exchange Online).
 */
import type { JWTPayload } from 'jose';
import type { GraphResult } from './types';

export type AccessPolicy = 'requireMfa' | 'blocked';

/** The id of the simulated "require MFA for Exchange Online" policy, as Entra names it in `polids`. */
export const MFA_POLICY_ID = '6f1e2a4c-8d3b-4e5f-9a7c-1b2d3e4f5a6b';

/** The claims challenge Entra sends with AADSTS50076 for that policy (a JSON string, as it appears in the body). */
export const MFA_CLAIMS_CHALLENGE = JSON.stringify({
  access_token: { polids: { essential: true, values: [MFA_POLICY_ID] } },
});

export class AccessPolicies {
  private readonly byUser = new Map<string, AccessPolicy>();

  of(userId: string): AccessPolicy | undefined {
    return this.byUser.get(userId.toLowerCase());
  }

  /** `null` lifts the person's policy. */
  set(userId: string, policy: AccessPolicy | null): void {
    if (policy) this.byUser.set(userId.toLowerCase(), policy);
    else this.byUser.delete(userId.toLowerCase());
  }

  /**
   * The claims an SSO token carries when the host asked with `claims`: MFA done, when they are the MFA challenge
   * (the simulated person always passes it). Other claims asked for add nothing.
   */
  ssoClaims(requested: readonly string[]): JWTPayload {
    return requested.some(namesMfaPolicy) ? { amr: ['pwd', 'mfa'] } : {};
  }
}

function namesMfaPolicy(claims: string): boolean {
  try {
    const parsed: unknown = JSON.parse(claims);
    return JSON.stringify(parsed) === MFA_CLAIMS_CHALLENGE;
  } catch {
    return false;
  }
}

/** Whether an assertion's claims show the MFA the policy asks for. */
function mfaDone(assertion: JWTPayload): boolean {
  return Array.isArray(assertion.amr) && assertion.amr.includes('mfa');
}

type EntraError = (status: number, error: string, code: number, description: string) => GraphResult;

/** What the OBO grant answers for this person's assertion under their policy, or undefined to go on. */
export function accessPolicyRefusal(
  policy: AccessPolicy | undefined,
  assertion: JWTPayload,
  err: EntraError,
): GraphResult | undefined {
  if (policy === 'blocked') {
    const blocked = err(
      400,
      'interaction_required',
      53003,
      'Access has been blocked by Conditional Access policies. The access policy does not allow token issuance.',
    );
    return { ...blocked, body: { ...(blocked.body as Record<string, unknown>), suberror: 'message_only' } };
  }
  if (policy === 'requireMfa' && !mfaDone(assertion)) {
    const challenge = err(
      400,
      'interaction_required',
      50076,
      "Due to a configuration change made by your administrator, or because you moved to a new location, you must use multi-factor authentication to access '00000003-0000-0000-c000-000000000000'.",
    );
    return { ...challenge, body: { ...(challenge.body as Record<string, unknown>), claims: MFA_CLAIMS_CHALLENGE } };
  }
  return undefined;
}
