import type { Client, GraphError } from '@microsoft/microsoft-graph-client';
import type { Event, User } from '@microsoft/microsoft-graph-types';
import type { Simulator } from './index';
import { API_CLIENT_ID } from './demoTenant';
import { generatedTenantSeed } from './generatedTenant';
import { appGraphToken, graphClient, startTestSimulator, userGraphToken } from './testKit';

/*
 * People named by more than their primary address, as Entra and Exchange show them: proxyAddresses (returned only
 * when selected, filterable with any/eq), invitations addressed to an alias, and an organizer that attendees'
 * copies show by a legacy Exchange (X.500) DN.
 */
const NOW = new Date('2026-11-23T06:00:00.000Z');
const X500 = '/o=ExchangeLabs/ou=Exchange Administrative Group (FYDIBOHF23SPDLT)/cn=Recipients/cn=77ab-m0r0';
const tenant = generatedTenantSeed({ managers: 1, reportsPerManager: 1, otherMeetingsPerWeek: 0, now: NOW });
const [managerId] = tenant.managerIds as [string];
const [reportId] = tenant.reportIdsOf(0) as [string];
const oneOnOne = tenant.seed.meetings[0];
if (!oneOnOne) throw new Error('the generated tenant has a 1:1');

let sim: Simulator;
let client: Client;
beforeAll(async () => {
  sim = await startTestSimulator({
    now: () => NOW,
    seed: {
      ...tenant.seed,
      users: tenant.seed.users.map((u) =>
        u.id === reportId ? { ...u, proxyAddresses: ['smtp:m0r0.old@legacy.example', `X500:${X500}`] } : u,
      ),
      // The report organizes it (resolved from the address book: attendees see the X.500 DN) and invites the
      // manager by mail, and themselves under an alias.
      meetings: [
        {
          ...oneOnOne,
          organizerId: reportId,
          organizerAddress: X500.toUpperCase(),
          attendees: [{ userId: managerId, type: 'required', response: 'accepted', address: 'M0@generated.example' }],
        },
      ],
    },
  });
  const token = await appGraphToken(sim, API_CLIENT_ID);
  client = graphClient(sim, () => Promise.resolve(token));
});
afterAll(() => sim.close());

it('returns proxyAddresses only when selected, the primary SMTP first', async () => {
  const plain = (await client.api(`/users/${reportId}`).get()) as User;
  expect(plain.proxyAddresses).toBeUndefined();
  const selected = (await client.api(`/users/${reportId}`).select(['id', 'proxyAddresses']).get()) as User;
  expect(selected.proxyAddresses).toEqual([
    'SMTP:m0r0@generated.example',
    'smtp:m0r0.old@legacy.example',
    `X500:${X500}`,
  ]);
});

it('finds users by a proxy address, in any letter case, and refuses filters it does not know', async () => {
  const find = async (filter: string) =>
    ((await client.api('/users').filter(filter).select(['id']).get()) as { value: User[] }).value.map((u) => u.id);
  expect(await find("proxyAddresses/any(x:x eq 'SMTP:M0R0.OLD@legacy.example')")).toEqual([reportId]);
  expect(await find("proxyAddresses/any(p:p eq 'smtp:m0r0@generated.example')")).toEqual([reportId]);
  expect(await find(`proxyAddresses/any(x:x eq 'x500:${X500.toUpperCase()}')`)).toEqual([reportId]);
  expect(await find("proxyAddresses/any(x:x eq 'smtp:nobody@legacy.example')")).toEqual([]);
  const refused = await client
    .api('/users')
    .filter("endsWith(mail,'@legacy.example')")
    .get()
    .then(
      () => null,
      (error: GraphError) => error,
    );
  expect(refused?.statusCode).toBe(400);
});

it("shows the organizer by X.500 DN in attendees' copies, by mail in the organizer's own, and the alias everywhere", async () => {
  const view = async (userId: string) =>
    (
      (await client
        .api(`/users/${userId}/calendarView`)
        .query({
          startDateTime: NOW.toISOString(),
          endDateTime: new Date(NOW.getTime() + 7 * 86_400_000).toISOString(),
        })
        .get()) as { value: Event[] }
    ).value[0];
  const managerCopy = await view(managerId);
  const reportCopy = await view(reportId);
  expect(managerCopy?.organizer?.emailAddress?.address).toBe(X500.toUpperCase());
  expect(managerCopy?.responseStatus?.response).toBe('accepted');
  expect(reportCopy?.organizer?.emailAddress?.address).toBe('m0r0@generated.example');
  expect(reportCopy?.responseStatus?.response).toBe('organizer');
  for (const copy of [managerCopy, reportCopy]) {
    expect(copy?.attendees?.map((a) => a.emailAddress?.address)).toEqual(['M0@generated.example']);
  }
});

it('keeps proxyAddresses from a delegated caller with only User.ReadBasic.All, as the basic profile does', async () => {
  const token = await userGraphToken(sim, API_CLIENT_ID, managerId);
  const delegated = graphClient(sim, () => Promise.resolve(token));
  const other = (await delegated.api(`/users/${reportId}`).select(['id', 'mail', 'proxyAddresses']).get()) as User;
  expect(other).toMatchObject({ id: reportId, mail: 'm0r0@generated.example' });
  expect(other.proxyAddresses).toBeUndefined();
  const found = (await delegated
    .api('/users')
    .filter("proxyAddresses/any(x:x eq 'smtp:m0r0.old@legacy.example')")
    .get()) as { value: User[] };
  expect(found.value).toEqual([]);
});
