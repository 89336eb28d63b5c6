import type { InvocationContext } from '@azure/functions';

/**
 * Runs a monthly-trend update after a person's save has succeeded. A failure there must never fail their save:
 * it is logged as a warning (the error's name only, never content) and the daily trends job and the rebuild
 * reconcile the aggregate later.
 */
export async function recordTrendSafely(
  context: InvocationContext,
  what: string,
  record: () => Promise<void>,
): Promise<void> {
  try {
    await record();
  } catch (error) {
    const name = error instanceof Error ? error.name : 'non-Error thrown';
    context.warn(
      `${context.functionName}: the monthly trend of this ${what} was not updated (${name}); the daily job reconciles it`,
    );
  }
}
