import type { Month } from '../contract';

/*
 * What the retention timer deletes, as pure rules. Everything Candor keeps about a 1:1 is dated by the occurrence's
 * ORIGINAL start (the first part of its id), so a meeting moved later does not live longer; month-based rows
 * (aggregates, digest claims) by their month. A row goes once it is older than the retention period.
 */

/** Default retention: 13 months, so a whole year of trends plus the month in progress stays visible. */
export const DEFAULT_RETENTION_MONTHS = 13;

/** The instant `months` calendar months before `now` (UTC, clamped to the month's last day, e.g. 31 March → 28/29 Feb). */
export function retentionCutoff(now: Date, months: number): Date {
  const year = now.getUTCFullYear();
  const month = now.getUTCMonth() - months;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return new Date(
    Date.UTC(
      year,
      month,
      Math.min(now.getUTCDate(), lastDay),
      now.getUTCHours(),
      now.getUTCMinutes(),
      now.getUTCSeconds(),
      now.getUTCMilliseconds(),
    ),
  );
}

/** `2026-11-26T09:05:31Z` → `20261126T0905Z`: the occurrence id's stamp format. Occurrence ids sort like their starts. */
export function occurrenceStampOf(instant: Date): string {
  const iso = instant.toISOString();
  return `${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}T${iso.slice(11, 13)}${iso.slice(14, 16)}Z`;
}

const STAMP = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})Z/;

/** The original start of an occurrence id (null for anything that is not one). */
export function originalStartOf(occurrenceId: string): Date | null {
  const m = STAMP.exec(occurrenceId);
  if (!m) return null;
  const [, y, mo, d, h, mi] = m.map(Number) as [number, number, number, number, number, number];
  return new Date(Date.UTC(y, mo - 1, d, h, mi));
}

/** An occurrence whose original start lies before the cutoff is out of the period. Unparseable ids are kept. */
export function isOccurrenceExpired(occurrenceId: string, cutoff: Date): boolean {
  const start = originalStartOf(occurrenceId);
  return start !== null && start.getTime() < cutoff.getTime();
}

/** The month of the cutoff: months before it lie wholly outside the period; the cutoff's own month is kept. */
export function cutoffMonth(cutoff: Date): Month {
  return cutoff.toISOString().slice(0, 7);
}

/** A month row goes when the whole month lies before the cutoff; the key is read as stored, so its shape is checked. */
export function isMonthExpired(month: string, cutoff: Date): boolean {
  return /^\d{4}-\d{2}$/.test(month) && month < cutoffMonth(cutoff);
}

/** A closed commitment goes when it was closed before the cutoff; an open one is still live and stays. */
export function isClosedCommitmentExpired(
  commitment: { status: string; closedAt: string | null },
  cutoff: Date,
): boolean {
  if (commitment.status === 'open' || !commitment.closedAt) return false;
  const closed = Date.parse(commitment.closedAt);
  return Number.isFinite(closed) && closed < cutoff.getTime();
}
