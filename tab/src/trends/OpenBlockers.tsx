import type { PairTrend } from '@candor/contract';
import type { ApiClient } from '../api/client';
import { BlockerList } from '../ui/BlockerList';

/**
 * The pair's open blockers on the trends tab, with their words and "Mark resolved" — the same list and action as
 * the board's, for every recap of the pair rather than only earlier ones.
 */
export function OpenBlockers({ api, trend, locale }: { api: ApiClient; trend: PairTrend; locale: string }) {
  return (
    <BlockerList
      api={api}
      pair={{ managerId: trend.manager.id, reportId: trend.report.id }}
      heading="Open blockers"
      locale={locale}
      empty="No open blockers."
    />
  );
}
