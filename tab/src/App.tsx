import { FluentProvider, makeStyles } from '@fluentui/react-components';
import { Suspense, lazy, use, useSyncExternalStore } from 'react';
import type { BootResult } from './boot';
import { BoardScreen, BoardSkeleton, Notice } from './board/BoardScreen';
import type { Surface } from './config';
import { fluentTheme } from './host/fluentTheme';
import type { ThemeStore } from './host/themeStore';

const PrepSurface = lazy(() => import('./prep/PrepSurface'));
const StatusSurface = lazy(() => import('./status/StatusSurface'));

const useStyles = makeStyles({
  provider: { minHeight: '100vh', width: '100%', overflowX: 'hidden' },
});

export function App({ boot, surface, theme }: { boot: Promise<BootResult> | null; surface: Surface; theme: ThemeStore }) {
  const styles = useStyles();
  const hostTheme = useSyncExternalStore(theme.subscribe, theme.get);
  const layout = surface === 'prep' ? 'wide' : 'panel';
  return (
    <FluentProvider theme={fluentTheme(hostTheme)} className={styles.provider} data-theme={hostTheme}>
      <Suspense fallback={<BoardSkeleton layout={layout} />}>
        {surface === 'status' || !boot ? <StatusSurface theme={theme} /> : <SurfaceView boot={boot} surface={surface} />}
      </Suspense>
    </FluentProvider>
  );
}

function SurfaceView({ boot, surface }: { boot: Promise<BootResult>; surface: Surface }) {
  const result = use(boot);
  if (result.kind === 'not-in-host') {
    return (
      <Notice title="Open Candor in Teams or Outlook">
        This page is the Candor app. It runs inside a Microsoft Teams meeting or an Outlook event, where it knows who
        you are and which 1:1 you are in.
      </Notice>
    );
  }
  if (surface === 'prep') return <PrepSurface session={result.session} firstBoard={result.firstBoard} />;
  return <BoardScreen session={result.session} firstBoard={result.firstBoard} layout="panel" />;
}
