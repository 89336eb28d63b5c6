// The tab's built bundles as the browser gets them: which chunks a page must download before it runs, and which
// source modules ended up in them (read from the build's manifest and source maps, not from file names).
import fs from 'node:fs';
import path from 'node:path';
import { repoRoot } from '@candor/local/stack';
import { initialJs, tabDistDirs } from '@candor/local/tabBundles';

export { initialJs };
export const distDirs = tabDistDirs(repoRoot);

interface ManifestChunk {
  file: string;
  src?: string;
  isEntry?: boolean;
  imports?: string[];
}

function manifest(distDir: string): Record<string, ManifestChunk> {
  return JSON.parse(fs.readFileSync(path.join(distDir, '.vite', 'manifest.json'), 'utf8')) as Record<
    string,
    ManifestChunk
  >;
}

/** The chunk a source module (relative to tab/, e.g. `src/trends/TrendsSurface.tsx`) starts, and its static imports. */
export function staticClosureOf(sourceModule: string, distDir = distDirs.tab): string[] {
  const chunks = manifest(distDir);
  if (!chunks[sourceModule]) throw new Error(`No chunk starts at ${sourceModule}; is it still loaded lazily?`);
  const seen = new Set<string>();
  const visit = (key: string): void => {
    if (seen.has(key)) return;
    seen.add(key);
    for (const imported of chunks[key]?.imports ?? []) visit(imported);
  };
  visit(sourceModule);
  return [...seen].map((key) => chunks[key]!.file);
}

/** The files (paths relative to the repository, node_modules packages as `node_modules/<name>/…`) a chunk was built from. */
export function sourcesOf(chunkFile: string, distDir = distDirs.tab): string[] {
  // The bundler's own runtime chunk is generated code with no sources, and so no map.
  if (!fs.readFileSync(path.join(distDir, chunkFile), 'utf8').includes('//# sourceMappingURL=')) return [];
  const mapFile = path.join(distDir, `${chunkFile}.map`);
  if (!fs.existsSync(mapFile))
    throw new Error(`${mapFile} is missing: the local build (npm run build) writes source maps.`);
  const map = JSON.parse(fs.readFileSync(mapFile, 'utf8')) as { sources: string[] };
  const dir = path.dirname(path.join(distDir, chunkFile));
  return map.sources.map((source) => path.relative(repoRoot, path.resolve(dir, source)).split(path.sep).join('/'));
}

/** Class names only @fluentui/react-charts' line and cartesian charts emit. */
export function isChartsChunk(chunkFile: string, distDir = distDirs.tab): boolean {
  return /fui-line__|fui-cart__/.test(fs.readFileSync(path.join(distDir, chunkFile), 'utf8'));
}
