import { Card, Text, makeStyles, tokens } from '@fluentui/react-components';
import { use } from 'react';
import type { BoardLoad } from '../api/boardLoad';
import type { Session } from '../host/session';
import { StatusUpdateView } from '../ui/StatusUpdateView';

const useStyles = makeStyles({
  card: { gap: tokens.spacingVerticalM, padding: tokens.spacingHorizontalL },
});

/** Prep view, left column: the report's status update, read before the 1:1 (status stays out of the meeting). */
export function StatusUpdatePanel({ session, firstBoard }: { session: Session; firstBoard: Promise<BoardLoad> }) {
  const styles = useStyles();
  const load = use(firstBoard);
  if (load.kind !== 'ready') return null;
  const { board } = load;
  const title =
    board.viewer.role === 'manager' ? `${board.participants.report.displayName}’s status update` : 'Your status update';
  return (
    <Card className={styles.card} aria-labelledby="status-update-title">
      <Text as="h2" id="status-update-title" size={400} weight="semibold">
        {title}
      </Text>
      <StatusUpdateView session={session} board={board} />
    </Card>
  );
}
