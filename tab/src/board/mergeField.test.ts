import { mergeField } from './mergeField';

describe('mergeField', () => {
  it('takes the server text when nothing changed locally', () => {
    expect(mergeField({ base: 'a', local: 'a', server: 'a b' })).toBe('a b');
  });

  it('keeps the local text when the server still has the base (revision bumped, same text)', () => {
    expect(mergeField({ base: 'a', local: 'a and more', server: 'a' })).toBe('a and more');
  });

  it('is a no-op when both sides typed the same thing', () => {
    expect(mergeField({ base: '', local: 'same', server: 'same' })).toBe('same');
  });

  it('keeps the superset when one side contains the other', () => {
    expect(mergeField({ base: '', local: 'Hi', server: 'Hi there' })).toBe('Hi there');
    expect(mergeField({ base: '', local: 'Hi there', server: 'Hi' })).toBe('Hi there');
  });

  it('keeps the base once when both sides added new lines after it', () => {
    expect(
      mergeField({
        base: 'Shipping v2.',
        local: 'Shipping v2.\nPairing with Ana.',
        server: 'Shipping v2.\nOn-call week.',
      }),
    ).toBe('Shipping v2.\nOn-call week.\n\nPairing with Ana.');
    expect(mergeField({ base: '- a\n', local: '- a\n- b', server: '- a\n- c' })).toBe('- a\n- c\n\n- b');
  });

  it('keeps whole texts when an addition continues a line', () => {
    expect(
      mergeField({ base: 'Review my doc', local: 'Review my doc by Friday', server: 'Review my doc, please' }),
    ).toBe('Review my doc, please\n\nReview my doc by Friday');
  });

  it('keeps both texts, server first, when both changed differently', () => {
    expect(mergeField({ base: 'old', local: 'mine', server: 'theirs' })).toBe('theirs\n\nmine');
    expect(mergeField({ base: '', local: 'mine', server: 'theirs' })).toBe('theirs\n\nmine');
  });

  it('never loses a character of either side', () => {
    const cases = [
      { base: 'x', local: 'local edit', server: 'server edit' },
      { base: 'abc', local: 'abc def', server: 'xyz' },
      { base: 'line 1\n', local: 'line 1\nline 2', server: 'line 1\nline 3' },
    ];
    for (const c of cases) {
      const merged = mergeField(c);
      expect(merged).toContain(c.server.trimEnd());
      expect(merged).toContain(c.local.slice(c.base.endsWith('\n') ? c.base.length : 0).trim());
    }
  });

  it('does not add separators around empty or whitespace-only sides', () => {
    expect(mergeField({ base: 'a', local: '', server: 'b' })).toBe('b');
    expect(mergeField({ base: 'a', local: 'b', server: '' })).toBe('b');
    expect(mergeField({ base: 'a', local: 'a   ', server: 'a b' })).toBe('a b');
  });
});
