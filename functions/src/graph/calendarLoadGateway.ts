import { z } from 'zod';
import type { LoadEvent, WorkingHoursSetting } from '../domain/calendarLoad';
import type { BatchAnswer, GraphBatchRunner } from './graphBatch';
import { graphPageSchema } from './graphShapes';
import { relativeToVersion } from './statusScanGateway';

/**
 * The report-side reads of the daily trends job, in `$batch`: a report's working hours and the times of their
 * calendar entries. Deliberately narrow: `calendarView` selects start, end, showAs and isCancelled only — never the
 * subject, body, attendees or location — and mailboxSettings only its working hours and time zone. Nothing here is
 * called for a report who switched calendar load off (jobs/trendsDaily decides that before reading).
 */
export interface CalendarLoadGateway {
  /** Each user's working hours and mailbox time zone; null = could not be read this time. */
  workingHours(userIds: readonly string[]): Promise<Map<string, MailboxWorkingHours | null>>;
  /** Each user's calendar entries overlapping [start, end) (series expanded); null = could not be read this time. */
  loadEvents(windows: ReadonlyArray<{ userId: string; start: Date; end: Date }>): Promise<Map<string, LoadEvent[] | null>>;
}

export interface MailboxWorkingHours {
  workingHours: WorkingHoursSetting | null;
  timeZone: string | null;
}

/** The only event properties the calendar load reads. */
export const LOAD_SELECT = ['start', 'end', 'showAs', 'isCancelled'] as const;
export const WORKING_HOURS_SELECT = ['workingHours', 'timeZone'] as const;

const PAGE_SIZE = 250;
const MAX_PAGES = 20;

const dateTimeTimeZone = z.object({ dateTime: z.string(), timeZone: z.string().nullish() });
const loadEntry = z.object({
  start: dateTimeTimeZone,
  end: dateTimeTimeZone,
  showAs: z.string().nullish(),
  isCancelled: z.boolean().nullish(),
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
    async workingHours(userIds) {
      const ids = [...new Set(userIds)];
      const answers = await runner.run(
        ids.map((id) => ({ key: id, mailbox: id, method: 'GET' as const, url: `${userPath(id)}/mailboxSettings?$select=${WORKING_HOURS_SELECT.join(',')}` })),
      );
      const result = new Map<string, MailboxWorkingHours | null>();
      for (const id of ids) {
        const body = okBody(answers.get(id), mailboxSettings);
        if (!body) {
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

    async loadEvents(windows) {
      const found = new Map<string, LoadEvent[] | null>();
      let pending = windows.map((w) => {
        found.set(w.userId, []);
        const query =
          `startDateTime=${encodeURIComponent(w.start.toISOString())}&endDateTime=${encodeURIComponent(w.end.toISOString())}` +
          `&$select=${LOAD_SELECT.join(',')}&$top=${PAGE_SIZE}`;
        return { userId: w.userId, url: `${userPath(w.userId)}/calendarView?${query}` };
      });
      for (let page = 0; page < MAX_PAGES && pending.length > 0; page++) {
        const answers = await runner.run(
          pending.map((p) => ({
            key: p.userId,
            mailbox: p.userId,
            method: 'GET' as const,
            url: p.url,
            // UTC: timed entries get an unambiguous instant, and all-day entries span whole UTC days.
            headers: { Prefer: 'outlook.timezone="UTC"' },
          })),
        );
        const next: typeof pending = [];
        for (const p of pending) {
          const body = okBody(answers.get(p.userId), graphPageSchema);
          const events = found.get(p.userId);
          if (!body || !events) {
            found.set(p.userId, null);
            continue;
          }
          events.push(...body.value.flatMap((raw) => loadEventOf(raw) ?? []));
          const link = body['@odata.nextLink'];
          if (link) next.push({ userId: p.userId, url: relativeToVersion(link) });
        }
        pending = next;
      }
      // Still more pages after MAX_PAGES: an incomplete week would undercount, so it counts as unread.
      for (const p of pending) found.set(p.userId, null);
      return found;
    },
  };
}

function loadEventOf(raw: unknown): LoadEvent | null {
  const parsed = loadEntry.safeParse(raw);
  if (!parsed.success) return null;
  const startUtc = utcIso(parsed.data.start);
  const endUtc = utcIso(parsed.data.end);
  if (!startUtc || !endUtc) return null;
  return { startUtc, endUtc, showAs: parsed.data.showAs ?? null, isCancelled: parsed.data.isCancelled ?? false };
}

/** Graph's dateTime has no offset; it is UTC because of the Prefer header. Other zones are not guessed at. */
function utcIso(value: { dateTime: string; timeZone?: string | null | undefined }): string | null {
  const zone = (value.timeZone ?? 'UTC').toUpperCase();
  const text = /(Z|[+-]\d\d:\d\d)$/.test(value.dateTime) ? value.dateTime : zone === 'UTC' || zone === 'ETC/UTC' ? `${value.dateTime}Z` : null;
  const t = text ? Date.parse(text) : Number.NaN;
  return Number.isNaN(t) ? null : new Date(t).toISOString();
}

function okBody<T>(answer: BatchAnswer | undefined, schema: z.ZodType<T>): T | null {
  if (!answer || answer.kind !== 'answered' || answer.status < 200 || answer.status >= 300) return null;
  const parsed = schema.safeParse(answer.body);
  return parsed.success ? parsed.data : null;
}
