import { createHash, randomUUID } from 'node:crypto';
import { meetingChatIdFromJoinUrl, type CalendarEvent } from '../domain/calendar';
import { boardOccurrenceIdOf, seriesIdentityOf, shortLinkMeetingIdOf } from '../domain/seriesIdentity';
import { normalizeId } from '../domain/pairs';
import type { DueOneOnOne } from '../domain/statusRequests';
import type { ChatAppsGateway } from '../graph/chatAppsGateway';
import { graphStatusOf } from '../graph/graphClient';
import { retryAfterOf } from '../graph/graphBatch';
import type { MeetingChatGateway } from '../graph/meetingChatGateway';
import type { Enrolment } from '../store/enrolmentStore';
import type { SeriesAttach, SeriesAttachKey, SeriesAttachStore } from '../store/seriesAttachStore';

/** How long one run may spend on a series before another may take it over. */
export const ATTACH_LEASE_MS = 60_000;

/** An attached series is looked at again (one read of its chat's tabs) at most this often, and only while due. */
export const ATTACH_CHECK_EVERY_MS = 24 * 60 * 60_000;

/** A detected 1:1 series of a manager who turned "Add Candor to my 1:1s" on. */
export interface AttachSeries {
  managerId: string;
  reportId: string;
  /** The series identity (domain/seriesIdentity): the same for every occurrence. */
  seriesKey: string;
  joinUrl: string | null;
  /** Who organised it (an id or address Graph's /users/{…} accepts): a short link's chat is read from their meeting. */
  organizer: string | null;
}

export interface AttachDeps {
  tenantId: string;
  clock: () => Date;
  store: SeriesAttachStore;
  chatApps: ChatAppsGateway;
  /** Finds a short link's chat; absent: only long links (which name their chat) are attached. */
  meetings?: Pick<MeetingChatGateway, 'chatIdOfMeeting'>;
  leaseMs?: number;
  log?: (line: string) => void;
}

/** What one run did, in counts only. */
export interface AttachReport {
  attached: number;
  /** Attached or left alone by an earlier run. */
  done: number;
  /** Another run holds the series, or it waits out a Retry-After. */
  busy: number;
  retryLater: number;
  removedByPerson: number;
  noChat: number;
}

type Outcome = Exclude<keyof AttachReport, 'done'> | 'done';

/**
 * Candor attaches itself to each series once: its app installed in the meeting chat, then its tab pinned. A row per
 * series records how far it got under a lease (store/seriesAttachStore), so duplicate runs never both work on a
 * series, and a run that stopped between the two steps is finished by the next one without doubling either (each
 * step looks first). A 429 keeps the series leased until its Retry-After. An app or tab a person removed from the
 * chat after Candor put it there means they do not want it there: recorded, and never added again. An attached
 * series is looked at again only when its next occurrence is due and a day has passed since the last look (one read
 * of the chat's tabs, which go with the app), so finding a removal costs at most one call per series a day.
 */
export async function attachToOneOnOnes(deps: AttachDeps, series: readonly AttachSeries[]): Promise<AttachReport> {
  const report: AttachReport = { attached: 0, done: 0, busy: 0, retryLater: 0, removedByPerson: 0, noChat: 0 };
  const seen = new Set<string>();
  for (const one of series) {
    const key = keyOf(deps.tenantId, one);
    const id = `${key.managerId}|${key.reportId}|${key.series}`;
    if (seen.has(id)) continue;
    seen.add(id);
    report[await attachOne(deps, key, one)]++;
  }
  const log = deps.log ?? (() => undefined);
  log(
    `attach to 1:1s: ${report.attached} attached, ${report.done} done before, ${report.busy} busy, ` +
      `${report.retryLater} later, ${report.removedByPerson} removed by a person, ${report.noChat} without a chat`,
  );
  return report;
}

function keyOf(tenantId: string, one: AttachSeries): SeriesAttachKey {
  return {
    tenantId,
    managerId: one.managerId.toLowerCase(),
    reportId: one.reportId.toLowerCase(),
    series: createHash('sha256').update(one.seriesKey, 'utf8').digest('hex').slice(0, 32),
  };
}

