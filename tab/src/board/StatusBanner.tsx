import type { BoardView } from '@candor/contract';
import {
  Button,
  Caption1,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  DialogTrigger,
  Link,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import type { Session } from '../boot';
import { StatusUpdateView } from '../prep/StatusUpdateView';

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
    return (
      <div className={styles.banner}>
        <Caption1>{board.viewer.role === 'manager' ? 'No status update yet' : 'No status update sent yet'}</Caption1>
      </div>
    );
  }
  const title = board.viewer.role === 'manager' ? `${board.participants.report.displayName}’s status update` : 'Your status update';
  return (
    <div className={styles.banner}>
      <Caption1>Status update received ·</Caption1>
      <Dialog>
        <DialogTrigger disableButtonEnhancement>
          <Link as="button" aria-label={`Read ${title}`}>
            Read
          </Link>
        </DialogTrigger>
        <DialogSurface>
          <DialogBody>
            <DialogTitle>{title}</DialogTitle>
            <DialogContent>
              <StatusUpdateView session={session} board={board} />
            </DialogContent>
            <DialogActions>
              <DialogTrigger disableButtonEnhancement>
                <Button appearance="secondary">Close</Button>
              </DialogTrigger>
            </DialogActions>
          </DialogBody>
        </DialogSurface>
      </Dialog>
    </div>
  );
}
