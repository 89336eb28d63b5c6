/**
 * Polls `read` until it returns `expected` (deep-equal via JSON) or the timeout passes, then fails with the
 * last value seen. For state that arrives asynchronously (autosave, polling), never for timing assertions.
 */
export async function eventually<T>(read: () => Promise<T>, expected: T, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  let lastError: unknown;
  for (;;) {
    try {
      last = await read();
      if (JSON.stringify(last) === JSON.stringify(expected)) return;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      const seen =
        lastError && last === undefined
          ? `error ${lastError instanceof Error ? String(lastError) : JSON.stringify(lastError)}`
          : JSON.stringify(last);
      throw new Error(`expected ${JSON.stringify(expected)} within ${timeoutMs} ms, last saw ${seen}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
