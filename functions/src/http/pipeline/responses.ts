import type { HttpResponseInit } from '@azure/functions';
import type { BoardField, ErrorBody, FieldConflict } from '../../contract';

/**
 * Boards are private to two people: no shared cache may keep an answer. `nosniff`: an answer is JSON even when it
 * quotes what a caller sent (an unknown field's name), so no browser may read it as a page.
 */
const PRIVATE = { 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' } as const;

export function ok<T>(body: T, headers: Record<string, string> = {}): HttpResponseInit {
  return { status: 200, jsonBody: body, headers: { ...PRIVATE, ...headers } };
}

export function errorResponse(
  status: number,
  code: string,
  message: string,
  options: { field?: string; headers?: Record<string, string> } = {},
): HttpResponseInit {
  const body: ErrorBody = { error: { code, message, ...(options.field ? { field: options.field } : {}) } };
  return { status, jsonBody: body, headers: { ...PRIVATE, ...options.headers } };
}

export const badRequest = (message: string, field?: string): HttpResponseInit =>
  errorResponse(400, 'badRequest', message, field ? { field } : {});

export const unauthorized = (message = 'Sign in again: the access token is missing or not valid.'): HttpResponseInit =>
  errorResponse(401, 'unauthorized', message, { headers: { 'WWW-Authenticate': 'Bearer' } });

export const forbidden = (message: string): HttpResponseInit => errorResponse(403, 'forbidden', message);

export const notFound = (message: string): HttpResponseInit => errorResponse(404, 'notFound', message);

export const payloadTooLarge = (message: string): HttpResponseInit => errorResponse(413, 'payloadTooLarge', message);

export const unsupportedMediaType = (message: string): HttpResponseInit =>
  errorResponse(415, 'unsupportedMediaType', message);

export const conflict = (current: BoardField): HttpResponseInit => {
  const body: FieldConflict = {
    error: { code: 'conflict', message: 'This field changed since you started typing; the current text is attached.' },
    current,
  };
  return { status: 409, jsonBody: body, headers: { ...PRIVATE } };
};

export const upstreamFailure = (message: string): HttpResponseInit => errorResponse(502, 'upstreamFailure', message);

export const serviceUnavailable = (message: string, retryAfterSeconds: number): HttpResponseInit =>
  errorResponse(503, 'unavailable', message, { headers: { 'Retry-After': String(retryAfterSeconds) } });

export const internalError = (): HttpResponseInit =>
  errorResponse(500, 'internal', 'Something went wrong on our side. Try again in a moment.');
