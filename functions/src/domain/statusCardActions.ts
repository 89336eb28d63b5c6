import { createHash } from 'node:crypto';
import {
  MAX_STATUS_FIELD_LENGTH,
  STATUS_FIELD_IDS,
  type StatusFieldId,
  type StatusFields,
  type StatusSurface,
} from '../contract';
import type { StatusEdit } from './statusEdits';

/*
 * What the bot's status cards carry and bring back, and which plain words it answers: the decisions, free of any card
 * SDK, so the chat's presentation (bot/statusCards.ts) can change without touching them.
 */

/** What an Action.Execute on a status card carries back: which request it answers, never any text of its own. */
export interface StatusCardRef {
  managerId: string;
  reportId: string;
  occurrenceId: string;
  claimBase: string;
}

export const STATUS_CARD_VERBS = {
  save: 'candor.status.save',
  edit: 'candor.status.edit',
  refresh: 'candor.status.refresh',
} as const;

/** What a request card shows: the stored update (its parts and the revision they were read at), or nothing yet. */
export interface StatusCardShown {
  revision: number;
  fields: StatusFields;
}

/** A save that was refused: the parts changed elsewhere since the card was shown, and what the person typed. */
export interface StatusCardClash {
  parts: ReadonlyArray<{ part: StatusFieldId; changedIn: StatusSurface | null }>;
  typed: Partial<StatusFields>;
}

/**
 * A short fingerprint of a part as the card shows it. Action.Execute sends every input back, changed or not; the
 * card's data carries these so the save can tell which inputs the person changed, and leave the rest as stored
 * (possibly changed elsewhere since). Line endings and outer blanks are ignored: clients may normalise them.
 */
export function shownHash(text: string): string {
  return createHash('sha256').update(text.replace(/\r\n?/g, '\n').trim()).digest('base64url').slice(0, 12);
}

/** Short answers to the plain words the bot understands in its personal chat. */
export type BotReply = 'help' | 'status' | 'settings' | 'unknown';

export function botReplyFor(text: string | undefined): BotReply {
  const word = (text ?? '')
    .replace(/<[^>]*>/g, ' ')
    .trim()
    .toLowerCase();
  if (word === 'help' || word === '?') return 'help';
  if (word === 'status') return 'status';
  if (word === 'settings') return 'settings';
  return 'unknown';
}

/**
 * The edit an Action.Execute brought back (inputs are merged into `data`): the parts whose input differs from what
 * the card showed, against the revision it showed. A card sent before cards carried `baseRevision` and `shown`
 * gives every input with no base, which the merge treats with care (see StatusEdit.baseRevision).
 */
export function statusEditFrom(data: Record<string, unknown>): StatusEdit | { invalid: StatusFieldId } {
  const typed: Partial<StatusFields> = {};
  for (const id of STATUS_FIELD_IDS) {
    const value = data[id];
    if (value === undefined || value === null) continue;
    if (typeof value !== 'string' || value.length > MAX_STATUS_FIELD_LENGTH) return { invalid: id };
    typed[id] = value;
  }
  const base = data['baseRevision'];
  const shown = data['shown'];
  if (typeof base !== 'number' || !Number.isInteger(base) || base < 0 || typeof shown !== 'object' || shown === null) {
    return { baseRevision: null, parts: typed, via: 'chat' };
  }
  const hashes = shown as Record<string, unknown>;
  const parts: Partial<StatusFields> = {};
  for (const id of STATUS_FIELD_IDS) {
    const value = typed[id];
    if (value !== undefined && shownHash(value) !== hashes[id]) parts[id] = value;
  }
  return { baseRevision: base, parts, via: 'chat' };
}
