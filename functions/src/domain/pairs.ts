import type { Role } from '../contract';

/** A manager and one of their direct reports: the two people who share boards. */
export interface Pair {
  managerId: string;
  reportId: string;
}

/** Object ids are GUIDs; Graph and tokens may differ in letter case, so ids are compared and stored lower-case. */
export function normalizeId(id: string): string {
  return id.toLowerCase();
}

/** The caller's side of the pair, or null when the caller is neither person. */
export function roleInPair(pair: Pair, userId: string): Role | null {
  const id = normalizeId(userId);
  if (id === normalizeId(pair.managerId)) return 'manager';
  if (id === normalizeId(pair.reportId)) return 'report';
  return null;
}
