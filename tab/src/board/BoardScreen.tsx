import { Button, makeStyles, tokens } from '@fluentui/react-components';
import { Suspense, useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import type { BoardRef, BoardView } from '@candor/contract';
import { UNREACHABLE, loadBoard, type BoardLoad } from '../api/boardLoad';
import type { HostContext } from '../host/context';
import type { Session } from '../host/session';
import { notifySuccess } from '../host/teamsHost';
import { BoardSkeleton, type BoardLayout } from '../ui/BoardSkeleton';
import { Notice } from '../ui/Notice';
import { useSettled } from '../ui/useSettled';
import { loadBoardUi, type BoardUi } from './boardUi';
import { OpenEarlierBoard } from './earlierBoard';

/** A board load with, when it is ready, the code that shows it. */
type Shown =
  | Exclude<BoardLoad, { kind: 'ready' }>
  /** `updating`: this device's copy of the last answer, shown until the API's answer replaces it. */
  | { kind: 'ready'; board: BoardView; ui: BoardUi; updating?: boolean };

async function withUi(load: Promise<BoardLoad>): Promise<Shown> {
  const result = await load;
  if (result.kind !== 'ready') return result;
  try {
    return { ...result, ui: await loadBoardUi() };
  } catch {
    return UNREACHABLE;
  }
}

const AUTO_RETRY_MS = 5000;

const useStyles = makeStyles({
  backBar: { padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM} 0` },
});

/**
 * Loads the meeting's board and shows it, or the loading, empty or error state. `consent` draws the consent prompt
 * (tab/src/consent) when the API asks for it; the shell hands it in, so the board never imports another surface.
 * `boardRef`: the occurrence opened outside its meeting (Home); without it, the meeting chat's board.
 */
export function BoardScreen(props: {
  session: Session;
  /** The load boot.ts started; without one (a board opened from Home) the screen starts it. */
  firstBoard?: Promise<BoardLoad>;
  layout: BoardLayout;
  intro?: (board: BoardView) => ReactNode;
  consent: (onConsented: () => void) => ReactNode;
  boardRef?: BoardRef;
}) {
  const { session } = props;
  const ref = props.boardRef ?? null;
  const [load, setLoad] = useState<{ shown: Promise<Shown>; quiet: boolean; first?: boolean }>(() => ({
    shown: withUi(props.firstBoard ?? loadBoard(session, ref)),
    quiet: false,
    first: true,
  }));
  const retry = useCallback(() => setLoad({ shown: withUi(loadBoard(session, ref)), quiet: false }), [session, ref]);
  // Quietly: the current message stays up while the retry runs (no skeleton flicker).
  const retryQuietly = useCallback(
    () => setLoad({ shown: withUi(loadBoard(session, ref)), quiet: true }),
    [session, ref],
  );
  const shown = useSettled(load.shown, load.quiet);
  const owner = props.firstBoard && !ref ? session.host : null;
  const [copy] = useState(() => deviceCopy(owner));
  const device = useSettled(copy);
  // An earlier 1:1 whose recap Last time offered to write, shown in this one's place until "Back to this 1:1".
  const [earlier, setEarlier] = useState<BoardRef | null>(null);
  const skeleton = <BoardSkeleton layout={props.layout} />;
  if (earlier) {
    const back = () => {
      setEarlier(null);
      // Read again: the note goes once that recap is saved; what was typed here comes back from the device's drafts.
      retry();
    };
    return (
      <EarlierBoard back={back}>
        <BoardScreen session={session} layout={props.layout} consent={props.consent} boardRef={earlier} />
      </EarlierBoard>
    );
  }
  const result = shown ?? (load.first ? device : null);
  if (!result) return skeleton;
  return (
    <Suspense fallback={skeleton}>
      <OpenEarlierBoard.Provider value={setEarlier}>
        <BoardLoadView
          {...props}
          result={result}
          retry={retry}
          retryQuietly={retryQuietly}
          keptFor={owner ?? undefined}
        />
      </OpenEarlierBoard.Provider>
    </Suspense>
  );
}

/**
 * The meeting's last board kept on this device for the person signed in (host/deviceBoard.ts), painted until the
 * first answer of the API settles (the Board keeps what the server confirms for the next open). Read from the
 * board's chunk, which the copy needs anyway: none of it is in the first download.
 */
function deviceCopy(owner: HostContext | null): Promise<Shown | null> {
  if (!owner) return Promise.resolve(null);
  return loadBoardUi()
    .then((ui): Shown | null => {
      const board = ui.readKeptBoard(owner);
      return board && { kind: 'ready', board, ui, updating: true };
    })
    .catch(() => null);
}

/** The earlier board with the way back first, where the keyboard lands (focus would otherwise drop to the page). */
function EarlierBoard({ back, children }: { back: () => void; children: ReactNode }) {
  const styles = useStyles();
  const backButton = useRef<HTMLButtonElement>(null);
  useEffect(() => backButton.current?.focus(), []);
  return (
    <>
      <nav className={styles.backBar} aria-label="Earlier 1:1">
        <Button ref={backButton} appearance="subtle" onClick={back}>
          Back to this 1:1
        </Button>
      </nav>
      {children}
    </>
  );
}

function BoardLoadView({
  session,
  result,
  retry,
  retryQuietly,
  layout,
  intro,
  consent,
  keptFor,
}: {
  session: Session;
  result: Shown;
  keptFor?: HostContext;
  retry: () => void;
  retryQuietly: () => void;
  layout: BoardLayout;
  intro?: (board: BoardView) => ReactNode;
  consent: (onConsented: () => void) => ReactNode;
}) {
  useEffect(() => {
    if (result.kind !== 'ready') notifySuccess(); // the board notifies once it has rendered
  }, [result.kind]);
  const autoRetry = result.kind === 'error' && result.retryable;
  useEffect(() => {
    if (!autoRetry) return;
    // Temporary failures (offline, 5xx) retry by themselves: soon, and at once when the browser is back online.
    const timer = setTimeout(retryQuietly, AUTO_RETRY_MS);
    window.addEventListener('online', retryQuietly);
    return () => {
      clearTimeout(timer);
      window.removeEventListener('online', retryQuietly);
    };
  }, [autoRetry, result, retryQuietly]);
  switch (result.kind) {
    case 'ready':
      return (
        // Keyed by occurrence: the API's answer for the same 1:1 replaces the device's copy in place (typing kept);
        // an answer naming another occurrence is another board.
        <result.ui.Board
          key={result.board.ref.occurrenceId}
          session={session}
          board={result.board}
          layout={layout}
          intro={intro?.(result.board)}
          updating={result.updating ?? false}
          keptFor={keptFor}
        />
      );
    case 'no-meeting':
      return (
        <Notice title="No 1:1 found for this meeting">
          Candor works in 1:1 meetings between you and your manager, or you and someone who reports to you. It finds
          this meeting on your calendar, so it needs a meeting with just the two of you in it, and your reporting line
          set in your organization’s directory.
        </Notice>
      );
    case 'consent':
      return <Suspense fallback={null}>{consent(retry)}</Suspense>;
    case 'error':
      return (
        <Notice
          title={result.title}
          action={
            <Button appearance="primary" onClick={retry}>
              Try again
            </Button>
          }
        >
          {result.message}
        </Notice>
      );
  }
}
