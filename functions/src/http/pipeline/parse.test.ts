import { HttpRequest } from '@azure/functions';
import { z } from 'zod';
import { saveFieldRequestSchema, MAX_FIELD_TEXT_LENGTH, type ErrorBody } from '../../contract';
import { MAX_BODY_BYTES, parseJsonBody, parseRouteParams } from './parse';
import { boardFieldParams, meetingBoardParams } from './routeParams';

function put(body: string, headers: Record<string, string> = { 'content-type': 'application/json' }): HttpRequest {
  return new HttpRequest({ method: 'PUT', url: 'http://localhost/api/x', body: { string: body }, headers });
}

function errorOf(parsed: { ok: boolean; response?: { status?: number; jsonBody?: unknown } }): {
  status: number | undefined;
  body: ErrorBody;
} {
  if (parsed.ok || !parsed.response) throw new Error('expected a failure');
  return { status: parsed.response.status, body: parsed.response.jsonBody as ErrorBody };
}

describe('parseJsonBody with the SaveFieldRequest contract', () => {
  it('accepts a valid body', async () => {
    const parsed = await parseJsonBody(put('{"text":"hello","baseRevision":3}'), saveFieldRequestSchema);
    expect(parsed).toEqual({ ok: true, value: { text: 'hello', baseRevision: 3 } });
  });

  it('accepts a charset parameter on the content type', async () => {
    const parsed = await parseJsonBody(
      put('{"text":"","baseRevision":0}', { 'content-type': 'application/json; charset=utf-8' }),
      saveFieldRequestSchema,
    );
    expect(parsed.ok).toBe(true);
  });

  it('answers 400 naming a missing field', async () => {
    const { status, body } = errorOf(await parseJsonBody(put('{"text":"hello"}'), saveFieldRequestSchema));
    expect(status).toBe(400);
    expect(body.error).toMatchObject({
      code: 'badRequest',
      field: 'baseRevision',
      message: '"baseRevision" is required',
    });
  });

  it('answers 400 naming a field of the wrong type', async () => {
    const { body } = errorOf(await parseJsonBody(put('{"text":5,"baseRevision":0}'), saveFieldRequestSchema));
    expect(body.error).toMatchObject({ field: 'text', message: '"text" must be a string' });
  });

  it('rejects an unknown field by name', async () => {
    const { status, body } = errorOf(
      await parseJsonBody(put('{"text":"a","baseRevision":0,"txet":"b"}'), saveFieldRequestSchema),
    );
    expect(status).toBe(400);
    expect(body.error.field).toBe('txet');
  });

  it('rejects over-long text', async () => {
    const text = 'x'.repeat(MAX_FIELD_TEXT_LENGTH + 1);
    const { status, body } = errorOf(
      await parseJsonBody(put(JSON.stringify({ text, baseRevision: 0 })), saveFieldRequestSchema),
    );
    expect(status).toBe(400);
    expect(body.error).toMatchObject({
      field: 'text',
      message: expect.stringContaining(String(MAX_FIELD_TEXT_LENGTH)) as unknown,
    });
  });

  it('accepts text of exactly the maximum length', async () => {
    const text = 'x'.repeat(MAX_FIELD_TEXT_LENGTH);
    expect((await parseJsonBody(put(JSON.stringify({ text, baseRevision: 0 })), saveFieldRequestSchema)).ok).toBe(true);
  });

  it('rejects a negative or fractional revision', async () => {
    for (const baseRevision of [-1, 1.5]) {
      const { body } = errorOf(
        await parseJsonBody(put(JSON.stringify({ text: '', baseRevision })), saveFieldRequestSchema),
      );
      expect(body.error.field).toBe('baseRevision');
    }
  });

  it('answers 400 for malformed JSON', async () => {
    const { status, body } = errorOf(await parseJsonBody(put('{"text":'), saveFieldRequestSchema));
    expect(status).toBe(400);
    expect(body.error.field).toBe('body');
  });

  it('answers 400 for a body that is not an object', async () => {
    const { status, body } = errorOf(await parseJsonBody(put('[1,2]'), saveFieldRequestSchema));
    expect(status).toBe(400);
    expect(body.error.field).toBe('body');
  });

  it.each([['text/plain'], ['application/x-www-form-urlencoded'], ['']])(
    'answers 415 for content type %j',
    async (type) => {
      const headers: Record<string, string> = type ? { 'content-type': type } : {};
      const request = new HttpRequest({
        method: 'PUT',
        url: 'http://localhost/api/x',
        body: { string: '{"text":"a","baseRevision":0}' },
        headers,
      });
      const { status, body } = errorOf(await parseJsonBody(request, saveFieldRequestSchema));
      expect(status).toBe(415);
      expect(body.error.code).toBe('unsupportedMediaType');
    },
  );

  it('answers 413 above the size limit, by declared length or by actual bytes', async () => {
    const big = JSON.stringify({ text: 'é'.repeat(MAX_BODY_BYTES / 2), baseRevision: 0 });
    expect(errorOf(await parseJsonBody(put(big), saveFieldRequestSchema)).status).toBe(413);
    const declared = put('{}', { 'content-type': 'application/json', 'content-length': String(MAX_BODY_BYTES + 1) });
    expect(errorOf(await parseJsonBody(declared, saveFieldRequestSchema)).status).toBe(413);
  });
});

describe('parseRouteParams', () => {
  const valid = {
    managerId: '11111111-AAAA-1111-1111-111111111111',
    reportId: '22222222-2222-2222-2222-222222222222',
    occurrenceId: '20261126T0900Z-0123456789abcdef',
    fieldId: 'energizing',
  };

  it('accepts valid params and lower-cases ids', () => {
    const parsed = parseRouteParams(valid, boardFieldParams);
    expect(parsed).toEqual({ ok: true, value: { ...valid, managerId: valid.managerId.toLowerCase() } });
  });

  it.each([
    ['managerId', 'megan'],
    ['reportId', '22222222-2222-2222-2222-22222222222'],
    ['occurrenceId', '2026-11-26'],
    ['fieldId', 'salary'],
  ])('answers 400 naming %s', (param, value) => {
    const { status, body } = errorOf(parseRouteParams({ ...valid, [param]: value }, boardFieldParams));
    expect(status).toBe(400);
    expect(body.error.field).toBe(param);
  });

  it('validates a decoded chat id', () => {
    expect(parseRouteParams({ chatId: '19:meeting_abc123@thread.v2' }, meetingBoardParams).ok).toBe(true);
    expect(errorOf(parseRouteParams({ chatId: '19:x/../y' }, meetingBoardParams)).body.error.field).toBe('chatId');
  });

  it('works for any schema', () => {
    expect(parseRouteParams({ n: 'x' }, z.object({ n: z.literal('y') })).ok).toBe(false);
  });
});
