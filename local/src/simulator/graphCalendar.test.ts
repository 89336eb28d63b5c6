import { PageIterator, ResponseType, type Client, type GraphError } from '@microsoft/microsoft-graph-client';
import type { Event, User } from '@microsoft/microsoft-graph-types';
import type { Simulator } from './index';
import { API_CLIENT_ID, DEMO_USER_IDS, demoMeetings, demoTenantSeed } from './demoTenant';
import { chatIdFromJoinUrl } from './ids';
import { appGraphToken, graphClient, startTestSimulator } from './testKit';

const { patti, megan, adele, alex, diego } = DEMO_USER_IDS;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

let sim: Simulator;
let client: Client;
let now: Date;

beforeAll(async () => {
  now = new Date();
  sim = await startTestSimulator({ now: () => now });
  const token = await appGraphToken(sim, API_CLIENT_ID);
  client = graphClient(sim, () => Promise.resolve(token));
});
afterAll(() => sim.close());

/** Graph writes UTC times without an offset and with seven fractional digits. */
const utc = (dateTime: string | null | undefined): number => Date.parse(`${(dateTime ?? '').replace(/\.\d+$/, '')}Z`);

interface Page<T> {
  value: T[];
  '@odata.nextLink'?: string;
  '@odata.context'?: string;
}

async function calendarView(userId: string, from: Date, to: Date, top = 1000): Promise<Event[]> {
  const page = (await client
    .api(`/users/${userId}/calendarView`)
    .query({ startDateTime: from.toISOString(), endDateTime: to.toISOString() })
    .top(top)
    .get()) as Page<Event>;
  expect(page['@odata.nextLink']).toBeUndefined();
  return page.value;
}

async function graphError(promise: Promise<unknown>): Promise<GraphError> {
  try {
    await promise;
  } catch (error) {
    return error as GraphError;
  }
  throw new Error('expected the request to fail');
}

describe('directory', () => {
  test("users by id or UPN, with Graph's default properties or $select", async () => {
    const user = (await client.api(`/users/${megan}`).get()) as User & Record<string, unknown>;
    expect(user).toMatchObject({
      id: megan,
      displayName: 'Megan Bowen',
      userPrincipalName: 'megan@candor-demo.example',
      mail: 'megan@candor-demo.example',
      jobTitle: 'Engineering Manager',
    });
    expect(user['@odata.context']).toBe(`${sim.url}/v1.0/$metadata#users/$entity`);
    expect(user.department).toBeUndefined(); // not in the default set
    const selected = (await client
      .api('/users/megan@candor-demo.example')
      .select(['displayName', 'department'])
      .get()) as Record<string, unknown>;
    expect(selected).toEqual({
      '@odata.context': `${sim.url}/v1.0/$metadata#users(displayName,department)/$entity`,
      displayName: 'Megan Bowen',
      department: 'Product Engineering',
    });
    const bad = await graphError(client.api(`/users/${megan}`).select('shoeSize').get());
    expect(bad.statusCode).toBe(400);
    const missing = await graphError(client.api('/users/nobody@candor-demo.example').get());
    expect({ status: missing.statusCode, code: missing.code }).toEqual({
      status: 404,
      code: 'Request_ResourceNotFound',
    });
  });

  test('manager and directReports are directoryObjects of type user', async () => {
    const manager = (await client.api(`/users/${megan}/manager`).get()) as Record<string, unknown>;
    expect(manager).toMatchObject({
      '@odata.type': '#microsoft.graph.user',
      id: patti,
      displayName: 'Patti Fernandez',
    });
    const reports = (await client.api(`/users/${megan}/directReports`).select(['id', 'displayName']).get()) as Page<
      Record<string, unknown>
    >;
    expect(reports['@odata.context']).toBe(`${sim.url}/v1.0/$metadata#directoryObjects`);
    expect(reports.value.map((r) => r.displayName)).toEqual([
      'Adele Vance',
      'Alex Wilber',
      'Diego Siciliani',
      'Lynne Robbins',
    ]);
    expect(reports.value.every((r) => r['@odata.type'] === '#microsoft.graph.user')).toBe(true);
    const top = await graphError(client.api(`/users/${patti}/manager`).get());
    expect({ status: top.statusCode, code: top.code }).toEqual({ status: 404, code: 'Request_ResourceNotFound' });
  });

  test('mailboxSettings has the mailbox time zone and working hours', async () => {
    const settings = (await client.api(`/users/${adele}/mailboxSettings`).get()) as Record<string, unknown>;
    expect(settings).toMatchObject({
      timeZone: 'W. Europe Standard Time',
      workingHours: { timeZone: { name: 'W. Europe Standard Time' } },
    });
  });
});

