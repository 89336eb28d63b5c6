import { PROMPT_IDS, type BoardView } from '@candor/contract';
import { Button, Caption1, Text, makeStyles, tokens } from '@fluentui/react-components';
import { Suspense, lazy, useEffect, useRef, useState, useSyncExternalStore, type ReactNode } from 'react';
import type { Session } from '../host/session';
import { notifySuccess } from '../host/teamsHost';
import type { BoardLayout } from '../ui/BoardSkeleton';
import { BoardActions } from './boardActions';
import { BoardToolsContext, type BoardTools } from './boardContext';
import { BoardSync } from './boardSync';
import { Commitments } from './Commitments';
import { browserStorage } from '../host/browserStorage';
import { keepDeviceBoard, readDeviceBoard, type DeviceBoardOwner } from '../host/deviceBoard';
import { createDraftStore } from './drafts';
import { formatMeetingDate } from '../ui/formatDate';
import { LastTime } from './LastTime';
import { PrivateNotes } from './PrivateNotes';
import { PromptCard } from './PromptCard';
import { ClosedNotice, RecapSection } from './RecapSection';
import { useRecapFirst } from './recapFirst';
import { StatusBanner } from './StatusBanner';

export { PROMPT_TEXT } from './labels';

/** This person's kept copy of the meeting's last board, read from the board's chunk (BoardScreen paints it). */
export const readKeptBoard = (owner: DeviceBoardOwner): BoardView | null => readDeviceBoard(browserStorage(), owner);

// Below the prompts and folded by default: the four sections (and their Accordion) load after the first paint.
const MoreSections = lazy(() => import('./MoreSections'));
// Earlier recaps' blockers nobody resolved: read after the first paint, and absent from its download.
const OpenBlockers = lazy(() => import('./OpenBlockers'));

const useStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalM}`,
    boxSizing: 'border-box',
    width: '100%',
    minWidth: 0,
  },
  wide: {
    maxWidth: '760px',
    marginInline: 'auto',
    padding: `${tokens.spacingVerticalXL} ${tokens.spacingHorizontalXL}`,
  },
  header: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS, minWidth: 0 },
  name: { overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' },
  meta: {
    display: 'flex',
    flexWrap: 'wrap',
    justifyContent: 'space-between',
    columnGap: tokens.spacingHorizontalS,
    color: tokens.colorNeutralForeground3,
  },
  when: { whiteSpace: 'nowrap' },
  // Wraps under the date when long ("Offline — kept on this device") instead of squeezing it.
  saveState: { marginLeft: 'auto', textAlign: 'end' },
  privacy: { color: tokens.colorNeutralForeground3 },
  notice: {
    display: 'flex',
    flexDirection: 'column',
    alignItems: 'flex-start',
    gap: tokens.spacingVerticalXS,
    padding: tokens.spacingHorizontalS,
    borderLeft: `${tokens.strokeWidthThicker} solid ${tokens.colorStatusWarningBorderActive}`,
    backgroundColor: tokens.colorNeutralBackground3,
  },
});

let boardReadyMarked = false;

/**
 * The side panel, top to bottom in one column: who and when (with the save state), "Last time", the status banner,
 * the commitments, the three prompts, the folded sections, private notes, and the close.
 */
export function Board({
  session,
  board,
  layout,
  intro,
  updating = false,
  keptFor,
}: {
  session: Session;
  board: BoardView;
  layout: BoardLayout;
  intro?: ReactNode;
  /**
   * `board` is this device's copy of the last answer, painted before the API answered: nothing is sent yet (typing
   * is kept as drafts) until the same Board gets the API's answer with `updating` false.
   */
  updating?: boolean;
  /** Whose copy to keep on this device for the next open (the meeting chat's board only; host/deviceBoard.ts). */
  keptFor?: DeviceBoardOwner;
}) {
  const styles = useStyles();
  const [tools] = useState<BoardTools>(() => {
    const drafts = createDraftStore(browserStorage(), board.viewer.userId, board.ref);
    const sync = new BoardSync({ board, api: session.api, drafts, isHidden: () => document.hidden });
    return { session, sync, drafts, actions: new BoardActions(session.api, sync) };
  });
  const { sync } = tools;
  const paintedFromDevice = useRef(updating);
  useEffect(() => {
    if (updating) return;
    if (paintedFromDevice.current) {
      paintedFromDevice.current = false;
      sync.adoptAnswer(board);
    }
    sync.start();
    const retry = () => sync.retryNow();
    const onVisible = () => {
      if (!document.hidden) sync.retryNow();
    };
    window.addEventListener('online', retry);
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      window.removeEventListener('online', retry);
      document.removeEventListener('visibilitychange', onVisible);
      sync.stop();
    };
  }, [sync, board, updating]);
  useEffect(() => {
    if (updating || !keptFor) return;
    // Written when what the server confirmed changes (an answer, a save, a poll), not on every keystroke.
    let kept = '';
    const keep = () => {
      const view = sync.confirmedView();
      const seen = JSON.stringify([view.fields, view.careerGoal, view.ratings, view.recap, view.recapDraft]);
      if (seen === kept) return;
      kept = seen;
      keepDeviceBoard(browserStorage(), keptFor, view);
    };
    keep();
    return sync.subscribe(keep);
  }, [sync, updating, keptFor]);
  useEffect(() => () => tools.actions.dispose(), [tools]);
  useEffect(() => {
    if (updating) {
      // The device's copy is on screen (`npm run bench:panel` reads it as a phase; ready waits for the API).
      performance.mark('candor:device-board');
      return;
    }
    if (boardReadyMarked) return;
    boardReadyMarked = true;
    // The side panel's "ready" (`npm run bench:panel`): host initialized and the board shown with its data.
    performance.mark('candor-ready');
    notifySuccess();
  }, [updating]);

  const snap = useSyncExternalStore(sync.subscribe, sync.getSnapshot);
  const { viewer, participants, meeting } = snap.board;
  const other = viewer.role === 'manager' ? participants.report : participants.manager;
  const locale = session.host.locale;
  const when = meeting ? formatMeetingDate(meeting.start, locale) : null;
  const leadWithRecap = useRecapFirst(snap.board);

  return (
    <BoardToolsContext.Provider value={tools}>
      <main className={layout === 'wide' ? `${styles.root} ${styles.wide}` : styles.root} aria-label="1:1 board">
        <header className={styles.header}>
          <Text as="h1" weight="semibold" size={400} className={styles.name} title={other.displayName}>
            {other.displayName}
          </Text>
          <div className={styles.meta}>
            <Caption1 className={styles.when}>{when ? `1:1 · ${when}` : '1:1'}</Caption1>
            <Caption1 role="status" aria-live="polite" className={styles.saveState}>
              {updating ? 'Updating…' : snap.save.label}
            </Caption1>
          </div>
        </header>
        <ClosedNotice snap={snap} />
        {snap.notice && (
          <div role="alert" className={styles.notice}>
            <Text>{snap.notice}</Text>
            <Button size="small" onClick={() => sync.dismissNotice()}>
              OK
            </Button>
          </div>
        )}
        {leadWithRecap ? <RecapSection snap={snap} label="Write the recap" /> : null}
        <LastTime board={snap.board} locale={locale} />
        <Suspense fallback={null}>
          <OpenBlockers api={session.api} board={snap.board} locale={locale} />
        </Suspense>
        <StatusBanner session={session} board={snap.board} />
        {intro}
        <Commitments board={snap.board} locale={locale} />
        {PROMPT_IDS.map((prompt) => (
          <PromptCard key={prompt} prompt={prompt} snap={snap} />
        ))}
        <Suspense fallback={null}>
          <MoreSections snap={snap} locale={locale} />
        </Suspense>
        <PrivateNotes field={snap.fields.privateNote} />
        {leadWithRecap ? null : <RecapSection snap={snap} />}
        <Caption1 className={styles.privacy}>
          Only {participants.manager.displayName} and {participants.report.displayName} can see this board.
        </Caption1>
      </main>
    </BoardToolsContext.Provider>
  );
}
