import {
  STATUS_FIELD_IDS,
  type StatusFieldId,
  type StatusFields,
  type StatusSurface,
  type StatusUpdate,
} from '../contract';

/*
 * One status update is written from several surfaces (the status form, the Candor bot's card, the board's "Move to
 * status update"), each showing what was stored when it opened. A save therefore names the update revision it was
 * typed against and carries only the parts the person changed; each stored part remembers the update revision at
 * which it last changed. That is the board's per-field revision rule (domain/board), applied per part.
 */

/** When and where one part last changed. */
export interface PartStamp {
  /** The update revision that last changed this part's text; 0 when it never had any. */
  revision: number;
  /** Null for parts stored before surfaces were recorded. */
  via: StatusSurface | null;
}
export type PartStamps = Record<StatusFieldId, PartStamp>;

/** What is stored, as a save merges against it. */
export interface StatusState {
  update: StatusUpdate;
  parts: PartStamps;
}

export interface StatusEdit {
  /**
   * The update revision the parts were typed against (0: nothing was stored). Null when the surface cannot tell (a
   * chat card sent before cards carried it): then only non-empty parts count, and any part already holding other
   * text is a conflict, so such a card neither clears nor silently replaces anything.
   */
  baseRevision: number | null;
  /** Only the parts the person changed; an absent part is unchanged. */
  parts: Partial<StatusFields>;
  via: StatusSurface;
}

export type StatusEditDecision =
  /** `changed` is empty when everything sent is already stored (a retry): nothing needs writing. */
  | { kind: 'merged'; fields: StatusFields; changed: StatusFieldId[] }
  | { kind: 'conflict'; parts: Array<{ part: StatusFieldId; changedIn: StatusSurface | null }> };

export const EMPTY_PART_STAMP: PartStamp = { revision: 0, via: null };

/** Stamps for a stored update whose row predates them: a part with text may have changed at any revision so far. */
export function legacyStamps(update: StatusUpdate): PartStamps {
  return Object.fromEntries(
    STATUS_FIELD_IDS.map((id) => [
      id,
      update.fields[id] === '' ? EMPTY_PART_STAMP : { revision: update.revision, via: null },
    ]),
  ) as PartStamps;
}

/**
 * Merges an edit into what is stored. A part whose text equals what is stored is no change (so a retried save is
 * answered as saved, never as a conflict); a part that changed after the edit's base and now holds other text is a
 * conflict, and then nothing is applied, so the person sees every clash at once and decides.
 */
export function applyStatusEdit(stored: StatusState | null, edit: StatusEdit): StatusEditDecision {
  const current = stored?.update.fields ?? { finished: '', inProgress: '', blocked: '', fyi: '' };
  const storedRevision = stored?.update.revision ?? 0;
  // A base ahead of what is stored means the update was removed and written again since: nothing is known to be seen.
  const base = edit.baseRevision === null || edit.baseRevision > storedRevision ? 0 : edit.baseRevision;
  const changed: StatusFieldId[] = [];
  const conflicts: Array<{ part: StatusFieldId; changedIn: StatusSurface | null }> = [];
  for (const id of STATUS_FIELD_IDS) {
    const text = edit.parts[id];
    if (text === undefined || text === current[id]) continue;
    if (edit.baseRevision === null && text.trim() === '') continue;
    const stamp = stored?.parts[id] ?? EMPTY_PART_STAMP;
    if (stamp.revision > base) conflicts.push({ part: id, changedIn: stamp.via });
    else changed.push(id);
  }
  if (conflicts.length > 0) return { kind: 'conflict', parts: conflicts };
  const fields = { ...current };
  for (const id of changed) fields[id] = edit.parts[id] ?? current[id];
  return { kind: 'merged', fields, changed };
}

/** The stamps after a write: parts whose text changed take the new revision and the writing surface. */
export function stampsAfter(
  previous: StatusState | null,
  fields: StatusFields,
  revision: number,
  via: StatusSurface,
): PartStamps {
  return Object.fromEntries(
    STATUS_FIELD_IDS.map((id) => {
      const before = previous?.update.fields[id] ?? '';
      const stamp = previous?.parts[id] ?? EMPTY_PART_STAMP;
      return [id, fields[id] === before ? stamp : { revision, via }];
    }),
  ) as PartStamps;
}
