import type { BoardView } from '@candor/contract';
import { createApiClient } from './client';
import type { TokenSource } from './token';

const MANAGER = '11111111-1111-4111-8111-111111111111';
const REPORT = '22222222-2222-4222-8222-222222222222';
const ref = { managerId: MANAGER, reportId: REPORT, occurrenceId: '20261126T0900Z-0123456789abcdef' };
const field = (text: string, revision: number) => ({ text, revision, updatedBy: null, updatedAt: null });
const board: BoardView = {
  ref,
  viewer: { userId: REPORT, role: 'report' },
  participants: { manager: { id: MANAGER, displayName: 'Mia' }, report: { id: REPORT, displayName: 'Ravi' } },
  meeting: { subject: '1:1', start: '2026-11-26T09:00:00Z', end: '2026-11-26T09:30:00Z' },
  fields: {
    energizing: field('', 0),
    draining: field('', 0),
    support: field('', 0),
    energizingNote: field('', 0),
    drainingNote: field('', 0),
    supportNote: field('', 0),
  },
};

function tokens(values: string[] = ['t1', 't2']): TokenSource & { invalidated: number } {
  let i = 0;
  const source = {
    invalidated: 0,
    get: async () => values[Math.min(i, values.length - 1)]!,
    invalidate: () => {
      i++;
      source.invalidated++;
    },
  };
  return source;
}

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

describe('api client', () => {
  it('GETs the meeting board with a bearer token and parses it', async () => {
    const fetch = jest.fn(async (_url: RequestInfo | URL, _init?: RequestInit) => json(200, board));
    const client = createApiClient({ baseUrl: 'http://api.test/api', tokens: tokens(), fetch });
    const result = await client.getMeetingBoard('19:meeting_abc@thread.v2');
    expect(result).toEqual({ ok: true, value: board });
    const [url, init] = fetch.mock.calls[0]!;
    expect(url).toBe('http://api.test/api/meetings/19%3Ameeting_abc%40thread.v2/board');
    expect((init?.headers as Record<string, string>).Authorization).toBe('Bearer t1');
  });

  it('PUTs a field and returns the saved field', async () => {
    const fetch = jest.fn(async (_url: RequestInfo | URL, _init?: RequestInit) => json(200, { field: field('hi', 1) }));
    const client = createApiClient({ baseUrl: 'http://api.test/api', tokens: tokens(), fetch });
    const result = await client.saveBoardField(ref, 'energizing', { text: 'hi', baseRevision: 0 });
    expect(result).toEqual({ ok: true, value: { field: field('hi', 1) } });
    const [url, init] = fetch.mock.calls[0]!;
    expect(url).toBe(`http://api.test/api/pairs/${MANAGER}/${REPORT}/boards/${ref.occurrenceId}/fields/energizing`);
    expect(init?.method).toBe('PUT');
    expect(JSON.parse(String(init?.body))).toEqual({ text: 'hi', baseRevision: 0 });
  });

  it('turns a 409 into a conflict carrying the current field', async () => {
    const fetch = jest.fn(async () =>
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
    const fetch = jest.fn(async () => json(403, { error: { code: 'forbidden', message: 'Not your field' } }));
    const client = createApiClient({ baseUrl: 'http://api.test/api', tokens: tokens(), fetch });
    expect(await client.saveBoardField(ref, 'supportNote', { text: 'x', baseRevision: 0 })).toEqual({
      ok: false,
      kind: 'http',
      status: 403,
      message: 'Not your field',
    });
  });

  it('reports a body that breaks the contract as an http error, not a value', async () => {
    const fetch = jest.fn(async () => json(200, { nope: true }));
    const client = createApiClient({ baseUrl: 'http://api.test/api', tokens: tokens(), fetch });
    const result = await client.getBoard(ref);
    expect(result).toMatchObject({ ok: false, kind: 'http', status: 200 });
  });

  it('reports a failed fetch as network', async () => {
    const fetch = jest.fn(async () => {
      throw new TypeError('Failed to fetch');
    });
    const client = createApiClient({ baseUrl: 'http://api.test/api', tokens: tokens(), fetch });
    expect(await client.getBoard(ref)).toEqual({ ok: false, kind: 'network' });
  });

  it('retries once with a fresh token after a 401', async () => {
    const source = tokens(['old', 'new']);
    const fetch = jest
      .fn(async (_url: RequestInfo | URL, _init?: RequestInit) => json(200, board))
      .mockResolvedValueOnce(json(401, { error: { code: 'unauthorized', message: 'expired' } }));
    const client = createApiClient({ baseUrl: 'http://api.test/api', tokens: source, fetch });
    expect((await client.getBoard(ref)).ok).toBe(true);
    expect(source.invalidated).toBe(1);
    expect((fetch.mock.calls[1]![1]?.headers as Record<string, string>).Authorization).toBe('Bearer new');
  });

  it('reports a token the host refuses as a 401 without calling the API', async () => {
    const fetch = jest.fn();
    const client = createApiClient({
      baseUrl: 'http://api.test/api',
      tokens: { get: () => Promise.reject(new Error('resourceRequiresConsent')), invalidate: () => undefined },
      fetch,
    });
    expect(await client.getBoard(ref)).toMatchObject({ ok: false, kind: 'http', status: 401 });
    expect(fetch).not.toHaveBeenCalled();
  });
});
