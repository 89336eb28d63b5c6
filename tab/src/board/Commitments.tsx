import type { BoardView, Commitment, CommitmentStatus } from '@candor/contract';
import { Button, Caption1, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import { useBoardTools } from './boardContext';
import { formatDay, formatDueDate } from '../ui/formatDate';

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
    gap: tokens.spacingVerticalXXS,
    paddingInlineStart: tokens.spacingHorizontalS,
    borderLeft: `${tokens.strokeWidthThick} solid ${tokens.colorNeutralStroke1}`,
  },
  text: { overflowWrap: 'anywhere' },
  closed: { textDecorationLine: 'line-through', color: tokens.colorNeutralForeground3 },
  meta: { color: tokens.colorNeutralForeground3 },
  actions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalXS },
  error: { color: tokens.colorStatusWarningForeground1 },
});

const STATUS_WORDS: Record<CommitmentStatus, string> = { open: 'Open', done: 'Done', dropped: 'Dropped' };

/**
 * The manager's commitments on this board: open ones carried from earlier 1:1s first, then those made today.
 * The manager marks them done or drops them; the report sees where each one is.
 */
export function Commitments({ board, locale }: { board: BoardView; locale: string }) {
  const styles = useStyles();
  if (board.commitments.length === 0) return null;
  const manager = board.participants.manager.displayName;
  return (
    <section className={styles.root} aria-labelledby="commitments-heading">
      <h2 id="commitments-heading" className={styles.heading}>
        {board.viewer.role === 'manager' ? 'Your commitments' : `${manager}’s commitments`}
      </h2>
      <ul className={styles.list}>
        {board.commitments.map((c) => (
          <CommitmentItem key={c.id} commitment={c} board={board} locale={locale} />
        ))}
      </ul>
    </section>
  );
}

function CommitmentItem({
  commitment: c,
  board,
  locale,
}: {
  commitment: Commitment;
  board: BoardView;
  locale: string;
}) {
  const styles = useStyles();
  const { actions } = useBoardTools();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const carried = c.createdIn < board.ref.occurrenceId;
  const canChange = board.viewer.role === 'manager' && board.recap === null;
  const meta = [
    STATUS_WORDS[c.status],
    c.dueDate ? `due ${formatDueDate(c.dueDate, locale)}` : null,
    carried ? `from ${formatDay(c.createdAt, locale)}` : 'made today',
  ]
    .filter(Boolean)
    .join(' · ');

  const set = async (status: CommitmentStatus) => {
    setBusy(true);
    setError(null);
    const result = await actions.setCommitmentStatus(c, status);
    setBusy(false);
    if (!result.ok) setError(result.message);
  };

  return (
    <li className={styles.item}>
      <Text className={c.status === 'open' ? styles.text : `${styles.text} ${styles.closed}`}>{c.text}</Text>
      <Caption1 className={styles.meta}>{meta}</Caption1>
      {canChange && (
        <div className={styles.actions}>
          {c.status === 'open' ? (
            <>
              <Button size="small" disabled={busy} onClick={() => void set('done')} aria-label={`Mark done: ${c.text}`}>
                Done
              </Button>
              <Button
                size="small"
                appearance="subtle"
                disabled={busy}
                onClick={() => void set('dropped')}
                aria-label={`Drop: ${c.text}`}
              >
                Drop
              </Button>
            </>
          ) : (
            <Button
              size="small"
              appearance="subtle"
              disabled={busy}
              onClick={() => void set('open')}
              aria-label={`Reopen: ${c.text}`}
            >
              Reopen
            </Button>
          )}
        </div>
      )}
      {error && (
        <Caption1 role="alert" className={styles.error}>
          {error}
        </Caption1>
      )}
    </li>
  );
}
