import type { ApiFailure } from './result';

/**
 * A failed call in the words a person reads, and whether it is worth trying again by itself. Shared by every surface
 * that reports a failed read or save in its own sentence (the Trends tab's loads, the sharing switches).
 */
export function describeFailure(failure: ApiFailure<unknown>): { title: string; message: string; retryable: boolean } {
  if (failure.kind === 'network') {
    return { title: 'Can’t reach Candor', message: 'Check your connection, then try again.', retryable: true };
  }
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
