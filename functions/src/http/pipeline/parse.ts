import type { HttpRequest, HttpResponseInit } from '@azure/functions';
import type { z } from 'zod';
import { badRequest, payloadTooLarge, unsupportedMediaType } from './responses';

export type Parsed<T> = { ok: true; value: T } | { ok: false; response: HttpResponseInit };

/** Far above the largest valid request (a 4000-character field), far below what could hurt. */
export const MAX_BODY_BYTES = 64 * 1024;

/**
 * Reads a JSON body and validates it against a contract schema. Answers 415 for anything but JSON, 413 above
 * `maxBytes`, and 400 naming the offending field (by the zod issue's path) for everything else.
 */
export async function parseJsonBody<T>(
  request: HttpRequest,
  schema: z.ZodType<T>,
  maxBytes: number = MAX_BODY_BYTES,
): Promise<Parsed<T>> {
  const mediaType = (request.headers.get('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (mediaType !== 'application/json' && !/^application\/[a-z0-9.+-]+\+json$/.test(mediaType)) {
    return failed(unsupportedMediaType('Send the body as JSON with "Content-Type: application/json".'));
  }
  const tooLarge = (): Parsed<T> => failed(payloadTooLarge(`The body must be at most ${maxBytes} bytes.`));
  const declared = Number(request.headers.get('content-length') ?? '0');
  if (declared > maxBytes) return tooLarge();
  const bytes = await request.arrayBuffer();
  if (bytes.byteLength > maxBytes) return tooLarge();

  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    return failed(badRequest('The body is not valid JSON.', 'body'));
  }
  return validate(json, schema, 'body');
}

/** Validates route parameters (already URL-decoded by the host) against contract schemas. */
export function parseRouteParams<T>(params: Record<string, string>, schema: z.ZodType<T>): Parsed<T> {
  return validate(params, schema, 'route');
}

function validate<T>(input: unknown, schema: z.ZodType<T>, whole: string): Parsed<T> {
  const result = schema.safeParse(input);
  if (result.success) return { ok: true, value: result.data };
  const issue = result.error.issues[0];
  if (!issue) return failed(badRequest('The request is not valid.', whole));
  if (issue.code === 'unrecognized_keys') {
    const field = [...issue.path, issue.keys[0] ?? ''].map(String).join('.');
    return failed(badRequest(`Unknown field "${field}".`, field));
  }
  const field = issue.path.map(String).join('.') || whole;
  const problem =
    issue.code === 'invalid_type'
      ? issue.message.endsWith('received undefined')
        ? 'is required'
        : `must be a ${issue.expected}`
      : issue.message;
  return failed(badRequest(`"${field}" ${problem}`, field));
}

function failed<T>(response: HttpResponseInit): Parsed<T> {
  return { ok: false, response };
}
