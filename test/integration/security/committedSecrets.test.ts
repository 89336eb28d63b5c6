import { trackedTextFiles } from '../../support/repoFiles';
import { findSecrets } from '../../support/secretScan';

describe('secrets never live in the repository', () => {
  test('no tracked file holds a secret-looking string', () => {
    const files = trackedTextFiles();
    expect(files.length).toBeGreaterThan(100);
    const found: string[] = [];
    for (const { file, text } of files) {
      for (const hit of findSecrets(text)) found.push(`${file}:${hit.line} ${hit.kind}`);
    }
    expect(found).toEqual([]);
  });

  // The scanner must be able to fail: each shape it guards against is caught, and placeholders are not.
  // The samples are assembled at run time so that this file itself holds none of the shapes it looks for.
  const joined = (...parts: string[]): string => parts.join('');
  test.each([
    [
      'private key',
      joined('-----BEGIN PRIV', 'ATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIV', 'ATE KEY-----'),
    ],
    ['storage account key', joined('AccountName=prod;Account', 'Key=', 'k'.repeat(86), '==;')],
    ['Entra ID client secret', joined('CLIENT_SECRET=Abc8', 'Q~', 'aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456')],
    [
      'JSON Web Token',
      joined(
        'Authorization: Bearer ',
        'eyJ',
        'hbGciOiJSUzI1NiJ9.',
        'eyJ',
        'zdWIiOiIxMjM0NTY3ODkwIn0.c2lnbmF0dXJlc2lnbmF0dXJl',
      ),
    ],
    [
      'SAS signature',
      joined('https://x.table.core.windows.net/t?sv=2024&', 'sig=', 'AbCdEfGhIjKlMnOpQrStUvWxYz0123456789%2B'),
    ],
    ['secret assignment', joined('const client', 'Secret = "', 'k3Jd9sLq0pXvB7nW2mZr', '";')],
  ])('catches a %s', (kind, text) => {
    expect(findSecrets(text).map((hit) => hit.kind)).toContain(kind);
  });

  test.each([
    [
      'Azurite’s published development key',
      'AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;',
    ],
    ['a local-only demo value', "const STATUS_LINK_SECRET = 'local-dev-status-link-secret-not-for-production';"],
    ['a configuration reference', 'clientSecret: "${GRAPH_CLIENT_SECRET_REFERENCE}"'],
  ])('lets %s pass', (_label, text) => {
    expect(findSecrets(text)).toEqual([]);
  });
});
