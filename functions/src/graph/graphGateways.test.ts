import type { AccessToken, TokenCredential } from '@azure/identity';
import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { createGraphCalendarGateway } from './calendarGateway';
import { createAppCredential, createGraphClient, GRAPH_APP_SCOPE } from './graphClient';
import { createGraphOrgChartGateway, orgChartFactsAround } from './orgChartGateway';

/*
 * The Graph adapters against a fake Graph on https://localhost:<port>, the way the local simulator is reached:
 * proves the client authenticates a custom host with a port, joins base URL and version, follows nextLink,
 * and maps Graph's shapes. Needs the local certificate trusted (run under local/bin/with-local-ca.cjs).
 */

const TENANT = 'contoso-tenant';
const ADELE = '22222222-2222-2222-2222-222222222222';
const MEGAN = '11111111-1111-1111-1111-111111111111';

interface Seen {
  method: string;
  path: string;
  query: URLSearchParams;
  authorization: string | undefined;
  prefer: string | undefined;
}

let server: Server;
let base: string;
let seen: Seen[];
let tokenRequests: string[];

type Route = (req: IncomingMessage, url: URL, body: string) => { status?: number; json: unknown } | undefined;
let routes: Route[];

function tlsFiles(): { key: Buffer; cert: Buffer } {
  const dir = process.env.CANDOR_TLS_DIR ?? join(__dirname, '..', '..', '..', '.local', 'tls');
  return { key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) };
}

