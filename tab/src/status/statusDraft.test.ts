import { createStatusDraftStore, linkSubject, sameStatus, statusDraftKey, EMPTY_STATUS } from './statusDraft';

function memoryStore() {
  const map = new Map<string, string>();
  return { getItem: (k: string) => map.get(k) ?? null, setItem: (k: string, v: string) => void map.set(k, v), removeItem: (k: string) => void map.delete(k), map };
}

describe('status form drafts', () => {
  it('keeps what was typed until a save succeeds', () => {
    const store = memoryStore();
    const drafts = createStatusDraftStore(store, statusDraftKey('r', 'o'));
    expect(drafts.load()).toBeNull();
    const typed = { ...EMPTY_STATUS, blocked: 'Waiting on the security review' };
    drafts.save(typed);
    expect(createStatusDraftStore(store, statusDraftKey('r', 'o')).load()).toEqual(typed);
    drafts.clear();
    expect(drafts.load()).toBeNull();
  });

  it('survives storage that throws or holds garbage', () => {
    const broken = { getItem: () => { throw new Error('blocked'); }, setItem: () => { throw new Error('full'); }, removeItem: () => undefined };
    const drafts = createStatusDraftStore(broken, 'k');
    expect(() => drafts.save(EMPTY_STATUS)).not.toThrow();
    expect(drafts.load()).toBeNull();
    const store = memoryStore();
    store.setItem('k', '{"finished":1}');
    expect(createStatusDraftStore(store, 'k').load()).toBeNull();
  });

  it('reads who and which occurrence a link is for, without trusting it', () => {
    const payload = btoa(JSON.stringify({ sub: '22222222-2222-2222-2222-222222222222', occ: '20261123T0900Z-0123456789abcdef' })).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
    expect(linkSubject(`h.${payload}.s`)).toEqual({ reportId: '22222222-2222-2222-2222-222222222222', occurrenceId: '20261123T0900Z-0123456789abcdef' });
    expect(linkSubject('garbage')).toBeNull();
    expect(sameStatus(EMPTY_STATUS, { ...EMPTY_STATUS })).toBe(true);
  });
});
