import { useCallback, useEffect, useRef, useState } from 'react';
import type { EnrolmentView } from '@candor/contract';
import type { ApiFailure } from '../api/result';
import type { Session } from '../host/session';
import { requestOf, viewWith, type EnrolmentChange } from './settingsModel';

export type EnrolmentState =
  | { kind: 'loading' }
  /** The directory lists no direct reports for the person: the manager part is not for them. */
  | { kind: 'notManager' }
  | { kind: 'failed'; message: string }
  | { kind: 'ready'; view: EnrolmentView; saving: boolean; saved: boolean; error: string | null };

export function problemOf(failure: ApiFailure<never>): string {
  return failure.kind === 'http' ? failure.message : 'Candor cannot be reached right now. Try again in a moment.';
}

/**
 * The manager's status-request settings. Every change saves at once and shows at once; only the newest save's
 * answer counts, and a failed one reads back what is stored, so the page never shows a choice not in force.
 */
export function useEnrolment(session: Session): {
  state: EnrolmentState;
  change: (change: EnrolmentChange) => void;
  changePair: (reportId: string, leadTimeHours: number | null) => void;
} {
  const [state, setState] = useState<EnrolmentState>({ kind: 'loading' });
  const latest = useRef(0);
  // The view on screen, so a change builds on it without waiting for React to apply the last one.
  const shown = useRef<EnrolmentView | null>(null);
  const show = useCallback((view: EnrolmentView, saving: boolean) => {
    shown.current = view;
    setState((s) =>
      s.kind === 'ready'
        ? { ...s, view, saving, saved: false, error: null }
        : { kind: 'ready', view, saving, saved: false, error: null },
    );
  }, []);

  useEffect(() => {
    let live = true;
    void session.api.getEnrolment().then((result) => {
      if (!live) return;
      if (result.ok) show(result.value, false);
      else if (result.kind === 'http' && result.status === 403) setState({ kind: 'notManager' });
      else setState({ kind: 'failed', message: problemOf(result) });
    });
    return () => {
      live = false;
    };
  }, [session, show]);

  const settle = useCallback(
    (request: number, result: Awaited<ReturnType<Session['api']['getEnrolment']>>) => {
      if (request !== latest.current) return;
      if (result.ok) shown.current = result.value;
      setState((s) => {
        if (s.kind !== 'ready') return s;
        return result.ok
          ? { kind: 'ready', view: result.value, saving: false, saved: true, error: null }
          : { ...s, saving: false, saved: false, error: `Not saved: ${problemOf(result)}` };
      });
      if (!result.ok) {
        void session.api.getEnrolment().then((stored) => {
          if (!stored.ok || request !== latest.current) return;
          shown.current = stored.value;
          setState((s) => (s.kind === 'ready' ? { ...s, view: stored.value } : s));
        });
      }
    },
    [session],
  );

  const change = useCallback(
    (next: EnrolmentChange) => {
      const view = shown.current;
      if (!view) return;
      const request = ++latest.current;
      show(viewWith(view, next), true);
      void session.api.saveEnrolment(requestOf(view, next)).then((result) => settle(request, result));
    },
    [session, settle, show],
  );

  const changePair = useCallback(
    (reportId: string, leadTimeHours: number | null) => {
      const view = shown.current;
      if (!view) return;
      const request = ++latest.current;
      show({ ...view, pairs: view.pairs.map((p) => (p.reportId === reportId ? { ...p, leadTimeHours } : p)) }, true);
      void session.api.savePairLeadTime(reportId, { leadTimeHours }).then((result) => settle(request, result));
    },
    [session, settle, show],
  );

  return { state, change, changePair };
}
