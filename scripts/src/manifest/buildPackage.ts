import { readFileSync } from 'node:fs';
import path from 'node:path';
import { zipSync } from 'fflate';
import type { PackageValues } from '../deployValues';
import { fillTemplate, manifestPlaceholders } from './fillTemplate';
import { validateAppPackage, type CandorManifest } from './validateManifest';

export const MANIFEST_DIR = 'manifest';
export const TEMPLATE_FILE = 'manifest.template.json';
export const ICON_FILES = ['color.png', 'outline.png'] as const;
export const PACKAGE_FILE = path.join('build', 'candor.zip');

export class AppPackageError extends Error {
  override readonly name = 'AppPackageError';
}

export interface AppPackage {
  manifest: CandorManifest;
  /** manifest.json plus the icons, by file name (all at the zip's root, where Teams looks for them). */
  files: Map<string, Uint8Array>;
  zip: Uint8Array;
}

// Fixed timestamps make the zip depend only on its content: the same values give byte-identical packages.
const FIXED_MTIME = new Date('2026-01-01T00:00:00Z');

/** Fills the template, validates the result as Teams would see it, and zips it; throws listing every problem. */
export function buildAppPackage(manifestDir: string, values: PackageValues): AppPackage {
  const template: unknown = JSON.parse(readFileSync(path.join(manifestDir, TEMPLATE_FILE), 'utf8'));
  const manifest = fillTemplate(template, manifestPlaceholders(values));
  const files = new Map<string, Uint8Array>();
  for (const icon of ICON_FILES) files.set(icon, readFileSync(path.join(manifestDir, 'icons', icon)));
  const problems = validateAppPackage(manifest, files);
  if (problems.length > 0) {
    throw new AppPackageError(`The app package would not pass Teams' checks:\n  - ${problems.join('\n  - ')}`);
  }
  const manifestJson = new TextEncoder().encode(`${JSON.stringify(manifest, null, 2)}\n`);
  files.set('manifest.json', manifestJson);
  const entries = Object.fromEntries(
    [...files].sort(([a], [b]) => a.localeCompare(b)).map(([name, bytes]) => [name, [bytes, { mtime: FIXED_MTIME }]]),
  ) as Record<string, [Uint8Array, { mtime: Date }]>;
  return { manifest: manifest as CandorManifest, files, zip: zipSync(entries, { level: 9 }) };
}
