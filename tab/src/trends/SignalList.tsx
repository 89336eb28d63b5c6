import { Link, MessageBar, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
import type { MonthTrend, Signal } from '@candor/contract';
import { dayLabel } from './trendFormat';
import { useTrendStyles } from './styles';

/** Links to the newest 1:1s behind a signal; the rest are one more link away, in the detail view's table. */
const MAX_LINKS = 4;

function newestFirst(ids: readonly string[], starts: ReadonlyMap<string, string>): string[] {
  return [...ids].sort((a, b) => (starts.get(b) ?? b).localeCompare(starts.get(a) ?? a));
}

/**
 * The signals of one pair: each a warning message bar (an icon and a title, never colour alone) with its `why` and a
 * link to every 1:1 behind it. `openMeeting` shows that 1:1's row in the detail view.
 */
export function SignalList({
  signals,
  months,
  openMeeting,
  hrefFor,
  openAll,
  allHref,
}: {
  signals: readonly Signal[];
  months: readonly MonthTrend[];
  openMeeting: (occurrenceId: string) => void;
  hrefFor: (occurrenceId: string) => string;
  /** Where "and N more" leads: every 1:1 in the detail view's table. */
  openAll: () => void;
  allHref: string;
}) {
  const styles = useTrendStyles();
  if (signals.length === 0) return null;
  const starts = new Map(months.flatMap((m) => m.meetings).map((m) => [m.occurrenceId, m.start]));
  return (
    <ul className={styles.signals} aria-label="Signals">
      {signals.map((signal) => (
        <li key={`${signal.kind}-${signal.months.join(',')}`}>
          <MessageBar intent="warning" layout="multiline">
            <MessageBarBody>
              <MessageBarTitle>{signal.title}</MessageBarTitle> {signal.why}
              {signal.occurrenceIds.length > 0 ? (
                <span className={styles.signalLinks}>
                  {newestFirst(signal.occurrenceIds, starts)
                    .slice(0, MAX_LINKS)
                    .map((id) => {
                      const start = starts.get(id);
                      return (
                        <Link
                          key={id}
                          className={styles.signalLink}
                          href={hrefFor(id)}
                          onClick={(event) => {
                            event.preventDefault();
                            openMeeting(id);
                          }}
                        >
                          {start ? `1:1 on ${dayLabel(start)}` : `1:1 ${id}`}
                        </Link>
                      );
                    })}
                  {signal.occurrenceIds.length > MAX_LINKS ? (
                    <Link
                      className={styles.signalLink}
                      href={allHref}
                      onClick={(event) => {
                        event.preventDefault();
                        openAll();
                      }}
                    >
                      {`and ${signal.occurrenceIds.length - MAX_LINKS} more`}
                    </Link>
                  ) : null}
                </span>
              ) : null}
            </MessageBarBody>
          </MessageBar>
        </li>
      ))}
    </ul>
  );
}
