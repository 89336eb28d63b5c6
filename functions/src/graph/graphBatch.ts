import { RetryHandlerOptions, type Client } from '@microsoft/microsoft-graph-client';
import { Semaphore } from 'async-mutex';
import { z } from 'zod';
import { planBatches, MAX_CONCURRENT_PER_MAILBOX } from './batchPlan';
import { graphStatusOf } from './graphClient';

/** One request to run inside a `$batch`; `url` is relative to the version root (`/users/…`). */
export interface BatchRequest<K> {
  key: K;
  /** The mailbox it acts on (for the per-mailbox concurrency limit). */
  mailbox: string;
  method: 'GET' | 'POST';
  url: string;
  headers?: Record<string, string>;
  body?: unknown;
}

export type BatchAnswer =
  | { kind: 'answered'; status: number; headers: Record<string, string>; body: unknown }
  /** A POST that may or may not have been carried out (lost connection, timeout, gateway error). */
  | { kind: 'unknown'; detail: string }
  /** Not carried out, and still throttled or failing after every attempt this run allows. */
  | { kind: 'gaveUp'; detail: string };

export interface GraphBatchRunner {
  run<K>(requests: readonly BatchRequest<K>[]): Promise<Map<K, BatchAnswer>>;
}

export interface BatchRunnerOptions {
  /** `$batch` calls in flight at once. */
  maxInFlight: number;
  /** Attempts per request (a throttled or not-executed request is retried in a later batch). Default 6. */
  maxAttempts?: number;
  /** A batch that has not answered by then counts as lost (its POSTs become `unknown`). Default 60 s. */
  timeoutMs?: number;
  /** Longest Retry-After honoured in one wait (Graph's are seconds; a longer one ends this run's attempts). */
  maxRetryAfterMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

const batchResponse = z.object({
  responses: z.array(
    z.object({
      id: z.string(),
      status: z.number(),
      headers: z.record(z.string(), z.string()).nullish(),
      body: z.unknown().optional(),
    }),
  ),
});

const DEFAULT_BACKOFF_MS = 1000;

/**
 * Runs requests through Graph JSON batching: packs them (batchPlan), keeps at most `maxInFlight` batches and at most
 * 4 requests per mailbox in flight, and retries what Graph did not carry out — a throttled request inside a 200
 * answer after its own Retry-After, a request skipped because one it depended on failed (424), a whole batch
 * throttled (429). The Graph client's own retry handler is switched off for batches: it would resend a batch of
 * sendMail after a gateway error, and that could send mail twice.
 */
export function createGraphBatchRunner(client: Client, options: BatchRunnerOptions): GraphBatchRunner {
  const inFlight = new Semaphore(options.maxInFlight);
  const mailboxes = new MailboxSlots(MAX_CONCURRENT_PER_MAILBOX);
  const maxAttempts = options.maxAttempts ?? 6;
  const timeoutMs = options.timeoutMs ?? 60_000;
  const maxRetryAfterMs = options.maxRetryAfterMs ?? 120_000;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));

  return {
    async run<K>(requests: readonly BatchRequest<K>[]) {
      const answers = new Map<K, BatchAnswer>();
      let queue = requests.map((request) => ({ request, attempts: 0 }));
      while (queue.length > 0) {
        const retry: Array<{ request: BatchRequest<K>; attempts: number; waitMs: number; detail: string }> = [];
        await Promise.all(
          planBatches(queue.map((q) => ({ ...q, mailbox: q.request.mailbox }))).map((batch) =>
            inFlight.runExclusive(() =>
              mailboxes.with(batch.mailboxLoad, async () => {
                const outcome = await sendBatch(
                  batch.items.map((i) => i.request),
                  batch.sequential,
                );
                batch.items.forEach((item, index) => {
                  const result = outcome[index] ?? {
                    kind: 'retry' as const,
                    waitMs: DEFAULT_BACKOFF_MS,
                    detail: 'no answer',
                  };
                  if (result.kind === 'retry') {
                    retry.push({
                      request: item.request,
                      attempts: item.attempts + 1,
                      waitMs: result.waitMs,
                      detail: result.detail,
                    });
                  } else {
                    answers.set(item.request.key, result);
                  }
                });
              }),
            ),
          ),
        );
        queue = [];
        let waitMs = 0;
        for (const item of retry) {
          if (item.attempts >= maxAttempts || item.waitMs > maxRetryAfterMs) {
            answers.set(item.request.key, { kind: 'gaveUp', detail: item.detail });
          } else {
            queue.push({ request: item.request, attempts: item.attempts });
            waitMs = Math.max(waitMs, item.waitMs);
          }
        }
        if (queue.length > 0 && waitMs > 0) await sleep(waitMs);
      }
      return answers;
    },
  };

  type ItemOutcome = BatchAnswer | { kind: 'retry'; waitMs: number; detail: string };

  async function sendBatch<K>(items: BatchRequest<K>[], sequential: boolean): Promise<ItemOutcome[]> {
    const body = {
      requests: items.map((item, index) => ({
        id: String(index + 1),
        method: item.method,
        url: item.url,
        ...(item.body === undefined
          ? {}
          : { body: item.body, headers: { 'Content-Type': 'application/json', ...item.headers } }),
        ...(item.body === undefined && item.headers ? { headers: item.headers } : {}),
        ...(sequential && index > 0 ? { dependsOn: [String(index)] } : {}),
      })),
    };
    let raw: unknown;
    try {
      raw = await client
        .api('/$batch')
        .middlewareOptions([new RetryHandlerOptions(0, 0)])
        .option('signal', AbortSignal.timeout(timeoutMs))
        .post(body);
    } catch (error) {
      const status = graphStatusOf(error);
      // A throttled batch was refused as a whole, before anything in it ran.
      if (status === 429)
        return items.map(() => ({ kind: 'retry', waitMs: retryAfterOf(error), detail: 'batch throttled (429)' }));
      const detail = status === undefined || status < 0 ? 'no answer' : `batch status ${status}`;
      if (status !== undefined && status >= 400 && status < 500) {
        return items.map(() => ({ kind: 'answered', status, headers: {}, body: null }));
      }
      // Lost connection, timeout or gateway error: reads are safe to repeat; a POST's outcome is unknown.
      return items.map((item) =>
        item.method === 'GET' ? { kind: 'retry', waitMs: DEFAULT_BACKOFF_MS, detail } : { kind: 'unknown', detail },
      );
    }
    const parsed = batchResponse.safeParse(raw);
    if (!parsed.success) {
      return items.map((item) =>
        item.method === 'GET'
          ? { kind: 'retry', waitMs: DEFAULT_BACKOFF_MS, detail: 'unreadable batch answer' }
          : { kind: 'unknown', detail: 'unreadable batch answer' },
      );
    }
    const byId = new Map(parsed.data.responses.map((r) => [r.id, r]));
    return items.map((item, index): ItemOutcome => {
      const answer = byId.get(String(index + 1));
      if (!answer) {
        return item.method === 'GET'
          ? { kind: 'retry', waitMs: DEFAULT_BACKOFF_MS, detail: 'missing from batch answer' }
          : { kind: 'unknown', detail: 'missing from batch answer' };
      }
      const headers = lowerKeys(answer.headers ?? {});
      if (answer.status === 429)
        return { kind: 'retry', waitMs: retryAfterMs(headers['retry-after']), detail: 'throttled (429)' };
      // 424: skipped because the request before it in a sequential batch failed; it never ran.
      if (answer.status === 424) return { kind: 'retry', waitMs: 0, detail: 'skipped (424)' };
      if (answer.status === 503 || answer.status === 504 || answer.status === 500) {
        if (item.method === 'GET')
          return { kind: 'retry', waitMs: retryAfterMs(headers['retry-after']), detail: `status ${answer.status}` };
        return { kind: 'unknown', detail: `status ${answer.status}` };
      }
      return { kind: 'answered', status: answer.status, headers, body: answer.body };
    });
  }
}

