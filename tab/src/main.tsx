// First, before any module builds a contract schema (zod decides then whether to compile validators with eval).
import './api/zodJitless';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { startBoot } from './boot';
import { surfaceFromSearch } from './host/surfaces';
import { createThemeStore } from './host/themeStore';

// Every module of the initial download has run by now (`npm run bench:panel` reads it).
performance.mark('candor:script');
const theme = createThemeStore(location.search);
// Null when the URL names no surface: a meeting tab's one contentUrl, where the frame context decides (boot.ts).
const named = surfaceFromSearch(location.search);
// Host handshake, context, token and board fetch start now, in parallel with React's first render (a skeleton).
// The status form needs none of it: its link token is its credential, in any browser.
const boot = named === 'status' ? null : startBoot(theme, named);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App boot={boot} named={named} theme={theme} />
  </StrictMode>,
);
