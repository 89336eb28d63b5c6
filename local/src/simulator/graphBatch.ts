/**
 * JSON batching (`POST /v1.0/$batch`): up to 20 requests, each answered as if sent alone (same router, same
 * faults — a throttled inner request comes back as a 429 inside a 200 batch, with its own Retry-After).
 * Requests without `dependsOn` run concurrently, as Graph may run them in any order.
 */
import { isRecord, isDropped, type GraphResult, type Outcome } from './types';
import { graphError, graphJson } from './odata';

export const MAX_BATCH_REQUESTS = 20;

export interface InnerRequest {
  id: string;
  method: string;
  /** Relative to the version root, e.g. `/users/x/calendarView?…` (a leading slash is optional). */
  url: string;
  headers: Record<string, string>;
  body?: unknown;
}

export type DispatchInner = (request: InnerRequest) => Promise<Outcome>;

interface BatchItem extends InnerRequest {
  dependsOn: string[];
}

function readRequests(body: unknown): BatchItem[] | GraphResult {
  if (!isRecord(body) || !Array.isArray(body.requests) || body.requests.length === 0) {
    return graphError(400, 'BadRequest', 'Invalid batch payload format.');
  }
  if (body.requests.length > MAX_BATCH_REQUESTS) {
    return graphError(
      400,
      'BadRequest',
      `The number of requests in the batch exceeds the limit of ${MAX_BATCH_REQUESTS}.`,
    );
  }
  const items: BatchItem[] = [];
  const ids = new Set<string>();
  for (const raw of body.requests) {
    if (
      !isRecord(raw) ||
      typeof raw.id !== 'string' ||
      raw.id === '' ||
      typeof raw.method !== 'string' ||
      typeof raw.url !== 'string'
    ) {
      return graphError(400, 'BadRequest', 'Invalid batch payload format: every request needs id, method and url.');
    }
    if (ids.has(raw.id)) return graphError(400, 'BadRequest', `Batch request contains duplicate id '${raw.id}'.`);
    ids.add(raw.id);
    const headers: Record<string, string> = {};
    if (isRecord(raw.headers))
      for (const [k, v] of Object.entries(raw.headers)) if (typeof v === 'string') headers[k.toLowerCase()] = v;
    const dependsOn = Array.isArray(raw.dependsOn)
      ? raw.dependsOn.filter((d): d is string => typeof d === 'string')
      : [];
    items.push({
      id: raw.id,
      method: raw.method.toUpperCase(),
      url: raw.url,
      headers,
      dependsOn,
      ...('body' in raw ? { body: raw.body } : {}),
    });
  }
  return items;
}

/** Headers that belong to the outer HTTP response, not to an inner one. */
const OUTER_ONLY = new Set(['request-id', 'client-request-id', 'x-ms-ags-diagnostic', 'strict-transport-security']);

function innerResponse(id: string, result: GraphResult): Record<string, unknown> {
  const headers = Object.fromEntries(Object.entries(result.headers).filter(([k]) => !OUTER_ONLY.has(k.toLowerCase())));
  return { id, status: result.status, headers, ...(result.body === undefined ? {} : { body: result.body }) };
}

export async function runBatch(body: unknown, dispatch: DispatchInner): Promise<Outcome> {
  const items = readRequests(body);
  if (!Array.isArray(items)) return items;
  const results = new Map<string, GraphResult>();
  let dropped = false;

  const run = async (item: BatchItem): Promise<void> => {
    if (/^https?:/i.test(item.url)) {
      results.set(
        item.id,
        graphError(400, 'BadRequest', 'Batch request URLs must be relative to the version root, e.g. /users/{id}.'),
      );
      return;
    }
    if (item.body !== undefined && !item.headers['content-type']) {
      results.set(
        item.id,
        graphError(400, 'BadRequest', `Write request id : ${item.id} does not contain Content-Type header or body.`),
      );
      return;
    }
    const outcome = await dispatch(item);
    if (isDropped(outcome)) {
      dropped = true;
      results.set(item.id, graphError(504, 'GatewayTimeout', 'Dropped.'));
    } else {
      results.set(item.id, outcome);
    }
  };

  if (items.every((i) => i.dependsOn.length === 0)) {
    await Promise.all(items.map(run));
  } else {
    for (const item of items) {
      const failed = item.dependsOn.some((d) => (results.get(d)?.status ?? 424) >= 400);
      if (failed) results.set(item.id, graphError(424, 'FailedDependency', 'A request this one depends on failed.'));
      else await run(item);
    }
  }
  // A lost connection loses the whole batch response, whatever the other requests did.
  if (dropped) return { dropped: true };
  return graphJson(200, {
    responses: items.map((i) =>
      innerResponse(i.id, results.get(i.id) ?? graphError(500, 'generalException', 'No result.')),
    ),
  });
}
