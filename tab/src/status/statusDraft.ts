import { STATUS_FIELD_IDS, type StatusFieldId, type StatusFields, type StatusUpdate } from '@candor/contract';
import type { KeyValueStore } from '../host/browserStorage';

/** The stored update a form's text was typed against: its revision and its parts as the form showed them. */
export interface StatusBase {
  revision: number;
  fields: StatusFields;
}

/** What is in the form, and what it was typed against: the save sends only the parts that differ from the base. */
export interface StatusDraft {
  fields: StatusFields;
  base: StatusBase;
}

/**
 * What the report typed into the status form and has not had confirmed by the server, kept in this browser
 * (localStorage) until a save succeeds: a failed submit, a closed tab or a lost connection loses nothing.
 */
export interface StatusDraftStore {
  load(): StatusDraft | null;
  save(draft: StatusDraft): void;
  clear(): void;
}

/** Who and which occurrence the link is for, read (not verified: the server does that) from the token. */
export function linkSubject(token: string): { reportId: string; occurrenceId: string } | null {
  const payload = token.split('.')[1];
  if (!payload) return null;
  try {
    const base64 = payload.replace(/-/g, '+').replace(/_/g, '/');
    const json: unknown = JSON.parse(atob(base64 + '='.repeat((4 - (base64.length % 4)) % 4)));
    if (
      json &&
      typeof json === 'object' &&
      'sub' in json &&
      'occ' in json &&
      typeof json.sub === 'string' &&
      typeof json.occ === 'string'
    ) {
      return { reportId: json.sub, occurrenceId: json.occ };
    }
  } catch {
    // Not a readable token: the server will say so.
  }
  return null;
}

export function statusDraftKey(reportId: string, occurrenceId: string): string {
  return `candor:status-draft:v1:${reportId}:${occurrenceId}`;
}

export function createStatusDraftStore(store: KeyValueStore | null, key: string): StatusDraftStore {
  return {
    load() {
      try {
        const raw = store?.getItem(key);
        if (!raw) return null;
        const value: unknown = JSON.parse(raw);
        if (!value || typeof value !== 'object') return null;
        const record = value as Record<string, unknown>;
        const flat = fieldsOf(record);
        // A draft kept before drafts knew their base: treated as typed over an empty update, so every part it
        // holds that differs from what is stored now is shown beside it rather than silently sent over it.
        if (flat) return { fields: flat, base: { revision: 0, fields: EMPTY_STATUS } };
        const fields = fieldsOf(record.fields);
        const base = record.base;
        if (!fields || !base || typeof base !== 'object') return null;
        const revision = (base as Record<string, unknown>).revision;
        const baseFields = fieldsOf((base as Record<string, unknown>).fields);
        if (typeof revision !== 'number' || !Number.isInteger(revision) || revision < 0 || !baseFields) return null;
        return { fields, base: { revision, fields: baseFields } };
      } catch {
        return null;
      }
    },
    save(draft) {
      try {
        store?.setItem(key, JSON.stringify(draft));
      } catch {
        // Storage full or blocked: the text stays in the page while it is open.
      }
    },
    clear() {
      try {
        store?.removeItem(key);
      } catch {
        // Nothing to do.
      }
    },
  };
}

export const EMPTY_STATUS: StatusFields = { finished: '', inProgress: '', blocked: '', fyi: '' };

export function sameStatus(a: StatusFields, b: StatusFields): boolean {
  return STATUS_FIELD_IDS.every((id) => a[id] === b[id]);
}

function fieldsOf(value: unknown): StatusFields | null {
  if (!value || typeof value !== 'object') return null;
  const record = value as Record<string, unknown>;
  if (!STATUS_FIELD_IDS.every((id) => typeof record[id] === 'string')) return null;
  return {
    finished: String(record.finished),
    inProgress: String(record.inProgress),
    blocked: String(record.blocked),
    fyi: String(record.fyi),
  };
}

export function baseOf(update: StatusUpdate | null): StatusBase {
  return update ? { revision: update.revision, fields: update.fields } : { revision: 0, fields: EMPTY_STATUS };
}

/** The parts the person changed from the base: all a save sends (an absent part stays as stored). */
export function changedParts(draft: StatusDraft): Partial<StatusFields> {
  return Object.fromEntries(
    STATUS_FIELD_IDS.filter((id) => draft.fields[id] !== draft.base.fields[id]).map((id) => [id, draft.fields[id]]),
  );
}

/**
 * Moves what the person typed onto what is stored now (after a reload, or a save refused because parts changed
 * elsewhere). Parts they did not touch take the stored text; parts they did keep their text; a touched part whose
 * stored text changed too is a clash: both stay in sight and the person chooses. The server applies the same rule.
 */
export function rebase(
  draft: StatusDraft,
  stored: StatusUpdate | null,
): { draft: StatusDraft; clashes: StatusFieldId[] } {
  const base = baseOf(stored);
  const fields = { ...base.fields };
  const clashes: StatusFieldId[] = [];
  for (const id of STATUS_FIELD_IDS) {
    const mine = draft.fields[id];
    if (mine === draft.base.fields[id] || mine === base.fields[id]) continue;
    fields[id] = mine;
    if (base.fields[id] !== draft.base.fields[id]) clashes.push(id);
  }
  return { draft: { fields, base }, clashes };
}
