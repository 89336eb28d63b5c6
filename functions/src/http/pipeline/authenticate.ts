import type { HttpRequest, HttpResponseInit, InvocationContext } from '@azure/functions';
import type { Caller, TokenValidator } from '../../auth/tokenValidator';
import { serviceUnavailable, unauthorized } from './responses';

/** What every route's handler is: request in, response description out. */
export type RouteHandler = (request: HttpRequest, context: InvocationContext) => Promise<HttpResponseInit>;

/** A handler that runs only for a caller whose bearer token checked out. */
export type AuthenticatedHandler = (
  request: HttpRequest,
  context: InvocationContext,
  caller: Caller,
) => Promise<HttpResponseInit>;

/** Bearer token → Caller, or 401 (503 when the signing keys are unreachable, which is not the caller's fault). */
export function authenticated(tokens: TokenValidator, handler: AuthenticatedHandler): RouteHandler {
  return async (request, context) => {
    const check = await tokens.validate(request.headers.get('authorization'));
    if (check.ok) return handler(request, context, check.caller);
    // The reason helps whoever reads the logs; the token itself is never logged.
    context.warn(`request not authenticated: ${check.reason}`);
    if (check.reason === 'keysUnavailable') {
      return serviceUnavailable('Sign-in could not be checked right now. Try again in a moment.', 5);
    }
    return unauthorized();
  };
}
