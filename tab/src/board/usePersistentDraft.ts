import { useCallback, useState } from 'react';
import type { DraftStore } from './drafts';

/**
 * Component state that survives a reload or a crash: words typed into a form that is not autosaved (a commitment,
 * the recap) are kept in the device's drafts until they are sent or cleared.
 */
export function usePersistentDraft<T>(
  drafts: DraftStore,
  key: string,
  initial: () => T,
  /** Checks what was stored (it crossed a storage boundary); null = start fresh. */
  parse: (raw: unknown) => T | null,
): [T, (next: T) => void, () => void] {
  const [value, setValue] = useState<T>(() => {
    const stored = drafts.load(key);
    if (!stored) return initial();
    try {
      return parse(JSON.parse(stored.text)) ?? initial();
    } catch {
      return initial();
    }
  });
  const update = useCallback(
    (next: T) => {
      setValue(next);
      drafts.save(key, { text: JSON.stringify(next), baseText: '', baseRevision: 0 });
    },
    [drafts, key],
  );
  const clear = useCallback(() => drafts.remove(key), [drafts, key]);
  return [value, update, clear];
}
