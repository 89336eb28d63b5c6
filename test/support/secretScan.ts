/**
 * What a committed secret looks like. Kept small and specific (shapes of real credentials), so a hit is worth a
 * person's look; the one public, documented value it allows is Azurite's well-known development account key.
 */
export interface SecretHit {
  kind: string;
  line: number;
}

/** Azurite's development account key: published with Azurite itself, valid only against a local emulator. */
const AZURITE_DEV_KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';

/** Placeholder words that mark a value as obviously not a real secret (samples, local-only demo values). */
const PLACEHOLDER = /local|test|bench|example|sample|dummy|fake|placeholder|not-for-production|changeme|<[^>]*>|\$\{/i;

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const RULES: ReadonlyArray<{ kind: string; pattern: RegExp; allowed?: (match: RegExpExecArray) => boolean }> = [
  { kind: 'private key', pattern: /-----BEGIN (?:RSA |EC |DSA |OPENSSH |ENCRYPTED )?PRIVATE KEY-----/g },
  {
    kind: 'storage account key',
    pattern: /AccountKey=([A-Za-z0-9+/]{60,}={0,2})/g,
    allowed: (m) => m[1] === AZURITE_DEV_KEY,
  },
  // Entra ID client secrets: three characters, a digit, `Q~`, then 31–34 more.
  {
    kind: 'Entra ID client secret',
    pattern: /(?<![A-Za-z0-9_~.-])[A-Za-z0-9_~.-]{3}\dQ~[A-Za-z0-9_~.-]{31,34}(?![A-Za-z0-9_~.-])/g,
  },
  { kind: 'JSON Web Token', pattern: /eyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}/g },
  { kind: 'SAS signature', pattern: /[?&]sig=[A-Za-z0-9%+/]{30,}/g },
  {
    kind: 'secret assignment',
    pattern: /\b\w*(?:secret|password|passwd|api_?key|access_?key)\w*["']?\s*[:=]\s*["'`]([^"'`\s]{16,})["'`]/gi,
    // Ids (client ids, built-in role definition ids) are GUIDs and public by nature.
    allowed: (m) => PLACEHOLDER.test(m[1] ?? '') || GUID.test(m[1] ?? ''),
  },
];

/** Every secret-looking string in one file's text, with its line. */
export function findSecrets(text: string): SecretHit[] {
  const hits: SecretHit[] = [];
  for (const rule of RULES) {
    for (const match of text.matchAll(rule.pattern)) {
      if (rule.allowed?.(match)) continue;
      hits.push({ kind: rule.kind, line: text.slice(0, match.index).split('\n').length });
    }
  }
  return hits;
}
