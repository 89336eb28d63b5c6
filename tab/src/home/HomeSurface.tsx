import type { BoardRef, HomeOneOnOne, HomeView } from '@candor/contract';
import { Body1, Button, Link, Skeleton, SkeletonItem, Text } from '@fluentui/react-components';
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import type { Session } from '../host/session';
import { notifySuccess } from '../host/teamsHost';
import { browserTimeZone } from '../ui/formatDate';
import { Notice } from '../ui/Notice';
import { RetryNotice } from '../ui/RetryNotice';
import { useSettled } from '../ui/useSettled';
import { FirstRunCard } from './FirstRunCard';
import { HomeSection } from './HomeList';
import { homeSections, oneOnOneText } from './homeText';
import { surfaceHref } from './homeLinks';
import { loadHome } from './homeLoad';
import { useHomeStyles } from './styles';

/**
 * Home, the first personal tab (Teams, Outlook, Microsoft 365): the caller's coming 1:1s with their state in words,
 * each board opened here full width before, during or after the meeting. `board` draws the board screen for a ref
 * (the shell hands it in, so Home never imports the board surface).
 */
export default function HomeSurface({ session, board }: { session: Session; board: (ref: BoardRef) => ReactNode }) {
  const [load, setLoad] = useState(() => loadHome(session));
  const result = useSettled(load);
  const [opened, setOpened] = useState<HomeOneOnOne | null>(null);
  const retry = useCallback(() => setLoad(loadHome(session)), [session]);
  useEffect(() => {
    if (result) notifySuccess();
  }, [result]);

  if (!result) return <HomeSkeleton />;
  if (result.kind === 'error') return <RetryNotice failure={result} onRetry={retry} />;
  if (opened)
    return (
      <OpenedBoard
        item={opened}
        locale={session.host.locale}
        board={board}
        back={() => {
          setOpened(null);
          // Back to a list that says what changed on the board (a recap written, a commitment added).
          retry();
        }}
      />
    );
  return <HomeList home={result.home} locale={session.host.locale} open={setOpened} />;
}

function HomeList({ home, locale, open }: { home: HomeView; locale: string; open: (item: HomeOneOnOne) => void }) {
  const styles = useHomeStyles();
  const heading = useRef<HTMLHeadingElement>(null);
  // Coming back from a board, a screen reader starts again at the top of Home.
  useEffect(() => heading.current?.focus(), []);
  const reader = { locale, timeZone: browserTimeZone() };
  const { recap, coming } = homeSections(home);
  return (
    <main className={styles.page}>
      <header className={styles.header}>
        <Text as="h1" size={600} weight="semibold" className={styles.heading} ref={heading} tabIndex={-1}>
          Your 1:1s
        </Text>
        <Link href={surfaceHref('trends')}>See your trends</Link>
      </header>
      <FirstRunCard home={home} />
      {recap.length > 0 ? (
        <HomeSection title="Waiting for a recap" items={recap} reader={reader} open={open} recap />
      ) : null}
      {coming.length > 0 ? (
        <HomeSection title="Coming up" items={coming} reader={reader} open={open} />
      ) : recap.length === 0 ? (
        <Notice title="No 1:1s with your manager or reports in the next 30 days">
          Candor finds 1:1s on your calendar: a meeting with just you and your manager, or you and someone who reports
          to you. When one is planned, it shows up here.
        </Notice>
      ) : null}
    </main>
  );
}

/** One 1:1's board, full width, outside its meeting; "Back to Home" first, so it is the first stop for keyboards. */
function OpenedBoard({
  item,
  locale,
  board,
  back,
}: {
  item: HomeOneOnOne;
  locale: string;
  board: (ref: BoardRef) => ReactNode;
  back: () => void;
}) {
  const styles = useHomeStyles();
  const text = oneOnOneText(item, { locale, timeZone: browserTimeZone() });
  return (
    <div>
      <nav className={styles.boardBar} aria-label="Home">
        <Button appearance="subtle" onClick={back}>
          Back to Home
        </Button>
        <Body1 className={styles.muted}>
          1:1 with {text.title} · {text.when}
        </Body1>
      </nav>
      {board(item.ref)}
    </div>
  );
}

function HomeSkeleton() {
  const styles = useHomeStyles();
  return (
    <div className={styles.page}>
      <Skeleton aria-label="Loading your 1:1s" className={styles.skeleton}>
        <SkeletonItem size={28} style={{ width: '30%' }} />
        <SkeletonItem className={styles.skeletonRow} />
        <SkeletonItem className={styles.skeletonRow} />
        <SkeletonItem className={styles.skeletonRow} />
      </Skeleton>
    </div>
  );
}
