import type { BoardRef } from '@candor/contract';
import type { DeviceDrafts } from '../api/draftsClient';
import { readStored, removeStored, writeStored, type KeyValueStore } from '../host/browserStorage';

/** Text typed on this device that the server has not confirmed yet, and what it was typed against. */
export interface Draft {
  text: string;
  baseText: string;
  baseRevision: number;
  /** The draft's own revision, counted up by each change (forms kept as server drafts); absent = 0. */
  revision?: number;
}

export interface DraftStore {
  load(field: string): Draft | null;
  /** False when the device did not keep it (storage denied or full): the words are in this window only. */
  save(field: string, draft: Draft): boolean;
  remove(field: string): void;
}

export function draftKey(viewerId: string, ref: BoardRef, field: string): string {
  return `candor:draft:v1:${viewerId}:${ref.managerId}:${ref.reportId}:${ref.occurrenceId}:${field}`;
}

/** Drafts of one viewer on one board. Storage errors never throw; a refused write is reported by `save`. */
export function createDraftStore(store: KeyValueStore | null, viewerId: string, ref: BoardRef): DraftStore {
  return {
    load(field) {
      const raw = readStored(store, draftKey(viewerId, ref, field));
      if (!raw) return null;
      try {
        const value: unknown = JSON.parse(raw);
        return isDraft(value) ? value : null;
      } catch {
        return null;
      }
    },
    save(field, draft) {
      return writeStored(store, draftKey(viewerId, ref, field), JSON.stringify(draft));
    },
    remove(field) {
      removeStored(store, draftKey(viewerId, ref, field));
    },
  };
}

/** One form's draft (the recap, a commitment) in the board's device drafts, as a server draft keeper caches it. */
export function deviceDraftOf(drafts: DraftStore, field: string): DeviceDrafts {
  return {
    load() {
      const stored = drafts.load(field);
      if (!stored) return null;
      try {
        return { value: JSON.parse(stored.text) as unknown, revision: stored.revision ?? 0 };
      } catch {
        return null;
      }
    },
    save({ value, revision }) {
      return drafts.save(field, { text: JSON.stringify(value), baseText: '', baseRevision: 0, revision });
    },
    remove() {
      drafts.remove(field);
    },
  };
}

const isCount = (value: unknown): boolean => typeof value === 'number' && Number.isInteger(value) && value >= 0;

function isDraft(value: unknown): value is Draft {
  if (!value || typeof value !== 'object') return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.text === 'string' &&
    typeof v.baseText === 'string' &&
    isCount(v.baseRevision) &&
    (v.revision === undefined || isCount(v.revision))
  );
}
