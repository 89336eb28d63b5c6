import type { BoardDraftId } from '@candor/contract';
import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { boardServerDrafts, DraftKeeper, type KeepState } from '../api/draftsClient';
import { useBoardTools } from './boardContext';
import { deviceDraftOf } from './drafts';

export interface PersistentDraft<T> {
  value: T;
  set: (next: T) => void;
  /** The real save succeeded, or the form was cancelled: the draft goes from the server and the device. */
  clear: () => void;
  /** Sends what is waiting now (the form lost focus). */
  flush: () => void;
  /** Whether the server, only the device, or nothing but this window holds the latest words. */
  keep: KeepState;
}

/**
 * Form state that is not autosaved as a field (a commitment, the recap) kept as the viewer's server draft, with the
 * device's drafts as an offline cache: it survives a reload, a sign-out that clears storage, and another host. The
 * device's copy shows at once; the server's replaces it when newer, unless the person has typed since.
 */
export function usePersistentDraft<T>(
  draftId: BoardDraftId,
  initial: () => T,
  /** Checks what was stored (it crossed a storage or network boundary); null = start fresh. */
  parse: (raw: unknown) => T | null,
): PersistentDraft<T> {
  const { session, sync, drafts } = useBoardTools();
  const [keeper] = useState(
    () =>
      new DraftKeeper({
        server: boardServerDrafts(session.api, sync.view.ref, draftId),
        device: deviceDraftOf(drafts, draftId),
      }),
  );
  const [value, setValue] = useState<T>(() => {
    const stored = keeper.fromDevice();
    return (stored && parse(stored.value)) ?? initial();
  });
  const typed = useRef(false);
  // The form's parser is a module function: the one of the first render reads the server's answer too.
  const [parseStored] = useState(() => parse);

  useEffect(() => {
    let cancelled = false;
    void keeper.restore().then((found) => {
      const restored = found && parseStored(found.value);
      if (!cancelled && !typed.current && restored) setValue(restored);
    });
    const onPageHide = () => keeper.flush();
    window.addEventListener('pagehide', onPageHide);
    return () => {
      cancelled = true;
      window.removeEventListener('pagehide', onPageHide);
      keeper.dispose();
    };
  }, [keeper, parseStored]);

  const keep = useSyncExternalStore(keeper.subscribe, keeper.getState);
  const set = useCallback(
    (next: T) => {
      typed.current = true;
      setValue(next);
      keeper.change(next);
    },
    [keeper],
  );
  const clear = useCallback(() => keeper.clear(), [keeper]);
  const flush = useCallback(() => keeper.flush(), [keeper]);
  return { value, set, clear, flush, keep };
}
