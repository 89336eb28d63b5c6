/**
 * What stays in a board field once its words reached the status update. The person may have typed on while the
 * move was on its way, so only the moved words go: everything else stays, character for character. When the moved
 * words are no longer there as they were sent (edited meanwhile), nothing is removed: `removed` is false.
 */
export function textAfterMove(current: string, moved: string): { text: string; removed: boolean } {
  if (current === moved) return { text: '', removed: true };
  const at = current.indexOf(moved);
  if (moved === '' || at < 0) return { text: current, removed: false };
  const before = current.slice(0, at);
  const after = current.slice(at + moved.length);
  // The seam: drop one line break or space that only separated the moved words from what stays.
  const joined = before.endsWith('\n') && after.startsWith('\n') ? before + after.slice(1) : before + after;
  return { text: joined.trim() === '' ? '' : joined, removed: true };
}

export const STATUS_SECTION_LABELS = {
  finished: 'Finished',
  inProgress: 'In progress',
  blocked: 'Blocked',
  fyi: 'FYI',
} as const;
