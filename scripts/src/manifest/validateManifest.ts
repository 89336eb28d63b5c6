import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { TeamsManifestV1D29 } from '@microsoft/app-manifest';
import Ajv04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { PNG } from 'pngjs';
import { COLOR_ICON_SIZE, OUTLINE_ICON_SIZE } from './icons';
import { CONFIGURATION_SURFACE, PERSONAL_TABS, isHandledContext } from './tabContexts';

/**
 * The manifest version Candor ships: the newest that Microsoft lists as generally available (manifest schema
 * reference, June 2026) and that @microsoft/app-manifest bundles. Teams, Outlook and Microsoft 365 run a
 * Teams app's personal tabs from manifest 1.13 on.
 */
export const MANIFEST_VERSION = '1.29';

export type CandorManifest = TeamsManifestV1D29.TeamsManifestV1D29;

/** Microsoft's published JSON schema for one manifest version, as bundled (offline) by @microsoft/app-manifest. */
export function bundledSchemaPath(manifestVersion: string): string {
  const root = path.dirname(require.resolve('@microsoft/app-manifest/package.json'));
  const teams = path.join(root, 'build', 'json-schemas', 'teams');
  const file = path.join(teams, `v${manifestVersion}`, 'MicrosoftTeams.schema.json');
  if (!existsSync(file)) {
    const bundled = readdirSync(teams).filter((d) => /^v\d/.test(d));
    throw new Error(
      `@microsoft/app-manifest bundles no schema for manifestVersion "${manifestVersion}" (it has ${bundled.join(', ')})`,
    );
  }
  return file;
}

/**
 * Validates against the bundled schema the same way @microsoft/app-manifest's validateAgainstSchema does
 * (ajv's draft-04 dialect, all errors, uri/email/regex formats) — but without loading that package's entry point,
 * which requires fs-extra without declaring it and the ES-module-only strip-bom@5.
 */
export function schemaProblems(manifest: unknown): string[] {
  const version =
    manifest && typeof manifest === 'object' && 'manifestVersion' in manifest ? manifest.manifestVersion : undefined;
  if (typeof version !== 'string') return ['manifestVersion is missing'];
  // Microsoft's schema files contain `\a` and `\v` escapes in regex patterns, which JSON does not allow;
  // the library patches them the same way before parsing.
  const raw = readFileSync(bundledSchemaPath(version), 'utf8').replace(/\\a/g, '\\u0007').replace(/\\v/g, '\\u000b');
  const schema = JSON.parse(raw) as object;
  const ajv = new Ajv04({ allErrors: true, strictTypes: false });
  addFormats(ajv, ['uri', 'email', 'regex']);
  const validate = ajv.compile(schema);
  if (validate(manifest)) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`);
}

/** The files of an app package besides manifest.json, by name. */
export type PackageFiles = ReadonlyMap<string, Uint8Array>;

/** Everything the schema cannot say: icons, domains, SSO resource, contexts the tab handles. */
export function packageProblems(manifest: CandorManifest, files: PackageFiles): string[] {
  return [
    ...iconProblems(manifest, files),
    ...domainProblems(manifest),
    ...ssoProblems(manifest),
    ...contextProblems(manifest),
  ];
}

/** Schema first; the other checks only make sense on a manifest of the right shape. */
export function validateAppPackage(manifest: unknown, files: PackageFiles): string[] {
  const schema = schemaProblems(manifest);
  if (schema.length > 0) return schema.map((p) => `schema: ${p}`);
  return packageProblems(manifest as CandorManifest, files);
}

export function iconProblems(manifest: CandorManifest, files: PackageFiles): string[] {
  const problems: string[] = [];
  const icon = (role: string, file: string, size: number): PNG | null => {
    const bytes = files.get(file);
    if (!bytes) {
      problems.push(`icons.${role}: ${file} is not in the package`);
      return null;
    }
    let png: PNG;
    try {
      png = PNG.sync.read(Buffer.from(bytes));
    } catch (error) {
      problems.push(`icons.${role}: ${file} is not a PNG (${error instanceof Error ? error.message : String(error)})`);
      return null;
    }
    if (png.width !== size || png.height !== size) {
      problems.push(`icons.${role}: ${file} is ${png.width}×${png.height}, Teams needs ${size}×${size}`);
    }
    return png;
  };
  const color = icon('color', manifest.icons.color, COLOR_ICON_SIZE);
  if (color && !color.data.every((_, i) => i % 4 !== 3 || color.data[i] === 255)) {
    // Candor's colour icon is full-bleed on the accent colour; transparency there would show Teams' tile behind.
    problems.push(`icons.color: ${manifest.icons.color} has transparent pixels`);
  }
  if (color) {
    const corner = `#${[0, 1, 2].map((k) => color.data[k]!.toString(16).padStart(2, '0')).join('')}`;
    if (corner !== manifest.accentColor.toLowerCase()) {
      problems.push(`accentColor ${manifest.accentColor} differs from the colour icon's background ${corner}`);
    }
  }
  const outline = icon('outline', manifest.icons.outline, OUTLINE_ICON_SIZE);
  if (outline) {
    let white = 0;
    let transparent = 0;
    let other = 0;
    for (let i = 0; i < outline.data.length; i += 4) {
      const [r, g, b, a] = [outline.data[i]!, outline.data[i + 1]!, outline.data[i + 2]!, outline.data[i + 3]!];
      if (a === 0) transparent++;
      else if (r === 255 && g === 255 && b === 255) white++;
      else other++;
    }
    if (other > 0) problems.push(`icons.outline: ${other} pixels are neither white nor fully transparent`);
    if (transparent === 0) problems.push('icons.outline: the background is not transparent');
    if (white === 0) problems.push('icons.outline: there is nothing white to see');
  }
  return problems;
}

