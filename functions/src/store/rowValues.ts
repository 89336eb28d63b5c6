/**
 * Typed reads of a stored row's properties. The stores write these as strings and numbers; a property that is
 * absent (a row written before it existed) or of another type reads as the fallback, never as "[object Object]".
 */
export function rowText(row: Record<string, unknown>, name: string, fallback = ''): string {
  const value = row[name];
  return typeof value === 'string' ? value : fallback;
}

export function rowNumber(row: Record<string, unknown>, name: string, fallback = 0): number {
  const value = row[name];
  return typeof value === 'number' ? value : fallback;
}

/**
 * A property the stores write as an empty string to mean "none" (Table Storage cannot store null): null when empty
 * or absent, else the stored value as it is, for the row's schema to check.
 */
export function rowValueOrNull(row: Record<string, unknown>, name: string): unknown {
  const value = row[name];
  return value === '' || value === undefined ? null : value;
}
