import { startTransition, useCallback, useRef, useState } from 'react';
import type { TrendSharing } from '@candor/contract';
import type { Session } from '../host/session';
import {
  classifyTrends,
  sharingFailed,
  sharingSaved,
  sharingStart,
  sharingToggled,
  type SharingState,
  type TrendsLoad,
} from './trendLoad';

/**
 * The window the API is asked for; the 6/12 switch only narrows what is drawn, so switching costs no request. One
 * more than the widest choice: the API's window ends in the month in progress, which is never drawn as a month.
 */
const FETCH_MONTHS = 13;

export async function loadTrends(session: Session): Promise<TrendsLoad> {
  const [team, me] = await Promise.all([
    session.api.getTeamTrends(FETCH_MONTHS),
    session.api.getMyTrends(FETCH_MONTHS),
  ]);
  return classifyTrends(team, me);
}

/** The first load (a promise for React's `use`) and a retry that keeps the current screen up while it runs. */
export function useTrendsLoad(session: Session): {
  load: Promise<TrendsLoad>;
  retry: () => void;
  refreshQuietly: () => void;
} {
  const [load, setLoad] = useState(() => loadTrends(session));
  const retry = useCallback(() => setLoad(loadTrends(session)), [session]);
  const refreshQuietly = useCallback(() => startTransition(() => setLoad(loadTrends(session))), [session]);
  return { load, retry, refreshQuietly };
}

/**
 * The report's sharing switches. Each toggle sends all three choices; only the newest request's answer counts, so
 * quick toggles cannot leave an older answer on screen. A failure puts back what the API last confirmed.
 */
export function useSharing(
  session: Session,
  initial: TrendSharing,
  /** After a confirmed save: re-read, so "What your manager sees" shows the new choice. */
  onSaved: () => void,
): { state: SharingState; toggle: (key: keyof TrendSharing, value: boolean) => void } {
  const [state, setState] = useState(() => sharingStart(initial));
  const latest = useRef(0);
  const shown = useRef(initial);
  const toggle = useCallback(
    (key: keyof TrendSharing, value: boolean) => {
      const request = ++latest.current;
      const body = { ...shown.current, [key]: value };
      shown.current = body;
      setState((s) => sharingToggled(s, key, value));
      void session.api.saveTrendSharing(body).then((result) => {
        if (request !== latest.current) return;
        if (result.ok) {
          shown.current = result.value.sharing;
          setState((s) => sharingSaved(s, result.value.sharing));
          onSaved();
        } else {
          setState((s) => {
            const next = sharingFailed(s, result);
            shown.current = next.shown;
            return next;
          });
        }
      });
    },
    [session, onSaved],
  );
  return { state, toggle };
}
