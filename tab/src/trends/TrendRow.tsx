import { Badge, Body1, Button, Card, Text } from '@fluentui/react-components';
import { useId } from 'react';
import type { PairTrend } from '@candor/contract';
import { Sparkline } from './Sparkline';
import { SignalList } from './SignalList';
import {
  SERIES,
  ageText,
  hasOneOnOnes,
  heldOverWindow,
  oldestAgeDays,
  partialMonthText,
  windowOf,
} from './trendFormat';
import { useTrendStyles } from './styles';

/** A detail-view target meaning "the 1:1s table" rather than one 1:1. */
export const ALL_MEETINGS = 'all';

export const NO_ONE_ON_ONES_YET = 'No 1:1s yet. Trends appear here after your first recap.';

/**
 * One pair at a glance: sparklines over the window, 1:1s held, open commitments and the signals. The team view has
 * one per direct report; the report's own view uses it for themself and for "what your manager sees".
 */
export function TrendRow({
  trend,
  windowMonths,
  title,
  headingLevel = 'h2',
  openDetail,
  detailHref,
  openButton = true,
}: {
  trend: PairTrend;
  windowMonths: number;
  title: string;
  headingLevel?: 'h2' | 'h3';
  /** Opens the detail view, scrolled to one 1:1 when given; absent where the row has no detail view. */
  openDetail?: (occurrenceId?: string) => void;
  detailHref?: (occurrenceId?: string) => string;
  /** False where the detail view would not be this row's view (the report's "what your manager sees"). */
  openButton?: boolean;
}) {
  const styles = useTrendStyles();
  const headingId = useId();
  const { complete: months, partial } = windowOf(trend.months, windowMonths, new Date());
  const { held, scheduled } = heldOverWindow(months);
  const oldest = oldestAgeDays(trend.openCommitments);
  const empty = !hasOneOnOnes(trend);
  return (
    <Card className={styles.card} role="group" aria-labelledby={headingId}>
      <div className={styles.rowHead}>
        <Text as={headingLevel} id={headingId} size={500} weight="semibold" className={styles.rowName}>
          {title}
        </Text>
        {trend.signals.length > 0 ? (
          <Badge appearance="tint" color="warning">
            {trend.signals.length === 1 ? '1 signal' : `${trend.signals.length} signals`}
          </Badge>
        ) : null}
        {openDetail && openButton ? (
          <Button appearance="secondary" aria-describedby={headingId} onClick={() => openDetail()}>
            Open details
          </Button>
        ) : null}
      </div>
      {empty ? (
        <Body1>{NO_ONE_ON_ONES_YET}</Body1>
      ) : (
        <>
          <dl className={styles.facts}>
            <div className={styles.fact}>
              <dt className={styles.factTerm}>1:1s held</dt>
              <dd className={styles.factValue}>
                {held} of {scheduled}
              </dd>
            </div>
            <div className={styles.fact}>
              <dt className={styles.factTerm}>Open commitments</dt>
              <dd className={styles.factValue}>
                {trend.openCommitments.length}
                {oldest !== null ? ` · oldest ${ageText(oldest)}` : ''}
              </dd>
            </div>
            {trend.openBlockers.length > 0 ? (
              <div className={styles.fact}>
                <dt className={styles.factTerm}>Open blockers</dt>
                <dd className={styles.factValue}>{trend.openBlockers.length}</dd>
              </div>
            ) : null}
          </dl>
          {partial ? (
            <Body1 as="p" className={styles.partial}>
              {partialMonthText(partial)}
              <span className={styles.partialNote}> · its figures join the trend when the month ends</span>
            </Body1>
          ) : null}
          <ul className={styles.sparks} aria-label={`Last ${months.length} months`}>
            {SERIES.map((info) => (
              <Sparkline key={info.key} info={info} months={months} />
            ))}
          </ul>
        </>
      )}
      <SignalList
        signals={trend.signals}
        months={trend.months}
        openMeeting={(id) => openDetail?.(id)}
        hrefFor={(id) => detailHref?.(id) ?? '#'}
        openAll={() => openDetail?.(ALL_MEETINGS)}
        allHref={detailHref?.(ALL_MEETINGS) ?? '#'}
      />
    </Card>
  );
}
