import type { HttpRequest, HttpResponseInit, InvocationContext } from '@azure/functions';
import { startFunctionsHost, type FunctionsHost, type HostedRoute } from './functionsHost';

const TAB_ORIGIN = 'http://localhost:4281';

interface Seen {
  method: string;
  params: Record<string, string>;
  query: Record<string, string>;
  contentType: string | null;
  authorization: string | null;
  body: string;
  functionName: string;
}

let host: FunctionsHost;
let lines: string[];
let seen: Seen[];
let timerRuns: string[];

const echo = async (request: HttpRequest, context: InvocationContext): Promise<HttpResponseInit> => {
  seen.push({
    method: request.method,
    params: { ...request.params },
    query: Object.fromEntries(request.query),
    contentType: request.headers.get('content-type'),
    authorization: request.headers.get('authorization'),
    body: await request.text(),
    functionName: context.functionName,
  });
  context.log('handled');
  return { status: 200, jsonBody: { params: request.params }, headers: { ETag: '"v7"' } };
};

const routes: HostedRoute[] = [
  { name: 'getMeetingBoard', methods: ['GET'], route: 'meetings/{chatId}/board', handler: echo },
  { name: 'getBoard', methods: ['GET'], route: 'pairs/{managerId}/{reportId}/boards/{occurrenceId}', handler: echo },
  {
    name: 'saveBoardField',
    methods: ['PUT'],
    route: 'pairs/{managerId}/{reportId}/boards/{occurrenceId}/fields/{fieldId}',
    handler: echo,
  },
  {
    name: 'plainText',
    methods: ['GET'],
    route: 'plain',
    handler: () => Promise.resolve({ status: 201, body: 'made', headers: { 'content-type': 'text/plain' } }),
  },
  { name: 'noContent', methods: ['DELETE'], route: 'plain', handler: () => Promise.resolve({ status: 204 }) },
  {
    name: 'explodes',
    methods: ['POST'],
    route: 'explodes',
    handler: () => Promise.reject(new Error('database password is hunter2 at /srv/app.js:12')),
  },
];

beforeAll(async () => {
  lines = [];
  timerRuns = [];
  host = await startFunctionsHost({
    port: 0,
    routes,
    timers: [
      {
        name: 'nightlyDigest',
        schedule: '0 0 2 * * *',
        handler: (context) => {
          timerRuns.push(context.functionName);
          return Promise.resolve();
        },
      },
      { name: 'broken', schedule: '0 0 3 * * *', handler: () => Promise.reject(new Error('nope')) },
    ],
    corsAllowedOrigins: [TAB_ORIGIN],
    log: (line) => lines.push(line),
  });
});

beforeEach(() => {
  seen = [];
  lines.length = 0;
});

afterAll(async () => {
  await host.close();
});

const api = (path: string, init?: RequestInit): Promise<Response> => fetch(`${host.url}/${path}`, init);

