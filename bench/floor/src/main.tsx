// The floor `npm run bench:panel` measures the side panel against: the least a Teams tab on this stack can do.
// React, one FluentProvider with one Card and one Textarea, and teams-js' app.initialize: no data, no router, no
// lazy chunks. Built by the tab's own Vite configuration (vite.config.ts here), so both pages pay the same bundler.
import { Card, FluentProvider, Textarea, teamsLightTheme } from '@fluentui/react-components';
import { app } from '@microsoft/teams-js';
import { useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';

performance.mark('floor:script');
// The same host origin the tab passes to initialize in a local build (tab/src/host/pageConfig.ts reads the same tag).
const hostOrigin = document.querySelector<HTMLMetaElement>('meta[name="candor-dev-host-origin"]')?.content.trim();
const initialized = app.initialize(hostOrigin ? [hostOrigin] : undefined);

function Floor() {
  const [ready, setReady] = useState(false);
  useEffect(() => {
    void initialized.then(() => setReady(true));
  }, []);
  useEffect(() => {
    // Same moment as the tab's `candor-ready`: the first commit that shows the ready content.
    if (ready) performance.mark('floor-ready');
  }, [ready]);
  return (
    <FluentProvider theme={teamsLightTheme}>
      <Card aria-label="Floor card">
        {ready ? 'Ready' : 'Loading'}
        <Textarea aria-label="Floor text" />
      </Card>
    </FluentProvider>
  );
}

createRoot(document.getElementById('root')!).render(<Floor />);
