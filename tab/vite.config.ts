import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

// `vite build --mode localdev` (npm run build) keeps the local-host code path: the dev host origin passed to
// app.initialize. `vite build --mode production` compiles it out through `import.meta.env.MODE`.
// (Vite refuses the mode name `local`: it clashes with the `.env.local` file suffix.)
/**
 * `<link rel="modulepreload">` in index.html for the board's chunk and what it imports, so they download alongside
 * the entry instead of after teams-js initialized (the device's copy of the last board and the API's answer both
 * render with it). Only the tab's build has a board chunk; the floor page (bench/floor) shares this file.
 */
function preloadBoardChunk(): Plugin {
  return {
    name: 'candor-preload-board',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(_html, { bundle }) {
        const chunks = Object.values(bundle ?? {}).filter((c) => c.type === 'chunk');
        const entry = chunks.find((c) => c.isEntry);
        const board = chunks.find((c) => c.facadeModuleId?.endsWith('/src/board/Board.tsx'));
        if (!entry || !board) return [];
        const byFile = new Map(chunks.map((c) => [c.fileName, c]));
        const reach = (file: string, into: Set<string>): Set<string> => {
          if (into.has(file)) return into;
          into.add(file);
          for (const next of byFile.get(file)?.imports ?? []) reach(next, into);
          return into;
        };
        const first = reach(entry.fileName, new Set());
        const wanted = [...reach(board.fileName, new Set())].filter((file) => !first.has(file));
        return wanted.map((file) => ({
          tag: 'link',
          attrs: { rel: 'modulepreload', crossorigin: true, href: `/${file}` },
          injectTo: 'head' as const,
        }));
      },
    },
  };
}

export default defineConfig(({ mode }) => ({
  plugins: [react(), preloadBoardChunk()],
  resolve: {
    // Exact matches: the date formatter is imported by its own path so the side panel does not load the whole
    // contract index for it (a plain prefix alias would turn '@candor/contract/timeText' into 'index.ts/timeText').
    alias: [
      {
        find: /^@candor\/contract$/,
        replacement: fileURLToPath(new URL('../functions/src/contract/index.ts', import.meta.url)),
      },
      {
        find: /^@candor\/contract\/timeText$/,
        replacement: fileURLToPath(new URL('../functions/src/contract/timeText.ts', import.meta.url)),
      },
    ],
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // Maps for local debugging; a production build writes them without linking them from the bundle.
    sourcemap: mode === 'production' ? 'hidden' : true,
    // React DOM + Fluent + teams-js + zod make one ~630 kB (~180 kB gzip) initial chunk; that is expected.
    chunkSizeWarningLimit: 700,
    // .vite/manifest.json: each chunk's static and dynamic imports, so the bundle budget test
    // (test/integration/perf/bundleBudget.test.ts) and `npm run bench:panel` know the side panel's initial download.
    manifest: true,
  },
}));
