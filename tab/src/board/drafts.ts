import type { BoardRef } from '@candor/contract';
import type { KeyValueStore } from '../host/browserStorage';

/** Text typed on this device that the server has not confirmed yet, and what it was typed against. */
export interface Draft {
  text: string;
  baseText: string;
  baseRevision: number;
}

export interface DraftStore {
  load(field: string): Draft | null;
  save(field: string, draft: Draft): void;
  remove(field: string): void;
}

export function draftKey(viewerId: string, ref: BoardRef, field: string): string {
  return `candor:draft:v1:${viewerId}:${ref.managerId}:${ref.reportId}:${ref.occurrenceId}:${field}`;
}

/** Drafts of one viewer on one board. Storage errors (quota, storage blocked in the iframe) are swallowed. */
export function createDraftStore(store: KeyValueStore | null, viewerId: string, ref: BoardRef): DraftStore {
  return {
    load(field) {
      try {
        const raw = store?.getItem(draftKey(viewerId, ref, field));
        if (!raw) return null;
        const value: unknown = JSON.parse(raw);
        return isDraft(value) ? value : null;
      } catch {
        return null;
      }
    },
    save(field, draft) {
      try {
        store?.setItem(draftKey(viewerId, ref, field), JSON.stringify(draft));
      } catch {
        // Best effort: the text is still in memory and the save keeps retrying.
      }
    },
    remove(field) {
      try {
        store?.removeItem(draftKey(viewerId, ref, field));
      } catch {
        // ignore
      }
    },
  };
}

function isDraft(value: unknown): value is Draft {
  if (!value || typeof value !== 'object') return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.text === 'string' &&
    typeof v.baseText === 'string' &&
    typeof v.baseRevision === 'number' &&
    Number.isInteger(v.baseRevision) &&
    v.baseRevision >= 0
  );
}
