import { Body1, Text } from '@fluentui/react-components';
import { lazy, Suspense, useId } from 'react';
import type { PairTrendResponse } from '@candor/contract';
import type { Session } from '../host/session';
import { TrendRow } from './TrendRow';
import { WindowSwitch } from './TeamView';
import type { WindowMonths } from './trendFormat';
import { SharingCard } from './SharingCard';
import { useTrendStyles } from './styles';

// Where status requests reach the report (email, Teams chat or both): its own chunk (never in the side panel's bundle).
const StatusChannelSettings = lazy(() => import('./StatusChannelSettings'));

/** The report's own page: their trend, exactly what their manager sees, and what they choose to share. */
export function MyTrends({
  session,
  me,
  windowMonths,
  setWindow,
  openDetail,
  detailHref,
  refresh,
}: {
  session: Session;
  me: PairTrendResponse;
  windowMonths: WindowMonths;
  setWindow: (months: WindowMonths) => void;
  openDetail: (occurrenceId?: string) => void;
  detailHref: (occurrenceId?: string) => string;
  refresh: () => void;
}) {
  const styles = useTrendStyles();
  const manager = me.trend.manager.displayName;
  const managerViewId = useId();
  return (
    <div className={styles.page}>
      <div className={styles.toolbar}>
        <Text as="h1" size={700} weight="semibold" className={styles.heading}>
          Your 1:1s
        </Text>
        <WindowSwitch value={windowMonths} onChange={setWindow} />
      </div>
      <Body1 as="p" className={styles.intro}>
        Your 1:1s with {manager}, month by month. You see all of your own answers; below is exactly what {manager} sees.
      </Body1>
      <TrendRow
        trend={me.trend}
        windowMonths={windowMonths}
        title={`You and ${manager}`}
        openDetail={openDetail}
        detailHref={detailHref}
      />
      <SharingCard session={session} initial={me.trend.sharing} refresh={refresh} />
      <Suspense fallback={null}>
        <StatusChannelSettings session={session} />
      </Suspense>
      {me.managerView ? (
        <section className={styles.managerView} aria-labelledby={managerViewId}>
          <Text as="h2" id={managerViewId} size={500} weight="semibold" className={styles.heading}>
            What your manager sees
          </Text>
          <Body1 as="p" className={styles.intro}>
            This is {manager}’s view of your 1:1s, as it is now.
          </Body1>
          <TrendRow
            trend={me.managerView}
            windowMonths={windowMonths}
            title={`${manager}’s view of you`}
            headingLevel="h3"
            openButton={false}
            openDetail={openDetail}
            detailHref={detailHref}
          />
        </section>
      ) : null}
    </div>
  );
}
