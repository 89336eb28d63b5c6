import { z } from 'zod';
import type { LoadEvent, WorkingHoursSetting } from '../domain/calendarLoad';
import { utcOfGraphDateTime, type GraphDateTime } from '../domain/meetingTime';
import type { GraphBatchRunner } from './graphBatch';
import { isMailboxNotEnabled, okBody, readCalendarViews, type MailboxUnavailable } from './batchedCalendarView';

/**
 * The report-side reads of the daily trends job, in `$batch`: a report's working hours and the times of their
 * calendar entries. Deliberately narrow: `calendarView` selects start, end, showAs, isCancelled and createdDateTime
 * (how far ahead it was booked) only — never the subject, body, attendees or location — and mailboxSettings only
 * its working hours and time zone. Nothing here is
 * called for a report who switched calendar load off (jobs/trendsDaily decides that before reading).
 */
export interface CalendarLoadGateway {
  /**
   * Each user's working hours and mailbox time zone; null = could not be read this time. `onMailboxUnavailable`
   * (here and below) hears of those whose mailbox Graph cannot serve at all.
   */
  workingHours(
    userIds: readonly string[],
    onMailboxUnavailable?: MailboxUnavailable,
  ): Promise<Map<string, MailboxWorkingHours | null>>;
  /** Each user's calendar entries overlapping [start, end) (series expanded); null = could not be read this time. */
  loadEvents(
    windows: ReadonlyArray<{ userId: string; start: Date; end: Date }>,
    onMailboxUnavailable?: MailboxUnavailable,
  ): Promise<Map<string, LoadEvent[] | null>>;
}

export interface MailboxWorkingHours {
  workingHours: WorkingHoursSetting | null;
  timeZone: string | null;
}

/** The only event properties the calendar load reads. */
export const LOAD_SELECT = ['start', 'end', 'showAs', 'isCancelled', 'createdDateTime'] as const;
export const WORKING_HOURS_SELECT = ['workingHours', 'timeZone'] as const;

const dateTimeTimeZone = z.object({ dateTime: z.string(), timeZone: z.string().nullish() });
const loadEntry = z.object({
  start: dateTimeTimeZone,
  end: dateTimeTimeZone,
  showAs: z.string().nullish(),
  isCancelled: z.boolean().nullish(),
  /** A UTC timestamp; Graph gives seven fractional digits, which Date.parse reads to the millisecond. */
  createdDateTime: z.string().nullish(),
});
const mailboxSettings = z.object({
  timeZone: z.string().nullish(),
  workingHours: z
    .object({
      daysOfWeek: z.array(z.string()).nullish(),
      startTime: z.string().nullish(),
      endTime: z.string().nullish(),
      timeZone: z.object({ name: z.string().nullish() }).nullish(),
    })
    .nullish(),
});

export function createCalendarLoadGateway(runner: GraphBatchRunner): CalendarLoadGateway {
  const userPath = (id: string): string => `/users/${encodeURIComponent(id)}`;
  return {
    async workingHours(userIds, onMailboxUnavailable) {
      const ids = [...new Set(userIds)];
      const answers = await runner.run(
        ids.map((id) => ({
          key: id,
          mailbox: id,
          method: 'GET' as const,
          url: `${userPath(id)}/mailboxSettings?$select=${WORKING_HOURS_SELECT.join(',')}`,
        })),
      );
      const result = new Map<string, MailboxWorkingHours | null>();
      for (const id of ids) {
        const answer = answers.get(id);
        const body = okBody(answer, mailboxSettings);
        if (!body) {
          if (isMailboxNotEnabled(answer)) onMailboxUnavailable?.(id);
          result.set(id, null);
          continue;
        }
        const hours = body.workingHours;
        result.set(id, {
          timeZone: body.timeZone ?? null,
          workingHours: hours
            ? {
                daysOfWeek: hours.daysOfWeek ?? [],
                startTime: hours.startTime ?? '',
                endTime: hours.endTime ?? '',
                timeZoneName: hours.timeZone?.name ?? null,
              }
            : null,
        });
      }
      return result;
    },

    async loadEvents(windows, onMailboxUnavailable) {
      return readCalendarViews(runner, windows, {
        ...(onMailboxUnavailable ? { onMailboxUnavailable } : {}),
        select: LOAD_SELECT,
        eventsOf: (values) => values.flatMap((raw) => loadEventOf(raw) ?? []),
        // An incomplete week would undercount, so a calendar still paging after the last page counts as unread.
        incompleteIsUnread: true,
      });
    },
  };
}

function loadEventOf(raw: unknown): LoadEvent | null {
  const parsed = loadEntry.safeParse(raw);
  if (!parsed.success) return null;
  const startUtc = utcIso(parsed.data.start);
  const endUtc = utcIso(parsed.data.end);
  if (!startUtc || !endUtc) return null;
  return {
    startUtc,
    endUtc,
    showAs: parsed.data.showAs ?? null,
    isCancelled: parsed.data.isCancelled ?? false,
    createdUtc: instantOf(parsed.data.createdDateTime),
  };
}

function instantOf(value: string | null | undefined): string | null {
  const ms = value ? Date.parse(value) : NaN;
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}

/** UTC because of the Prefer header, or converted from whatever named zone Graph answered in (domain/meetingTime). */
function utcIso(value: GraphDateTime): string | null {
  return utcOfGraphDateTime(value)?.utc ?? null;
}
