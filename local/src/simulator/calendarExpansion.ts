import type { EventType } from '@microsoft/microsoft-graph-types';
import type { MeetingModel } from './tenant';
import {
  addDays,
  fromLocal,
  type LocalDate,
  type LocalDateTime,
  parseLocal,
  resolveTimeZone,
  toLocal,
  withTime,
} from './timeZones';
import { occurrenceDates } from './recurrence';

/**
 * One thing a calendar view shows, independent of whose mailbox it is in. Timed events are fixed instants;
 * all-day events float (midnight to midnight in whatever zone the reader asks for), as Outlook treats them.
 */
export interface Instance {
  meeting: MeetingModel;
  type: Extract<EventType, 'singleInstance' | 'occurrence' | 'exception'>;
  /** Occurrences and exceptions: where the series put them (stable when an occurrence moves). */
  originalStart?: Date;
  originalDate?: LocalDate;
  subject: string;
  start: Date;
  end: Date;
  allDay?: { start: LocalDate; days: number };
  /** Cancelled by the organizer, still in this attendee's calendar (SeedMeeting.cancelledKeptByAttendees). */
  cancelled?: boolean;
}

/** The interval an instance covers for a reader in `zone` (only all-day events depend on it). */
export function instanceInterval(instance: Instance, zone: string): { start: Date; end: Date } {
  if (!instance.allDay) return { start: instance.start, end: instance.end };
  const midnight = { hour: 0, minute: 0, second: 0 };
  return {
    start: fromLocal(withTime(instance.allDay.start, midnight), zone),
    end: fromLocal(withTime(addDays(instance.allDay.start, instance.allDay.days), midnight), zone),
  };
}

function occurrenceAt(meeting: MeetingModel, date: LocalDate): Instance {
  const originalStart = fromLocal(withTime(date, meeting.startLocal), meeting.zone);
  const instance: Instance = {
    meeting,
    type: 'occurrence',
    originalStart,
    originalDate: date,
    subject: meeting.seed.subject,
    start: originalStart,
    end: new Date(originalStart.getTime() + meeting.durationMs),
  };
  if (meeting.seed.isAllDay) instance.allDay = { start: date, days: meeting.allDayDays };
  return instance;
}

function exceptionInstance(meeting: MeetingModel, originalStart: number): Instance | undefined {
  const exception = meeting.exceptions.get(originalStart);
  if (!exception) return undefined;
  const at = (value: { dateTime?: string | null; timeZone?: string | null }): Date => {
    const local = parseLocal(value.dateTime ?? '');
    const zone = resolveTimeZone(value.timeZone ?? '');
    if (!local || !zone) throw new Error(`seed: exception of ${meeting.seed.key} has a bad time`);
    return fromLocal(local, zone);
  };
  const original = new Date(originalStart);
  return {
    meeting,
    type: 'exception',
    originalStart: original,
    originalDate: toLocal(original, meeting.zone),
    subject: exception.subject ?? meeting.seed.subject,
    start: at(exception.start),
    end: at(exception.end),
  };
}

function singleInstance(meeting: MeetingModel): Instance {
  const first = occurrenceAt(meeting, meeting.startLocal);
  const instance: Instance = { ...first, type: 'singleInstance' };
  delete instance.originalStart;
  delete instance.originalDate;
  return instance;
}

const overlaps = (a: { start: Date; end: Date }, from: Date, to: Date): boolean =>
  a.start.getTime() < to.getTime() && a.end.getTime() > from.getTime();

/**
 * What a calendar view of [from, to) shows of one meeting, for a reader in `readerZone`: the single instance, or
 * the series' occurrences minus the deleted ones, with moved occurrences (exceptions) at their new time. In an
 * attendee's mailbox (`mailboxId` not the organizer) occurrences the organizer cancelled without the attendee
 * removing them are there too, marked cancelled; without `mailboxId` they are left out, as for the organizer.
 */
export function expandMeeting(
  meeting: MeetingModel,
  from: Date,
  to: Date,
  readerZone: string,
  mailboxId?: string,
): Instance[] {
  const keepsCancelled = mailboxId !== undefined && mailboxId.toLowerCase() !== meeting.seed.organizerId.toLowerCase();
  const cancelledHere = (key: number): boolean | 'hidden' =>
    meeting.cancelledKept.has(key) ? (keepsCancelled ? true : 'hidden') : false;
  const recurrence = meeting.seed.recurrence;
  if (!recurrence) {
    const single = singleInstance(meeting);
    return overlaps(instanceInterval(single, readerZone), from, to) ? [single] : [];
  }
  // A day of slack past the window covers all-day occurrences read from a zone east of the organizer's.
  const until = addDays(toLocal(to, meeting.zone), 1);
  const found: Instance[] = [];
  for (const date of occurrenceDates(recurrence, until)) {
    const occurrence = occurrenceAt(meeting, date);
    const key = occurrence.originalStart?.getTime() ?? 0;
    if (meeting.cancelled.has(key) || meeting.exceptions.has(key)) continue;
    const cancelled = cancelledHere(key);
    if (cancelled === 'hidden') continue;
    if (cancelled) occurrence.cancelled = true;
    if (overlaps(instanceInterval(occurrence, readerZone), from, to)) found.push(occurrence);
  }
  for (const key of meeting.exceptions.keys()) {
    if (meeting.cancelled.has(key)) continue;
    const cancelled = cancelledHere(key);
    if (cancelled === 'hidden') continue;
    const exception = exceptionInstance(meeting, key);
    if (exception && cancelled) exception.cancelled = true;
    if (exception && overlaps(exception, from, to)) found.push(exception);
  }
  return found;
}

/** Finds one occurrence or exception of a series by its original start (for `GET /events/{occurrenceId}`). */
export function instanceAt(meeting: MeetingModel, originalStart: number): Instance | undefined {
  if (meeting.cancelled.has(originalStart)) return undefined;
  const exception = exceptionInstance(meeting, originalStart);
  if (exception) return exception;
  if (!meeting.seed.recurrence) return undefined;
  const local: LocalDateTime = toLocal(new Date(originalStart), meeting.zone);
  const match = occurrenceDates(meeting.seed.recurrence, local).find(
    (d) => fromLocal(withTime(d, meeting.startLocal), meeting.zone).getTime() === originalStart,
  );
  return match ? occurrenceAt(meeting, match) : undefined;
}

export function firstInstance(meeting: MeetingModel): Instance {
  return singleInstance(meeting);
}
