import {
  draftApiPaths,
  STATUS_FIELD_IDS,
  staleDraftSchema,
  statusFormDraftResponseSchema,
  type StatusFieldId,
  type StatusFields,
  type StatusUpdate,
} from '@candor/contract';
import type { DeviceDrafts, ServerDrafts } from '../api/draftsClient';
import { readStored, removeStored, writeStored, type KeyValueStore } from '../host/browserStorage';
import { linkTokenRequest } from './linkRequest';

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
 * What the report typed into the status form and has not had confirmed by the server, cached in this browser
 * (localStorage) beside the server draft until a save succeeds: a failed submit, a closed tab or a lost connection
 * loses nothing. `revision` counts the draft's changes, so a restore can tell the newer of server and device copy.
 */
export interface StatusDraftStore {
  load(): StatusDraft | null;
  /** The revision of the kept draft (0 for one kept before drafts counted them, or none). */
  revision(): number;
  /** False when the device did not keep it (storage denied or full). */
  save(draft: StatusDraft, revision?: number): boolean;
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
  const stored = (): Record<string, unknown> | null => {
    const raw = readStored(store, key);
    if (!raw) return null;
    try {
      const value: unknown = JSON.parse(raw);
      return value && typeof value === 'object' ? (value as Record<string, unknown>) : null;
    } catch {
      return null;
    }
  };
  return {
    load() {
      const record = stored();
      return record ? statusDraftOf(record) : null;
    },
    revision() {
      const revision = stored()?.revision;
      return typeof revision === 'number' && Number.isInteger(revision) && revision >= 0 ? revision : 0;
    },
    save(draft, revision = 0) {
      return writeStored(store, key, JSON.stringify({ ...draft, revision }));
    },
    clear() {
      removeStored(store, key);
    },
  };
}

/** A status draft read from storage or the server: it crossed a boundary, so every part is checked. */
export function statusDraftOf(value: unknown): StatusDraft | null {
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
}

/** The device copy as a server draft keeper caches it. */
export function statusDeviceDrafts(drafts: StatusDraftStore): DeviceDrafts {
  return {
    load() {
      const draft = drafts.load();
      return draft ? { value: draft, revision: drafts.revision() } : null;
    },
    save({ value, revision }) {
      const draft = statusDraftOf(value);
      return draft ? drafts.save(draft, revision) : false;
    },
    remove() {
      drafts.clear();
    },
  };
}

/** The status form's server draft, with the link token from the email as its only credential. */
export function statusFormServerDrafts(options: {
  baseUrl: string;
  token: string;
  fetch?: typeof fetch;
}): ServerDrafts {
  const send = linkTokenRequest(options);
  const request = (method: 'GET' | 'PUT' | 'DELETE', body?: unknown, keepalive = false) =>
    send(method, draftApiPaths.statusFormDraft(), body, { keepalive });
  return {
    async load() {
      const answer = await request('GET');
      const parsed = statusFormDraftResponseSchema.safeParse(answer?.json);
      if (answer?.status !== 200 || !parsed.success) return { kind: 'failed' };
      const draft = parsed.data.draft;
      return draft ? { kind: 'found', draft: { value: draft.value, revision: draft.revision } } : { kind: 'none' };
    },
    async save(draft, saveOptions) {
      const answer = await request('PUT', draft, saveOptions?.keepalive);
      if (answer?.status === 200) return { kind: 'saved' };
      const stale = staleDraftSchema.safeParse(answer?.json);
      if (answer?.status === 409 && stale.success) return { kind: 'stale', revision: stale.data.current.revision };
      return answer && answer.status < 500 && answer.status !== 429 ? { kind: 'refused' } : { kind: 'failed' };
    },
    async remove(removeOptions) {
      return (await request('DELETE', undefined, removeOptions?.keepalive))?.status === 200;
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
