import { DraftKeeper, type KeptDraft, type ServerDrafts, type ServerLoad, type ServerSave } from '../api/draftsClient';
import type { KeyValueStore } from '../host/browserStorage';
import { createDraftStore, deviceDraftOf, draftKey } from './drafts';

const ref = {
  managerId: '11111111-1111-4111-8111-111111111111',
  reportId: '22222222-2222-4222-8222-222222222222',
  occurrenceId: '20261126T0900Z-0123456789abcdef',
};

function memory(): KeyValueStore & { map: Map<string, string> } {
  const map = new Map<string, string>();
  return {
    map,
    getItem: (k) => map.get(k) ?? null,
    setItem: (k, v) => void map.set(k, v),
    removeItem: (k) => void map.delete(k),
  };
}

describe('draft store', () => {
  it('round-trips a draft per viewer, board and field', () => {
    const store = memory();
    const drafts = createDraftStore(store, ref.reportId, ref);
    drafts.save('energizing', { text: 'new', baseText: 'old', baseRevision: 2 });
    expect(drafts.load('energizing')).toEqual({ text: 'new', baseText: 'old', baseRevision: 2 });
    expect(drafts.load('draining')).toBeNull();
    expect(createDraftStore(store, ref.managerId, ref).load('energizing')).toBeNull();
    expect([...store.map.keys()]).toEqual([draftKey(ref.reportId, ref, 'energizing')]);
    drafts.remove('energizing');
    expect(drafts.load('energizing')).toBeNull();
  });

  it('ignores corrupt entries and storage that throws', () => {
    const store = memory();
    store.setItem(draftKey('v', ref, 'support'), '{"text":1}');
    expect(createDraftStore(store, 'v', ref).load('support')).toBeNull();
    const throwing: KeyValueStore = {
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
      removeItem: () => {
        throw new Error('SecurityError');
      },
    };
    const drafts = createDraftStore(throwing, 'v', ref);
    expect(() => drafts.save('support', { text: 'a', baseText: '', baseRevision: 0 })).not.toThrow();
    expect(drafts.load('support')).toBeNull();
    expect(() => drafts.remove('support')).not.toThrow();
    expect(createDraftStore(null, 'v', ref).load('support')).toBeNull();
  });
});

describe('device storage that refuses a write', () => {
  it('says so instead of pretending the draft was kept', () => {
    const denied: KeyValueStore = {
      getItem: () => null,
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
      removeItem: () => undefined,
    };
    const draft = { text: 'a', baseText: '', baseRevision: 0 };
    expect(createDraftStore(denied, 'v', ref).save('support', draft)).toBe(false);
    expect(createDraftStore(null, 'v', ref).save('support', draft)).toBe(false);
    expect(createDraftStore(memory(), 'v', ref).save('support', draft)).toBe(true);
  });
});

/** A server of one draft, in memory, that can be taken offline. */
function fakeServer(initial: KeptDraft | null = null) {
  const server = {
    draft: initial,
    online: true,
    saves: [] as Array<{ draft: KeptDraft; keepalive: boolean }>,
    removes: 0,
    api: {
      load: (): Promise<ServerLoad> =>
        Promise.resolve(
          !server.online
            ? { kind: 'failed' }
            : server.draft
              ? { kind: 'found', draft: server.draft }
              : { kind: 'none' },
        ),
      save: (draft: KeptDraft, options?: { keepalive?: boolean }): Promise<ServerSave> => {
        server.saves.push({ draft, keepalive: options?.keepalive === true });
        if (!server.online) return Promise.resolve({ kind: 'failed' });
        if (server.draft && draft.revision < server.draft.revision)
          return Promise.resolve({ kind: 'stale', revision: server.draft.revision });
        server.draft = draft;
        return Promise.resolve({ kind: 'saved' });
      },
      remove: (): Promise<boolean> => {
        server.removes += 1;
        if (!server.online) return Promise.resolve(false);
        server.draft = null;
        return Promise.resolve(true);
      },
    } satisfies ServerDrafts,
  };
  return server;
}

