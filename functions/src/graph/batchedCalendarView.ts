import { z } from 'zod';
import type { BatchAnswer, GraphBatchRunner } from './graphBatch';
import { graphPageSchema } from './graphShapes';

/** A 2xx answer's body, checked against `schema`; null for anything else (an error, a give-up, an odd shape). */
export function okBody<T>(answer: BatchAnswer | undefined, schema: z.ZodType<T>): T | null {
  if (!answer || answer.kind !== 'answered' || answer.status < 200 || answer.status >= 300) return null;
  const parsed = schema.safeParse(answer.body);
  return parsed.success ? parsed.data : null;
}

/** Graph's error code for a mailbox it cannot serve: on-premises, inactive, soft-deleted or without a licence. */
export const MAILBOX_NOT_ENABLED = 'MailboxNotEnabledForRESTAPI';

/** Told of each person whose mailbox Graph cannot serve, so a job can count them (ids stay in the job). */
export type MailboxUnavailable = (userId: string) => void;

const errorCodeBody = z.object({ error: z.object({ code: z.string() }) });

/** Whether a `$batch` answer is Graph's MailboxNotEnabledForRESTAPI. */
export function isMailboxNotEnabled(answer: BatchAnswer | undefined): boolean {
  if (!answer || answer.kind !== 'answered') return false;
  const parsed = errorCodeBody.safeParse(answer.body);
  return parsed.success && parsed.data.error.code === MAILBOX_NOT_ENABLED;
}

/** `$batch` takes URLs relative to the version root; nextLinks are absolute. */
export function relativeToVersion(link: string): string {
  return link.replace(/^https?:\/\/[^/]+\/v1\.0(?=\/)/i, '');
}

/** Pages followed per calendar at most: a runaway nextLink chain stops here. */
const MAX_PAGES = 20;
const PAGE_SIZE = 250;

export interface CalendarWindow {
  userId: string;
  start: Date;
  end: Date;
}

/**
 * Reads several people's `calendarView` in `$batch` calls, one request per person per round, following each one's
 * nextLinks in later rounds. Times come in UTC (without the Prefer header Graph answers in each event's own zone,
 * with no offset in the string). A person whose calendar could not be read, on any page, maps to null; one still
 * paging after MAX_PAGES too when `incompleteIsUnread` (counts would be too low), else to the events read so far.
 */
export async function readCalendarViews<T>(
  runner: GraphBatchRunner,
  windows: readonly CalendarWindow[],
  options: {
    select: readonly string[];
    eventsOf: (values: readonly unknown[]) => T[];
    incompleteIsUnread?: boolean;
    onMailboxUnavailable?: MailboxUnavailable;
  },
): Promise<Map<string, T[] | null>> {
  const found = new Map<string, T[] | null>();
  const userPath = (id: string): string => `/users/${encodeURIComponent(id)}`;
  let pending = windows.map((w) => {
    found.set(w.userId, []);
    const query =
      `startDateTime=${encodeURIComponent(w.start.toISOString())}&endDateTime=${encodeURIComponent(w.end.toISOString())}` +
      `&$select=${options.select.join(',')}&$top=${PAGE_SIZE}`;
    return { userId: w.userId, url: `${userPath(w.userId)}/calendarView?${query}` };
  });
  for (let page = 0; page < MAX_PAGES && pending.length > 0; page++) {
    const answers = await runner.run(
      pending.map((p) => ({
        key: p.userId,
        mailbox: p.userId,
        method: 'GET' as const,
        url: p.url,
        headers: { Prefer: 'outlook.timezone="UTC"' },
      })),
    );
    const next: typeof pending = [];
    for (const p of pending) {
      const answer = answers.get(p.userId);
      const body = okBody(answer, graphPageSchema);
      const events = found.get(p.userId);
      if (!body || !events) {
        if (isMailboxNotEnabled(answer)) options.onMailboxUnavailable?.(p.userId);
        found.set(p.userId, null);
        continue;
      }
      events.push(...options.eventsOf(body.value));
      const link = body['@odata.nextLink'];
      if (link) next.push({ userId: p.userId, url: relativeToVersion(link) });
    }
    pending = next;
  }
  if (options.incompleteIsUnread) for (const p of pending) found.set(p.userId, null);
  return found;
}
