/**
 * How requests are packed into Graph `$batch` calls without breaking Outlook's per-mailbox concurrency limit.
 *
 * Graph takes up to 20 requests per batch and runs them in parallel, unless they are chained with `dependsOn`, in
 * which case the batch runs strictly in order (Graph supports a batch fully parallel or fully sequential, not a
 * mix). Exchange allows an app 4 concurrent requests per mailbox. So a parallel batch holds at most 4 requests for
 * any one mailbox, and a mailbox with more waiting (e.g. a shared service mailbox sending many requests) gets
 * sequential batches of up to 20, each of which occupies a single connection to that mailbox.
 */
export const MAX_BATCH_REQUESTS = 20;
export const MAX_CONCURRENT_PER_MAILBOX = 4;

export interface Plannable {
  /** The mailbox (user id or UPN) the request acts on; compared case-insensitively. */
  mailbox: string;
}

export interface PlannedBatch<T extends Plannable> {
  items: T[];
  sequential: boolean;
  /** How many concurrent requests each mailbox (lower-case) gets while this batch runs. */
  mailboxLoad: Map<string, number>;
}

export function planBatches<T extends Plannable>(
  items: readonly T[],
  limits: { perBatch?: number; perMailbox?: number } = {},
): PlannedBatch<T>[] {
  const perBatch = limits.perBatch ?? MAX_BATCH_REQUESTS;
  const perMailbox = limits.perMailbox ?? MAX_CONCURRENT_PER_MAILBOX;
  const byMailbox = new Map<string, T[]>();
  for (const item of items) {
    const key = item.mailbox.toLowerCase();
    const group = byMailbox.get(key);
    if (group) group.push(item);
    else byMailbox.set(key, [item]);
  }
  const batches: PlannedBatch<T>[] = [];
  const parallel: T[] = [];
  for (const [mailbox, group] of byMailbox) {
    let rest = group;
    while (rest.length > perMailbox) {
      const chunk = rest.slice(0, perBatch);
      rest = rest.slice(perBatch);
      batches.push({ items: chunk, sequential: true, mailboxLoad: new Map([[mailbox, 1]]) });
    }
    parallel.push(...rest);
  }
  // Every mailbox left has at most `perMailbox` requests, so any 20 of them form a valid parallel batch.
  for (let i = 0; i < parallel.length; i += perBatch) {
    const chunk = parallel.slice(i, i + perBatch);
    const mailboxLoad = new Map<string, number>();
    for (const item of chunk) {
      const key = item.mailbox.toLowerCase();
      mailboxLoad.set(key, (mailboxLoad.get(key) ?? 0) + 1);
    }
    batches.push({ items: chunk, sequential: false, mailboxLoad });
  }
  return batches;
}