beforeAll(async () => {
  if (!process.env.NODE_EXTRA_CA_CERTS) throw new Error('run the tests through local/bin/with-local-ca.cjs');
  server = createServer(tlsFiles(), (req: IncomingMessage, res: ServerResponse) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', base);
      for (const route of routes) {
        const answer = route(req, url, body);
        if (answer) {
          res.writeHead(answer.status ?? 200, { 'content-type': 'application/json' }).end(JSON.stringify(answer.json));
          return;
        }
      }
      res
        .writeHead(404, { 'content-type': 'application/json' })
        .end(JSON.stringify({ error: { code: 'Request_ResourceNotFound', message: 'not found' } }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `https://localhost:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

beforeEach(() => {
  seen = [];
  tokenRequests = [];
  routes = [
    (req, url) => {
      if (url.pathname.startsWith('/v1.0/')) {
        seen.push({
          method: req.method ?? '',
          path: url.pathname,
          query: url.searchParams,
          authorization: req.headers.authorization,
          prefer: req.headers.prefer as string | undefined,
        });
      }
      return undefined;
    },
  ];
});

const staticCredential: TokenCredential = {
  getToken(): Promise<AccessToken> {
    return Promise.resolve({ token: 'app-token-1', expiresOnTimestamp: Date.now() + 3600_000 });
  },
};

function graphEvent(id: string, start: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id,
    subject: 'Megan / Adele 1:1',
    start: { dateTime: `${start}.0000000`, timeZone: 'UTC' },
    end: { dateTime: `${start.slice(0, 11)}09:30:00.0000000`, timeZone: 'UTC' },
    originalStart: `${start}Z`,
    isAllDay: false,
    isCancelled: false,
    organizer: { emailAddress: { name: 'Megan Bowen', address: 'megan@contoso.test' } },
    attendees: [
      {
        type: 'required',
        status: { response: 'accepted', time: '0001-01-01T00:00:00Z' },
        emailAddress: { address: 'adele@contoso.test', name: 'Adele' },
      },
      { type: 'resource', status: { response: 'none' }, emailAddress: { address: 'room@contoso.test' } },
    ],
    locations: [{ displayName: 'Room 42', locationEmailAddress: 'room@contoso.test' }],
    onlineMeeting: { joinUrl: 'https://teams.microsoft.com/l/meetup-join/19%3ameeting_X%40thread.v2/0' },
    responseStatus: { response: 'organizer' },
    iCalUId: '040000008200E00074C5B7101A82E00807EA0B1A0000000000000000000000000000000010000000A1B2C3D4',
    seriesMasterId: 'AAMkADU-series-master',
    ...extra,
  };
}

describe('Graph client on a custom https host with a port', () => {
  it('reads a calendar view page by page, authenticated, selecting only used fields, in UTC', async () => {
    routes.push((_req, url) => {
      if (url.pathname !== `/v1.0/users/${ADELE}/calendarView`) return undefined;
      if (url.searchParams.get('$skiptoken') === 'page2') {
        return { json: { value: [graphEvent('evt-2', '2026-11-27T09:00:00')] } };
      }
      return {
        json: {
          value: [graphEvent('evt-1', '2026-11-26T09:00:00'), { id: 'broken' }],
          '@odata.nextLink': `${base}/v1.0/users/${ADELE}/calendarView?startDateTime=x&$skiptoken=page2`,
        },
      };
    });
    const gateway = createGraphCalendarGateway(createGraphClient(base, staticCredential));
    const events = await gateway.eventsBetween(
      ADELE,
      new Date('2026-11-25T21:00:00.000Z'),
      new Date('2026-12-10T09:00:00.000Z'),
    );

    expect(seen).toHaveLength(2);
    expect(seen.every((s) => s.authorization === 'Bearer app-token-1')).toBe(true);
    expect(seen.every((s) => s.prefer === 'outlook.timezone="UTC"')).toBe(true);
    const first = seen[0] as Seen;
    expect(first.query.get('startDateTime')).toBe('2026-11-25T21:00:00.000Z');
    expect(first.query.get('endDateTime')).toBe('2026-12-10T09:00:00.000Z');
    expect(first.query.get('$select')?.split(',').sort()).toEqual(
      [
        'attendees',
        'end',
        // The series both calendars share for a 1:1 without a Teams link, and the series whose next occurrence lies
        // past the window.
        'iCalUId',
        'seriesMasterId',
        'id',
        'isAllDay',
        'isCancelled',
        'locations',
        'onlineMeeting',
        'organizer',
        'originalStart',
        'responseStatus',
        'start',
        'subject',
      ].sort(),
    );

    expect(events.map((e) => e.eventId)).toEqual(['evt-1', 'evt-2']);
    expect(events[0]).toEqual({
      eventId: 'evt-1',
      subject: 'Megan / Adele 1:1',
      startUtc: '2026-11-26T09:00:00.000Z',
      endUtc: '2026-11-26T09:30:00.000Z',
      originalStartUtc: '2026-11-26T09:00:00.000Z',
      isAllDay: false,
      isCancelled: false,
      organizerAddress: 'megan@contoso.test',
      attendees: [
        { address: 'adele@contoso.test', kind: 'required', response: 'accepted' },
        { address: 'room@contoso.test', kind: 'resource', response: 'none' },
      ],
      roomAddresses: ['room@contoso.test'],
      joinUrl: 'https://teams.microsoft.com/l/meetup-join/19%3ameeting_X%40thread.v2/0',
      ownerResponse: 'organizer',
      iCalUId: '040000008200E00074C5B7101A82E00807EA0B1A0000000000000000000000000000000010000000A1B2C3D4',
      seriesMasterId: 'AAMkADU-series-master',
    });
  });

  it('keeps an event Graph answers in a named zone (Windows or IANA), at the right UTC time', async () => {
    // Graph answers in UTC only when it honours the Prefer header; all-day events and some servers answer in the
    // event's own zone, which used to drop the event.
    routes.push((_req, url) => {
      if (url.pathname !== `/v1.0/users/${ADELE}/calendarView`) return undefined;
      return {
        json: {
          value: [
            graphEvent('evt-windows', '2026-12-10T10:00:00', {
              start: { dateTime: '2026-12-10T10:00:00.0000000', timeZone: 'W. Europe Standard Time' },
              end: { dateTime: '2026-12-10T10:30:00.0000000', timeZone: 'W. Europe Standard Time' },
            }),
            graphEvent('evt-iana', '2026-07-09T10:00:00', {
              start: { dateTime: '2026-07-09T10:00:00.0000000', timeZone: 'America/New_York' },
              end: { dateTime: '2026-07-09T10:30:00.0000000', timeZone: 'America/New_York' },
            }),
          ],
        },
      };
    });
    const gateway = createGraphCalendarGateway(createGraphClient(base, staticCredential));
    const events = await gateway.eventsBetween(
      ADELE,
      new Date('2026-07-01T00:00:00.000Z'),
      new Date('2026-12-31T00:00:00.000Z'),
    );

    expect(events.map((e) => [e.eventId, e.startUtc, e.endUtc])).toEqual([
      ['evt-windows', '2026-12-10T09:00:00.000Z', '2026-12-10T09:30:00.000Z'],
      ['evt-iana', '2026-07-09T14:00:00.000Z', '2026-07-09T14:30:00.000Z'],
    ]);
  });

  it('reads the org chart, caches it, and treats "no manager" (404) as null', async () => {
    let now = 0;
    routes.push((_req, url) => {
      const user = (id: string, name: string, mail: string) => ({
        '@odata.type': '#microsoft.graph.user',
        id,
        displayName: name,
        mail,
        userPrincipalName: mail.replace('@', '.upn@'),
      });
      switch (url.pathname) {
        case `/v1.0/users/${ADELE}`:
          return { json: user(ADELE, 'Adele Vance', 'Adele@contoso.test') };
        case `/v1.0/users/${ADELE}/manager`:
          return { json: user(MEGAN, 'Megan Bowen', 'megan@contoso.test') };
        case `/v1.0/users/${ADELE}/directReports`:
          return { json: { value: [] } };
        case `/v1.0/users/${MEGAN}/manager`:
          return {
            status: 404,
            json: { error: { code: 'Request_ResourceNotFound', message: "Resource 'manager' does not exist" } },
          };
        case `/v1.0/users/${MEGAN}/directReports`:
          return {
            json: {
              value: [
                user(ADELE, 'Adele Vance', 'adele@contoso.test'),
                { '@odata.type': '#microsoft.graph.orgContact', id: 'contact-1', displayName: 'Vendor' },
              ],
            },
          };
        default:
          return undefined;
      }
    });
    const orgChart = createGraphOrgChartGateway(createGraphClient(`${base}/`, staticCredential), {
      ttlMs: 1000,
      now: () => now,
    });

    await expect(orgChart.managerOf(ADELE)).resolves.toEqual({
      id: MEGAN,
      displayName: 'Megan Bowen',
      addresses: ['megan@contoso.test', 'megan.upn@contoso.test'],
    });
    await expect(orgChart.managerOf(MEGAN)).resolves.toBeNull();
    await expect(orgChart.directReportsOf(MEGAN)).resolves.toEqual([
      { id: ADELE, displayName: 'Adele Vance', addresses: ['adele@contoso.test', 'adele.upn@contoso.test'] },
    ]);
    // proxyAddresses: Graph returns a user's aliases and X.500 addresses only when they are selected.
    expect(seen.find((s) => s.path.endsWith('/manager'))?.query.get('$select')).toBe(
      'id,displayName,mail,userPrincipalName,proxyAddresses',
    );

    const before = seen.length;
    await orgChart.managerOf(ADELE.toUpperCase());
    expect(seen.length).toBe(before);
    now = 1001;
    await orgChart.managerOf(ADELE);
    expect(seen.length).toBe(before + 1);

    const facts = await orgChartFactsAround(orgChart, ADELE);
    expect(facts.reportingLines).toEqual([{ managerId: MEGAN, reportId: ADELE }]);
    expect(facts.people.map((p) => p.id)).toEqual([ADELE, MEGAN]);
  });
});

describe('app credential against a non-Microsoft authority', () => {
  it('gets a client-credentials token from {authority}/{tenant}/oauth2/v2.0/token without instance discovery', async () => {
    routes.push((req, url, body) => {
      if (url.pathname === `/${TENANT}/v2.0/.well-known/openid-configuration`) {
        return {
          json: {
            issuer: `${base}/${TENANT}/v2.0`,
            token_endpoint: `${base}/${TENANT}/oauth2/v2.0/token`,
            authorization_endpoint: `${base}/${TENANT}/oauth2/v2.0/authorize`,
            jwks_uri: `${base}/${TENANT}/discovery/v2.0/keys`,
            response_types_supported: ['code', 'token'],
            subject_types_supported: ['pairwise'],
            id_token_signing_alg_values_supported: ['RS256'],
          },
        };
      }
      if (url.pathname === `/${TENANT}/oauth2/v2.0/token` && req.method === 'POST') {
        tokenRequests.push(body);
        return {
          json: {
            token_type: 'Bearer',
            expires_in: 3599,
            ext_expires_in: 3599,
            access_token: 'app-token-from-authority',
          },
        };
      }
      return undefined;
    });
    routes.push((_req, url) =>
      url.pathname === `/v1.0/users/${MEGAN}` ? { json: { id: MEGAN, displayName: 'Megan Bowen' } } : undefined,
    );

    const credential = createAppCredential({
      authorityHost: base,
      tenantId: TENANT,
      clientId: 'api-client-id',
      clientSecret: 's3cret',
    });
    const orgChart = createGraphOrgChartGateway(createGraphClient(base, credential));
    await expect(orgChart.person(MEGAN)).resolves.toMatchObject({ displayName: 'Megan Bowen' });

    expect(seen.at(-1)?.authorization).toBe('Bearer app-token-from-authority');
    const form = new URLSearchParams(tokenRequests[0]);
    expect(form.get('grant_type')).toBe('client_credentials');
    expect(form.get('client_id')).toBe('api-client-id');
    expect(form.get('scope')).toContain(GRAPH_APP_SCOPE);
  });
});
