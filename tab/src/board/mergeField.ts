/**
 * Three-way merge of one text field after a 409: `base` is the text the local edits were typed against,
 * `local` what the user has now, `server` what the server holds now. Never loses text from either side:
 * when both changed, the result keeps both (server text first, then the local text), so the user can tidy up.
 */
export interface MergeInput {
  base: string;
  local: string;
  server: string;
}

export const MERGE_SEPARATOR = '\n\n';

export function mergeField({ base, local, server }: MergeInput): string {
  if (local === server) return server;
  // Only one side changed (whitespace-only changes do not count): take that side.
  if (local === base || local.trim() === base.trim()) return server;
  if (server === base || server.trim() === base.trim()) return local;
  // One side already contains everything the other has (e.g. the same edit typed twice, or an earlier save).
  if (server.includes(local)) return server;
  if (local.includes(server)) return local;
  // Both added new lines after the same base (the usual shape of notes): keep the base once, then both
  // sides' new lines. A mid-line addition ("… by Friday") only reads right with its whole line, so it does not
  // take this path.
  if (base.length > 0 && local.startsWith(base) && server.startsWith(base)) {
    const addedRaw = local.slice(base.length);
    if (base.endsWith('\n') || /^[ \t]*\n/.test(addedRaw)) return joinKeepingBoth(server, addedRaw.replace(/^\s+/, ''));
  }
  return joinKeepingBoth(server, local);
}

function joinKeepingBoth(first: string, second: string): string {
  if (second.trim() === '') return first;
  if (first.trim() === '') return second;
  return first.replace(/\s+$/, '') + MERGE_SEPARATOR + second;
}
