import { copyFileSync, existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { rewriteMetaTags, tabContentSecurityPolicy } from '@candor/local/webServers';

/**
 * Azure Static Web Apps serves the tab from files alone, so what the local tab server does per request
 * (local/src/webServers.ts) is written into the build here: the API base into index.html's meta tag, and the same
 * security headers into staticwebapp.config.json. Both come from the local server's own functions, so the two
 * hosts cannot drift apart.
 */

/** Vite's content-hashed output never changes under its name: cache it for a year. Everything else revalidates. */
const HASHED_ASSETS_ROUTE = '/assets/*';

export interface StaticWebAppConfig {
  globalHeaders: Record<string, string>;
  routes: Array<{ route: string; headers: Record<string, string> }>;
  responseOverrides: Record<string, { statusCode?: number; rewrite?: string }>;
}

export function staticWebAppConfig(apiBaseUrl: string): StaticWebAppConfig {
  return {
    globalHeaders: {
      // No dev host origin in Azure: only Teams, Outlook and Microsoft 365 may frame the tab.
      'Content-Security-Policy': tabContentSecurityPolicy(apiBaseUrl, ''),
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'strict-origin-when-cross-origin',
      'Cache-Control': 'no-cache',
    },
    routes: [{ route: HASHED_ASSETS_ROUTE, headers: { 'Cache-Control': 'public, max-age=31536000, immutable' } }],
    // A missing file is a plain 404, never index.html: the tab has one page and picks its surface by query.
    responseOverrides: { '404': { statusCode: 404 } },
  };
}

export class WebBuildError extends Error {
  override readonly name = 'WebBuildError';
}

/** The consent pop-up's pages (tab/auth): they need the API's client id, and no dev host origin in Azure. */
const AUTH_PAGES = ['auth-start.html', 'auth-end.html'] as const;

/**
 * Makes tab/dist deployable: API base in index.html, the client id in the consent pop-up's pages, no dev host
 * origin anywhere, staticwebapp.config.json, and the privacy and terms pages the manifest links to.
 */
export function prepareWebDist(
  distDir: string,
  values: { apiBaseUrl: string; clientId: string },
  pagesDir: string,
): string[] {
  const { apiBaseUrl, clientId } = values;
  const missing = ['index.html', ...AUTH_PAGES].map((f) => path.join(distDir, f)).filter((f) => !existsSync(f));
  if (missing.length > 0) {
    throw new WebBuildError(`${missing.join(', ')} is missing: build the tab first (npm run build:production -w tab)`);
  }
  const rewrite = (file: string, tags: Record<string, string>): void => {
    const full = path.join(distDir, file);
    writeFileSync(full, rewriteMetaTags(readFileSync(full, 'utf8'), tags));
  };
  rewrite('index.html', { 'candor-api-base': apiBaseUrl, 'candor-dev-host-origin': '' });
  for (const page of AUTH_PAGES) rewrite(page, { 'candor-auth-client-id': clientId, 'candor-dev-host-origin': '' });
  writeFileSync(
    path.join(distDir, 'staticwebapp.config.json'),
    `${JSON.stringify(staticWebAppConfig(apiBaseUrl), null, 2)}\n`,
  );
  const written = ['index.html', ...AUTH_PAGES, 'staticwebapp.config.json'];
  for (const page of readdirSync(pagesDir).filter((f) => f.endsWith('.html'))) {
    copyFileSync(path.join(pagesDir, page), path.join(distDir, page));
    written.push(page);
  }
  return written;
}
