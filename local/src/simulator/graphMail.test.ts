import { Client, ResponseType, type GraphError } from '@microsoft/microsoft-graph-client';
import type { Message } from '@microsoft/microsoft-graph-types';
import type { Simulator } from './index';
import { API_CLIENT_ID, DEMO_USER_IDS } from './demoTenant';
import { appGraphToken, graphClient, startTestSimulator, userGraphToken } from './testKit';

const { megan, adele } = DEMO_USER_IDS;
const PROPERTY_ID = 'String {66f5a359-4659-4830-9070-00047ec6ac6e} Name CandorSendId';

let sim: Simulator;
let client: Client;
let appToken: string;

beforeAll(async () => {
  sim = await startTestSimulator();
  appToken = await appGraphToken(sim, API_CLIENT_ID);
  client = graphClient(sim, () => Promise.resolve(appToken));
});
afterAll(() => sim.close());
afterEach(() => {
  sim.faults.clear();
  sim.clearOutbox();
  sim.clearRequestLog();
});

async function graphError(promise: Promise<unknown>): Promise<GraphError> {
  try {
    await promise;
  } catch (error) {
    return error as GraphError;
  }
  throw new Error('expected the request to fail');
}

function mail(sendId: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    subject: 'Your 1:1 notes',
    body: { contentType: 'html', content: '<p>Notes</p>' },
    toRecipients: [{ emailAddress: { address: 'adele@candor-demo.example' } }],
    singleValueExtendedProperties: [{ id: PROPERTY_ID, value: sendId }],
    ...overrides,
  };
}

describe('sendMail', () => {
  test('202 with an empty body and no Content-Type; the mail lands in the outbox and Sent Items', async () => {
    const raw = (await client
      .api(`/users/${megan}/sendMail`)
      .responseType(ResponseType.RAW)
      .post({ message: mail('send-1'), saveToSentItems: true })) as Response;
    expect(raw.status).toBe(202);
    expect(raw.headers.get('content-type')).toBeNull();
    expect(await raw.text()).toBe('');
    // Through the client's normal path it resolves too (no JSON parse of an empty body).
    await client.api(`/users/${megan}/sendMail`).post({ message: mail('send-2') });

    const outbox = sim.outbox();
    expect(outbox.map((m) => m.singleValueExtendedProperties?.[0]?.value)).toEqual(['send-1', 'send-2']);
    expect(outbox[0]).toMatchObject({
      fromUserId: megan,
      saveToSentItems: true,
      message: {
        subject: 'Your 1:1 notes',
        from: { emailAddress: { address: 'megan@candor-demo.example' } },
        toRecipients: [{ emailAddress: { address: 'adele@candor-demo.example' } }],
      },
    });
    const overHttp = (await (await fetch(`${sim.url}/_sim/outbox`)).json()) as unknown[];
    expect(overHttp).toHaveLength(2);
  });

  test('a sent mail can be found again in Sent Items by its extended property (to settle an unknown outcome)', async () => {
    await client.api(`/users/${megan}/sendMail`).post({ message: mail('find-me'), saveToSentItems: true });
    await client.api(`/users/${megan}/sendMail`).post({ message: mail('not-me') });
    const found = (await client
      .api(`/users/${megan}/mailFolders/SentItems/messages`)
      .filter(`singleValueExtendedProperties/Any(ep: ep/id eq '${PROPERTY_ID}' and ep/value eq 'find-me')`)
      .expand(`singleValueExtendedProperties($filter=id eq '${PROPERTY_ID}')`)
      .select(['id', 'subject', 'sentDateTime'])
      .get()) as { value: Array<Message & { singleValueExtendedProperties?: Array<{ id: string; value: string }> }> };
    expect(found.value).toHaveLength(1);
    expect(found.value[0]?.singleValueExtendedProperties).toEqual([{ id: PROPERTY_ID, value: 'find-me' }]);
    const none = (await client
      .api(`/users/${megan}/mailFolders('SentItems')/messages`)
      .filter(`singleValueExtendedProperties/any(ep: ep/id eq '${PROPERTY_ID}' and ep/value eq 'never-sent')`)
      .get()) as { value: unknown[] };
    expect(none.value).toEqual([]);
    // Graph can't filter on internetMessageHeaders (and doesn't return them for sent items): neither does this.
    const headers = await graphError(
      client
        .api(`/users/${megan}/messages`)
        .filter("internetMessageHeaders/any(h: h/name eq 'x-candor' and h/value eq '1')")
        .get(),
    );
    expect(headers.statusCode).toBe(400);
  });

  test('saveToSentItems: false sends without keeping a copy', async () => {
    await client.api(`/users/${megan}/sendMail`).post({ message: mail('unsaved'), saveToSentItems: false });
    expect(sim.outbox()).toHaveLength(1);
    const found = (await client
      .api(`/users/${megan}/mailFolders/SentItems/messages`)
      .filter(`singleValueExtendedProperties/any(ep: ep/id eq '${PROPERTY_ID}' and ep/value eq 'unsaved')`)
      .get()) as { value: unknown[] };
    expect(found.value).toEqual([]);
  });

  test('refuses mail without recipients or subject, and bad internet headers', async () => {
    const noTo = await graphError(
      client.api(`/users/${megan}/sendMail`).post({ message: mail('x', { toRecipients: [] }) }),
    );
    expect({ status: noTo.statusCode, code: noTo.code }).toEqual({ status: 400, code: 'ErrorInvalidRecipients' });
    const badTo = await graphError(
      client
        .api(`/users/${megan}/sendMail`)
        .post({ message: mail('x', { toRecipients: [{ emailAddress: { address: 'not-an-address' } }] }) }),
    );
    expect(badTo.code).toBe('ErrorInvalidRecipients');
    const noSubject = await graphError(
      client.api(`/users/${megan}/sendMail`).post({ message: mail('x', { subject: undefined }) }),
    );
    expect(noSubject.statusCode).toBe(400);
    const header = await graphError(
      client
        .api(`/users/${megan}/sendMail`)
        .post({ message: mail('x', { internetMessageHeaders: [{ name: 'Candor', value: '1' }] }) }),
    );
    expect(header.code).toBe('InvalidInternetMessageHeader');
    expect(sim.outbox()).toEqual([]);
  });
});

