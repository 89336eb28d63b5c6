import { FluentProvider, makeStyles } from '@fluentui/react-components';
import { Suspense, lazy, useSyncExternalStore, type ReactNode } from 'react';
import type { BootResult } from './boot';
import { BoardScreen } from './board/BoardScreen';
import { fluentTheme } from './host/fluentTheme';
import type { Session } from './host/session';
import type { Surface } from './host/surfaces';
import type { ThemeStore } from './host/themeStore';
import { BoardSkeleton } from './ui/BoardSkeleton';
import { Notice } from './ui/Notice';
import { useSettled } from './ui/useSettled';

const PrepSurface = lazy(() => import('./prep/PrepSurface'));
const StatusSurface = lazy(() => import('./status/StatusSurface'));
// Only Teams' "add a tab" dialog opens it, once per meeting: never in the side panel's initial chunk.
const ConfigSurface = lazy(() => import('./config/ConfigSurface'));
// The personal Trends tab: its own chunk (and its charts a further one), never in the side panel's download.
const TrendsSurface = lazy(() => import('./trends/TrendsSurface'));
// Home, the first personal tab: its own chunk too; the board it opens comes with the board's own chunk.
const HomeSurface = lazy(() => import('./home/HomeSurface'));
// The person's settings (status requests, prep, sharing): its own chunk, opened from Home.
const SettingsSurface = lazy(() => import('./settings/SettingsSurface'));
// Only while consent is missing (tab/src/consent): its own chunk, out of the side panel's first download.
const ConsentPrompt = lazy(() => import('./consent/ConsentPrompt'));

/** The board's consent prompt, wired here so the board and the consent flow stay rooms of their own. */
const consentFor =
  (session: Session) =>
  (onConsented: () => void): ReactNode => <ConsentPrompt host={session.host} onConsented={onConsented} />;

const useStyles = makeStyles({
  // On a wrapper, not on FluentProvider: portals (popovers, tooltips) copy the provider's class names, and a
  // viewport-sized class there turns every portal layer into a page-sized sheet over the tab.
  page: { minHeight: '100vh', width: '100%', overflowX: 'hidden' },
});

/** `named`: the URL's `?surface=`, or null when the frame context will choose (known once the host answers). */
export function App({
  boot,
  named,
  theme,
}: {
  boot: Promise<BootResult> | null;
  named: Surface | null;
  theme: ThemeStore;
}) {
  const styles = useStyles();
  const hostTheme = useSyncExternalStore(theme.subscribe, theme.get);
  const layout = named === 'prep' || named === 'trends' || named === 'home' || named === 'settings' ? 'wide' : 'panel';
  return (
    <FluentProvider theme={fluentTheme(hostTheme)} data-theme={hostTheme}>
      <div className={styles.page}>
        <Suspense fallback={<BoardSkeleton layout={layout} />}>
          {named === 'status' || !boot ? <StatusSurface theme={theme} /> : <SurfaceView boot={boot} layout={layout} />}
        </Suspense>
      </div>
    </FluentProvider>
  );
}

function SurfaceView({ boot, layout }: { boot: Promise<BootResult>; layout: 'wide' | 'panel' }) {
  // Not `use(boot)`: a Suspense reveal would wait out React's fallback throttle (see useSettled).
  const result = useSettled(boot);
  if (!result) return <BoardSkeleton layout={layout} />;
  if (result.kind === 'not-in-host') {
    return (
      <Notice title="Open Candor in Teams or Outlook">
        This page is the Candor app. It runs inside a Microsoft Teams meeting or an Outlook event, where it knows who
        you are and which 1:1 you are in.
      </Notice>
    );
  }
  if (result.kind === 'config') return <ConfigSurface />;
  if (result.kind === 'trends') return <TrendsSurface session={result.session} />;
  if (result.kind === 'settings') return <SettingsSurface session={result.session} />;
  if (result.kind === 'home') {
    const { session } = result;
    return (
      <HomeSurface
        session={session}
        board={(ref) => (
          <BoardScreen
            key={`${ref.managerId}/${ref.reportId}/${ref.occurrenceId}`}
            session={session}
            boardRef={ref}
            layout="wide"
            consent={consentFor(session)}
          />
        )}
      />
    );
  }
  // After consent the tab starts again from the top (a fresh token), as the host would reopen it.
  if (result.kind === 'consent') return <ConsentPrompt host={result.host} onConsented={() => location.reload()} />;
  const { session, firstBoard } = result;
  if (result.surface === 'prep') {
    return (
      <PrepSurface
        session={session}
        firstBoard={firstBoard}
        board={(intro) => (
          <BoardScreen
            session={session}
            firstBoard={firstBoard}
            layout="wide"
            intro={intro}
            consent={consentFor(session)}
          />
        )}
      />
    );
  }
  return <BoardScreen session={session} firstBoard={firstBoard} layout="panel" consent={consentFor(session)} />;
}
