import { InvocationContext } from '@azure/functions';
import { postRecapToMeetingChatSafely } from '@candor/functions/application/recapChat';
import type { CandorBot } from '@candor/functions/bot/candorBot';
import type { BoardRecap } from '@candor/functions/domain/board';
import { boardOccurrenceIdOf } from '@candor/functions/domain/seriesIdentity';
import { startAzurite, type AzuriteHandle } from '@candor/local/azurite';
import { DEMO_TENANT_ID, DEMO_USER_IDS, demoMeetings, demoTenantSeed } from '@candor/local/simulator/demoTenant';
import { startScanHarness, testClock, type ScanHarness } from '../../support/scanHarness';

/*
 * The recap card of a meeting whose chat was never recorded (nobody opened Candor in it, or recording failed):
 * a short join link names no chat, so the chat is looked up as Graph states it — the organizer's online meeting
 * by its join link (`chatInfo.threadId`, app-only under the tenant's application access policy) — then recorded.
 */
jest.setTimeout(90_000);

const NOW = new Date('2026-11-26T12:00:00.000Z');
const { patti, megan } = DEMO_USER_IDS;
const shortLinked = demoMeetings(NOW).find((m) => m.managerId === patti && m.reportId === megan)!;
const recap: BoardRecap = {
  lines: [
    { text: 'Roadmap agreed', tags: ['learning'] },
    { text: 'Megan books the review', tags: ['supportNeed'] },
  ],
  savedBy: patti,
  savedAt: NOW.toISOString(),
};

let azurite: AzuriteHandle;
let harness: ScanHarness;
beforeAll(async () => {
  azurite = await startAzurite();
  harness = await startScanHarness({ azurite, seed: demoTenantSeed(NOW), clock: testClock(NOW) });
});
afterAll(async () => {
  await harness?.close();
  await azurite?.stop();
});

it('finds the chat of a short-link meeting through the organizer’s online meeting, posts there and records it', async () => {
  const events = await harness.services.calendar.eventsBetween(patti, NOW, new Date(NOW.getTime() + 86_400_000));
  const event = events.find((e) => e.subject === shortLinked.subject);
  expect(event?.joinUrl).toMatch(/\/meet\//);
  const key = {
    tenantId: DEMO_TENANT_ID,
    managerId: patti,
    reportId: megan,
    occurrenceId: boardOccurrenceIdOf(event!),
  };
  const posted: string[] = [];
  const bot = {
    sendCard: (conversationId: string) => {
      posted.push(conversationId);
      return Promise.resolve('activity-1');
    },
  } as unknown as CandorBot;

  await postRecapToMeetingChatSafely(
    { ...harness.services, bot },
    key,
    recap,
    new InvocationContext({ functionName: 'saveRecap' }),
  );
  expect(posted).toEqual([shortLinked.chatId]);
  expect(await harness.services.meetingChats.chatOf(key)).toBe(shortLinked.chatId);
  expect(harness.simulator.requestLog().some((r) => /\/onlineMeetings$/.test(r.path) && r.status === 200)).toBe(true);
});
