import { ClientSecretCredential, ManagedIdentityCredential } from '@azure/identity';
import { createAppOnlyCredential } from './graphClient';

const registration = {
  authorityHost: 'https://login.microsoftonline.com',
  tenantId: '11111111-2222-3333-4444-555555555555',
  clientId: '66666666-7777-8888-9999-000000000000',
  clientSecret: 'from-key-vault',
};

describe('createAppOnlyCredential', () => {
  it('uses the app registration and its secret by default', () => {
    expect(createAppOnlyCredential({ kind: 'clientSecret' }, registration)).toBeInstanceOf(ClientSecretCredential);
  });

  it('uses the Function App’s managed identity when chosen, never the secret', () => {
    expect(createAppOnlyCredential({ kind: 'managedIdentity', clientId: null }, registration)).toBeInstanceOf(
      ManagedIdentityCredential,
    );
    expect(
      createAppOnlyCredential(
        { kind: 'managedIdentity', clientId: 'abcdefab-1234-4abc-8def-0123456789ab' },
        registration,
      ),
    ).toBeInstanceOf(ManagedIdentityCredential);
  });
});