describe('a form draft kept on the server, with device storage as its cache', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  const keeperOver = (server: ReturnType<typeof fakeServer>, store: KeyValueStore | null) =>
    new DraftKeeper({
      server: server.api,
      device: deviceDraftOf(createDraftStore(store, ref.managerId, ref), 'recapComposer'),
      debounceMs: 800,
      retryMs: 5000,
    });

  it('keeps each change on the device at once and on the server after a pause in typing', async () => {
    const server = fakeServer();
    const store = memory();
    const keeper = keeperOver(server, store);
    keeper.change({ text: 'Blocked' });
    keeper.change({ text: 'Blocked on review' });
    expect(keeper.getState()).toBe('device');
    expect(keeperOver(fakeServer(), store).fromDevice()).toEqual({ value: { text: 'Blocked on review' }, revision: 2 });
    expect(server.saves).toEqual([]);
    await jest.advanceTimersByTimeAsync(800);
    expect(server.draft).toEqual({ value: { text: 'Blocked on review' }, revision: 2 });
    expect(keeper.getState()).toBe('kept');
  });

  it('comes back from the server on a device whose storage was cleared', async () => {
    const server = fakeServer({ value: { text: 'typed on the other host' }, revision: 5 });
    const store = memory();
    const keeper = keeperOver(server, store);
    expect(await keeper.restore()).toEqual({ value: { text: 'typed on the other host' }, revision: 5 });
    // The cache is refreshed, and the next change counts on from the server's revision.
    keeper.change({ text: 'and more' });
    await jest.advanceTimersByTimeAsync(800);
    expect(server.draft).toEqual({ value: { text: 'and more' }, revision: 6 });
  });

  it('restores the newer of the two: words typed offline on this device go to the server', async () => {
    const server = fakeServer({ value: { text: 'older' }, revision: 2 });
    const store = memory();
    deviceDraftOf(createDraftStore(store, ref.managerId, ref), 'recapComposer').save({
      value: { text: 'newer, typed offline' },
      revision: 3,
    });
    const keeper = keeperOver(server, store);
    expect(await keeper.restore()).toEqual({ value: { text: 'newer, typed offline' }, revision: 3 });
    await jest.advanceTimersByTimeAsync(0);
    expect(server.draft).toEqual({ value: { text: 'newer, typed offline' }, revision: 3 });
  });

  it('says the words are unkept when neither the server nor the device keeps them, until the server does', async () => {
    const server = fakeServer();
    server.online = false;
    const denied: KeyValueStore = {
      getItem: () => null,
      setItem: () => {
        throw new Error('SecurityError');
      },
      removeItem: () => undefined,
    };
    const keeper = keeperOver(server, denied);
    keeper.change({ text: 'only in this window' });
    await jest.advanceTimersByTimeAsync(800);
    expect(keeper.getState()).toBe('unkept');
    server.online = true;
    await jest.advanceTimersByTimeAsync(5000);
    expect(keeper.getState()).toBe('kept');
    expect(server.draft?.value).toEqual({ text: 'only in this window' });
  });

  it('goes above a newer revision kept by another device instead of losing the words typed here', async () => {
    const server = fakeServer({ value: { text: 'other device' }, revision: 9 });
    const keeper = keeperOver(server, memory());
    keeper.change({ text: 'typed here' });
    await jest.advanceTimersByTimeAsync(800);
    expect(server.draft).toEqual({ value: { text: 'typed here' }, revision: 10 });
  });

  it('flushes at once with keepalive (blur, pagehide), and clears both places once the real save succeeded', async () => {
    const server = fakeServer();
    const store = memory();
    const keeper = keeperOver(server, store);
    keeper.change({ text: 'Learning: ask earlier' });
    keeper.flush();
    await jest.advanceTimersByTimeAsync(0);
    expect(server.saves).toEqual([
      { draft: { value: { text: 'Learning: ask earlier' }, revision: 1 }, keepalive: true },
    ]);
    keeper.clear();
    await jest.advanceTimersByTimeAsync(0);
    expect(server.draft).toBeNull();
    expect(store.map.size).toBe(0);
  });
});
