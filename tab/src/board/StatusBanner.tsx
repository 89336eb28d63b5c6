import type { BoardView } from '@candor/contract';
import { Caption1, makeStyles, tokens } from '@fluentui/react-components';
import { Suspense, lazy, useState } from 'react';
import type { Session } from '../host/session';
import { ReadLink } from './ReadLink';

// The dialog that shows the update (and its Dialog, motion and portal code) loads after the board's first paint.
const StatusReader = lazy(() => import('./StatusReader'));

const useStyles = makeStyles({
  banner: {
    display: 'flex',
    alignItems: 'baseline',
    gap: tokens.spacingHorizontalXS,
    color: tokens.colorNeutralForeground2,
    borderLeft: `${tokens.strokeWidthThick} solid ${tokens.colorNeutralStroke1}`,
    paddingLeft: tokens.spacingHorizontalS,
  },
});

/**
 * One quiet line at the top of the side panel: whether the report sent a status update, with a link to read it.
 * The update stays out of the agenda on purpose: the live time is for the three prompts.
 */
export function StatusBanner({ session, board }: { session: Session; board: BoardView }) {
  const styles = useStyles();
  const summary = board.statusUpdate;
  if (!summary) return null;
  if (summary.state === 'none') {
    // The service's clock decides, the same one that closes the status form (a device clock may be off).
    const started = summary.started === true;
    const manager = board.viewer.role === 'manager';
    // Once the 1:1 has started nothing more can be sent, so "yet" would promise what cannot happen.
    const words = started
      ? manager
        ? 'No status update for this 1:1'
        : 'You did not send a status update for this 1:1'
      : manager
        ? 'No status update yet'
        : 'No status update sent yet';
    return (
      <div className={styles.banner}>
        <Caption1>{words}</Caption1>
      </div>
    );
  }
  const title =
    board.viewer.role === 'manager' ? `${board.participants.report.displayName}’s status update` : 'Your status update';
  return (
    <div className={styles.banner}>
      <Caption1>Status update received ·</Caption1>
      <LazyReader session={session} board={board} title={title} />
    </div>
  );
}

/** "Read": the same link before and after the dialog's code arrives; a click in between opens it once it has. */
function LazyReader({ session, board, title }: { session: Session; board: BoardView; title: string }) {
  const [clicked, setClicked] = useState(false);
  return (
    <Suspense fallback={<ReadLink title={title} onClick={() => setClicked(true)} />}>
      <StatusReader session={session} board={board} title={title} openAtOnce={clicked} />
    </Suspense>
  );
}
