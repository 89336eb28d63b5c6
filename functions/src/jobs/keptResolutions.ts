import type { DueOneOnOne } from '../domain/statusRequests';
import type { MeetingResolution, MeetingResolutionStore } from '../store/meetingResolutionStore';

/**
 * The scan's refresh of the side panel's kept meeting-chat resolutions (application/meetingResolution): with the
 * managers' calendars it read anyway, a kept row of a pair that does not list one of the pair's coming occurrences
 * at the time the calendar now shows (an occurrence or the series moved, or a new one came) is dropped, so the next
 * open reads the calendar. A row of the pair's other series may go too; that costs one calendar read, never a wrong
 * board. Returns how many rows were dropped.
 */
export async function refreshKeptResolutions(
  store: Pick<MeetingResolutionStore, 'chatsOfPair' | 'forget'>,
  tenantId: string,
  due: readonly Pick<DueOneOnOne, 'pair' | 'occurrenceId' | 'startUtc'>[],
): Promise<number> {
  const byPair = new Map<string, Array<(typeof due)[number]>>();
  for (const occurrence of due) {
    const key = `${occurrence.pair.managerId.toLowerCase()}|${occurrence.pair.reportId.toLowerCase()}`;
    byPair.set(key, [...(byPair.get(key) ?? []), occurrence]);
  }
  let dropped = 0;
  for (const occurrences of byPair.values()) {
    const { managerId, reportId } = occurrences[0]!.pair;
    for (const [chatId, kept] of await store.chatsOfPair(tenantId, managerId, reportId)) {
      if (occurrences.every((o) => listsAsShown(kept, o))) continue;
      await store.forget(tenantId, chatId);
      dropped++;
    }
  }
  return dropped;
}

/** Whether the row shows this occurrence as the calendar does, or it lies past what the row stands for anyway. */
function listsAsShown(kept: MeetingResolution, occurrence: Pick<DueOneOnOne, 'occurrenceId' | 'startUtc'>): boolean {
  const start = Date.parse(occurrence.startUtc);
  if (start >= Date.parse(kept.freshUntil)) return true;
  return kept.occurrences.some((o) => o.occurrenceId === occurrence.occurrenceId && Date.parse(o.startUtc) === start);
}
