import type { BoardRef, BoardView } from '@candor/contract';
import { formatDay } from '../ui/formatDate';

/** What Last time says about the pair's previous 1:1 that ended without a recap, and which board finishes it. */
export interface RecapMissingNote {
  text: string;
  ref: BoardRef;
}

/**
 * The note shows when the API names an earlier occurrence still lacking its recap (only the meeting's own board does),
 * never for the board being shown: that board leads with its recap itself.
 */
export function recapMissingNote(
  board: Pick<BoardView, 'ref' | 'recapMissingOn'>,
  locale: string,
  timeZone?: string | null,
): RecapMissingNote | null {
  const missing = board.recapMissingOn;
  if (!missing || missing.occurrenceId === board.ref.occurrenceId) return null;
  return {
    text: `The 1:1 of ${formatDay(missing.meetingStart, locale, timeZone)} has no recap yet. Either of you can write it.`,
    ref: { ...board.ref, occurrenceId: missing.occurrenceId },
  };
}
