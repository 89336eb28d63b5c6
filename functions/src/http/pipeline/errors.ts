import type { RouteHandler } from './authenticate';
import { internalError, upstreamFailure } from './responses';

/** A dependency (Graph) failed; `message` is safe to show the caller. */
export class UpstreamFailure extends Error {
  override readonly name = 'UpstreamFailure';
}

/** Runs a Graph call, turning its failure into an UpstreamFailure that says what could not be read. */
export async function fromGraph<T>(what: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw new UpstreamFailure(`Microsoft Graph could not be reached to read ${what}. Try again in a moment.`, {
      cause: error,
    });
  }
}

/**
 * Turns a throw into a JSON answer in the contract's ErrorBody shape (the Functions host would answer an empty
 * 500): 502 for a failed dependency, 500 otherwise. Only error names and messages are logged, never request
 * bodies, headers or tokens.
 */
export function withErrorBoundary(handler: RouteHandler): RouteHandler {
  return async (request, context) => {
    try {
      return await handler(request, context);
    } catch (error) {
      if (error instanceof UpstreamFailure) {
        context.warn(`${context.functionName}: ${error.message} (${describe(error.cause)})`);
        return upstreamFailure(error.message);
      }
      context.error(`${context.functionName} failed: ${describe(error)}`);
      return internalError();
    }
  };
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : 'non-Error thrown';
}
