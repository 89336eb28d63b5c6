import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  rewriteMetaTags,
  startHostPageServer,
  startTabServer,
  tabContentSecurityPolicy,
  type HostPageConfig,
  type RunningServer,
} from './webServers';

const INDEX_HTML = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="candor-api-base" content="/api" />
    <meta name="candor-dev-host-origin" content="" />
    <script type="module" crossorigin src="/assets/index-AbCd1234.js"></script>
  </head>
  <body><div id="root"></div></body>
</html>
`;

let dist: string;

beforeAll(async () => {
  dist = await mkdtemp(path.join(tmpdir(), 'candor-web-'));
  await mkdir(path.join(dist, 'assets'));
  await writeFile(path.join(dist, 'index.html'), INDEX_HTML);
  await writeFile(path.join(dist, 'assets', 'index-AbCd1234.js'), 'console.log("tab")');
  await writeFile(path.join(dist, 'assets', 'index-AbCd1234.css'), 'body{}');
  await writeFile(path.join(dist, 'assets', 'index-AbCd1234.js.map'), '{}');
  await writeFile(path.join(dist, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  await writeFile(path.join(dist, 'secret.txt'), 'inside');
  await writeFile(path.join(tmpdir(), 'candor-outside.txt'), 'outside');
});

afterAll(async () => {
  await rm(dist, { recursive: true, force: true });
});

describe('rewriteMetaTags', () => {
  it('replaces the content of named meta tags and escapes it', () => {
    const out = rewriteMetaTags(INDEX_HTML, { 'candor-api-base': 'http://localhost:7071/api?a=1&b="2"' });
    expect(out).toContain(
      '<meta name="candor-api-base" content="http://localhost:7071/api?a=1&amp;b=&quot;2&quot;" />',
    );
    expect(out).toContain('<meta name="candor-dev-host-origin" content="" />');
  });
  it('adds a missing tag before </head>', () => {
    const out = rewriteMetaTags('<html><head><title>x</title></head><body></body></html>', { 'candor-api-base': '/x' });
    expect(out).toMatch(/<meta name="candor-api-base" content="\/x" \/>\s*<\/head>/);
  });
  it('matches attributes in any order and quote style', () => {
    const out = rewriteMetaTags(`<head><meta content='old' name='candor-api-base'></head>`, {
      'candor-api-base': 'new',
    });
    expect(out).toBe('<head><meta name="candor-api-base" content="new" /></head>');
  });
});

describe('startTabServer', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startTabServer({
      port: 0,
      distDir: dist,
      apiBaseUrl: 'http://localhost:7071/api',
      devHostOrigin: 'http://localhost:4280',
    });
  });
  afterAll(() => server.close());

  it('serves index.html for / with the runtime config written in, uncached', async () => {
    const res = await fetch(`${server.url}/?surface=board`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('no-cache');
    const html = await res.text();
    expect(html).toContain('<meta name="candor-api-base" content="http://localhost:7071/api" />');
    expect(html).toContain('<meta name="candor-dev-host-origin" content="http://localhost:4280" />');
    expect(html).toContain('/assets/index-AbCd1234.js');
  });

  it('sends security headers with frame-ancestors for the host page and Microsoft hosts', async () => {
    const res = await fetch(`${server.url}/`);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toMatch(
      /frame-ancestors 'self' http:\/\/localhost:4280 https:\/\/teams\.microsoft\.com .*https:\/\/outlook\.office\.com/,
    );
    expect(csp).toContain("connect-src 'self' http://localhost:7071/api/ https://res.cdn.office.net;");
    expect(csp).toContain("script-src 'self'");
  });

  it.each([
    ['/assets/index-AbCd1234.js', 'text/javascript; charset=utf-8'],
    ['/assets/index-AbCd1234.css', 'text/css; charset=utf-8'],
    ['/assets/index-AbCd1234.js.map', 'application/json; charset=utf-8'],
    ['/favicon.svg', 'image/svg+xml'],
  ])('serves %s as %s', async (p, type) => {
    const res = await fetch(`${server.url}${p}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(type);
    await res.arrayBuffer();
  });

  it('caches hashed assets for a year and other files not at all', async () => {
    const hashed = await fetch(`${server.url}/assets/index-AbCd1234.js`);
    expect(hashed.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const plain = await fetch(`${server.url}/favicon.svg`);
    expect(plain.headers.get('cache-control')).toBe('no-cache');
    await Promise.all([hashed.text(), plain.text()]);
  });

  it.each([
    '/nope.js',
    '/assets/',
    '/assets',
    '/../candor-outside.txt',
    '/%2e%2e/candor-outside.txt',
    '/..%2fcandor-outside.txt',
  ])('answers 404 for %s', async (p) => {
    const res = await fetch(`${server.url}${p}`);
    expect(res.status).toBe(404);
    expect(await res.text()).not.toContain('outside');
  });

  it('answers HEAD without a body and refuses other methods', async () => {
    const head = await fetch(`${server.url}/`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    const post = await fetch(`${server.url}/`, { method: 'POST' });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
    await post.text();
  });
});

