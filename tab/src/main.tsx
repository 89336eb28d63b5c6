import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { startBoot } from './boot';
import { surfaceFromLocation } from './config';
import { createThemeStore } from './host/themeStore';

const theme = createThemeStore(location.search);
const surface = surfaceFromLocation(location.search);
// Host handshake, context, token and board fetch start now, in parallel with React's first render (a skeleton).
// The status form needs none of it: its link token is its credential, in any browser.
const boot = surface === 'status' ? null : startBoot(theme);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App boot={boot} surface={surface} theme={theme} />
  </StrictMode>,
);
