import { InteractionRequiredAuthError, ServerError } from '@azure/msal-node';
import { classifyOboFailure, DelegatedAccessRefused, delegatedRefusalOf, isConsentRequired } from './onBehalfOf';

// The claims Entra ID sends with a Conditional Access challenge: an access_token claims request naming the policy.
const CHALLENGE = '{"access_token":{"polids":{"essential":true,"values":["9ab03e19-ed42-4168-b6b7-7001fb3e933a"]}}}';

/** What msal-node throws for an Entra token-endpoint error body (it keeps error, error_description, suberror, claims). */
function interactionRequired(code: number, description: string, extra: { suberror?: string; claims?: string } = {}) {
  return new InteractionRequiredAuthError(
    'interaction_required',
    'correlation',
    `AADSTS${code}: ${description}`,
    extra.suberror,
    '',
    '',
    extra.claims,
    String(code),
  );
}

describe('classifyOboFailure: what an On-Behalf-Of refusal asks of the person', () => {
  it('a missing consent (invalid_grant AADSTS65001, suberror consent_required) is consentRequired', () => {
    const error = new InteractionRequiredAuthError(
      'invalid_grant',
      'c',
      'AADSTS65001: The user or administrator has not consented to use the application.',
      'consent_required',
    );
    expect(classifyOboFailure(error)).toEqual({ kind: 'consentRequired' });
    expect(classifyOboFailure(new ServerError('invalid_grant', 'correlation', 'AADSTS65001: not consented.'))).toEqual({
      kind: 'consentRequired',
    });
  });

  it('MFA asked by Conditional Access (interaction_required AADSTS50076 + claims) is a claims challenge, not consent', () => {
    const error = interactionRequired(50076, 'you must use multi-factor authentication to access Graph.', {
      claims: CHALLENGE,
    });
    expect(classifyOboFailure(error)).toEqual({ kind: 'claimsChallenge', claims: CHALLENGE, code: 'AADSTS50076' });
    expect(
      classifyOboFailure(
        interactionRequired(50079, 'you must enroll in multi-factor authentication.', { claims: CHALLENGE }),
      ),
    ).toEqual({ kind: 'claimsChallenge', claims: CHALLENGE, code: 'AADSTS50079' });
  });

  it('a policy no sign-in can satisfy (AADSTS53003, no claims) is accessBlocked with the code for the admin', () => {
    const blocked = interactionRequired(53003, 'Access has been blocked by Conditional Access policies.', {
      suberror: 'message_only',
    });
    expect(classifyOboFailure(blocked)).toEqual({ kind: 'accessBlocked', code: 'AADSTS53003' });
    // Entra also answers it as invalid_grant, which msal surfaces as a plain ServerError.
    const asGrant = new ServerError(
      'invalid_grant',
      'correlation',
      'AADSTS53003: Access has been blocked by Conditional Access policies.',
    );
    expect(classifyOboFailure(asGrant)).toEqual({ kind: 'accessBlocked', code: 'AADSTS53003' });
    expect(classifyOboFailure(interactionRequired(53000, 'Device is not in required device state.'))).toEqual({
      kind: 'accessBlocked',
      code: 'AADSTS53000',
    });
  });

  it('other failures are none of these', () => {
    expect(
      classifyOboFailure(
        new ServerError('invalid_grant', 'correlation', 'AADSTS500133: Assertion is not within its valid time range.'),
      ),
    ).toBeNull();
    expect(classifyOboFailure(new Error('socket hang up'))).toBeNull();
    expect(classifyOboFailure('nope')).toBeNull();
  });
});

describe('delegatedRefusalOf: the refusal survives the Graph client rewrapping the credential error', () => {
  it('reads it from the error, its causes, or a GraphError that kept only the name and message', () => {
    const refusal = { kind: 'claimsChallenge', claims: CHALLENGE, code: 'AADSTS50076' } as const;
    const error = new DelegatedAccessRefused(refusal);
    expect(delegatedRefusalOf(error)).toEqual(refusal);
    expect(delegatedRefusalOf(new Error('wrapped', { cause: error }))).toEqual(refusal);
    // @microsoft/microsoft-graph-client: new GraphError(status, '', baseError) keeps message; code = baseError.name.
    const graphError = Object.assign(new Error(error.message), { code: error.name, statusCode: -1 });
    expect(delegatedRefusalOf(graphError)).toEqual(refusal);
    expect(isConsentRequired(graphError)).toBe(false);
    const consent = Object.assign(new Error(new DelegatedAccessRefused({ kind: 'consentRequired' }).message), {
      code: 'DelegatedAccessRefused',
    });
    expect(isConsentRequired(consent)).toBe(true);
    expect(delegatedRefusalOf(new Error('unrelated'))).toBeNull();
  });
});
