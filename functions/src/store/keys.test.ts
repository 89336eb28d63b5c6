import { compositeKey, InvalidKeyError, keyPart, pairPartitionKey } from './keys';

describe('table keys', () => {
  it('joins ids with |, lower-casing the pair ids', () => {
    expect(
      pairPartitionKey(
        'contoso-tenant',
        '1111AAAA-1111-1111-1111-111111111111',
        '2222bbbb-2222-2222-2222-222222222222',
      ),
    ).toBe('contoso-tenant|1111aaaa-1111-1111-1111-111111111111|2222bbbb-2222-2222-2222-222222222222');
  });

  it('accepts occurrence ids', () => {
    expect(keyPart('20261126T0900Z-0123456789abcdef')).toBe('20261126T0900Z-0123456789abcdef');
  });

  it.each([['a/b'], ['a\\b'], ['a#b'], ['a?b'], ['a|b'], ['a\u0000b'], ['a\nb'], ['a\u007fb'], ['a\u0085b'], ['']])(
    'refuses %j',
    (bad) => {
      expect(() => keyPart(bad)).toThrow(InvalidKeyError);
      expect(() => compositeKey('ok', bad)).toThrow(InvalidKeyError);
    },
  );

  it('does not echo the offending value (keys may be built from request input)', () => {
    expect(() => keyPart('secret/value')).toThrow(/^(?!.*secret)/);
  });

  it('refuses absurdly long keys', () => {
    expect(() => compositeKey('a'.repeat(300), 'b'.repeat(300))).toThrow(InvalidKeyError);
  });
});
