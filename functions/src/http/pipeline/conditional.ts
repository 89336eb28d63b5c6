import { createHash } from 'node:crypto';
import type { HttpRequest, HttpResponseInit } from '@azure/functions';

/**
 * Conditional GETs for polling: the board view's ETag is a hash of exactly what the caller would receive, so an
 * unchanged board answers 304 with no body, and the tab only re-renders when something changed.
 */
export function etagOf(body: unknown): string {
  return `"${createHash('sha256').update(JSON.stringify(body)).digest('base64url').slice(0, 27)}"`;
}

export function matchesIfNoneMatch(request: HttpRequest, etag: string): boolean {
  const header = request.headers.get('if-none-match');
  if (!header) return false;
  return header
    .split(',')
    .map((tag) => tag.trim().replace(/^W\//, ''))
    .some((tag) => tag === etag || tag === '*');
}

export function notModified(etag: string): HttpResponseInit {
  return { status: 304, headers: { ETag: etag, 'Cache-Control': 'no-store' } };
}
