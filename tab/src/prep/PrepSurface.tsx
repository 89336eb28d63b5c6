import type { BoardView } from '@candor/contract';
import { Body1, makeStyles, tokens } from '@fluentui/react-components';
import { Suspense, type ReactNode } from 'react';
import type { BoardLoad } from '../api/boardLoad';
import type { Session } from '../host/session';
import { StatusUpdatePanel } from './StatusUpdatePanel';

const useStyles = makeStyles({
  intro: { color: tokens.colorNeutralForeground2, maxWidth: '60ch' },
  // Status update on the left, the board on the right; one column when the tab is narrow.
  columns: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'flex-start',
    gap: tokens.spacingHorizontalXL,
    padding: tokens.spacingHorizontalL,
  },
  status: { flex: '1 1 280px', maxWidth: '480px', minWidth: 0 },
  board: { flex: '2 1 420px', minWidth: 0 },
});

/**
 * The meeting-details tab: the same board with room to prepare before (or after) the 1:1. `board` draws the side panel's
 * own board screen (the shell hands it in); this tab gives it the words that go above the prompts.
 */
export default function PrepSurface({
  session,
  firstBoard,
  board: boardScreen,
}: {
  session: Session;
  firstBoard: Promise<BoardLoad>;
  board: (intro: (board: BoardView) => ReactNode) => ReactNode;
}) {
  const styles = useStyles();
  return (
    <div className={styles.columns}>
      <aside className={styles.status} aria-label="Status update">
        <Suspense fallback={null}>
          <StatusUpdatePanel session={session} firstBoard={firstBoard} />
        </Suspense>
      </aside>
      <div className={styles.board}>
        {boardScreen((board) => {
          const isReport = board.viewer.role === 'report';
          const other = isReport ? board.participants.manager.displayName : board.participants.report.displayName;
          return (
            <Body1 as="p" className={styles.intro}>
              {isReport
                ? `Jot down a few honest words before you meet. ${other} sees your answers on this board and can add a shared note under each.`
                : `Read what ${other} shared before you meet, and add a shared note under each prompt. ${other} sees your notes.`}
            </Body1>
          );
        })}
      </div>
    </div>
  );
}
