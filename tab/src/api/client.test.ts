import type { BoardView } from '@candor/contract';
import { createApiClient } from './client';
import { ConsentNeeded, type TokenSource } from './token';
import { testBoardView } from '../testing/boardView';
import { fetchMock, sentBody } from '../testing/fetchMock';

const MANAGER = '11111111-1111-4111-8111-111111111111';
const REPORT = '22222222-2222-4222-8222-222222222222';
const ref = { managerId: MANAGER, reportId: REPORT, occurrenceId: '20261126T0900Z-0123456789abcdef' };
const field = (text: string, revision: number) => ({ text, revision, updatedBy: null, updatedAt: null });
const board: BoardView = {
  ...testBoardView('report'),
  meeting: { subject: '1:1', start: '2026-11-26T09:00:00Z', end: '2026-11-26T09:30:00Z' },
};

function tokens(values: string[] = ['t1', 't2']): TokenSource & { invalidated: number } {
  let i = 0;
  const source = {
    invalidated: 0,
    get: () => Promise.resolve(values[Math.min(i, values.length - 1)]!),
    invalidate: () => {
      i++;
      source.invalidated++;
    },
    satisfy: () => Promise.reject(new Error('no claims challenge here')),
  };
  return source;
}

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

describe('api client', () => {
  it('GETs the meeting board with a bearer token and parses it', async () => {
    const fetch = fetchMock(() => json(200, board));
    const client = createApiClient({ baseUrl: 'http://api.test/api', tokens: tokens(), fetch });
    const result = await client.getMeetingBoard('19:meeting_abc@thread.v2');
    expect(result).toEqual({ ok: true, value: board });
    const [url, init] = fetch.mock.calls[0]!;
    expect(url).toBe('http://api.test/api/meetings/19%3Ameeting_abc%40thread.v2/board');
    expect((init?.headers as Record<string, string>).Authorization).toBe('Bearer t1');
  });

  it("names a missing consent with the API's own code, without calling the API", async () => {
    const fetch = fetchMock(() => json(200, board));
    const refusing: TokenSource = {
      get: () => Promise.reject(new ConsentNeeded('Candor needs your permission once.')),
      invalidate: () => undefined,
      satisfy: () => Promise.reject(new Error('no claims challenge here')),
    };
    const client = createApiClient({ baseUrl: 'http://api.test/api', tokens: refusing, fetch });
    await expect(client.getMeetingBoard('19:meeting_abc@thread.v2')).resolves.toMatchObject({
      ok: false,
      kind: 'http',
      status: 401,
      code: 'consentRequired',
    });
    expect(fetch).not.toHaveBeenCalled();
    const failing: TokenSource = {
      get: () => Promise.reject(new Error('resourceDisabled')),
      invalidate: () => undefined,
      satisfy: () => Promise.reject(new Error('no claims challenge here')),
    };
    const other = await createApiClient({ baseUrl: 'http://api.test/api', tokens: failing, fetch }).getMeetingBoard(
      '19:x@thread.v2',
    );
    expect(other).toMatchObject({ ok: false, status: 401 });
    expect(other).not.toHaveProperty('code');
  });

  it('PUTs a field and returns the saved field', async () => {
    const fetch = fetchMock(() => json(200, { field: field('hi', 1) }));
    const client = createApiClient({ baseUrl: 'http://api.test/api', tokens: tokens(), fetch });
    const result = await client.saveBoardField(ref, 'energizing', { text: 'hi', baseRevision: 0 });
    expect(result).toEqual({ ok: true, value: { field: field('hi', 1) } });
    const [url, init] = fetch.mock.calls[0]!;
    expect(url).toBe(`http://api.test/api/pairs/${MANAGER}/${REPORT}/boards/${ref.occurrenceId}/fields/energizing`);
    expect(init?.method).toBe('PUT');
    expect(sentBody(init)).toEqual({ text: 'hi', baseRevision: 0 });
  });

  it('turns a 409 into a conflict carrying the current field', async () => {
    const fetch = fetchMock(() =>
      json(409, { error: { code: 'conflict', message: 'stale' }, current: field('theirs', 4) }),
    );
    const client = createApiClient({ baseUrl: 'http://api.test/api', tokens: tokens(), fetch });
    expect(await client.saveBoardField(ref, 'support', { text: 'mine', baseRevision: 3 })).toEqual({
      ok: false,
      kind: 'conflict',
      current: field('theirs', 4),
    });
  });

  it('reports HTTP errors with the error body message', async () => {
    const fetch = fetchMock(() => json(403, { error: { code: 'forbidden', message: 'Not your field' } }));
    const client = createApiClient({ baseUrl: 'http://api.test/api', tokens: tokens(), fetch });
    expect(await client.saveBoardField(ref, 'supportNote', { text: 'x', baseRevision: 0 })).toEqual({
      ok: false,
      kind: 'http',
      status: 403,
      message: 'Not your field',
      code: 'forbidden',
    });
  });

  it('reports a body that breaks the contract as an http error, not a value', async () => {
    const fetch = fetchMock(() => json(200, { nope: true }));
    const client = createApiClient({ baseUrl: 'http://api.test/api', tokens: tokens(), fetch });
    const result = await client.getBoard(ref);
    expect(result).toMatchObject({ ok: false, kind: 'http', status: 200 });
  });

  it('reports a failed fetch as network', async () => {
    const fetch = fetchMock(() => Promise.reject(new TypeError('Failed to fetch')));
    const client = createApiClient({ baseUrl: 'http://api.test/api', tokens: tokens(), fetch });
    expect(await client.getBoard(ref)).toEqual({ ok: false, kind: 'network' });
  });

  it('retries once with a fresh token after a 401', async () => {
    const source = tokens(['old', 'new']);
    const fetch = fetchMock(() => json(200, board)).mockResolvedValueOnce(
      json(401, { error: { code: 'unauthorized', message: 'expired' } }),
    );
    const client = createApiClient({ baseUrl: 'http://api.test/api', tokens: source, fetch });
    expect((await client.getBoard(ref)).ok).toBe(true);
    expect(source.invalidated).toBe(1);
    expect((fetch.mock.calls[1]![1]?.headers as Record<string, string>).Authorization).toBe('Bearer new');
  });

  it('reports a token the host refuses as a 401 without calling the API', async () => {
    const fetch = jest.fn();
    const client = createApiClient({
      baseUrl: 'http://api.test/api',
      tokens: {
        get: () => Promise.reject(new Error('resourceRequiresConsent')),
        invalidate: () => undefined,
        satisfy: () => Promise.reject(new Error('no claims challenge here')),
      },
      fetch,
    });
    expect(await client.getBoard(ref)).toMatchObject({ ok: false, kind: 'http', status: 401 });
    expect(fetch).not.toHaveBeenCalled();
  });

  it('polls with If-None-Match and reports an unchanged board without a body', async () => {
    const fetch = fetchMock(() => new Response(null, { status: 304 })).mockResolvedValueOnce(
      new Response(JSON.stringify(board), {
        status: 200,
        headers: { 'Content-Type': 'application/json', ETag: '"v1"' },
      }),
    );
    const client = createApiClient({ baseUrl: 'http://api.test/api', tokens: tokens(), fetch });
    expect(await client.pollBoard(ref, null)).toEqual({ ok: true, value: { changed: true, board, etag: '"v1"' } });
    expect(await client.pollBoard(ref, '"v1"')).toEqual({ ok: true, value: { changed: false } });
    expect((fetch.mock.calls[1]![1]?.headers as Record<string, string>)['If-None-Match']).toBe('"v1"');
    expect((fetch.mock.calls[0]![1]?.headers as Record<string, string>)['If-None-Match']).toBeUndefined();
  });

  it('tells a closed board apart from other 409s by its error code', async () => {
    const fetch = fetchMock(() => json(409, { error: { code: 'finalised', message: 'closed' } }));
    const client = createApiClient({ baseUrl: 'http://api.test/api', tokens: tokens(), fetch });
    expect(await client.saveBoardField(ref, 'energizing', { text: 'x', baseRevision: 0 })).toMatchObject({
      kind: 'http',
      status: 409,
      code: 'finalised',
    });
  });

  it('parses each write’s own conflict: a rating carries the current rating', async () => {
    const current = { value: 'preferNot', revision: 2, updatedBy: null, updatedAt: null };
    const fetch = fetchMock(() => json(409, { error: { code: 'conflict', message: 'stale' }, current }));
    const client = createApiClient({ baseUrl: 'http://api.test/api', tokens: tokens(), fetch });
    expect(await client.saveBoardRating(ref, 'mood', { value: 3, baseRevision: 1 })).toEqual({
      ok: false,
      kind: 'conflict',
      current,
    });
  });
});