describe('$batch', () => {
  const view = (userId: string): string => {
    const from = new Date(Date.now() - 86_400_000).toISOString();
    const to = new Date(Date.now() + 86_400_000).toISOString();
    return `/users/${userId}/calendarView?startDateTime=${from}&endDateTime=${to}&$select=subject`;
  };

  test('20 requests in one batch, each answered through the same router', async () => {
    const ids = Object.values(DEMO_USER_IDS);
    const requests = Array.from({ length: 20 }, (_, i) => ({
      id: String(i + 1),
      method: 'GET',
      url: i % 2 ? view(ids[i % ids.length] ?? megan) : `/users/${ids[i % ids.length] ?? megan}`,
    }));
    const result = (await client.api('/$batch').post({ requests })) as {
      responses: Array<{ id: string; status: number; body: Record<string, unknown> }>;
    };
    expect(result.responses).toHaveLength(20);
    expect(result.responses.every((r) => r.status === 200)).toBe(true);
    expect(result.responses.find((r) => r.id === '1')?.body.displayName).toBe('Patti Fernandez');
    const log = sim.requestLog();
    expect(log.filter((e) => e.batched)).toHaveLength(20);
    expect(log.filter((e) => !e.batched).map((e) => e.path)).toEqual(['/v1.0/$batch']);

    const tooMany = await graphError(
      client.api('/$batch').post({ requests: [...requests, { id: '21', method: 'GET', url: '/users' }] }),
    );
    expect(tooMany.statusCode).toBe(400);
  });

  test('a throttled inner request is a 429 with its own Retry-After inside a 200 batch', async () => {
    sim.faults.add({
      kind: 'status',
      status: 429,
      retryAfterSeconds: 7,
      pathPattern: `/users/${adele}/calendarView$`,
      times: 1,
    });
    const result = (await client.api('/$batch').post({
      requests: [
        { id: 'a', method: 'GET', url: view(adele) },
        { id: 'm', method: 'GET', url: view(megan) },
        {
          id: 's',
          method: 'POST',
          url: `/users/${megan}/sendMail`,
          headers: { 'Content-Type': 'application/json' },
          body: { message: mail('batched') },
        },
      ],
    })) as {
      responses: Array<{
        id: string;
        status: number;
        headers: Record<string, string>;
        body?: { error?: { code: string } };
      }>;
    };
    const byId = Object.fromEntries(result.responses.map((r) => [r.id, r]));
    expect(byId.a).toMatchObject({
      status: 429,
      headers: { 'Retry-After': '7' },
      body: { error: { code: 'TooManyRequests' } },
    });
    expect(byId.m?.status).toBe(200);
    expect(byId.s?.status).toBe(202);
    expect(byId.s?.body).toBeUndefined();
    expect(sim.outbox()).toHaveLength(1);
  });
});

