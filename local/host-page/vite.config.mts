import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// Built from the local workspace: `npm run build:host-page -w local` → local/host-page/dist.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
  },
});
