import type { GraphResult } from './types';
import { formatInstant } from './timeZones';

/** The Content-Type Graph answers JSON with; clients only look at the part before the first `;`. */
export const GRAPH_JSON =
  'application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8';

export function graphJson(status: number, body: unknown, headers: Record<string, string> = {}): GraphResult {
  return { status, headers: { 'Content-Type': GRAPH_JSON, ...headers }, body };
}

/**
 * Graph's error body. `innerError` carries the date and request ids; the router fills in the request ids so they
 * match the response headers.
 */
export function graphError(
  status: number,
  code: string,
  message: string,
  headers: Record<string, string> = {},
): GraphResult {
  return graphJson(status, { error: { code, message, innerError: { date: formatInstant(new Date()) } } }, headers);
}

/** `@odata.context` values point at the service's own `$metadata`, like Graph's do. */
export function contextUrl(baseUrl: string, fragment: string): string {
  return `${baseUrl}/v1.0/$metadata#${fragment}`;
}

/** Graph's 400 for a property name it doesn't know, e.g. in `$select`. */
export function unknownProperty(name: string, typeName: string): GraphResult {
  return graphError(400, 'BadRequest', `Could not find a property named '${name}' on type '${typeName}'.`);
}

/**
 * Parses `$select` against the properties a resource has (case-insensitively, as Graph does) and returns the
 * canonical names, or the 400 Graph gives for an unknown one.
 */
export function parseSelect(
  query: URLSearchParams,
  known: readonly string[],
  typeName: string,
): { select?: string[]; error?: GraphResult } {
  const raw = query.get('$select');
  if (raw === null || raw.trim() === '') return {};
  const select: string[] = [];
  for (const name of raw
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const canonical = known.find((k) => k.toLowerCase() === name.toLowerCase());
    if (!canonical) return { error: unknownProperty(name, typeName) };
    select.push(canonical);
  }
  return { select };
}

/** Keeps the selected properties (plus the ones Graph always returns, such as an Outlook item's id). */
export function project(
  entity: Record<string, unknown>,
  select: string[] | undefined,
  always: readonly string[] = [],
): Record<string, unknown> {
  if (!select) return entity;
  const out: Record<string, unknown> = {};
  for (const key of [...always, ...select]) if (key in entity) out[key] = entity[key];
  return out;
}

export interface PageRequest {
  top: number;
  skip: number;
}

/**
 * `$top` (default and maximum differ per resource) and where to resume: `$skiptoken` (what this simulator puts
 * in nextLinks; opaque to clients) or `$skip`.
 */
export function parsePaging(
  query: URLSearchParams,
  defaultTop: number,
  maxTop: number,
): { page?: PageRequest; error?: GraphResult } {
  const topRaw = query.get('$top');
  const top = topRaw === null ? defaultTop : Number(topRaw);
  if (!Number.isInteger(top) || top < 1) {
    return { error: graphError(400, 'BadRequest', `Invalid value '${String(topRaw)}' for $top query option found.`) };
  }
  let skip = 0;
  const token = query.get('$skiptoken');
  if (token !== null) {
    const decoded = Number(
      Buffer.from(token, 'base64url')
        .toString('utf8')
        .replace(/^skip:/, ''),
    );
    if (!Number.isInteger(decoded) || decoded < 0) {
      return { error: graphError(400, 'BadRequest', 'The $skiptoken is not valid.') };
    }
    skip = decoded;
  } else if (query.get('$skip') !== null) {
    skip = Number(query.get('$skip'));
    if (!Number.isInteger(skip) || skip < 0)
      return { error: graphError(400, 'BadRequest', 'Invalid value for $skip.') };
  }
  return { page: { top: Math.min(top, maxTop), skip } };
}

/**
 * One page of a collection, with `@odata.nextLink` (an absolute URL on this service that repeats the request's
 * query with a `$skiptoken`) when more remain.
 */
export function pageOf<T>(
  items: T[],
  page: PageRequest,
  request: { baseUrl: string; path: string; query: URLSearchParams },
): { value: T[]; nextLink?: string } {
  const value = items.slice(page.skip, page.skip + page.top);
  if (page.skip + page.top >= items.length) return { value };
  const params: string[] = [];
  for (const [key, val] of request.query) {
    if (key === '$skiptoken' || key === '$skip' || key === '$top') continue;
    params.push(`${key}=${encodeURIComponent(val)}`);
  }
  params.push(`$top=${page.top}`);
  params.push(`$skiptoken=${Buffer.from(`skip:${page.skip + page.top}`).toString('base64url')}`);
  return { value, nextLink: `${request.baseUrl}/v1.0${request.path}?${params.join('&')}` };
}