describe('faults', () => {
  test('a 429 with Retry-After: 0 is retried by the Graph client without the caller noticing', async () => {
    sim.faults.add({ kind: 'status', status: 429, retryAfterSeconds: 0, pathPattern: '/manager$', times: 2 });
    const manager = (await client.api(`/users/${megan}/manager`).get()) as { id: string };
    expect(manager.id).toBe(DEMO_USER_IDS.patti);
    expect(sim.requestLog().map((e) => e.status)).toEqual([429, 429, 200]);
  });

  test('drop with afterEffect: the mail is sent but the caller gets a network error (unknown outcome)', async () => {
    sim.faults.add({ kind: 'drop', method: 'POST', pathPattern: '/sendMail$', afterEffect: true, times: 1 });
    // The Graph client turns the network failure into a GraphError with statusCode -1 and an empty message.
    const lost = await graphError(client.api(`/users/${megan}/sendMail`).post({ message: mail('limbo') }));
    expect(lost.statusCode).toBe(-1);
    expect(String(lost.body)).toMatch(/fetch failed/);
    expect(sim.outbox().map((m) => m.singleValueExtendedProperties?.[0]?.value)).toEqual(['limbo']);
    expect(sim.requestLog().map((e) => e.status)).toEqual([0]);
    // A plain drop loses the request before it does anything.
    sim.faults.add({ kind: 'drop', pathPattern: '/sendMail$', times: 1 });
    await expect(client.api(`/users/${megan}/sendMail`).post({ message: mail('lost') })).rejects.toThrow();
    expect(sim.outbox()).toHaveLength(1);
  });

  test('latency rules and base latency slow Graph down; rules can be set over HTTP', async () => {
    sim.faults.setBaseLatency(40);
    const response = await fetch(`${sim.url}/_sim/faults`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ kind: 'latency', latencyMs: 60, pathPattern: '/directReports$', times: 1 }),
    });
    expect(response.status).toBe(201);
    const started = performance.now();
    await client.api(`/users/${megan}/directReports`).get();
    expect(performance.now() - started).toBeGreaterThanOrEqual(95);
    expect(((await (await fetch(`${sim.url}/_sim/faults`)).json()) as unknown[]).length).toBe(0); // used up
    const bad = await fetch(`${sim.url}/_sim/faults`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ kind: 'explode' }),
    });
    expect(bad.status).toBe(400);
    expect((await fetch(`${sim.url}/_sim/faults`, { method: 'DELETE' })).status).toBe(204);
  });

  test('503 for an identity outage', async () => {
    sim.faults.add({ kind: 'status', status: 503, target: 'identity', pathPattern: '/oauth2/v2.0/token$', times: 1 });
    await expect(appGraphToken(sim, API_CLIENT_ID)).rejects.toThrow(/503/);
    await expect(appGraphToken(sim, API_CLIENT_ID)).resolves.toEqual(expect.any(String));
  });
});

describe('authentication and permissions', () => {
  test('no token, a foreign token, or an API token: 401 InvalidAuthenticationToken', async () => {
    const noAuth = await fetch(`${sim.url}/v1.0/users/${megan}`);
    expect(noAuth.status).toBe(401);
    const body = (await noAuth.json()) as {
      error: { code: string; message: string; innerError: Record<string, string> };
    };
    expect(body.error).toMatchObject({ code: 'InvalidAuthenticationToken', message: 'Access token is empty.' });
    expect(body.error.innerError['request-id']).toBe(noAuth.headers.get('request-id'));
    expect(body.error.innerError.date).toEqual(expect.any(String));

    const apiToken = await sim.mintAccessToken(megan);
    const wrongAudience = await graphError(
      graphClient(sim, () => Promise.resolve(apiToken))
        .api(`/users/${megan}`)
        .get(),
    );
    expect({ status: wrongAudience.statusCode, code: wrongAudience.code }).toEqual({
      status: 401,
      code: 'InvalidAuthenticationToken',
    });
    const garbage = await graphError(
      graphClient(sim, () => Promise.resolve('not-a-jwt'))
        .api(`/users/${megan}`)
        .get(),
    );
    expect(garbage.statusCode).toBe(401);
  });

  test('without customHosts the client sends no Authorization header (so the simulator answers 401)', async () => {
    const naive = Client.initWithMiddleware({
      authProvider: { getAccessToken: () => Promise.resolve(appToken) },
      baseUrl: `${sim.url}/`,
    });
    const error = await graphError(naive.api(`/users/${megan}`).get());
    expect(error.statusCode).toBe(401);
    const withPort = Client.initWithMiddleware({
      authProvider: { getAccessToken: () => Promise.resolve(appToken) },
      baseUrl: `${sim.url}/`,
      customHosts: new Set([new URL(sim.url).host]),
    });
    expect((await graphError(withPort.api(`/users/${megan}`).get())).statusCode).toBe(401);
  });

  test("delegated (on-behalf-of) tokens: /me works, other people's mailboxes are off limits", async () => {
    const token = await userGraphToken(sim, API_CLIENT_ID, megan);
    const delegated = graphClient(sim, () => Promise.resolve(token));
    expect(((await delegated.api('/me').get()) as { id: string }).id).toBe(megan);
    const from = new Date(Date.now() - 3_600_000).toISOString();
    const to = new Date(Date.now() + 3_600_000).toISOString();
    const mine = (await delegated.api('/me/calendarView').query({ startDateTime: from, endDateTime: to }).get()) as {
      value: unknown[];
    };
    expect(mine.value.length).toBeGreaterThan(0);
    const theirs = await graphError(
      delegated.api(`/users/${adele}/calendarView`).query({ startDateTime: from, endDateTime: to }).get(),
    );
    expect({ status: theirs.statusCode, code: theirs.code }).toEqual({ status: 403, code: 'ErrorAccessDenied' });
    expect(((await delegated.api(`/users/${adele}`).get()) as { id: string }).id).toBe(adele); // User.ReadBasic.All
    const meAsApp = await graphError(client.api('/me').get());
    expect(meAsApp.statusCode).toBe(400);
  });
});
