import { directoryPersonOf } from './graphShapes';

describe('directoryPersonOf', () => {
  it('knows a person by every SMTP and X.500 proxy address as well as mail and UPN, once each, lower-case', () => {
    const person = directoryPersonOf({
      '@odata.type': '#microsoft.graph.user',
      id: '22222222-2222-2222-2222-222222222222',
      displayName: 'Adele Vance',
      mail: 'Adele@contoso.test',
      userPrincipalName: 'adele@contoso.onmicrosoft.test',
      proxyAddresses: [
        'SMTP:Adele@contoso.test',
        'smtp:adele.old@fabrikam.test',
        'X500:/o=ExchangeLabs/ou=Exchange Administrative Group (FYDIBOHF23SPDLT)/cn=Recipients/cn=4f2b-adele',
        'SIP:adele@contoso.test',
        'SPO:SPO_6c1f@SPO_contoso',
      ],
    });
    expect(person?.addresses).toEqual([
      'adele@contoso.test',
      'adele@contoso.onmicrosoft.test',
      'adele.old@fabrikam.test',
      '/o=exchangelabs/ou=exchange administrative group (fydibohf23spdlt)/cn=recipients/cn=4f2b-adele',
    ]);
  });

  it('reads a user without proxy addresses (Graph returns them only when selected)', () => {
    expect(directoryPersonOf({ id: 'ABC', displayName: null, mail: 'a@contoso.test' })).toEqual({
      id: 'abc',
      displayName: 'a@contoso.test',
      addresses: ['a@contoso.test'],
    });
  });
});
