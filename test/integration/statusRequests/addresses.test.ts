import { InvocationContext } from '@azure/functions';
import type { SeedMeeting, SeedUser, SentMail } from '@candor/local/simulator/index';
import { startAzurite, type AzuriteHandle } from '@candor/local/azurite';
import { generatedTenantSeed } from '@candor/local/simulator/generatedTenant';
import { guidFrom } from '@candor/local/simulator/ids';
import type { RecapLine } from '@candor/functions/contract';
import { meetingChatIdFromJoinUrl } from '@candor/functions/domain/calendar';
import { occurrenceIdFor } from '@candor/functions/domain/occurrences';
import { postRecapToMeetingChatSafely } from '@candor/functions/application/recapChat';
import { startScanHarness, testClock, type ScanHarness } from '../../support/scanHarness';

/*
 * The real scan against a directory whose people are named in invitations by more than their primary address: an
 * alias from before a domain move, an X.500 organizer, and a 1:1 an assistant booked for the pair from their own
 * calendar. Each is still the pair's 1:1 and gets its status request; the assistant-booked one's recap stays out of
 * its meeting chat, where the assistant is.
 */
jest.setTimeout(90_000);

const MONDAY = new Date('2026-11-23T06:00:00.000Z');
const TENANT_ID = '5ca70000-0000-4000-8000-00000000add5';
const X500 = '/o=ExchangeLabs/ou=Exchange Administrative Group (FYDIBOHF23SPDLT)/cn=Recipients/cn=5d1e4a0c9b-m0r1';

let azurite: AzuriteHandle;
let harness: ScanHarness;
const generated = generatedTenantSeed({
  managers: 1,
  reportsPerManager: 3,
  otherMeetingsPerWeek: 0,
  now: MONDAY,
  tenantId: TENANT_ID,
});
const [managerId] = generated.managerIds as [string];
const [r0, r1, r2] = generated.reportIdsOf(0) as [string, string, string];
const assistant: SeedUser = {
  id: guidFrom(`${TENANT_ID}:assistant`),
  displayName: 'Isaiah Langer',
  givenName: 'Isaiah',
  surname: 'Langer',
  userPrincipalName: 'isaiah@generated.example',
  mail: 'isaiah@generated.example',
  timeZone: 'UTC',
};

/** The 1:1 with report j, moved to Monday (its first occurrence a week before) at `hour` UTC. */
function mondayAt(j: number, hour: number, change: Partial<SeedMeeting>): SeedMeeting {
  const meeting = generated.seed.meetings.find((m) => m.key === generated.oneOnOneKey(0, j));
  if (!meeting?.recurrence) throw new Error('no such 1:1');
  const hh = String(hour).padStart(2, '0');
  return {
    ...meeting,
    start: { dateTime: `2026-11-16T${hh}:00:00.0000000`, timeZone: 'UTC' },
    end: { dateTime: `2026-11-16T${hh}:30:00.0000000`, timeZone: 'UTC' },
    recurrence: { ...meeting.recurrence, pattern: { ...meeting.recurrence.pattern, daysOfWeek: ['monday'] } },
    ...change,
  };
}

const aliasInvited = mondayAt(0, 9, {
  organizerId: managerId,
  attendees: [{ userId: r0, type: 'required', response: 'accepted', address: 'M0R0.Old@legacy.example' }],
});
const x500Organized = mondayAt(1, 10, {
  organizerId: r1,
  organizerAddress: X500.toUpperCase(),
  attendees: [{ userId: managerId, type: 'required', response: 'accepted' }],
});
const assistantBooked = mondayAt(2, 11, {
  organizerId: assistant.id,
  attendees: [
    { userId: managerId, type: 'required', response: 'accepted' },
    { userId: r2, type: 'required', response: 'accepted' },
  ],
});

const seed = {
  ...generated.seed,
  users: [
    ...generated.seed.users.map((u) =>
      u.id === r0
        ? { ...u, proxyAddresses: ['smtp:m0r0.old@legacy.example'] }
        : u.id === r1
          ? { ...u, proxyAddresses: [`X500:${X500}`] }
          : u,
    ),
    assistant,
  ],
  meetings: [aliasInvited, x500Organized, assistantBooked],
};

const recipientsOf = (mails: SentMail[]): string[] =>
  mails.map((m) => m.message.toRecipients?.[0]?.emailAddress?.address ?? '').sort();

beforeAll(async () => {
  azurite = await startAzurite();
  harness = await startScanHarness({
    azurite,
    seed,
    clock: testClock(MONDAY),
    env: { STATUS_ENROLLED_MANAGERS: managerId, STATUS_SERVICE_MAILBOX: generated.serviceMailboxId },
  });
});
afterAll(async () => {
  await harness?.close();
  await azurite?.stop();
});

it('sends the request of an alias-addressed, an X.500-organized and an assistant-booked 1:1, each once', async () => {
  const report = await harness.scan();
  expect(report).toMatchObject({ managers: 1, due: 3, sent: 3 });
  expect(recipientsOf(harness.simulator.outbox())).toEqual([
    'm0r0@generated.example',
    'm0r1@generated.example',
    'm0r2@generated.example',
  ]);
});

it('looked up the one address the directory read lacked, through $batch, and keeps the answer', async () => {
  const lookups = harness.simulator.requestLog().filter((r) => r.method === 'GET' && r.path === '/v1.0/users');
  expect(lookups).toHaveLength(1);
  expect(lookups[0]).toMatchObject({ batched: true, status: 200 });
  expect(lookups[0]?.query).toContain("proxyAddresses/any(x:x eq 'smtp:isaiah@generated.example')");

  harness.simulator.clearRequestLog();
  expect((await harness.scan()).sent).toBe(0);
  expect(harness.simulator.requestLog().filter((r) => r.path === '/v1.0/users')).toHaveLength(0);
});

it("keeps the assistant-booked 1:1's recap out of its meeting chat, and posts the others'", async () => {
  const posted: string[] = [];
  const services = {
    meetingChats: harness.services.meetingChats,
    clock: () => MONDAY,
    bot: {
      handle: () => Promise.resolve({ status: 401, body: {} }),
      sendCard: (chatId: string) => {
        posted.push(chatId);
        return Promise.resolve(`activity-${posted.length}`);
      },
    },
  };
  const lines: [RecapLine, RecapLine] = [
    { text: 'Shipped the importer', tags: ['learning'] },
    { text: 'Needs a reviewer', tags: ['supportNeed'] },
  ];
  const recap = { lines, savedBy: managerId, savedAt: '2026-11-23T12:00:00.000Z' };
  const context = new InvocationContext({ functionName: 'saveRecap', logHandler: () => undefined });
  const chats: string[] = [];
  for (const [meeting, reportId, hour] of [
    [aliasInvited, r0, '09'],
    [assistantBooked, r2, '11'],
  ] as const) {
    const chatId = meetingChatIdFromJoinUrl(meeting.teamsJoinUrl ?? null);
    if (!chatId) throw new Error('a Teams 1:1 has a chat');
    chats.push(chatId);
    const key = {
      tenantId: TENANT_ID,
      managerId,
      reportId,
      occurrenceId: occurrenceIdFor(`2026-11-23T${hour}:00:00Z`, chatId),
    };
    // As the meeting board route records the chat when the board is opened from it.
    await harness.services.meetingChats.remember(key, chatId);
    await postRecapToMeetingChatSafely(services, key, recap, context);
  }
  expect(posted).toEqual([chats[0]]);
});
