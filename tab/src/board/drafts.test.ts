import type { KeyValueStore } from '../host/browserStorage';
import { createDraftStore, draftKey } from './drafts';

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
