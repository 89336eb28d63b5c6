import type { ApiFailure } from './result';
import { ACCESS_BLOCKED, CLAIMS_CHALLENGE } from './token';

/**
 * A failed call in the words a person reads, and whether it is worth trying again by itself. Shared by every surface
 * that reports a failed read or save in its own sentence (the Trends tab's loads, the sharing switches).
 */
export function describeFailure(failure: ApiFailure<unknown>): { title: string; message: string; retryable: boolean } {
  if (failure.kind === 'network') {
    return { title: 'Can’t reach Candor', message: 'Check your connection, then try again.', retryable: true };
  }
  const refused = refusalText(failure);
  if (refused) return { ...refused, retryable: false };
  if (failure.kind === 'http' && failure.status === 401) {
    return { title: 'Couldn’t sign you in', message: failure.message, retryable: false };
  }
  const status = failure.kind === 'http' ? failure.status : 409;
  const message = failure.kind === 'http' ? failure.message : 'Unexpected answer from Candor.';
  return {
    title: 'Something went wrong',
    message: `${message} (HTTP ${status})`,
    retryable: status >= 500 || status === 429,
  };
}

/**
 * Microsoft 365 saying no, which trying again will not change: an access policy (Conditional Access) that blocks
 * the call, or a claims challenge the sign-in could not meet (the message names the AADSTS code for the admin),
 * and a mailbox Graph cannot reach. Null for any other failure.
 */
export function refusalText(failure: ApiFailure<unknown>): { title: string; message: string } | null {
  if (failure.kind !== 'http') return null;
  if (failure.code === ACCESS_BLOCKED || failure.code === CLAIMS_CHALLENGE)
    return { title: 'Your organization’s access policy blocks this', message: failure.message };
  if (failure.code === MAILBOX_UNAVAILABLE)
    return { title: 'Candor can’t reach this mailbox', message: failure.message };
  return null;
}

/** The API's code for a mailbox Graph cannot serve (on-premises, inactive or unlicensed). */
export const MAILBOX_UNAVAILABLE = 'mailboxUnavailable';
