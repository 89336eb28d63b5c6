import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

/** One chunk of a Vite build as its `.vite/manifest.json` lists it. */
interface ManifestChunk {
  file: string;
  isEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
}

export interface ChunkSize {
  /** Path inside the dist folder, e.g. `assets/index-B1a2c3D4.js`. */
  file: string;
  raw: number;
  gzip: number;
}

export interface InitialJs {
  /** The entry chunk first, then every chunk it imports statically (directly or through another chunk). */
  chunks: ChunkSize[];
  raw: number;
  gzip: number;
}

/**
 * What a browser must download and run before a page built by Vite can start: the HTML entry's chunk and the
 * closure of its static imports, read from the build's manifest (`build.manifest`). Dynamic imports (lazy
 * chunks) are left out. Sizes are bytes as written and as gzip at its highest level: deterministic for given
 * files, so a budget on them can be a test.
 */
export function initialJs(distDir: string, entryHtml = 'index.html'): InitialJs {
  const manifestFile = path.join(distDir, '.vite', 'manifest.json');
  if (!fs.existsSync(manifestFile)) throw new Error(`${manifestFile} is missing: build first (npm run build).`);
  const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8')) as Record<string, ManifestChunk>;
  const entry = manifest[entryHtml] ?? Object.values(manifest).find((chunk) => chunk.isEntry);
  if (!entry) throw new Error(`${manifestFile} names no entry chunk.`);
  const keyOf = new Map(Object.entries(manifest).map(([key, chunk]) => [chunk, key]));
  const seen = new Set<string>();
  const order: ManifestChunk[] = [];
  const visit = (chunk: ManifestChunk): void => {
    const key = keyOf.get(chunk) ?? chunk.file;
    if (seen.has(key)) return;
    seen.add(key);
    order.push(chunk);
    for (const imported of chunk.imports ?? []) {
      const next = manifest[imported];
      if (!next) throw new Error(`${manifestFile}: ${key} imports ${imported}, which the manifest does not list.`);
      visit(next);
    }
  };
  visit(entry);
  const chunks = order.map((chunk) => {
    const bytes = fs.readFileSync(path.join(distDir, chunk.file));
    return { file: chunk.file, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
  });
  return {
    chunks,
    raw: chunks.reduce((sum, c) => sum + c.raw, 0),
    gzip: chunks.reduce((sum, c) => sum + c.gzip, 0),
  };
}

/** The side panel's folder (tab/dist) and the floor page's (tab/dist/floor, built with it by `npm run build`). */
export function tabDistDirs(repoRoot: string): { tab: string; floor: string } {
  const tab = path.join(repoRoot, 'tab', 'dist');
  return { tab, floor: path.join(tab, 'floor') };
}