describe('functions host', () => {
  it('reports its API base URL', () => {
    expect(host.url).toBe(`http://localhost:${host.port}/api`);
  });

  it('matches a route template and decodes its params like the Functions host', async () => {
    const response = await api('meetings/19%3Ameeting_abc%40thread.v2/board?x=1&y=two');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(response.headers.get('etag')).toBe('"v7"');
    await expect(response.json()).resolves.toEqual({ params: { chatId: '19:meeting_abc@thread.v2' } });
    expect(seen[0]).toMatchObject({
      method: 'GET',
      params: { chatId: '19:meeting_abc@thread.v2' },
      query: { x: '1', y: 'two' },
      functionName: 'getMeetingBoard',
    });
  });

  it('keeps an encoded slash inside its parameter', async () => {
    await api('meetings/a%2Fb/board');
    expect(seen[0]?.params).toEqual({ chatId: 'a/b' });
  });

  it('passes method, headers and body through to the handler', async () => {
    const response = await api('pairs/m-1/r-1/boards/o-1/fields/energizing', {
      method: 'PUT',
      headers: { 'content-type': 'application/json', authorization: 'Bearer abc.def.ghi' },
      body: JSON.stringify({ text: 'hi', baseRevision: 0 }),
    });
    expect(response.status).toBe(200);
    expect(seen[0]).toMatchObject({
      method: 'PUT',
      params: { managerId: 'm-1', reportId: 'r-1', occurrenceId: 'o-1', fieldId: 'energizing' },
      contentType: 'application/json',
      authorization: 'Bearer abc.def.ghi',
      body: '{"text":"hi","baseRevision":0}',
      functionName: 'saveBoardField',
    });
  });

  it('writes plain bodies and empty 204s', async () => {
    const plain = await api('plain');
    expect(plain.status).toBe(201);
    await expect(plain.text()).resolves.toBe('made');
    const none = await api('plain', { method: 'DELETE' });
    expect(none.status).toBe(204);
  });

  it('answers an unknown route with a JSON 404', async () => {
    const response = await api('nowhere/at/all');
    expect(response.status).toBe(404);
    await expect(response.json()).resolves.toEqual({
      error: { code: 'notFound', message: expect.any(String) as unknown },
    });
    expect((await fetch(`http://localhost:${host.port}/elsewhere`)).status).toBe(404);
  });

  it('answers a known route with the wrong method with a JSON 405', async () => {
    const response = await api('meetings/x/board', { method: 'PUT' });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET');
  });

  it('answers a handler throw with a JSON 500 that reveals nothing', async () => {
    const response = await api('explodes', { method: 'POST', body: 'secret body' });
    expect(response.status).toBe(500);
    const text = await response.text();
    expect(JSON.parse(text)).toEqual({ error: { code: 'internal', message: expect.any(String) as unknown } });
    expect(text).not.toMatch(/hunter2|app\.js|at /);
  });

  it('logs one line per request with method, route name, status and time, never bodies or headers', async () => {
    await api('pairs/m-1/r-1/boards/o-1/fields/energizing', {
      method: 'PUT',
      headers: { 'content-type': 'application/json', authorization: 'Bearer top.secret.token' },
      body: '{"text":"my private answer","baseRevision":0}',
    });
    const requestLines = lines.filter((l) => !l.startsWith('  ['));
    expect(requestLines).toEqual([expect.stringMatching(/^PUT saveBoardField 200 \d+ms$/)]);
    expect(lines.join('\n')).not.toMatch(/private answer|top\.secret|Bearer/);
    expect(lines).toContain('  [saveBoardField] information: handled');
  });

  describe('CORS', () => {
    it('allows a configured origin and exposes ETag', async () => {
      const response = await api('meetings/x/board', { headers: { origin: TAB_ORIGIN } });
      expect(response.headers.get('access-control-allow-origin')).toBe(TAB_ORIGIN);
      expect(response.headers.get('access-control-expose-headers')).toBe('ETag');
    });

    it('does not allow other origins', async () => {
      const response = await api('meetings/x/board', { headers: { origin: 'http://evil.test' } });
      expect(response.status).toBe(200);
      expect(response.headers.get('access-control-allow-origin')).toBeNull();
    });

    it('answers a preflight from a configured origin', async () => {
      const response = await api('pairs/m/r/boards/o/fields/energizing', {
        method: 'OPTIONS',
        headers: {
          origin: TAB_ORIGIN,
          'access-control-request-method': 'PUT',
          'access-control-request-headers': 'authorization,content-type',
        },
      });
      expect(response.status).toBe(204);
      expect(response.headers.get('access-control-allow-origin')).toBe(TAB_ORIGIN);
      expect(response.headers.get('access-control-allow-methods')).toBe('GET,PUT,POST,DELETE,OPTIONS');
      expect(response.headers.get('access-control-allow-headers')).toBe(
        'Authorization,Content-Type,If-Match,If-None-Match',
      );
      expect(seen).toHaveLength(0);
    });

    it('gives a preflight from another origin no permission', async () => {
      const response = await api('meetings/x/board', {
        method: 'OPTIONS',
        headers: { origin: 'http://evil.test', 'access-control-request-method': 'GET' },
      });
      expect(response.headers.get('access-control-allow-origin')).toBeNull();
      expect(response.headers.get('access-control-allow-methods')).toBeNull();
    });
  });

  describe('timers', () => {
    it('runs a timer by name', async () => {
      await host.runTimer('nightlyDigest');
      expect(timerRuns).toContain('nightlyDigest');
      await expect(host.runTimer('missing')).rejects.toThrow(/missing/);
    });

    it('runs a timer over POST /admin/timers/{name} from loopback', async () => {
      timerRuns.length = 0;
      const response = await fetch(`http://localhost:${host.port}/admin/timers/nightlyDigest`, { method: 'POST' });
      expect(response.status).toBe(200);
      expect(timerRuns).toEqual(['nightlyDigest']);
      expect((await fetch(`http://localhost:${host.port}/admin/timers/missing`, { method: 'POST' })).status).toBe(404);
      expect((await fetch(`http://localhost:${host.port}/admin/timers/nightlyDigest`)).status).toBe(405);
      const failed = await fetch(`http://localhost:${host.port}/admin/timers/broken`, { method: 'POST' });
      expect(failed.status).toBe(500);
    });
  });

  it('refuses route templates it cannot serve', async () => {
    await expect(
      startFunctionsHost({
        routes: [{ name: 'odd', methods: ['GET'], route: 'items/{id:int}', handler: echo }],
        log: () => undefined,
      }),
    ).rejects.toThrow(/placeholders/);
  });
});
