import { fileURLToPath } from 'node:url';
import { defineConfig, mergeConfig, type ConfigEnv, type UserConfig } from 'vite';
import tabConfig from '../vite.config';

/**
 * The consent pop-up's two pages (auth-start.html, auth-end.html; code in src/consent), built by the tab's own
 * configuration into tab/dist next to index.html, as their own entries: they never add to the side panel's
 * download, and the tab's build manifest (read by the bundle budget) stays the tab's alone.
 * `npm run build -w tab` runs it after the tab's build (which empties tab/dist).
 */
export default defineConfig((env: ConfigEnv) => {
  const base = typeof tabConfig === 'function' ? tabConfig(env) : tabConfig;
  return mergeConfig(base as UserConfig, {
    root: fileURLToPath(new URL('.', import.meta.url)),
    build: {
      outDir: fileURLToPath(new URL('../dist', import.meta.url)),
      emptyOutDir: false,
      manifest: false,
      rollupOptions: {
        input: {
          authStart: fileURLToPath(new URL('auth-start.html', import.meta.url)),
          authEnd: fileURLToPath(new URL('auth-end.html', import.meta.url)),
        },
      },
    },
  });
});
