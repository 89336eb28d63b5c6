import type { Caller } from '../auth/tokenValidator';
import type { CalendarEvent } from '../domain/calendar';
import type { OrgChartFacts } from '../domain/oneOnOnes';
import { normalizeId, roleInPair } from '../domain/pairs';
import type { MeetingResolution } from '../store/meetingResolutionStore';
import type { CallerOneOnOne } from './callerOneOnOnes';

/*
 * The side panel's meeting chat, resolved once from the caller's calendar and kept (store/meetingResolutionStore),
 * so an open while nothing changed costs one table read instead of a calendar read through On-Behalf-Of. The row
 * holds where the chat leads, never who may follow it: every open still asks the directory (the org chart around
 * the caller, cached as for every open) whether the caller is one of the pair and the one still manages the other.
 */

/** How long a resolution stands without the calendar being read again (the scan refreshes it sooner). */
export const RESOLUTION_FRESH_MS = 6 * 3600_000;

/** A 1:1 occurrence as the board needs it: the calendar's event, or the kept resolution's occurrence. */
export type BoardOccurrence = Omit<CallerOneOnOne, 'event'> & {
  event: Pick<CalendarEvent, 'subject' | 'startUtc' | 'endUtc'>;
};

/**
 * What to keep of a chat's 1:1 occurrences: null when there is nothing worth keeping (none, more than one pair, or
 * the last one already over, since choosing among them from then on needs the calendar's next occurrence).
 */
export function resolutionOf(oneOnOnes: readonly CallerOneOnOne[], now: Date): MeetingResolution | null {
  const first = oneOnOnes[0];
  if (!first) return null;
  const samePair = (o: CallerOneOnOne) =>
    normalizeId(o.pair.managerId) === normalizeId(first.pair.managerId) &&
    normalizeId(o.pair.reportId) === normalizeId(first.pair.reportId);
  if (!oneOnOnes.every(samePair)) return null;
  const lastEnd = Math.max(...oneOnOnes.map((o) => Date.parse(o.event.endUtc)));
  const freshUntil = Math.min(now.getTime() + RESOLUTION_FRESH_MS, lastEnd);
  if (!(freshUntil > now.getTime())) return null;
  return {
    managerId: first.pair.managerId,
    reportId: first.pair.reportId,
    occurrences: oneOnOnes.map((o) => ({
      occurrenceId: o.ref.occurrenceId,
      subject: o.event.subject,
      startUtc: o.event.startUtc,
      endUtc: o.event.endUtc,
      othersInChat: o.othersInChat,
    })),
    freshUntil: new Date(freshUntil).toISOString(),
  };
}

/**
 * The kept occurrences as the caller's 1:1s, or null when the row is stale, the caller is not one of its pair, or
 * the directory no longer shows the one managing the other (then the calendar decides, as without a row).
 */
export function oneOnOnesOfResolution(
  resolution: MeetingResolution,
  facts: OrgChartFacts,
  caller: Caller,
  now: Date,
): BoardOccurrence[] | null {
  if (!(Date.parse(resolution.freshUntil) > now.getTime())) return null;
  const pair = { managerId: resolution.managerId, reportId: resolution.reportId };
  const role = roleInPair(pair, caller.userId);
  if (!role) return null;
  const holds = facts.reportingLines.some(
    (l) =>
      normalizeId(l.managerId) === normalizeId(pair.managerId) &&
      normalizeId(l.reportId) === normalizeId(pair.reportId),
  );
  const person = (id: string) => facts.people.find((p) => normalizeId(p.id) === normalizeId(id));
  const manager = person(pair.managerId);
  const report = person(pair.reportId);
  if (!holds || !manager || !report) return null;
  const canonical = { managerId: manager.id, reportId: report.id };
  return resolution.occurrences.map((o) => ({
    event: { subject: o.subject, startUtc: o.startUtc, endUtc: o.endUtc },
    pair: canonical,
    manager,
    report,
    role,
    othersInChat: o.othersInChat,
    ref: { ...canonical, occurrenceId: o.occurrenceId },
  }));
}