function lowerKeys(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
}

/** Retry-After in seconds (Graph's form) or an HTTP date; absent or unreadable = a short default backoff. */
export function retryAfterMs(value: string | undefined, now = Date.now()): number {
  if (value === undefined || value.trim() === '') return DEFAULT_BACKOFF_MS;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? DEFAULT_BACKOFF_MS : Math.max(0, date - now);
}

/** The Retry-After of what the Graph client threw (its response headers), in ms; a short default without one. */
export function retryAfterOf(error: unknown): number {
  const headers = typeof error === 'object' && error !== null && 'headers' in error ? error.headers : undefined;
  const value = headers instanceof Headers ? headers.get('retry-after') : undefined;
  return retryAfterMs(value ?? undefined);
}

/**
 * A counting semaphore per mailbox (async-mutex), so batches in flight together never hold more than `limit`
 * requests for one mailbox. Slots are taken in mailbox order, so two batches can never wait on each other in a
 * cycle; idle semaphores are dropped so a tenant-wide scan does not keep one per mailbox.
 */
class MailboxSlots {
  private readonly semaphores = new Map<string, Semaphore>();
  constructor(private readonly limit: number) {}

  async with<T>(load: Map<string, number>, work: () => Promise<T>): Promise<T> {
    const taken: Array<[string, number]> = [];
    try {
      for (const mailbox of [...load.keys()].sort()) {
        const weight = Math.min(load.get(mailbox) ?? 1, this.limit);
        let semaphore = this.semaphores.get(mailbox);
        if (!semaphore) {
          semaphore = new Semaphore(this.limit);
          this.semaphores.set(mailbox, semaphore);
        }
        await semaphore.acquire(weight);
        taken.push([mailbox, weight]);
      }
      return await work();
    } finally {
      for (const [mailbox, weight] of taken) {
        const semaphore = this.semaphores.get(mailbox);
        semaphore?.release(weight);
        if (semaphore && !semaphore.isLocked() && semaphore.getValue() === this.limit) this.semaphores.delete(mailbox);
      }
    }
  }
}
