/**
 * Table Storage forbids `/ \ # ?` and control characters in PartitionKey/RowKey, and `|` separates the parts
 * of our composite keys. Keys are built from ids only (GUIDs, tenant ids, occurrence ids), never from names or
 * free text, so instead of escaping we refuse anything else: a bad key is a programming error, not user input.
 */
// Cc, the control characters' Unicode category, is exactly U+0000–U+001F and U+007F–U+009F: the ranges refused here.
const FORBIDDEN = /[/\\#?|\p{Cc}]/u;
const MAX_KEY_LENGTH = 512; // the service allows 1 KiB; ids are far shorter

export class InvalidKeyError extends Error {
  override readonly name = 'InvalidKeyError';
}

export function keyPart(value: string): string {
  if (value.length === 0) throw new InvalidKeyError('key part is empty');
  if (FORBIDDEN.test(value)) throw new InvalidKeyError('key part contains a character Table Storage keys cannot hold');
  return value;
}

/** Joins id parts into one key with `|`; every part is checked. */
export function compositeKey(...parts: string[]): string {
  const key = parts.map(keyPart).join('|');
  if (key.length > MAX_KEY_LENGTH) throw new InvalidKeyError('key is too long');
  return key;
}

/** One partition per pair within a tenant: every board of the pair, and nothing of anyone else. */
export function pairPartitionKey(tenantId: string, managerId: string, reportId: string): string {
  return compositeKey(tenantId, managerId.toLowerCase(), reportId.toLowerCase());
}
