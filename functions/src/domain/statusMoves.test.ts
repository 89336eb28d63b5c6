import { MAX_STATUS_FIELD_LENGTH } from '../contract';
import { appendToStatus, EMPTY_STATUS_FIELDS, MAX_REMEMBERED_MOVES } from './statusMoves';

const ID = '3f0c6a52-8f5e-4c4e-9d51-0e8a3c1d2b7a';

describe('appendToStatus', () => {
  it('creates the part from nothing, keeping the words exactly as typed', () => {
    const decision = appendToStatus(null, [], { id: ID, section: 'finished', text: '  JIRA-1 done\n' });
    expect(decision).toEqual({
      kind: 'appended',
      fields: { ...EMPTY_STATUS_FIELDS, finished: '  JIRA-1 done\n' },
      appliedMoves: [ID],
    });
  });

  it('appends on a new line and leaves the other parts alone', () => {
    const current = { ...EMPTY_STATUS_FIELDS, finished: 'Shipped the export', fyi: 'Away Friday' };
    const decision = appendToStatus(current, [], { id: ID, section: 'finished', text: 'JIRA-1 done' });
    expect(decision.kind === 'appended' && decision.fields).toEqual({
      ...current,
      finished: 'Shipped the export\nJIRA-1 done',
    });
  });

  it('does not add a second newline after one already there', () => {
    const current = { ...EMPTY_STATUS_FIELDS, blocked: 'Waiting on legal\n' };
    const decision = appendToStatus(current, [], { id: ID, section: 'blocked', text: 'PR 12' });
    expect(decision.kind === 'appended' && decision.fields.blocked).toBe('Waiting on legal\nPR 12');
  });

  it('applies a move id once (ids compare case-insensitively)', () => {
    expect(appendToStatus(null, [ID], { id: ID.toUpperCase(), section: 'fyi', text: 'x' })).toEqual({
      kind: 'alreadyApplied',
    });
  });

  it('refuses a result longer than the part allows, naming the part', () => {
    const current = { ...EMPTY_STATUS_FIELDS, inProgress: 'a'.repeat(MAX_STATUS_FIELD_LENGTH - 3) };
    expect(appendToStatus(current, [], { id: ID, section: 'inProgress', text: 'abc' })).toMatchObject({
      kind: 'tooLong',
      section: 'inProgress',
    });
  });

  it('remembers only the most recent move ids', () => {
    const many = Array.from({ length: MAX_REMEMBERED_MOVES }, (_, i) => `id-${i}`);
    const decision = appendToStatus(null, many, { id: ID, section: 'fyi', text: 'x' });
    expect(decision.kind === 'appended' && decision.appliedMoves).toEqual([...many.slice(1), ID]);
  });
});
