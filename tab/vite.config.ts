import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// `vite build --mode localdev` (npm run build) keeps the local-host code path: the dev host origin passed to
// app.initialize. `vite build --mode production` compiles it out through `import.meta.env.MODE`.
// (Vite refuses the mode name `local`: it clashes with the `.env.local` file suffix.)
export default defineConfig(({ mode }) => ({
  plugins: [react()],
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
