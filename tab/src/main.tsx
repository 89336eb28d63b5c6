import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { startBoot } from './boot';
import { surfaceFromLocation } from './config';
import { createThemeStore } from './host/themeStore';

const theme = createThemeStore(location.search);
// Host handshake, context, token and board fetch start now, in parallel with React's first render (a skeleton).
const boot = startBoot(theme);
const surface = surfaceFromLocation(location.search);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App boot={boot} surface={surface} theme={theme} />
  </StrictMode>,
);