describe('tabContentSecurityPolicy', () => {
  it('limits connect-src to the API path', () => {
    expect(tabContentSecurityPolicy('https://api.example.com/api/', '')).toContain(
      "connect-src 'self' https://api.example.com/api/ https://res.cdn.office.net;",
    );
    expect(tabContentSecurityPolicy('https://api.example.com/api', '')).toMatch(
      /frame-ancestors 'self' https:\/\/teams/,
    );
  });

  it("adds nothing to 'self' for an API on the tab's own origin", () => {
    expect(tabContentSecurityPolicy('/api', '')).toContain("connect-src 'self' https://res.cdn.office.net;");
  });
});

describe('startHostPageServer', () => {
  const config: HostPageConfig = {
    tabUrl: 'http://localhost:4281',
    tenantId: '33333333-3333-4333-8333-333333333333',
    users: [
      { id: '11111111-1111-4111-8111-111111111111', displayName: 'Mia Manager', role: 'manager' },
      { id: '22222222-2222-4222-8222-222222222222', displayName: 'Ravi Report', role: 'report' },
    ],
    meetings: [
      {
        chatId: '19:meeting_abc@thread.v2',
        meetingId: 'MCMx',
        subject: 'Mia / Ravi 1:1',
        managerId: '11111111-1111-4111-8111-111111111111',
        reportId: '22222222-2222-4222-8222-222222222222',
      },
    ],
  };
  const issued: string[] = [];
  let server: RunningServer;
  beforeAll(async () => {
    server = await startHostPageServer({
      port: 0,
      distDir: dist,
      config,
      issueToken: (userId) => {
        issued.push(userId);
        if (userId === config.users[1]!.id && issued.length > 5) return Promise.reject(new Error('simulator down'));
        return Promise.resolve(`token-for-${userId}`);
      },
      readOutbox: () => [{ subject: 'Your 1:1 summary' }],
    });
  });
  afterAll(() => server.close());

  it('serves the page and its config', async () => {
    const page = await fetch(`${server.url}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="root">');
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain('frame-src http://localhost:4281');
    const res = await fetch(`${server.url}/host-api/config`);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(await res.json()).toEqual(config);
  });

  it('issues tokens for configured users only', async () => {
    const ok = await fetch(`${server.url}/host-api/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ userId: config.users[0]!.id }),
    });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ accessToken: `token-for-${config.users[0]!.id}` });

    const unknown = await fetch(`${server.url}/host-api/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ userId: 'someone-else' }),
    });
    expect(unknown.status).toBe(400);
    await unknown.text();

    const notJson = await fetch(`${server.url}/host-api/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{',
    });
    expect(notJson.status).toBe(400);
    await notJson.text();

    const wrongType = await fetch(`${server.url}/host-api/token`, { method: 'POST', body: 'userId=x' });
    expect(wrongType.status).toBe(415);
    await wrongType.text();

    const get = await fetch(`${server.url}/host-api/token`);
    expect(get.status).toBe(405);
    await get.text();
  });

  it('reports a failing token issuer as 502', async () => {
    for (let i = 0; i < 6; i++) {
      const res = await fetch(`${server.url}/host-api/token`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ userId: config.users[1]!.id }),
      });
      await res.text();
      if (res.status === 502) return;
    }
    throw new Error('expected a 502');
  });

  it('serves the outbox and 404s unknown host APIs', async () => {
    const outbox = await fetch(`${server.url}/host-api/outbox`);
    expect(await outbox.json()).toEqual([{ subject: 'Your 1:1 summary' }]);
    const missing = await fetch(`${server.url}/host-api/nope`);
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toBe('application/json; charset=utf-8');
    await missing.text();
  });
});
