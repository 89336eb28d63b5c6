import { Body1, Button, Skeleton, SkeletonItem, Text } from '@fluentui/react-components';
import { ArrowLeftRegular } from '@fluentui/react-icons';
import { Suspense, lazy, useEffect, useRef } from 'react';
import type { PairTrend } from '@candor/contract';
import type { Session } from '../host/session';
import { OpenBlockers } from './OpenBlockers';
import { SignalList } from './SignalList';
import { BlockersTable, CommitmentsTable, MeetingsTable } from './TrendTables';
import { ALL_MEETINGS, NO_ONE_ON_ONES_YET } from './TrendRow';
import { hasOneOnOnes, meetingAnchor, partialMonthText, windowOf } from './trendFormat';
import { useTrendStyles } from './styles';

const MEETINGS_HEADING = 'trend-meetings';

// The charts package loads only when a detail view opens (its own chunk).
const TrendCharts = lazy(() => import('./TrendCharts'));

/**
 * Moves the focus (keyboard and screen reader land there too) and scrolls this document to the element. Not
 * scrollIntoView: from inside the host's iframe it also scrolls the host's own containers, pushing the tab away.
 */
function focusElement(element: HTMLElement | null): void {
  if (!element) return;
  element.focus({ preventScroll: true });
  const top = element.getBoundingClientRect().top + window.scrollY - window.innerHeight / 3;
  window.scrollTo({ top: Math.max(0, top) });
}

/** One pair in depth: the signals, larger charts with a data table each, the 1:1s, open commitments and blockers. */
export function DetailView({
  trend,
  windowMonths,
  title,
  intro,
  target,
  back,
  session,
}: {
  trend: PairTrend;
  windowMonths: number;
  title: string;
  intro: string;
  /** A 1:1 to scroll to and focus (a signal's link), or null. */
  target: string | null;
  back: { label: string; onClick: () => void } | null;
  /** With it, open blockers show their words and can be marked resolved here. */
  session?: Session;
}) {
  const styles = useTrendStyles();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const { complete: months, partial } = windowOf(trend.months, windowMonths, new Date());

  useEffect(() => {
    // Where a keyboard or screen-reader user lands: the 1:1 a signal linked to, else the view's heading.
    const row =
      target === ALL_MEETINGS
        ? document.getElementById(MEETINGS_HEADING)
        : target
          ? document.getElementById(meetingAnchor(target))
          : null;
    focusElement(row ?? headingRef.current);
  }, [target, trend]);

  const goTo = (occurrenceId: string) => focusElement(document.getElementById(meetingAnchor(occurrenceId)));

  return (
    <div className={styles.page}>
      {back ? (
        <div>
          <Button appearance="subtle" className={styles.outlined} icon={<ArrowLeftRegular />} onClick={back.onClick}>
            {back.label}
          </Button>
        </div>
      ) : null}
      <Text as="h1" size={700} weight="semibold" className={styles.focusHeading} ref={headingRef} tabIndex={-1}>
        {title}
      </Text>
      <Body1 as="p" className={styles.intro}>
        {intro}
      </Body1>
      {!hasOneOnOnes(trend) ? (
        <Body1 as="p">{NO_ONE_ON_ONES_YET}</Body1>
      ) : (
        <>
          <SignalList
            signals={trend.signals}
            months={trend.months}
            openMeeting={goTo}
            hrefFor={(id) => `#${meetingAnchor(id)}`}
            openAll={() => focusElement(document.getElementById(MEETINGS_HEADING))}
            allHref={`#${MEETINGS_HEADING}`}
          />
          {partial ? (
            <Body1 as="p" className={styles.intro}>
              {`${partialMonthText(partial)}. Its figures join the charts and tables when the month ends; its 1:1s are in the list below.`}
            </Body1>
          ) : null}
          <Suspense
            fallback={
              <Skeleton aria-label="Loading the charts" className={styles.skeleton}>
                <SkeletonItem className={styles.skeletonCard} />
              </Skeleton>
            }
          >
            <TrendCharts months={months} />
          </Suspense>
          <section className={styles.section} aria-labelledby={MEETINGS_HEADING}>
            <Text as="h2" id={MEETINGS_HEADING} tabIndex={-1} size={500} weight="semibold" className={styles.heading}>
              1:1s
            </Text>
            {/* All months of the answer, so a signal's link always finds its row whatever the window. */}
            <MeetingsTable months={trend.months} target={target} />
          </section>
          <section className={styles.section} aria-labelledby="trend-commitments">
            <Text as="h2" id="trend-commitments" size={500} weight="semibold" className={styles.heading}>
              Commitments and blockers
            </Text>
            <CommitmentsTable commitments={trend.openCommitments} />
            {session ? (
              <OpenBlockers api={session.api} trend={trend} locale={session.host.locale} />
            ) : (
              <BlockersTable blockers={trend.openBlockers} />
            )}
          </section>
        </>
      )}
    </div>
  );
}
