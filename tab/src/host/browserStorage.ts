// One guarded way into localStorage for every surface that keeps what someone typed or chose on this device (the
// board's drafts and kept choices, the status form's draft), so none of them meets a storage error of its own.

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
