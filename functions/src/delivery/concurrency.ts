import { Semaphore } from 'async-mutex';

/** Table Storage operations one run keeps in flight at once. */
export const TABLE_CONCURRENCY = 16;

/** Runs `work` for every item, at most `limit` at a time; rejects with the first failure, as `Promise.all` does. */
export async function forEachLimited<T>(
  items: readonly T[],
  work: (item: T) => Promise<void>,
  limit = TABLE_CONCURRENCY,
): Promise<void> {
  const semaphore = new Semaphore(limit);
  await Promise.all(items.map((item) => semaphore.runExclusive(() => work(item))));
}
