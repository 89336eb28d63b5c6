import { fileURLToPath } from 'node:url';
import { defineConfig, mergeConfig, type ConfigEnv, type UserConfig } from 'vite';
import tabConfig from '../../tab/vite.config';

/**
 * The floor page, built by the tab's own Vite configuration (same plugins, target, minifier, mode) with only the
 * root and the output moved: into tab/dist/floor/, so the tab server serves it from the tab's origin with the
 * tab's headers and the local host page can frame it like the side panel (`?panel=/floor/`).
 * `npm run build -w tab` runs it after the tab's build (which empties tab/dist).
 */
export default defineConfig((env: ConfigEnv) => {
  const base = typeof tabConfig === 'function' ? tabConfig(env) : tabConfig;
  return mergeConfig(base as UserConfig, {
    root: fileURLToPath(new URL('.', import.meta.url)),
    base: '/floor/',
    build: {
      outDir: fileURLToPath(new URL('../../tab/dist/floor', import.meta.url)),
      emptyOutDir: true,
      manifest: true,
    },
  });
});
