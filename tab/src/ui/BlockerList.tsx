import type { Blocker } from '@candor/contract';
import { Button, Caption1, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useEffect, useId, useState } from 'react';
import type { ApiClient } from '../api/client';
import { describeFailure } from '../api/failureText';
import { formatDay } from './formatDate';

/*
 * Blockers named in recaps that nobody has marked resolved: on the board (those of earlier 1:1s) and on the trends
 * tab (all of the pair's). Either person marks one resolved; the other sees it go at the next refresh.
 */

/** While something is listed, how often the list is read again (the other person may have resolved it). */
const REFRESH_MS = 10_000;

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, minWidth: 0 },
  heading: { margin: 0, fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold },
  list: {
    listStyle: 'none',
    margin: 0,
    padding: 0,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
  },
  item: {
    display: 'flex',
    flexDirection: 'column',
    alignItems: 'flex-start',
    gap: tokens.spacingVerticalXXS,
    paddingInlineStart: tokens.spacingHorizontalS,
    borderLeft: `${tokens.strokeWidthThick} solid ${tokens.colorStatusWarningBorderActive}`,
  },
  text: { overflowWrap: 'anywhere' },
  meta: { color: tokens.colorNeutralForeground3 },
  error: { color: tokens.colorStatusWarningForeground1 },
});

interface PairRef {
  managerId: string;
  reportId: string;
}

/** The pair's open blockers that `show` keeps, read now and again every REFRESH_MS while any is listed. */
function useOpenBlockers(api: ApiClient, pair: PairRef, show: (b: Blocker) => boolean) {
  const [blockers, setBlockers] = useState<Blocker[]>([]);
  const [reads, setReads] = useState(0);
  const { managerId, reportId } = pair;
  useEffect(() => {
    let live = true;
    void api.getOpenBlockers({ managerId, reportId }).then((answer) => {
      // A failed refresh keeps what is shown: the next one tries again.
      if (live && answer.ok) setBlockers(answer.value.blockers.filter(show));
    });
    return () => {
      live = false;
    };
  }, [api, managerId, reportId, show, reads]);
  const listed = blockers.length > 0;
  useEffect(() => {
    if (!listed) return undefined;
    const timer = setInterval(() => {
      if (!document.hidden) setReads((n) => n + 1);
    }, REFRESH_MS);
    return () => clearInterval(timer);
  }, [listed]);
  return { blockers, setBlockers };
}

const everyBlocker = (): boolean => true;

/** The list with its "Mark resolved" buttons; nothing at all while no blocker is open. */
export function BlockerList({
  api,
  pair,
  heading,
  locale,
  show = everyBlocker,
  empty,
}: {
  api: ApiClient;
  pair: PairRef;
  heading: string;
  locale: string;
  show?: (b: Blocker) => boolean;
  /** Said while no blocker is open; without it the list is simply absent. */
  empty?: string;
}) {
  const styles = useStyles();
  const { blockers, setBlockers } = useOpenBlockers(api, pair, show);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const headingId = useId();
  if (blockers.length === 0) return empty ? <Text>{empty}</Text> : null;
  const keyOf = (b: Blocker) => `${b.occurrenceId}~${b.line}`;

  const resolve = async (b: Blocker) => {
    setBusy(keyOf(b));
    setError(null);
    const answer = await api.saveBlocker(pair, b, { resolved: true, baseRevision: b.revision });
    setBusy(null);
    // Resolved now, or already by the other person: either way it leaves the list.
    const current = answer.ok ? answer.value.blocker : answer.kind === 'conflict' ? answer.current : null;
    if (current) {
      setBlockers((list) =>
        current.resolved
          ? list.filter((x) => keyOf(x) !== keyOf(b))
          : list.map((x) => (keyOf(x) === keyOf(b) ? current : x)),
      );
      return;
    }
    if (!answer.ok) setError(describeFailure(answer).message);
  };

  return (
    <section className={styles.root} aria-labelledby={headingId}>
      <h2 id={headingId} className={styles.heading}>
        {heading}
      </h2>
      <ul className={styles.list}>
        {blockers.map((b) => (
          <li key={keyOf(b)} className={styles.item}>
            <Text className={styles.text}>{b.text}</Text>
            <Caption1 className={styles.meta}>
              {`Named ${formatDay(b.namedAt, locale)} · ${b.ageDays === 1 ? '1 day' : `${b.ageDays} days`} open`}
              {b.overdue ? ' · overdue' : ''}
            </Caption1>
            <Button
              size="small"
              disabled={busy === keyOf(b)}
              onClick={() => void resolve(b)}
              aria-label={`Mark resolved: ${b.text}`}
            >
              Mark resolved
            </Button>
          </li>
        ))}
      </ul>
      {error && (
        <Caption1 role="alert" className={styles.error}>
          {error}
        </Caption1>
      )}
    </section>
  );
}
