import {
  Button,
  Caption1,
  MessageBar,
  MessageBarBody,
  Skeleton,
  SkeletonItem,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { Suspense, lazy, use, useCallback, useEffect, useState, type KeyboardEvent } from 'react';
import type { Session } from '../host/session';
import { Notice } from '../ui/Notice';
import { RetryNotice } from '../ui/RetryNotice';
import { hostProfile, type HostProfile } from '../host/hostKind';
import { notifySuccess } from '../host/teamsHost';
import { DetailView } from './DetailView';
import { MyTrends } from './MyTrends';
import { TeamView } from './TeamView';
import type { TrendsLoad } from './trendLoad';
import { DEFAULT_WINDOW, type WindowMonths } from './trendFormat';
import { useTrendsLoad } from './useTrends';
import { useTrendStyles } from './styles';

// Export and deletion of one's own data: rarely used, so its Dialog loads only when the trend tab is shown.
const YourDataCard = lazy(() => import('./YourDataCard'));

/** What is open: a list ("Your team" / "Your 1:1s") or one pair's detail view, maybe scrolled to one 1:1. */
type View =
  { kind: 'team' } | { kind: 'me' } | { kind: 'detail'; reportId: string; target: string | null; from: 'team' | 'me' };

/** `?report=<id>` opens that report's detail view (a link from the monthly digest, or a reload of one). */
function reportFromUrl(): string | null {
  return new URLSearchParams(location.search).get('report');
}

/** Keeps the address in step with the view, so a reload (or a shared link) opens the same one. */
function writeUrl(reportId: string | null, target: string | null): void {
  const params = new URLSearchParams(location.search);
  if (reportId) params.set('report', reportId);
  else params.delete('report');
  history.replaceState(null, '', `${location.pathname}?${params.toString()}${target ? `#meeting-${target}` : ''}`);
}

export function TrendsSkeleton() {
  const styles = useTrendStyles();
  return (
    <div className={styles.page}>
      <Skeleton aria-label="Loading your trends" className={styles.skeleton}>
        <SkeletonItem size={28} style={{ width: '30%' }} />
        <SkeletonItem size={16} style={{ width: '60%' }} />
        <SkeletonItem className={styles.skeletonCard} />
        <SkeletonItem className={styles.skeletonCard} />
        <SkeletonItem className={styles.skeletonCard} />
      </Skeleton>
    </div>
  );
}

/** The personal Trends tab (Teams, Outlook and Microsoft 365): the manager's team, the report's own view, or both. */
export default function TrendsSurface({ session }: { session: Session }) {
  const { load, retry, refreshQuietly } = useTrendsLoad(session);
  return (
    <Suspense fallback={<TrendsSkeleton />}>
      <TrendsLoaded session={session} load={load} retry={retry} refresh={refreshQuietly} />
    </Suspense>
  );
}

function TrendsLoaded({
  session,
  load,
  retry,
  refresh,
}: {
  session: Session;
  load: Promise<TrendsLoad>;
  retry: () => void;
  refresh: () => void;
}) {
  const result = use(load);
  useEffect(() => notifySuccess(), []);
  switch (result.kind) {
    case 'error':
      return <RetryNotice failure={result} onRetry={retry} />;
    case 'none':
      return (
        <Notice title="No 1:1s to show yet">
          Trends follow the 1:1s between you and your manager, or you and the people who report to you. Your
          organization’s directory doesn’t list either for you yet.
        </Notice>
      );
    case 'ready':
      return <TrendsHome session={session} load={result} refresh={refresh} />;
  }
}

function TrendsHome({
  session,
  load,
  refresh,
}: {
  session: Session;
  load: Extract<TrendsLoad, { kind: 'ready' }>;
  refresh: () => void;
}) {
  const styles = useTrendStyles();
  const { team, me, warning } = load;
  const [windowMonths, setWindow] = useState<WindowMonths>(DEFAULT_WINDOW);
  const [view, setView] = useState<View>(() => {
    const requested = reportFromUrl();
    const target = location.hash.startsWith('#meeting-') ? location.hash.slice('#meeting-'.length) : null;
    if (requested && team?.reports.some((r) => r.report.id === requested))
      return { kind: 'detail', reportId: requested, target, from: 'team' };
    if (requested && me && me.trend.report.id === requested)
      return { kind: 'detail', reportId: requested, target, from: 'me' };
    return team ? { kind: 'team' } : { kind: 'me' };
  });

  const open = useCallback((next: View) => {
    setView(next);
    writeUrl(next.kind === 'detail' ? next.reportId : null, next.kind === 'detail' ? next.target : null);
  }, []);
  const hrefFor = (reportId: string, occurrenceId?: string) => {
    const params = new URLSearchParams(location.search);
    params.set('report', reportId);
    return `?${params.toString()}${occurrenceId ? `#meeting-${occurrenceId}` : ''}`;
  };

  const banner = warning ? (
    <MessageBar intent="warning" className={styles.tabs}>
      <MessageBarBody>{warning}</MessageBarBody>
    </MessageBar>
  ) : null;

  if (view.kind === 'detail') {
    const fromTeam = view.from === 'team' ? team?.reports.find((r) => r.report.id === view.reportId) : undefined;
    const trend = fromTeam ?? (me && me.trend.report.id === view.reportId ? me.trend : undefined);
    if (trend) {
      const isOwn = !fromTeam;
      return (
        <main>
          {banner}
          <DetailView
            trend={trend}
            windowMonths={windowMonths}
            title={isOwn ? `You and ${trend.manager.displayName}` : trend.report.displayName}
            intro={
              isOwn
                ? `Your 1:1s with ${trend.manager.displayName} in more detail. Every chart has its numbers in a table below it.`
                : `Your 1:1s with ${trend.report.displayName} in more detail. Every chart has its numbers in a table below it.`
            }
            target={view.target}
            session={session}
            back={{
              label: isOwn ? 'Back to your 1:1s' : 'Back to your team',
              onClick: () => open({ kind: view.from }),
            }}
          />
        </main>
      );
    }
  }

  const list =
    view.kind === 'me' && me ? (
      <MyTrends
        session={session}
        me={me}
        windowMonths={windowMonths}
        setWindow={setWindow}
        openDetail={(target) =>
          open({ kind: 'detail', reportId: me.trend.report.id, target: target ?? null, from: 'me' })
        }
        detailHref={(target) => hrefFor(me.trend.report.id, target)}
        refresh={refresh}
      />
    ) : team ? (
      <TeamView
        team={team}
        windowMonths={windowMonths}
        setWindow={setWindow}
        openDetail={(reportId, target) => open({ kind: 'detail', reportId, target: target ?? null, from: 'team' })}
        detailHref={hrefFor}
      />
    ) : null;

  return (
    <main>
      {banner}
      {team && me ? (
        // Someone who is both a manager and a report (a manager's manager has them as a report) gets both views.
        <ViewTabs
          selected={view.kind === 'me' ? 'me' : 'team'}
          onSelect={(value) => open(value === 'me' ? { kind: 'me' } : { kind: 'team' })}
          className={styles.tabs}
        />
      ) : null}
      {list}
      {list ? (
        <div className={styles.yourData}>
          <Suspense fallback={null}>
            <YourDataCard session={session} role={view.kind === 'me' && me ? 'report' : 'manager'} />
          </Suspense>
        </div>
      ) : null}
      <WhereTheBoardIs host={hostProfile(session.host.hostName, session.host.clientType)} />
    </main>
  );
}

/**
 * Every link in this tab opens its own detail view, in any host. The live board exists only in a Teams meeting, so
 * the tab names where to find it, in the words of the host it runs in, and offers no Teams-only jump elsewhere.
 */
function WhereTheBoardIs({ host }: { host: HostProfile }) {
  const styles = useTrendStyles();
  return (
    <Caption1 as="p" className={styles.page} data-host={host.kind}>
      {host.hostsMeetings
        ? 'During a 1:1, Candor’s board is in the meeting’s side panel.'
        : `This is Candor in ${host.label}: your monthly view. During a 1:1, Candor’s board is in the Teams meeting’s side panel.`}
    </Caption1>
  );
}

const useTabStyles = makeStyles({
  list: { display: 'flex', gap: tokens.spacingHorizontalS },
  tab: {
    fontWeight: tokens.fontWeightRegular,
    // Visible only in high contrast (the token is transparent elsewhere): a control is findable without colour.
    border: `${tokens.strokeWidthThin} solid ${tokens.colorTransparentStroke}`,
    borderBottom: `${tokens.strokeWidthThicker} solid transparent`,
    borderRadius: 0,
  },
  selected: { fontWeight: tokens.fontWeightSemibold, borderBottomColor: tokens.colorCompoundBrandStroke },
});

const VIEW_TABS = [
  { value: 'team', label: 'Your team' },
  { value: 'me', label: 'Your 1:1s' },
] as const;

/**
 * The two views as an ARIA tab list with a roving tab stop (arrow keys, Home and End move and select). Plain
 * buttons, not Fluent's TabList: its keyboard layer puts focusable, aria-hidden sentinels around the list and at the
 * page's edges, which a screen reader's virtual cursor can land on and axe reports as aria-hidden-focus.
 */
function ViewTabs({
  selected,
  onSelect,
  className,
}: {
  selected: 'team' | 'me';
  onSelect: (value: 'team' | 'me') => void;
  className: string;
}) {
  const styles = useTabStyles();
  const move = (event: KeyboardEvent<HTMLDivElement>) => {
    const index = VIEW_TABS.findIndex((t) => t.value === selected);
    const next =
      event.key === 'ArrowRight'
        ? (index + 1) % VIEW_TABS.length
        : event.key === 'ArrowLeft'
          ? (index + VIEW_TABS.length - 1) % VIEW_TABS.length
          : event.key === 'Home'
            ? 0
            : event.key === 'End'
              ? VIEW_TABS.length - 1
              : null;
    if (next === null) return;
    event.preventDefault();
    const tab = VIEW_TABS[next]!;
    onSelect(tab.value);
    event.currentTarget.querySelector<HTMLButtonElement>(`[data-tab="${tab.value}"]`)?.focus();
  };
  return (
    <div role="tablist" aria-label="Trends" className={`${className} ${styles.list}`} onKeyDown={move}>
      {VIEW_TABS.map((tab) => (
        <Button
          key={tab.value}
          role="tab"
          data-tab={tab.value}
          appearance="subtle"
          aria-selected={tab.value === selected}
          tabIndex={tab.value === selected ? 0 : -1}
          className={tab.value === selected ? `${styles.tab} ${styles.selected}` : styles.tab}
          onClick={() => onSelect(tab.value)}
        >
          {tab.label}
        </Button>
      ))}
    </div>
  );
}
