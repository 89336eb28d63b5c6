import type { Client, GraphError } from '@microsoft/microsoft-graph-client';
import type { Simulator } from './index';
import { API_CLIENT_ID, DEMO_USER_IDS, demoTenantSeed } from './demoTenant';
import { appGraphToken, graphClient, startTestSimulator } from './testKit';

const { adele, megan } = DEMO_USER_IDS;
let sim: Simulator;
let client: Client;

beforeAll(async () => {
  const seed = demoTenantSeed(new Date());
  seed.users = seed.users.map((u) => (u.id === adele ? { ...u, mailboxUnreachable: true } : u));
  sim = await startTestSimulator({ seed });
  const token = await appGraphToken(sim, API_CLIENT_ID);
  client = graphClient(sim, () => Promise.resolve(token));
});
afterAll(() => sim.close());

const failureOf = (call: Promise<unknown>): Promise<GraphError | null> =>
  call.then(
    () => null,
    (error: GraphError) => error,
  );

describe('a mailbox Graph cannot reach (on-premises, inactive or unlicensed)', () => {
  const window = {
    startDateTime: new Date().toISOString(),
    endDateTime: new Date(Date.now() + 86_400_000).toISOString(),
  };

  it.each([
    ['calendarView', () => client.api(`/users/${adele}/calendarView`).query(window).get()],
    ['mailboxSettings', () => client.api(`/users/${adele}/mailboxSettings`).get()],
    ['mailboxSettings/timeZone', () => client.api(`/users/${adele}/mailboxSettings/timeZone`).get()],
    [
      'sendMail',
      () =>
        client.api(`/users/${adele}/sendMail`).post({
          message: { subject: 'x', body: { contentType: 'text', content: 'x' }, toRecipients: [] },
        }),
    ],
  ])('%s answers 404 MailboxNotEnabledForRESTAPI', async (_name, call) => {
    const error = await failureOf(call());
    expect(error?.statusCode).toBe(404);
    expect(error?.code).toBe('MailboxNotEnabledForRESTAPI');
    expect(error?.message).toBe('The mailbox is either inactive, soft-deleted, or is hosted on-premise.');
  });

  it('the directory still knows the person, and other mailboxes answer as before', async () => {
    expect(await client.api(`/users/${adele}`).get()).toMatchObject({ id: adele });
    expect(await client.api(`/users/${megan}/calendarView`).query(window).get()).toHaveProperty('value');
  });
});
