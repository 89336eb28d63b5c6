import { createDraftStore, type DraftStore } from '../store/draftStore';
import type { TableClientFactory } from '../store/tables';

/** The pieces of Services that keep unsaved words on the server: each author's drafts (store/draftStore.ts). */
export interface DraftServices {
  drafts: DraftStore;
}

/** Over any table client factory: the composition root passes the configured one, tests Azurite's. */
export function draftStores(tables: TableClientFactory): DraftServices {
  return { drafts: createDraftStore(tables) };
}
