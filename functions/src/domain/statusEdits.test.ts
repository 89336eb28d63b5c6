import type { StatusUpdate } from '../contract';
import { applyStatusEdit, legacyStamps, stampsAfter, type StatusState } from './statusEdits';

const update = (revision: number, fields: StatusUpdate['fields']): StatusUpdate => ({
  fields,
  revision,
  firstSubmittedAt: '2026-06-10T08:00:00.000Z',
  updatedAt: '2026-06-10T09:00:00.000Z',
});
const FULL = { finished: 'Shipped', inProgress: 'Billing', blocked: 'Legal', fyi: 'Out Friday' };
/** Everything written by the form at revision 1, then "blocked" changed in chat at revision 2. */
const stored: StatusState = {
  update: update(2, { ...FULL, blocked: 'Security' }),
  parts: {
    finished: { revision: 1, via: 'form' },
    inProgress: { revision: 1, via: 'form' },
    blocked: { revision: 2, via: 'chat' },
    fyi: { revision: 1, via: 'form' },
  },
};

describe('merging a status edit into what is stored', () => {
  it('changes only the parts sent; an absent part is unchanged, an empty one is cleared', () => {
    expect(applyStatusEdit(stored, { baseRevision: 2, parts: { fyi: '' }, via: 'form' })).toEqual({
      kind: 'merged',
      fields: { ...FULL, blocked: 'Security', fyi: '' },
      changed: ['fyi'],
    });
  });

  it('merges a part changed elsewhere after the base when the edit does not touch it', () => {
    expect(
      applyStatusEdit(stored, { baseRevision: 1, parts: { finished: 'Shipped twice' }, via: 'form' }),
    ).toMatchObject({
      kind: 'merged',
      fields: { finished: 'Shipped twice', blocked: 'Security' },
    });
  });

  it('refuses, naming where it changed, a part changed after the base that the edit would replace', () => {
    expect(
      applyStatusEdit(stored, { baseRevision: 1, parts: { finished: 'x', blocked: 'Nothing' }, via: 'form' }),
    ).toEqual({
      kind: 'conflict',
      parts: [{ part: 'blocked', changedIn: 'chat' }],
    });
  });

  it('answers a retry (text already stored, older base) as merged with nothing changed', () => {
    expect(applyStatusEdit(stored, { baseRevision: 0, parts: { blocked: 'Security' }, via: 'form' })).toEqual({
      kind: 'merged',
      fields: stored.update.fields,
      changed: [],
    });
  });

  it('lets an edit without a base neither clear a part nor replace one that holds text', () => {
    const old = applyStatusEdit(stored, {
      baseRevision: null,
      parts: { finished: 'One line', inProgress: '', blocked: '', fyi: '' },
      via: 'chat',
    });
    expect(old).toEqual({ kind: 'conflict', parts: [{ part: 'finished', changedIn: 'form' }] });
    const empty: StatusState = {
      update: update(1, { ...FULL, fyi: '' }),
      parts: { ...stored.parts, fyi: { revision: 0, via: null } },
    };
    expect(
      applyStatusEdit(empty, {
        baseRevision: null,
        parts: { finished: '', inProgress: '', blocked: '', fyi: 'Out Friday' },
        via: 'chat',
      }),
    ).toEqual({
      kind: 'merged',
      fields: { ...FULL },
      changed: ['fyi'],
    });
  });

  it('treats a base ahead of what is stored (the update was removed and written again) as having seen nothing', () => {
    expect(applyStatusEdit(stored, { baseRevision: 9, parts: { fyi: 'x' }, via: 'form' })).toMatchObject({
      kind: 'conflict',
    });
  });

  it('applies everything to an update not stored yet', () => {
    expect(applyStatusEdit(null, { baseRevision: 0, parts: { blocked: 'Legal' }, via: 'chat' })).toEqual({
      kind: 'merged',
      fields: { finished: '', inProgress: '', blocked: 'Legal', fyi: '' },
      changed: ['blocked'],
    });
  });
});

describe('part stamps', () => {
  it('reads a row from before stamps as: parts with text may have changed at its revision, empty parts never', () => {
    expect(legacyStamps(update(4, { ...FULL, fyi: '' }))).toEqual({
      finished: { revision: 4, via: null },
      inProgress: { revision: 4, via: null },
      blocked: { revision: 4, via: null },
      fyi: { revision: 0, via: null },
    });
  });

  it('stamps the parts whose text changed with the new revision and surface, and keeps the others', () => {
    const next = stampsAfter(stored, { ...stored.update.fields, fyi: 'In Friday' }, 3, 'board');
    expect(next).toEqual({ ...stored.parts, fyi: { revision: 3, via: 'board' } });
  });
});
