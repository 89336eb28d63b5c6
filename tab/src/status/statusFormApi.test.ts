import { fetchMock, requestedUrl, sentBody } from '../testing/fetchMock';
import { createStatusFormApi } from './statusFormApi';

const view = {
  meeting: { subject: '1:1', start: '2026-11-23T09:00:00.000Z' },
  manager: { displayName: 'Megan' },
  report: { displayName: 'Adele' },
  editableUntil: '2026-11-23T09:00:00.000Z',
  editable: true,
  update: null,
};

function answering(status: number, body: unknown) {
  const calls: Array<{ url: string; init: RequestInit | undefined }> = [];
  const fetchImpl = fetchMock((url, init) => {
    calls.push({ url: requestedUrl(url), init });
    return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
  });
  return {
    calls,
    api: createStatusFormApi({ baseUrl: 'http://api.test/api', token: 'link.token.sig', fetch: fetchImpl }),
  };
}

describe('status form API client', () => {
  it('sends the link token as its credential and reads the form', async () => {
    const { api, calls } = answering(200, view);
    expect(await api.load()).toEqual({ ok: true, value: view });
    expect(calls[0]?.url).toBe('http://api.test/api/status-form');
    expect((calls[0]?.init?.headers as Record<string, string>).Authorization).toBe('Bearer link.token.sig');
  });

  it.each([
    [401, { error: { code: 'linkExpired', message: 'expired' } }, 'expired'],
    [401, { error: { code: 'linkInvalid', message: 'bad' } }, 'invalid'],
    [409, { error: { code: 'formClosed', message: 'started' } }, 'closed'],
    [
      400,
      { error: { code: 'badRequest', message: '"blocked" must be at most 2000 characters', field: 'blocked' } },
      'rejected',
    ],
    [502, { error: { code: 'upstreamFailure', message: 'Graph down' } }, 'server'],
  ])('turns HTTP %s into a %s failure', async (status, body, kind) => {
    const { api } = answering(status, body);
    expect(await api.save({ baseRevision: 0, blocked: 'x' })).toMatchObject({ ok: false, kind });
  });

  it('reports a lost connection as network', async () => {
    const api = createStatusFormApi({
      baseUrl: 'http://api.test/api',
      token: 't',
      fetch: fetchMock(() => Promise.reject(new TypeError('offline'))),
    });
    expect(await api.save({ baseRevision: 0 })).toEqual({ ok: false, kind: 'network' });
  });

  it('sends only the parts given, with their base revision, and reads a 409 as which parts changed and what is stored', async () => {
    const current = {
      fields: { finished: 'Shipped', inProgress: '', blocked: 'Legal', fyi: '' },
      revision: 4,
      firstSubmittedAt: '2026-11-22T09:00:00.000Z',
      updatedAt: '2026-11-22T10:00:00.000Z',
    };
    const { api, calls } = answering(409, {
      error: { code: 'conflict', message: 'This part changed' },
      current,
      parts: [{ part: 'blocked', changedIn: 'chat' }],
    });
    expect(await api.save({ baseRevision: 3, blocked: 'Security' })).toEqual({
      ok: false,
      kind: 'conflict',
      message: 'This part changed',
      current,
      parts: [{ part: 'blocked', changedIn: 'chat' }],
    });
    expect(sentBody(calls[0]?.init)).toEqual({ baseRevision: 3, blocked: 'Security' });
  });
});
