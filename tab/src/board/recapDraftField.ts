import {
  RECAP_TAGS,
  type RecapDraftPart,
  type RecapTag,
  type SaveRecapDraftChoiceRequest,
  type SaveRecapDraftLineRequest,
  type SharedRecapDraft,
} from '@candor/contract';
import { mergeField } from './mergeField';

/*
 * The recap both people write travels through the board's one field sync (debounce, 409 merge, device drafts,
 * polling) as three fields: each line and the "no blocker this week" choice. A line travels as one string,
 * `tags|text`, so its text and tags share the line's one revision on the server.
 */
export const RECAP_SYNC_IDS = ['recapLine1', 'recapLine2', 'recapNoBlocker'] as const;
export type RecapSyncId = (typeof RECAP_SYNC_IDS)[number];

const PART_OF: Readonly<Record<RecapSyncId, RecapDraftPart>> = {
  recapLine1: 'line1',
  recapLine2: 'line2',
  recapNoBlocker: 'noBlocker',
};

/** The choice in the sync's string form: chosen, or '' (not chosen). */
export const NO_BLOCKER_CHOSEN = 'chosen';

export interface DraftLine {
  text: string;
  tags: RecapTag[];
}

export function isRecapSyncId(id: string): id is RecapSyncId {
  return (RECAP_SYNC_IDS as readonly string[]).includes(id);
}

export function encodeRecapLine(line: DraftLine): string {
  return `${RECAP_TAGS.filter((t) => line.tags.includes(t)).join(',')}|${line.text}`;
}

export function decodeRecapLine(encoded: string): DraftLine {
  const bar = encoded.indexOf('|');
  if (bar < 0) return { text: encoded, tags: [] };
  const named = encoded.slice(0, bar).split(',');
  return { text: encoded.slice(bar + 1), tags: RECAP_TAGS.filter((t) => named.includes(t)) };
}

/** One part of the server's draft in the sync's form. */
export function recapServerField(draft: SharedRecapDraft, id: RecapSyncId) {
  if (id === 'recapNoBlocker') {
    const { value, ...meta } = draft.noBlocker;
    return { text: value ? NO_BLOCKER_CHOSEN : '', ...meta };
  }
  const { text, tags, ...meta } = draft.lines[id === 'recapLine1' ? 0 : 1];
  return { text: encodeRecapLine({ text, tags }), ...meta };
}

export function recapDraftRequest(
  id: RecapSyncId,
  encoded: string,
  baseRevision: number,
): { part: RecapDraftPart; body: SaveRecapDraftLineRequest | SaveRecapDraftChoiceRequest } {
  const part = PART_OF[id];
  if (id === 'recapNoBlocker') return { part, body: { value: encoded === NO_BLOCKER_CHOSEN, baseRevision } };
  return { part, body: { ...decodeRecapLine(encoded), baseRevision } };
}

/**
 * After a 409 on a recap part: the line's words merge like an answer's (kept on one line: a recap line is one line),
 * its tags are the local ones if this person changed them, else the other person's; the choice is the latest click.
 */
export function mergeRecapPart(id: RecapSyncId, input: { base: string; local: string; server: string }): string {
  if (id === 'recapNoBlocker') return input.local;
  const [base, local, server] = [input.base, input.local, input.server].map(decodeRecapLine) as [
    DraftLine,
    DraftLine,
    DraftLine,
  ];
  const text = mergeField({ base: base.text, local: local.text, server: server.text }).replace(/\s*\n+\s*/g, ' ');
  const tagsChanged = local.tags.join(',') !== base.tags.join(',');
  return encodeRecapLine({ text, tags: tagsChanged ? local.tags : server.tags });
}