/** Every string in the manifest that is a URL, with its JSON path. */
export function manifestUrls(manifest: unknown): Array<{ at: string; url: string }> {
  const found: Array<{ at: string; url: string }> = [];
  const walk = (node: unknown, at: string): void => {
    if (typeof node === 'string') {
      if (/^[a-z][a-z0-9+.-]*:\/\//i.test(node) && !node.startsWith('api://')) found.push({ at, url: node });
    } else if (Array.isArray(node)) node.forEach((v, i) => walk(v, `${at}[${i}]`));
    else if (node && typeof node === 'object') {
      for (const [key, value] of Object.entries(node)) if (key !== '$schema') walk(value, `${at}.${key}`);
    }
  };
  walk(manifest, '');
  return found;
}

/** Teams' validDomains matching: an exact host, or `*.example.com` for any subdomain of example.com. */
export function onValidDomain(host: string, validDomains: readonly string[]): boolean {
  const h = host.toLowerCase();
  return validDomains.some((domain) => {
    const d = domain.toLowerCase();
    return d.startsWith('*.') ? h.endsWith(d.slice(1)) && h.length > d.length - 1 : h === d;
  });
}

export function domainProblems(manifest: CandorManifest): string[] {
  const validDomains = manifest.validDomains ?? [];
  const problems: string[] = [];
  for (const domain of validDomains) {
    if (/[/:]/.test(domain))
      problems.push(`validDomains: "${domain}" must be a bare host name, without scheme or path`);
  }
  for (const { at, url } of manifestUrls(manifest)) {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      problems.push(`${at}: "${url}" is not a URL`);
      continue;
    }
    if (parsed.protocol !== 'https:') problems.push(`${at}: ${url} must use https`);
    if (!onValidDomain(parsed.hostname, validDomains)) {
      problems.push(`${at}: ${parsed.hostname} is not in validDomains (${validDomains.join(', ') || 'none'})`);
    }
  }
  return problems;
}

/** Teams SSO: the resource must be `api://<the tab's host>/<client id>` (Microsoft's tab SSO registration docs). */
export function ssoProblems(manifest: CandorManifest): string[] {
  const info = manifest.webApplicationInfo;
  if (!info) return ['webApplicationInfo is missing: the tab signs people in with Teams SSO'];
  const match = /^api:\/\/([^/]+)\/([^/]+)$/.exec(info.resource ?? '');
  if (!match) return [`webApplicationInfo.resource "${info.resource ?? ''}" must be api://<host>/<client id>`];
  const problems: string[] = [];
  const [, host, id] = match;
  if (id!.toLowerCase() !== info.id.toLowerCase()) {
    problems.push(`webApplicationInfo.resource ends in ${id}, not the client id ${info.id}`);
  }
  if (!onValidDomain(host!, manifest.validDomains ?? [])) {
    problems.push(`webApplicationInfo.resource host ${host} is not in validDomains`);
  }
  const tabHosts = new Set(
    [
      ...(manifest.staticTabs ?? []).map((t) => t.contentUrl),
      ...(manifest.configurableTabs ?? []).map((t) => t.configurationUrl),
    ]
      .filter((u): u is string => !!u)
      .map((u) => new URL(u).hostname),
  );
  if (!tabHosts.has(host!))
    problems.push(`webApplicationInfo.resource host ${host} is not the host the tab is served from`);
  return problems;
}

export function contextProblems(manifest: CandorManifest): string[] {
  const problems: string[] = [];
  for (const [i, tab] of (manifest.configurableTabs ?? []).entries()) {
    for (const context of tab.context ?? []) {
      if (!isHandledContext(context))
        problems.push(`configurableTabs[${i}] lists context ${context}, which the tab does not handle`);
    }
    const surface = new URL(tab.configurationUrl).searchParams.get('surface');
    if (surface !== CONFIGURATION_SURFACE) {
      problems.push(
        `configurableTabs[${i}].configurationUrl must open the ${CONFIGURATION_SURFACE} surface, not ${surface}`,
      );
    }
  }
  for (const [i, tab] of (manifest.staticTabs ?? []).entries()) {
    const contexts = tab.context ?? [];
    if (contexts.length === 0) problems.push(`staticTabs[${i}] names no context`);
    for (const context of contexts) {
      if (!isHandledContext(context))
        problems.push(`staticTabs[${i}] lists context ${context}, which the tab does not handle`);
    }
    // Each personal tab is one of the tab's own, in its order (Teams opens the first), opening its own surface.
    const known = PERSONAL_TABS.find((t) => t.entityId === tab.entityId);
    if (!known) {
      problems.push(`staticTabs[${i}] is ${tab.entityId}, a personal tab Candor does not have`);
      continue;
    }
    const listed = PERSONAL_TABS[i]?.entityId;
    if (listed !== tab.entityId) problems.push(`staticTabs[${i}] is ${tab.entityId}; Candor lists ${listed} there`);
    const surface = tab.contentUrl ? new URL(tab.contentUrl).searchParams.get('surface') : null;
    if (surface !== known.surface)
      problems.push(`staticTabs[${i}] (${tab.entityId}) must open ?surface=${known.surface}, not ${surface}`);
  }
  return problems;
}
