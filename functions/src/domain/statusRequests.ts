import { createHash } from 'node:crypto';
import type { OccurrenceId } from '../contract';
import type { CalendarEvent } from './calendar';
import { occurrenceIdFor } from './occurrences';
import { detectOneOnOne, type DirectoryPerson, type OrgChartFacts } from './oneOnOnes';
import { normalizeId, type Pair } from './pairs';
import { seriesIdentityOf } from './seriesIdentity';

/** One occurrence of a pair's 1:1 that is inside its lead time: a status request is due for it. */
export interface DueOneOnOne {
  pair: Pair;
  manager: DirectoryPerson;
  report: DirectoryPerson;
  /** The board's occurrence id (original start + hash of the series identity, domain/seriesIdentity.ts). */
  occurrenceId: OccurrenceId;
  /**
   * What stays the same when the occurrence is moved: the series plus the occurrence's original start. A single
   * event has no original start, so its key is the series alone (it has only one occurrence).
   */
  claimBase: string;
  subject: string;
  startUtc: string;
  leadTimeMinutes: number;
  /** Someone besides the pair is in the meeting (its chat): the assistant who booked it. */
  othersInChat?: boolean;
}

export interface DueScanInput {
  managerId: string;
  events: readonly CalendarEvent[];
  /** The manager, their direct reports and those reporting lines (the directory as of this scan). */
  orgChart: OrgChartFacts;
  leadTimeMinutesFor: (reportId: string) => number;
  now: Date;
}

/**
 * Which of a manager's calendar events are 1:1s with one of their direct reports, starting after `now` and no
 * later than the pair's lead time from now. Cancelled, declined, all-day, group and non-report meetings never
 * are (see detectOneOnOne). A 1:1 the manager attends as someone else's report is not theirs to request.
 */
export function findDueOneOnOnes(input: DueScanInput): DueOneOnOne[] {
  const now = input.now.getTime();
  const managerId = normalizeId(input.managerId);
  const due: DueOneOnOne[] = [];
  const seen = new Set<string>();
  for (const event of input.events) {
    const decision = detectOneOnOne(event, input.orgChart);
    if (decision.kind !== 'oneOnOne' || decision.pair.managerId !== managerId) continue;
    const start = Date.parse(event.startUtc);
    const leadTimeMinutes = input.leadTimeMinutesFor(decision.pair.reportId);
    if (!(start > now && start - now <= leadTimeMinutes * 60_000)) continue;
    const seriesKey = seriesIdentityOf(event);
    const claimBase = claimBaseOf(seriesKey, event.originalStartUtc);
    // The same meeting can be listed twice (e.g. a calendar shared into the view): one request per occurrence.
    if (seen.has(`${decision.pair.reportId}|${claimBase}`)) continue;
    seen.add(`${decision.pair.reportId}|${claimBase}`);
    due.push({
      pair: decision.pair,
      manager: decision.manager,
      report: decision.report,
      occurrenceId: occurrenceIdFor(event.originalStartUtc ?? event.startUtc, seriesKey),
      claimBase,
      subject: event.subject,
      startUtc: new Date(start).toISOString(),
      leadTimeMinutes,
      ...(decision.othersInChat ? { othersInChat: true } : {}),
    });
  }
  return due;
}

/** 16 hex of the series, then the original start (sortable) or `single`. Only ids and times: safe in table keys. */
export function claimBaseOf(seriesKey: string, originalStartUtc: string | null): string {
  const series = createHash('sha256').update(seriesKey, 'utf8').digest('hex').slice(0, 16);
  if (!originalStartUtc) return `${series}-single`;
  const iso = new Date(originalStartUtc).toISOString();
  return `${series}-${iso.slice(0, 16).replace(/[-:]/g, '')}Z`;
}

/** What the latest request (generation) of an occurrence says, as far as deciding the next step needs. */
export interface LatestRequest {
  generation: number;
  state: 'claimed' | 'sending' | 'sent' | 'rejected';
  /** When the 1:1 started in the request that went (or is going) out. */
  requestedStartUtc: string;
  /** The lease of the scan working on it; past it, another scan may settle and take over. */
  leaseUntil: string;
}

export type RequestStep =
  /** Nothing was claimed yet: claim generation 1. */
  | { kind: 'claim'; generation: number }
  /** Sent for this time (or moved by no more than the lead time): nothing to send. */
  | { kind: 'done'; movedTo: string | null }
  /** Sent, then moved by more than the lead time: a fresh request (a new generation). */
  | { kind: 'fresh'; generation: number }
  /** Another scan holds it (its lease runs): leave it alone. */
  | { kind: 'busy' }
  /** Its scan stopped (lease over) before it was sent: take it over; `settle` = it may have gone out already. */
  | { kind: 'takeOver'; settle: boolean }
  /** Graph refused it for good (e.g. an unknown recipient); resending the same request would not help. */
  | { kind: 'rejected' };

/** The next step for a due occurrence, given the latest request recorded for it (null = none). */
export function nextRequestStep(
  due: Pick<DueOneOnOne, 'startUtc' | 'leadTimeMinutes'>,
  latest: LatestRequest | null,
  now: Date,
): RequestStep {
  if (!latest) return { kind: 'claim', generation: 1 };
  const moved = Math.abs(Date.parse(due.startUtc) - Date.parse(latest.requestedStartUtc));
  switch (latest.state) {
    case 'sent':
      if (moved > due.leadTimeMinutes * 60_000) return { kind: 'fresh', generation: latest.generation + 1 };
      return { kind: 'done', movedTo: moved > 0 ? due.startUtc : null };
    case 'rejected':
      return { kind: 'rejected' };
    case 'claimed':
    case 'sending':
      if (Date.parse(latest.leaseUntil) > now.getTime()) return { kind: 'busy' };
      // A claim is marked `sending` before the send leaves; `claimed` alone means nothing went out.
      return { kind: 'takeOver', settle: latest.state === 'sending' };
  }
}

/** The lead time of a pair: its own, else the manager's, else the global default. */
export function leadTimeMinutes(
  defaults: { globalMinutes: number; managerMinutes: number | null; pairMinutes: ReadonlyMap<string, number> },
  reportId: string,
): number {
  return defaults.pairMinutes.get(normalizeId(reportId)) ?? defaults.managerMinutes ?? defaults.globalMinutes;
}
