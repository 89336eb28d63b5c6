import { Body1, Button, Skeleton, SkeletonItem, Text, makeStyles, tokens } from '@fluentui/react-components';
import { Suspense, lazy, useCallback, useEffect, useState, type ReactNode } from 'react';
import type { BoardView } from '@candor/contract';
import { UNREACHABLE, loadBoard, type BoardLoad, type Session } from '../boot';
import { notifySuccess } from '../host/teamsHost';
import { useSettled } from '../useSettled';
import type { BoardLayout } from './Board';
import { loadBoardUi, type BoardUi } from './boardUi';

/** A board load with, when it is ready, the code that shows it. */
type Shown = Exclude<BoardLoad, { kind: 'ready' }> | { kind: 'ready'; board: BoardView; ui: BoardUi };

async function withUi(load: Promise<BoardLoad>): Promise<Shown> {
  const result = await load;
  if (result.kind !== 'ready') return result;
  try {
    return { ...result, ui: await loadBoardUi() };
  } catch {
    return UNREACHABLE;
  }
}

const useStyles = makeStyles({
  skeleton: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalM}`,
    boxSizing: 'border-box',
  },
  wide: { maxWidth: '760px', marginInline: 'auto', padding: `${tokens.spacingVerticalXL} ${tokens.spacingHorizontalXL}` },
  card: { height: '112px', borderRadius: tokens.borderRadiusMedium },
  message: {
    display: 'flex',
    flexDirection: 'column',
    alignItems: 'flex-start',
    gap: tokens.spacingVerticalS,
    padding: `${tokens.spacingVerticalL} ${tokens.spacingHorizontalM}`,
  },
  heading: { margin: 0 },
});

const AUTO_RETRY_MS = 5000;

// Shown only while consent is missing: its own chunk, out of the side panel's first download.
const ConsentPrompt = lazy(() => import('../consent/ConsentPrompt'));

export function BoardSkeleton({ layout = 'panel' }: { layout?: BoardLayout }) {
  const styles = useStyles();
  return (
    <Skeleton
      className={layout === 'wide' ? `${styles.skeleton} ${styles.wide}` : styles.skeleton}
      aria-label="Loading your 1:1 board"
    >
      <SkeletonItem size={20} style={{ width: '60%' }} />
      <SkeletonItem size={12} style={{ width: '40%' }} />
      <SkeletonItem className={styles.card} />
      <SkeletonItem className={styles.card} />
      <SkeletonItem className={styles.card} />
    </Skeleton>
  );
}

/** A short, calm full-surface message: a heading, an explanation, optionally one action. */
export function Notice({ title, children, action }: { title: string; children: ReactNode; action?: ReactNode }) {
  const styles = useStyles();
  return (
    <section className={styles.message} role="region" aria-label={title}>
      <Text as="h1" size={400} weight="semibold" className={styles.heading}>
        {title}
      </Text>
      <Body1>{children}</Body1>
      {action}
    </section>
  );
}

/** Loads the meeting's board and shows it, or the loading, empty or error state. */
export function BoardScreen(props: {
  session: Session;
  firstBoard: Promise<BoardLoad>;
  layout: BoardLayout;
  intro?: (board: BoardView) => ReactNode;
}) {
  const { session } = props;
  const [load, setLoad] = useState(() => ({ shown: withUi(props.firstBoard), quiet: false }));
  const retry = useCallback(() => setLoad({ shown: withUi(loadBoard(session)), quiet: false }), [session]);
  // Quietly: the current message stays up while the retry runs (no skeleton flicker).
  const retryQuietly = useCallback(() => setLoad({ shown: withUi(loadBoard(session)), quiet: true }), [session]);
  const shown = useSettled(load.shown, load.quiet);
  const skeleton = <BoardSkeleton layout={props.layout} />;
  if (!shown) return skeleton;
  return (
    <Suspense fallback={skeleton}>
      <BoardLoadView {...props} result={shown} retry={retry} retryQuietly={retryQuietly} />
    </Suspense>
  );
}

function BoardLoadView({
  session,
  result,
  retry,
  retryQuietly,
  layout,
  intro,
}: {
  session: Session;
  result: Shown;
  retry: () => void;
  retryQuietly: () => void;
  layout: BoardLayout;
  intro?: (board: BoardView) => ReactNode;
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
      return <result.ui.Board session={session} board={result.board} layout={layout} intro={intro?.(result.board)} />;
    case 'no-meeting':
      return (
        <Notice title="No 1:1 found for this meeting">
          Candor works in 1:1 meetings between you and your manager, or you and someone who reports to you. It finds
          this meeting on your calendar, so it needs a meeting with just the two of you in it, and your reporting line
          set in your organization’s directory.
        </Notice>
      );
    case 'consent':
      return (
        <Suspense fallback={null}>
          <ConsentPrompt host={session.host} onConsented={retry} />
        </Suspense>
      );
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
