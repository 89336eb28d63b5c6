// One guarded way into localStorage for every surface that keeps what someone typed or chose on this device (the
// board's drafts and kept choices, the status form's draft), so none of them meets a storage error of its own, and
// none of them loses words silently: a write the device refused is reported, so the surface can say so.

/** The subset of `Storage` that drafts and other kept choices need (localStorage in the browser, a Map in tests). */
export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** localStorage when the page may use it (it can throw in a sandboxed or storage-partitioned iframe). */
export function browserStorage(): KeyValueStore | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}

/** The stored text, or null when there is none or the device will not say (storage denied). */
export function readStored(store: KeyValueStore | null, key: string): string | null {
  try {
    return store?.getItem(key) ?? null;
  } catch {
    return null;
  }
}

/**
 * Writes one value; false when the device did not keep it (no storage, storage denied, or full). Callers that keep
 * someone's words must not treat false as kept.
 */
export function writeStored(store: KeyValueStore | null, key: string, value: string): boolean {
  if (!store) return false;
  try {
    store.setItem(key, value);
    return true;
  } catch {
    return false;
  }
}

/** Removes one value; false when the device refused (the value may still be there). */
export function removeStored(store: KeyValueStore | null, key: string): boolean {
  if (!store) return true;
  try {
    store.removeItem(key);
    return true;
  } catch {
    return false;
  }
}
