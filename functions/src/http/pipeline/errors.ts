import type { RouteHandler } from './authenticate';
import { delegatedAccessAnswer } from './delegatedAccess';
import { internalError, upstreamFailure } from './responses';

/** A dependency (Graph) failed; `message` is safe to show the caller. */
export class UpstreamFailure extends Error {
  override readonly name = 'UpstreamFailure';
  constructor(message: string, options?: ErrorOptions & { what?: string }) {
    super(message, options);
    this.what = options?.what;
  }
  /** What could not be read, in the caller's words ("your calendar"). */
  readonly what: string | undefined;
}

/** Runs a Graph call, turning its failure into an UpstreamFailure that says what could not be read. */
export async function fromGraph<T>(what: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw new UpstreamFailure(`Microsoft Graph could not be reached to read ${what}. Try again in a moment.`, {
      cause: error,
      what,
    });
  }
}

/**
 * Turns a throw into a JSON answer in the contract's ErrorBody shape (the Functions host would answer an empty
 * 500): Microsoft 365's refusals as delegatedAccess.ts words them, 502 for a failed dependency, 500 otherwise. Only error names and messages are logged, never request
 * bodies, headers or tokens.
 */
export function withErrorBoundary(handler: RouteHandler): RouteHandler {
  return async (request, context) => {
    try {
      return await handler(request, context);
    } catch (error) {
      const refused = delegatedAccessAnswer(error, error instanceof UpstreamFailure ? error.what : undefined);
      if (refused) {
        context.warn(`${context.functionName}: Microsoft 365 refused (${describe(error)})`);
        return refused;
      }
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