describe('calendarView', () => {
  test("Megan and Adele's 1:1 is on now, in both calendars: same iCalUId and join URL, different event ids", async () => {
    const hour = Math.floor(now.getTime() / (HOUR / 2)) * (HOUR / 2);
    const find = async (userId: string) =>
      (await calendarView(userId, now, new Date(now.getTime() + 60_000))).find(
        (e) => e.subject === 'Megan / Adele 1:1',
      );
    const inMegans = await find(megan);
    const inAdeles = await find(adele);
    expect(inMegans).toMatchObject({
      type: 'occurrence',
      isOrganizer: true,
      responseStatus: { response: 'organizer' },
      isOnlineMeeting: true,
      onlineMeetingProvider: 'teamsForBusiness',
    });
    expect(inAdeles).toMatchObject({
      type: 'occurrence',
      isOrganizer: false,
      responseStatus: { response: 'accepted' },
    });
    expect(utc(inMegans?.start?.dateTime)).toBe(hour);
    expect(utc(inMegans?.end?.dateTime)).toBe(hour + 30 * 60_000);
    expect(inMegans?.start?.timeZone).toBe('UTC');
    expect(inMegans?.originalStart).toBe(new Date(hour).toISOString().replace('.000Z', 'Z'));
    expect(inAdeles?.iCalUId).toBe(inMegans?.iCalUId);
    expect(inAdeles?.id).not.toBe(inMegans?.id);
    expect(inAdeles?.seriesMasterId).not.toBe(inMegans?.seriesMasterId);
    expect(inAdeles?.onlineMeeting?.joinUrl).toBe(inMegans?.onlineMeeting?.joinUrl);
    const joinUrl = inMegans?.onlineMeeting?.joinUrl ?? '';
    expect(joinUrl).toMatch(
      /^https:\/\/teams\.microsoft\.com\/l\/meetup-join\/19%3ameeting_[A-Za-z0-9]+%40thread\.v2\/0\?context=%7b%22Tid%22%3a%22[0-9a-f-]{36}%22%2c%22Oid%22%3a%22[0-9a-f-]{36}%22%7d$/,
    );
    const meeting = demoMeetings(now).find((m) => m.reportId === adele);
    expect(chatIdFromJoinUrl(joinUrl)).toBe(meeting?.chatId);
    expect(meeting?.chatId).toMatch(/^19:meeting_[A-Za-z0-9]+@thread\.v2$/);
    expect(inMegans?.attendees).toEqual([
      {
        type: 'required',
        status: { response: 'accepted', time: expect.any(String) as unknown },
        emailAddress: { name: 'Adele Vance', address: 'adele@candor-demo.example' },
      },
    ]);
    expect(inAdeles?.attendees?.[0]?.status?.response).toBe('none'); // attendees don't see each other's answers
  });

  test('every occurrence of a series shares its join URL; each has its own iCalUId', async () => {
    const events = (
      await calendarView(megan, new Date(now.getTime() - 21 * DAY), new Date(now.getTime() + 21 * DAY))
    ).filter((e) => e.subject === 'Megan / Adele 1:1');
    expect(events.length).toBeGreaterThanOrEqual(6);
    expect(new Set(events.map((e) => e.onlineMeeting?.joinUrl)).size).toBe(1);
    expect(new Set(events.map((e) => e.iCalUId)).size).toBe(events.length);
    expect(new Set(events.map((e) => e.seriesMasterId)).size).toBe(1);
    // Weekly: consecutive occurrences are 7 days apart (give or take a daylight-saving hour).
    const starts = events.map((e) => utc(e.start?.dateTime)).sort((a, b) => a - b);
    for (let i = 1; i < starts.length; i++)
      expect(Math.abs((starts[i] ?? 0) - (starts[i - 1] ?? 0) - 7 * DAY)).toBeLessThanOrEqual(HOUR);
  });

  test('a moved occurrence appears at its new time as an exception; a deleted one is gone', async () => {
    const seed = demoTenantSeed(now).meetings.find((m) => m.key === '1on1-megan-diego');
    const movedFrom = Date.parse(seed?.exceptions?.[0]?.originalStart ?? '');
    const cancelled = Date.parse(seed?.cancelledOccurrences?.[0] ?? '');
    for (const userId of [megan, diego]) {
      const events = (
        await calendarView(userId, new Date(now.getTime() - 14 * DAY), new Date(now.getTime() + 14 * DAY))
      ).filter((e) => e.subject === 'Megan / Diego weekly 1:1');
      const exception = events.find((e) => e.type === 'exception');
      expect(exception).toBeDefined();
      expect(Date.parse(exception?.originalStart ?? '')).toBe(movedFrom);
      expect(utc(exception?.start?.dateTime)).toBe(Math.floor(now.getTime() / HOUR) * HOUR + 2 * HOUR);
      expect(events.filter((e) => Date.parse(e.originalStart ?? '') === movedFrom)).toHaveLength(1);
      expect(events.some((e) => Date.parse(e.originalStart ?? '') === cancelled)).toBe(false);
      expect(events.some((e) => utc(e.start?.dateTime) === cancelled)).toBe(false);
    }
  });

  test('an occurrence cancelled by the organizer stays in the attendee’s calendar, marked cancelled, until removed', async () => {
    const seed = demoTenantSeed(now).meetings.find((m) => m.key === '1on1-megan-adele');
    if (!seed) throw new Error('no Adele 1:1 in the demo');
    const from = new Date(now.getTime() - 14 * DAY);
    const to = new Date(now.getTime() - DAY);
    const before = await calendarView(adele, from, to);
    const target = before.find((e) => e.subject === seed.subject);
    const original = target?.originalStart ?? '';
    expect(original).not.toBe('');
    sim.upsertMeeting({ ...seed, cancelledKeptByAttendees: [original] });
    try {
      const attendee = (await calendarView(adele, from, to)).filter((e) => e.originalStart === original);
      expect(attendee.map((e) => [e.isCancelled, e.subject])).toEqual([[true, `Canceled: ${seed.subject}`]]);
      expect((await calendarView(adele, from, to)).filter((e) => e.isCancelled)).toHaveLength(1);
      const organizer = (await calendarView(megan, from, to)).filter((e) => e.originalStart === original);
      expect(organizer).toEqual([]);
    } finally {
      sim.upsertMeeting(seed);
    }
  });

  test('pages with $top and @odata.nextLink (PageIterator), the same events as one big page', async () => {
    const from = new Date(now.getTime() - 14 * DAY);
    const to = new Date(now.getTime() + 14 * DAY);
    const all = await calendarView(megan, from, to);
    expect(all.length).toBeGreaterThan(12);
    const first = (await client
      .api(`/users/${megan}/calendarView`)
      .query({ startDateTime: from.toISOString(), endDateTime: to.toISOString() })
      .get()) as Page<Event>;
    expect(first.value).toHaveLength(10); // Graph's default page size
    const nextLink = first['@odata.nextLink'] ?? '';
    expect(nextLink.startsWith(`${sim.url}/v1.0/users/${megan}/calendarView?`)).toBe(true);
    expect(new URL(nextLink).searchParams.get('$skiptoken')).toEqual(expect.any(String));

    const paged = (await client
      .api(`/users/${megan}/calendarView`)
      .query({ startDateTime: from.toISOString(), endDateTime: to.toISOString() })
      .select(['subject', 'start'])
      .top(5)
      .get()) as Page<Event>;
    const seen: Event[] = [];
    const iterator = new PageIterator(client, paged, (event: Event) => {
      seen.push(event);
      return true;
    });
    await iterator.iterate();
    expect(seen.map((e) => e.id)).toEqual(all.map((e) => e.id));
    expect(Object.keys(seen[0] ?? {}).sort()).toEqual(['@odata.etag', 'id', 'start', 'subject']);
  });

  test('honours Prefer: outlook.timezone (Windows and IANA names) and says so in Preference-Applied', async () => {
    const from = new Date(now.getTime() - 60_000);
    const to = new Date(now.getTime() + 60_000);
    const hour = new Date(Math.floor(now.getTime() / (HOUR / 2)) * (HOUR / 2));
    const local = (zone: string) => {
      const p = Object.fromEntries(
        new Intl.DateTimeFormat('en-US', {
          timeZone: zone,
          hourCycle: 'h23',
          year: 'numeric',
          month: '2-digit',
          day: '2-digit',
          hour: '2-digit',
          minute: '2-digit',
          second: '2-digit',
        })
          .formatToParts(hour)
          .map((x) => [x.type, x.value]),
      );
      return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}:${p.second}.0000000`;
    };
    for (const [name, iana] of [
      ['Pacific Standard Time', 'America/Los_Angeles'],
      ['W. Europe Standard Time', 'Europe/Berlin'],
      ['Asia/Kolkata', 'Asia/Kolkata'],
      ['UTC', 'UTC'],
    ] as const) {
      const response = (await client
        .api(`/users/${adele}/calendarView`)
        .query({ startDateTime: from.toISOString(), endDateTime: to.toISOString() })
        .header('Prefer', `outlook.timezone="${name}"`)
        .responseType(ResponseType.RAW)
        .get()) as Response;
      expect(response.headers.get('Preference-Applied')).toBe(`outlook.timezone="${name}"`);
      const body = (await response.json()) as Page<Event>;
      const event = body.value.find((e) => e.subject === 'Megan / Adele 1:1');
      expect(event?.start).toEqual({ dateTime: local(iana), timeZone: name });
    }
  });

  test('requires startDateTime and endDateTime', async () => {
    const error = await graphError(client.api(`/users/${megan}/calendarView`).get());
    expect({ status: error.statusCode, code: error.code }).toEqual({ status: 400, code: 'ErrorInvalidParameter' });
  });

  test('createdDateTime is an ISO UTC instant with seven fractional digits, before the entry starts for a series', async () => {
    const events = await calendarView(megan, new Date(now.getTime() - 7 * DAY), new Date(now.getTime() + 7 * DAY));
    expect(events.length).toBeGreaterThan(0);
    for (const event of events) {
      expect(event.createdDateTime).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{7}Z$/);
    }
    const sync = events.find((e) => e.subject === 'Product Engineering weekly sync');
    expect(Date.parse(sync?.createdDateTime ?? '')).toBeLessThan(utc(sync?.start?.dateTime) - 7 * DAY);
  });

  test('Alex, in New York, has several evening meetings booked from Europe a few hours ahead', async () => {
    const events = await calendarView(alex, new Date(now.getTime() - 14 * DAY), now);
    const scrambles = events.filter((e) => {
      const start = utc(e.start?.dateTime);
      const localHour = Number(
        new Intl.DateTimeFormat('en-US', { timeZone: 'America/New_York', hour: 'numeric', hourCycle: 'h23' }).format(
          start,
        ),
      );
      return start - Date.parse(e.createdDateTime ?? '') < DAY && localHour >= 17;
    });
    expect(scrambles.length).toBeGreaterThanOrEqual(3);
    // Not 1:1s of a manager and a report: three people each, so they are load, not a pair's meeting.
    for (const e of scrambles) expect(e.attendees?.length).toBeGreaterThanOrEqual(2);
  });

  test('the demo tenant has a team sync, a 3-person meeting, an all-day event and a room', async () => {
    const events = await calendarView(megan, new Date(now.getTime() - 7 * DAY), new Date(now.getTime() + 7 * DAY));
    const subjects = new Set(events.map((e) => e.subject));
    for (const s of [
      'Product Engineering weekly sync',
      'Roadmap review',
      'Conference (out of office)',
      'Design review (in person)',
      'Patti / Megan 1:1',
      'Lynne <> Megan 1:1',
    ])
      expect(subjects).toContain(s);
    const sync = events.find((e) => e.subject === 'Product Engineering weekly sync');
    expect(sync?.attendees).toHaveLength(4);
    const allDay = events.find((e) => e.isAllDay);
    expect(allDay).toMatchObject({
      showAs: 'oof',
      start: { dateTime: expect.stringMatching(/T00:00:00\.0000000$/) as unknown },
    });
    const room = events.find((e) => e.subject === 'Design review (in person)');
    expect(room?.attendees?.find((a) => a.type === 'resource')?.emailAddress?.address).toBe(
      'rainier@candor-demo.example',
    );
    expect(room?.isOnlineMeeting).toBe(false);
    expect(room?.locations?.[0]).toMatchObject({
      locationType: 'conferenceRoom',
      locationEmailAddress: 'rainier@candor-demo.example',
    });
    const lynnes = events.find((e) => e.subject === 'Lynne <> Megan 1:1');
    expect(lynnes?.organizer?.emailAddress?.address).toBe('lynne@candor-demo.example');
  });

  test('an occurrence id handed out by calendarView can be read back, and so can its series master', async () => {
    const event = (await calendarView(megan, now, new Date(now.getTime() + 60_000))).find(
      (e) => e.subject === 'Megan / Adele 1:1',
    );
    const again = (await client.api(`/users/${megan}/events/${encodeURIComponent(event?.id ?? '')}`).get()) as Event;
    expect(again.id).toBe(event?.id);
    const master = (await client
      .api(`/users/${megan}/events/${encodeURIComponent(event?.seriesMasterId ?? '')}`)
      .get()) as Event;
    expect(master).toMatchObject({ type: 'seriesMaster', recurrence: { pattern: { type: 'weekly', interval: 1 } } });
    const missing = await graphError(client.api(`/users/${megan}/events/AAMkAnope=`).get());
    expect({ status: missing.statusCode, code: missing.code }).toEqual({ status: 404, code: 'ErrorItemNotFound' });
  });
});
