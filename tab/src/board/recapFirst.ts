import { useEffect, useState } from 'react';

/**
 * Once a 1:1 has ended without its recap, the recap is what is left to do on its board (in the side panel, which
 * keeps showing it until the next one's lead time, or opened from Home): the board leads with "Write the recap"
 * instead of leaving the close below every prompt. By this device's clock, as the composer's own "still on?" check.
 */
export function recapFirst(board: { meeting: { end: string } | null; recap: unknown }, now: number): boolean {
  if (board.recap || !board.meeting) return false;
  const end = Date.parse(board.meeting.end);
  return Number.isFinite(end) && end <= now;
}

/** Whether this board leads with its recap, turning true when the 1:1 ends while the board is open. */
export function useRecapFirst(board: Parameters<typeof recapFirst>[0]): boolean {
  const [now, setNow] = useState(Date.now);
  const end = board.meeting ? Date.parse(board.meeting.end) : Number.NaN;
  useEffect(() => {
    if (!Number.isFinite(end) || end <= now) return;
    // Timers cap at about 24.8 days; a later end just looks again then.
    const timer = setTimeout(() => setNow(Date.now()), Math.min(end - now, 2 ** 31 - 1));
    return () => clearTimeout(timer);
  }, [end, now]);
  return recapFirst(board, now);
}
