import { ResponseType, type Client } from '@microsoft/microsoft-graph-client';
import { calendarEventsOf } from '@candor/functions/graph/calendarGateway';
import type { Simulator } from '@candor/local/simulator/index';
import { API_CLIENT_ID, DEMO_USER_IDS } from '@candor/local/simulator/demoTenant';
import { appGraphToken, graphClient, startTestSimulator } from '@candor/local/simulator/testKit';

/*
 * The calendar readers against the simulator's own rendering: the same week read in UTC and in named zones
 * (Windows and IANA names, as Graph writes them when asked for a zone, or for events kept in their own zone) must
 * give the same events at the same UTC times. Two independent wall-clock implementations checking each other,
 * across Berlin's and Los Angeles' daylight-saving changes in March (the clock sits mid-March).
 */
let sim: Simulator;
let client: Client;
const now = new Date('2026-03-18T10:10:00.000Z');

beforeAll(async () => {
  sim = await startTestSimulator({ now: () => now });
  const token = await appGraphToken(sim, API_CLIENT_ID);
  client = graphClient(sim, () => Promise.resolve(token));
});
afterAll(() => sim.close());

async function weekIn(zone: string) {
  const from = new Date(now.getTime() - 21 * 86_400_000);
  const to = new Date(now.getTime() + 21 * 86_400_000);
  const response = (await client
    .api(`/users/${DEMO_USER_IDS.megan}/calendarView`)
    .query({ startDateTime: from.toISOString(), endDateTime: to.toISOString(), $top: '500' })
    .header('Prefer', `outlook.timezone="${zone}"`)
    .responseType(ResponseType.RAW)
    .get()) as Response;
  const body = (await response.json()) as { value: Array<{ start?: { timeZone?: string } }> };
  return body.value;
}

describe('calendar events answered in a named zone', () => {
  it('are kept, at the same UTC times as when Graph answers in UTC', async () => {
    const inUtc = calendarEventsOf(await weekIn('UTC'));
    expect(inUtc.length).toBeGreaterThan(5);
    const times = (events: typeof inUtc) =>
      events.filter((e) => !e.isAllDay).map((e) => [e.subject, e.startUtc, e.endUtc]);
    for (const zone of ['W. Europe Standard Time', 'Pacific Standard Time', 'Asia/Kolkata', 'America/New_York']) {
      const raw = await weekIn(zone);
      expect(raw.every((e) => e.start?.timeZone === zone)).toBe(true);
      expect(times(calendarEventsOf(raw))).toEqual(times(inUtc));
    }
  });
});
