import type { PairTrendResponse, TeamTrendsResponse, TrendSharing } from '@candor/contract';
import type { ApiResult } from '../api/client';
import { describeFailure } from '../api/failureText';

/*
 * What the Trends tab shows after its two first reads (trends/team and trends/me, in parallel): the team view when
 * the caller manages someone, their own view when the directory names their manager, both for someone who is both.
 */

export type TrendsLoad =
  | {
      kind: 'ready';
      /** Null: the caller manages nobody (or the team read failed while the other answered: see `warning`). */
      team: TeamTrendsResponse | null;
      /** Null: the directory lists no manager for the caller. */
      me: PairTrendResponse | null;
      /** One of the two reads failed for another reason than "not yours": said, without hiding the other. */
      warning: string | null;
    }
  /** Neither a manager nor anybody's report in the directory. */
  | { kind: 'none' }
  | { kind: 'error'; title: string; message: string; retryable: boolean };

type Failure = Exclude<ApiResult<unknown, never>, { ok: true }>;

/** 403 and 404 mean "this view is not for you", not a fault. */
function isNotYours(failure: Failure): boolean {
  return failure.kind === 'http' && (failure.status === 403 || failure.status === 404);
}

export function classifyTrends(
  team: ApiResult<TeamTrendsResponse, never>,
  me: ApiResult<PairTrendResponse, never>,
): TrendsLoad {
  const teamValue = team.ok && team.value.reports.length > 0 ? team.value : null;
  const meValue = me.ok ? me.value : null;
  const failures = [team, me].filter((r): r is Failure => !r.ok && !isNotYours(r));
  if (teamValue || meValue) {
    const failure = failures[0];
    return {
      kind: 'ready',
      team: teamValue,
      me: meValue,
      warning: failure ? `Part of your trends didn’t load. ${describeFailure(failure).message}` : null,
    };
  }
  const failure = failures[0];
  if (failure) return { kind: 'error', ...describeFailure(failure) };
  return { kind: 'none' };
}

/** The report's sharing switches: optimistic, so the switch moves at once, and rolled back if the save fails. */
export interface SharingState {
  /** What the switches show. */
  shown: TrendSharing;
  /** What the API last confirmed (the rollback target). */
  saved: TrendSharing;
  saving: boolean;
  error: string | null;
}

export function sharingStart(sharing: TrendSharing): SharingState {
  return { shown: sharing, saved: sharing, saving: false, error: null };
}

export function sharingToggled(state: SharingState, key: keyof TrendSharing, value: boolean): SharingState {
  return { ...state, shown: { ...state.shown, [key]: value }, saving: true, error: null };
}

export function sharingSaved(state: SharingState, confirmed: TrendSharing): SharingState {
  return { shown: confirmed, saved: confirmed, saving: false, error: null };
}

export function sharingFailed(state: SharingState, failure: Failure): SharingState {
  return {
    ...state,
    shown: state.saved,
    saving: false,
    error: `Your choice wasn’t saved. ${describeFailure(failure).message}`,
  };
}
