import type { HttpResponseInit } from '@azure/functions';
import { delegatedRefusalOf } from '../../auth/onBehalfOf';
import { MAILBOX_NOT_ENABLED } from '../../graph/batchedCalendarView';
import type { ErrorBody } from '../../contract';
import { errorResponse } from './responses';

/** Whether a failure (as thrown, or wrapped by fromGraph) is Graph saying it cannot reach the mailbox at all. */
export function isMailboxUnavailable(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; typeof e === 'object' && e !== null && depth < 5; depth++) {
    if ('code' in e && e.code === MAILBOX_NOT_ENABLED) return true;
    e = 'cause' in e ? e.cause : undefined;
  }
  return false;
}

/**
 * The one answer for "Microsoft 365 said no" to a call made for the caller, shared by every handler (through the
 * error boundary): a missing consent (403 consentRequired: the tab shows its consent prompt), a Conditional Access
 * challenge (401 claimsChallenge with Entra's `claims`: the tab asks its host for a token that satisfies them and
 * tries once more), a policy that blocks it outright (403 accessBlocked, with the AADSTS code for the admin), or a
 * mailbox Graph cannot reach (424 mailboxUnavailable). `what` names what was being read (by default the caller's
 * calendar: the one thing Candor reads on the caller's behalf). Null for anything else.
 */
export function delegatedAccessAnswer(error: unknown, what = 'your calendar'): HttpResponseInit | null {
  const refusal = delegatedRefusalOf(error);
  if (refusal?.kind === 'consentRequired') {
    return errorResponse(403, 'consentRequired', `Candor needs your permission once to read ${what}.`);
  }
  if (refusal?.kind === 'claimsChallenge') {
    const body: ErrorBody = {
      error: {
        code: 'claimsChallenge',
        message: `Your organization’s access policy asks for an extra sign-in check before Candor may read ${what} (${refusal.code}).`,
        claims: refusal.claims,
      },
    };
    // As a protected API answers a claims challenge: 401 with the challenge (base64) in WWW-Authenticate too.
    const challenge = Buffer.from(refusal.claims).toString('base64');
    return {
      status: 401,
      jsonBody: body,
      headers: {
        'Cache-Control': 'no-store',
        'X-Content-Type-Options': 'nosniff',
        'WWW-Authenticate': `Bearer error="insufficient_claims", claims="${challenge}"`,
      },
    };
  }
  if (refusal?.kind === 'accessBlocked') {
    return errorResponse(
      403,
      'accessBlocked',
      `Your organization’s access policy blocks Candor from reading ${what} here (${refusal.code}). Your Microsoft 365 admin can look up this code in the Entra sign-in logs.`,
    );
  }
  if (isMailboxUnavailable(error)) {
    return errorResponse(
      424,
      'mailboxUnavailable',
      `Candor can’t reach the mailbox behind ${what}: Microsoft 365 says it is not in Exchange Online (on-premises, inactive or unlicensed). Your Microsoft 365 admin can check it.`,
    );
  }
  return null;
}