async function attachOne(deps: AttachDeps, key: SeriesAttachKey, one: AttachSeries): Promise<Outcome> {
  const owned = await claim(deps, key);
  if (owned === 'done' || owned === 'busy') return owned;
  let row = owned;
  try {
    if (row.step === 'attached') return await stillThere(deps, row);
    const chatId = row.chatId ?? (await chatIdOf(deps, one));
    if (!chatId) {
      await deps.store.update(row, { leaseUntil: deps.clock().toISOString(), problem: 'no meeting chat' });
      return 'noChat';
    }
    if (row.step === 'claimed') {
      // Looking first: a run that installed and stopped before recording it must not install twice.
      if (!(await deps.chatApps.installed(chatId))) await deps.chatApps.install(chatId);
      row = await deps.store.update(row, { step: 'installed', chatId });
    } else if (!(await deps.chatApps.installed(chatId))) {
      // Candor installed itself here in an earlier run and is gone now: a person removed it.
      await deps.store.update(row, { step: 'removedByPerson', leaseUntil: deps.clock().toISOString() });
      return 'removedByPerson';
    }
    if (!(await deps.chatApps.tabPinned(chatId))) await deps.chatApps.pinTab(chatId);
    const now = deps.clock().toISOString();
    await deps.store.update(row, { step: 'attached', leaseUntil: now, problem: null, checkedAt: now });
    return 'attached';
  } catch (error) {
    const status = graphStatusOf(error);
    if (status === undefined) throw error;
    // Released for the next run; after a 429 not before its Retry-After.
    const wait = status === 429 ? retryAfterOf(error) : 0;
    await deps.store.update(row, {
      leaseUntil: new Date(deps.clock().getTime() + wait).toISOString(),
      attempts: row.attempts + 1,
      problem: `status ${status}`,
    });
    return 'retryLater';
  }
}

/** An attached series due again: its tab (or, with it, the app) gone means a person removed it, for good. */
async function stillThere(deps: AttachDeps, row: SeriesAttach): Promise<Outcome> {
  const pinned = row.chatId === null || (await deps.chatApps.tabPinned(row.chatId));
  const now = deps.clock().toISOString();
  await deps.store.update(row, { leaseUntil: now, checkedAt: now, ...(pinned ? {} : { step: 'removedByPerson' }) });
  return pinned ? 'done' : 'removedByPerson';
}

/** The series' row under this run's ownership, or why this run leaves it alone. */
async function claim(deps: AttachDeps, key: SeriesAttachKey): Promise<SeriesAttach | 'done' | 'busy'> {
  const now = deps.clock();
  const owner = randomUUID();
  const leaseUntil = new Date(now.getTime() + (deps.leaseMs ?? ATTACH_LEASE_MS)).toISOString();
  const fresh: SeriesAttach = {
    ...key,
    step: 'claimed',
    owner,
    leaseUntil,
    takeovers: 0,
    chatId: null,
    attempts: 0,
    problem: null,
    checkedAt: null,
  };
  const existing = await deps.store.get(key);
  if (!existing) {
    if ((await deps.store.create(fresh)) === 'created') return fresh;
    return 'busy';
  }
  if (existing.step === 'removedByPerson') return 'done';
  if (existing.step === 'attached' && !checkDue(existing, now)) return 'done';
  if (Date.parse(existing.leaseUntil) > now.getTime()) return 'busy';
  return (await deps.store.takeOver(existing, owner, leaseUntil)) ?? 'busy';
}

/** Whether a day has passed since an attached series was last looked at (a row from before looks were kept: yes). */
function checkDue(row: SeriesAttach, now: Date): boolean {
  const last = Date.parse(row.checkedAt ?? '');
  return !(last + ATTACH_CHECK_EVERY_MS > now.getTime());
}

/** A long link names its chat; a short one's chat is the organizer's online meeting's (`chatInfo.threadId`). */
async function chatIdOf(deps: AttachDeps, one: AttachSeries): Promise<string | null> {
  const named = meetingChatIdFromJoinUrl(one.joinUrl);
  if (named) return named;
  if (!one.joinUrl || !shortLinkMeetingIdOf(one.joinUrl) || !one.organizer || !deps.meetings) return null;
  return deps.meetings.chatIdOfMeeting(one.organizer, one.joinUrl);
}

/** The managers who turned "Add Candor to my 1:1s" on, by lower-case id: read by the scan, enrolled or not. */
export function attachManagersOf(enrolments: readonly Enrolment[]): Map<string, Enrolment> {
  return new Map(enrolments.filter((e) => e.attachToOneOnOnes).map((e) => [normalizeId(e.managerId), e]));
}

/**
 * The series of a manager's due 1:1s, from the calendar events they were found in. A 1:1 someone else booked (an
 * assistant, who is in its chat) is left out: Candor keeps the pair's things out of that chat, as the recap card does.
 */
export function attachSeriesOf(
  managerId: string,
  due: readonly Pick<DueOneOnOne, 'pair' | 'report' | 'occurrenceId' | 'othersInChat'>[],
  events: readonly CalendarEvent[],
): AttachSeries[] {
  const byOccurrence = new Map(events.map((event) => [boardOccurrenceIdOf(event), event]));
  return due.flatMap((occurrence) => {
    const event = byOccurrence.get(occurrence.occurrenceId);
    if (!event || occurrence.othersInChat) return [];
    const organizerAddress = event.organizerAddress?.toLowerCase() ?? null;
    const reportOrganized =
      organizerAddress !== null && occurrence.report.addresses.some((a) => a.toLowerCase() === organizerAddress);
    const organizer =
      event.ownerResponse === 'organizer' ? managerId : reportOrganized ? occurrence.pair.reportId : organizerAddress;
    return [
      {
        managerId,
        reportId: occurrence.pair.reportId,
        seriesKey: seriesIdentityOf(event),
        joinUrl: event.joinUrl,
        organizer,
      },
    ];
  });
}
