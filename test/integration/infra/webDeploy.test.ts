// The step azd runs before deploying the tab (azure.yaml → npm run deploy:prepare-web): the deployed site must
// carry the API's URL and send the very headers the local tab server sends.
import { copyFileSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startTabServer } from '@candor/local/webServers';
import type { Output } from '../../../scripts/src/cli/args';
import { runPrepareWeb } from '../../../scripts/src/cli/prepareWeb';
import type { StaticWebAppConfig } from '../../../scripts/src/web/prepareWeb';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const API = 'https://func-abc123.azurewebsites.net/api';
const CLIENT_ID = '6f1d2c3b-4a5e-4f60-8a7b-9c0d1e2f3a4b';
const NO_AZD = { AZURE_ENV_NAME: 'no-such-environment-in-tests' };

let dist: string;
beforeEach(() => {
  dist = mkdtempSync(path.join(tmpdir(), 'candor-web-'));
  // The tab's real index.html, as a build leaves it (the meta tags are kept by Vite).
  copyFileSync(path.join(ROOT, 'tab', 'index.html'), path.join(dist, 'index.html'));
  for (const page of ['auth-start.html', 'auth-end.html'])
    copyFileSync(path.join(ROOT, 'tab', 'auth', page), path.join(dist, page));
});
afterEach(() => rmSync(dist, { recursive: true, force: true }));

function capture(): Output & { logs: string[]; errors: string[] } {
  const logs: string[] = [];
  const errors: string[] = [];
  return { logs, errors, log: (l) => logs.push(l), error: (l) => errors.push(l) };
}

const meta = (html: string, name: string) => new RegExp(`<meta name="${name}" content="([^"]*)"`).exec(html)?.[1];

describe('npm run deploy:prepare-web', () => {
  it('writes the API URL into index.html and removes the dev host origin', () => {
    expect(
      runPrepareWeb(
        ['--dist', dist],
        { ...NO_AZD, CANDOR_API_URL: `${API}/`, CANDOR_CLIENT_ID: CLIENT_ID },
        ROOT,
        capture(),
      ),
    ).toBe(0);
    const html = readFileSync(path.join(dist, 'index.html'), 'utf8');
    expect(meta(html, 'candor-api-base')).toBe(API);
    expect(meta(html, 'candor-dev-host-origin')).toBe('');
  });

  it('writes the API client id into the consent pop-up pages, which Entra ID asks to consent to', () => {
    expect(
      runPrepareWeb(
        ['--dist', dist],
        { ...NO_AZD, CANDOR_API_URL: API, CANDOR_CLIENT_ID: CLIENT_ID.toUpperCase() },
        ROOT,
        capture(),
      ),
    ).toBe(0);
    for (const page of ['auth-start.html', 'auth-end.html']) {
      const html = readFileSync(path.join(dist, page), 'utf8');
      expect({
        page,
        clientId: meta(html, 'candor-auth-client-id'),
        devHost: meta(html, 'candor-dev-host-origin'),
      }).toEqual({
        page,
        clientId: CLIENT_ID,
        devHost: '',
      });
    }
    const noClientId = capture();
    expect(runPrepareWeb(['--dist', dist], { ...NO_AZD, CANDOR_API_URL: API }, ROOT, noClientId)).toBe(1);
    expect(noClientId.errors[0]).toMatch(/CANDOR_CLIENT_ID is missing/);
  });

  it('makes Static Web Apps send the same security headers as the local tab server', async () => {
    expect(
      runPrepareWeb(['--dist', dist], { ...NO_AZD, CANDOR_API_URL: API, CANDOR_CLIENT_ID: CLIENT_ID }, ROOT, capture()),
    ).toBe(0);
    const config = JSON.parse(readFileSync(path.join(dist, 'staticwebapp.config.json'), 'utf8')) as StaticWebAppConfig;
    const server = await startTabServer({ port: 0, distDir: dist, apiBaseUrl: API, devHostOrigin: '' });
    try {
      const response = await fetch(`${server.url}/`);
      for (const header of ['Content-Security-Policy', 'X-Content-Type-Options', 'Referrer-Policy']) {
        expect({ header, value: config.globalHeaders[header] }).toEqual({
          header,
          value: response.headers.get(header),
        });
      }
    } finally {
      await server.close();
    }
    const csp = config.globalHeaders['Content-Security-Policy']!;
    const frameAncestors = csp.split('; ').find((d) => d.startsWith('frame-ancestors'))!;
    expect(frameAncestors).toContain('https://teams.microsoft.com');
    expect(frameAncestors).toContain('https://outlook.office.com');
    expect(frameAncestors).not.toMatch(/localhost|http:/);
    expect(csp).toContain(`connect-src 'self' ${API}/`);
    expect(config.routes).toEqual([
      { route: '/assets/*', headers: { 'Cache-Control': 'public, max-age=31536000, immutable' } },
    ]);
  });

  it('publishes the privacy and terms pages the manifest links to, which need nothing the CSP forbids', () => {
    expect(
      runPrepareWeb(['--dist', dist], { ...NO_AZD, CANDOR_API_URL: API, CANDOR_CLIENT_ID: CLIENT_ID }, ROOT, capture()),
    ).toBe(0);
    expect(readdirSync(dist).sort()).toEqual([
      'auth-end.html',
      'auth-start.html',
      'index.html',
      'privacy.html',
      'staticwebapp.config.json',
      'terms.html',
    ]);
    for (const page of ['privacy.html', 'terms.html']) {
      const html = readFileSync(path.join(dist, page), 'utf8');
      expect(html).not.toMatch(/<script|<link|<img|<iframe|https?:\/\//i);
    }
  });

  it('fails clearly without the API URL or without a built tab', () => {
    const noUrl = capture();
    expect(runPrepareWeb(['--dist', dist], NO_AZD, ROOT, noUrl)).toBe(1);
    expect(noUrl.errors[0]).toMatch(/CANDOR_API_URL is missing/);
    const noBuild = capture();
    rmSync(path.join(dist, 'index.html'));
    expect(
      runPrepareWeb(['--dist', dist], { ...NO_AZD, CANDOR_API_URL: API, CANDOR_CLIENT_ID: CLIENT_ID }, ROOT, noBuild),
    ).toBe(1);
    expect(noBuild.errors[0]).toMatch(
      /index\.html is missing: build the tab first \(npm run build:production -w tab\)/,
    );
    expect(existsSync(path.join(dist, 'staticwebapp.config.json'))).toBe(false);
  });
});
