import type { DueOneOnOne } from '../domain/statusRequests';
import type { MeetingChatStore } from '../store/meetingChatStore';

/**
 * Records each due 1:1 whose meeting has someone besides the pair in it (the assistant who booked it), so its
 * recap is never posted to that meeting's chat (application/recapChat). Written before the meeting, when the
 * scan sees it; a failed write only costs this note, the next scan writes it again.
 */
export async function noteChatsWithOthers(
  store: Pick<MeetingChatStore, 'noteOthersInChat'>,
  tenantId: string,
  due: readonly DueOneOnOne[],
  log: (line: string) => void,
): Promise<void> {
  for (const occurrence of due) {
    if (!occurrence.othersInChat) continue;
    try {
      await store.noteOthersInChat({ tenantId, ...occurrence.pair, occurrenceId: occurrence.occurrenceId });
    } catch (error) {
      log(`a 1:1 booked by someone else was not noted (${error instanceof Error ? error.name : 'error'})`);
    }
  }
}
