import {
  changedParts,
  createStatusDraftStore,
  linkSubject,
  rebase,
  sameStatus,
  statusDeviceDrafts,
  statusDraftKey,
  statusFormServerDrafts,
  EMPTY_STATUS,
} from './statusDraft';

const stored = (revision: number, fields: typeof EMPTY_STATUS) => ({
  fields,
  revision,
  firstSubmittedAt: '2026-11-22T09:00:00.000Z',
  updatedAt: '2026-11-22T10:00:00.000Z',
});

function memoryStore() {
  const map = new Map<string, string>();
  return {
    getItem: (k: string) => map.get(k) ?? null,
    setItem: (k: string, v: string) => void map.set(k, v),
    removeItem: (k: string) => void map.delete(k),
    map,
  };
}

describe('status form drafts', () => {
  it('keeps what was typed, and what it was typed against, until a save succeeds', () => {
    const store = memoryStore();
    const drafts = createStatusDraftStore(store, statusDraftKey('r', 'o'));
    expect(drafts.load()).toBeNull();
    const typed = {
      fields: { ...EMPTY_STATUS, blocked: 'Waiting on the security review' },
      base: { revision: 2, fields: { ...EMPTY_STATUS, blocked: 'Legal' } },
    };
    drafts.save(typed);
    expect(createStatusDraftStore(store, statusDraftKey('r', 'o')).load()).toEqual(typed);
    drafts.clear();
    expect(drafts.load()).toBeNull();
  });

  it('survives storage that throws or holds garbage', () => {
    const broken = {
      getItem: () => {
        throw new Error('blocked');
      },
      setItem: () => {
        throw new Error('full');
      },
      removeItem: () => undefined,
    };
    const drafts = createStatusDraftStore(broken, 'k');
    expect(() => drafts.save({ fields: EMPTY_STATUS, base: { revision: 0, fields: EMPTY_STATUS } })).not.toThrow();
    expect(drafts.load()).toBeNull();
    const store = memoryStore();
    store.setItem('k', '{"finished":1}');
    expect(createStatusDraftStore(store, 'k').load()).toBeNull();
  });

  it('reads who and which occurrence a link is for, without trusting it', () => {
    const payload = btoa(
      JSON.stringify({ sub: '22222222-2222-2222-2222-222222222222', occ: '20261123T0900Z-0123456789abcdef' }),
    )
      .replace(/=+$/, '')
      .replace(/\+/g, '-')
      .replace(/\//g, '_');
    expect(linkSubject(`h.${payload}.s`)).toEqual({
      reportId: '22222222-2222-2222-2222-222222222222',
      occurrenceId: '20261123T0900Z-0123456789abcdef',
    });
    expect(linkSubject('garbage')).toBeNull();
    expect(sameStatus(EMPTY_STATUS, { ...EMPTY_STATUS })).toBe(true);
  });

  it('reads a draft kept before drafts knew their base as typed over an empty update', () => {
    const store = memoryStore();
    store.setItem('k', JSON.stringify({ ...EMPTY_STATUS, fyi: 'Out on Friday' }));
    expect(createStatusDraftStore(store, 'k').load()).toEqual({
      fields: { ...EMPTY_STATUS, fyi: 'Out on Friday' },
      base: { revision: 0, fields: EMPTY_STATUS },
    });
  });
});

describe('the status form draft beside the server', () => {
  const typed = {
    fields: { ...EMPTY_STATUS, finished: 'Shipped the importer' },
    base: { revision: 0, fields: EMPTY_STATUS },
  };

  it('reports a device that refused the draft, and keeps the revision of one it took', () => {
    const denied = {
      getItem: () => null,
      setItem: () => {
        throw new Error('SecurityError');
      },
      removeItem: () => undefined,
    };
    expect(statusDeviceDrafts(createStatusDraftStore(denied, 'k')).save({ value: typed, revision: 3 })).toBe(false);
    expect(statusDeviceDrafts(createStatusDraftStore(null, 'k')).save({ value: typed, revision: 3 })).toBe(false);
    const device = statusDeviceDrafts(createStatusDraftStore(memoryStore(), 'k'));
    expect(device.save({ value: typed, revision: 3 })).toBe(true);
    expect(device.load()).toEqual({ value: typed, revision: 3 });
    // What is not a status draft is never written as one.
    expect(device.save({ value: { fields: { finished: 1 } }, revision: 4 })).toBe(false);
  });

  it('talks to status-form/draft with the link token, reading answers against the contract', async () => {
    const calls: Array<{ url: string; method: string; auth: string; keepalive: boolean }> = [];
    const answers: Array<[number, unknown]> = [
      [200, { draft: null }],
      [200, { draft: { value: typed, revision: 2, savedAt: '2026-11-22T09:00:00.000Z' } }],
      [
        409,
        {
          error: { code: 'staleDraft', message: 'newer' },
          current: { value: typed, revision: 7, savedAt: '2026-11-22T09:00:00.000Z' },
        },
      ],
      [409, { error: { code: 'formClosed', message: 'started' } }],
      [200, { deleted: true }],
    ];
    const fakeFetch = (url: string | URL | Request, init?: RequestInit) => {
      const headers = new Headers(init?.headers);
      calls.push({
        url: typeof url === 'string' ? url : url instanceof URL ? url.href : url.url,
        method: init?.method ?? 'GET',
        auth: headers.get('authorization') ?? '',
        keepalive: init?.keepalive === true,
      });
      const [status, body] = answers.shift() ?? [500, null];
      return Promise.resolve(new Response(JSON.stringify(body), { status }));
    };
    const server = statusFormServerDrafts({ baseUrl: 'https://api.test/api', token: 'link', fetch: fakeFetch });
    expect(await server.load()).toEqual({ kind: 'none' });
    expect(await server.load()).toEqual({ kind: 'found', draft: { value: typed, revision: 2 } });
    expect(await server.save({ value: typed, revision: 3 })).toEqual({ kind: 'stale', revision: 7 });
    expect(await server.save({ value: typed, revision: 8 }, { keepalive: true })).toEqual({ kind: 'refused' });
    expect(await server.remove()).toBe(true);
    expect(calls.map((c) => [c.method, c.url, c.auth, c.keepalive])).toEqual([
      ['GET', 'https://api.test/api/status-form/draft', 'Bearer link', false],
      ['GET', 'https://api.test/api/status-form/draft', 'Bearer link', false],
      ['PUT', 'https://api.test/api/status-form/draft', 'Bearer link', false],
      ['PUT', 'https://api.test/api/status-form/draft', 'Bearer link', true],
      ['DELETE', 'https://api.test/api/status-form/draft', 'Bearer link', false],
    ]);
  });
});

describe('what the form sends and how it meets what changed elsewhere', () => {
  const base = { revision: 2, fields: { finished: 'Shipped', inProgress: 'Billing', blocked: 'Legal', fyi: '' } };

  it('sends only the parts changed from the base, an emptied part as empty text', () => {
    expect(changedParts({ base, fields: { ...base.fields, inProgress: '', fyi: 'Friday' } })).toEqual({
      inProgress: '',
      fyi: 'Friday',
    });
    expect(changedParts({ base, fields: base.fields })).toEqual({});
  });

  it("takes the stored text for untouched parts, keeps the person's text, and names the parts both changed", () => {
    const mine = { base, fields: { ...base.fields, blocked: 'Security', fyi: 'Friday' } };
    const now = stored(3, { finished: 'Shipped twice', inProgress: 'Billing', blocked: 'Legal and tax', fyi: '' });
    expect(rebase(mine, now)).toEqual({
      draft: {
        base: { revision: 3, fields: now.fields },
        fields: { finished: 'Shipped twice', inProgress: 'Billing', blocked: 'Security', fyi: 'Friday' },
      },
      clashes: ['blocked'],
    });
    // Where the stored text already says what the person typed, there is nothing to choose.
    expect(rebase({ base, fields: { ...base.fields, blocked: 'Legal and tax' } }, now).clashes).toEqual([]);
  });
});
