import type { Client, GraphError } from '@microsoft/microsoft-graph-client';
import type { Simulator } from './index';
import { API_CLIENT_ID, DEMO_USER_IDS } from './demoTenant';
import { appGraphToken, graphClient, startTestSimulator } from './testKit';

/*
 * Exchange's transport as Sent Items shows it: a sent message is saved there a little after sendMail answers, and
 * a mailbox over the message rate limit (30 a minute) keeps what it sends beyond it in its Outbox and lets it leave
 * a minute later. The simulator's clock is the test's.
 */

const { megan } = DEMO_USER_IDS;
const PROPERTY_ID = 'String {66f5a359-4659-4830-9070-00047ec6ac6e} Name CandorSendId';
const START = Date.parse('2026-11-23T06:00:00.000Z');

let sim: Simulator;
let client: Client;
let now = START;

beforeAll(async () => {
  sim = await startTestSimulator({ now: () => new Date(now) });
  const token = await appGraphToken(sim, API_CLIENT_ID);
  client = graphClient(sim, () => Promise.resolve(token));
});
afterAll(() => sim.close());
afterEach(() => {
  sim.clearOutbox();
  sim.mail.sentItemsDelaySeconds = 0;
  now += 3_600_000;
});

const send = (sendId: string) =>
  client.api(`/users/${megan}/sendMail`).post({
    message: {
      subject: 'Your 1:1 notes',
      body: { contentType: 'html', content: '<p>Notes</p>' },
      toRecipients: [{ emailAddress: { address: 'adele@candor-demo.example' } }],
      singleValueExtendedProperties: [{ id: PROPERTY_ID, value: sendId }],
    },
  }) as Promise<unknown>;

const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
const claimFilter = (sendId: string) =>
  `singleValueExtendedProperties/any(ep: ep/id eq '${PROPERTY_ID}' and ep/value eq '${sendId}')`;

async function sentItems(filter: string): Promise<Array<{ id: string; sentDateTime?: string }>> {
  const page = (await client
    .api(`/users/${megan}/mailFolders/SentItems/messages`)
    .filter(filter)
    .select('id,sentDateTime')
    .get()) as { value: Array<{ id: string; sentDateTime?: string }> };
  return page.value;
}

describe('Sent Items lags the send', () => {
  it('a sent message appears in Sent Items only the configured delay after sendMail answered', async () => {
    sim.mail.sentItemsDelaySeconds = 90;
    await send('late-1');
    expect(sim.outbox()).toHaveLength(1);
    expect(await sentItems(claimFilter('late-1'))).toHaveLength(0);
    now += 89_000;
    expect(await sentItems(claimFilter('late-1'))).toHaveLength(0);
    now += 1_000;
    expect(await sentItems(claimFilter('late-1'))).toHaveLength(1);
  });
});

describe('the sentDateTime filter', () => {
  it('combines with the extended-property lambda: only a message sent inside the range matches', async () => {
    const sentAt = now;
    await send('window-1');
    const inside = `sentDateTime ge ${iso(sentAt - 60_000)} and sentDateTime le ${iso(sentAt + 60_000)}`;
    const before = `sentDateTime ge ${iso(sentAt + 1_000)} and sentDateTime le ${iso(sentAt + 60_000)}`;
    expect(await sentItems(`${inside} and ${claimFilter('window-1')}`)).toEqual([
      expect.objectContaining({ sentDateTime: iso(sentAt) }),
    ]);
    expect(await sentItems(`${before} and ${claimFilter('window-1')}`)).toHaveLength(0);
  });

  it('a quoted date is a string, and Graph refuses to compare it with a DateTimeOffset', async () => {
    const error = (await sentItems(`sentDateTime ge '${iso(now)}'`).catch((e: unknown) => e)) as GraphError;
    expect(error.statusCode).toBe(400);
    expect(error.message).toMatch(/incompatible types/);
  });
});

describe('the message rate limit (30 a minute per mailbox)', () => {
  it('what a mailbox sends beyond it is accepted but waits in the Outbox and leaves, and reaches Sent Items, a minute later', async () => {
    const first = now;
    for (let i = 0; i < 31; i++) await send(`burst-${i}`);
    expect(sim.outbox()).toHaveLength(31);
    expect(sim.mail.heldInOutbox()).toBe(1);
    expect(await sentItems(claimFilter('burst-30'))).toHaveLength(0);
    now = first + 60_000;
    expect(await sentItems(claimFilter('burst-30'))).toEqual([
      expect.objectContaining({ sentDateTime: iso(first + 60_000) }),
    ]);
  });

  it('30 a minute, paced, never wait', async () => {
    const held = sim.mail.heldInOutbox();
    for (let minute = 0; minute < 3; minute++) {
      for (let i = 0; i < 30; i++) await send(`paced-${minute}-${i}`);
      now += 60_000;
    }
    expect(sim.mail.heldInOutbox()).toBe(held);
  });
});
