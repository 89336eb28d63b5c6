import { apiPaths, boardViewSchema, saveRecapResponseSchema } from '@candor/functions/contract';
import { meetingChatIdFromJoinUrl } from '@candor/functions/domain/calendar';
import { DEMO_DOMAIN, DEMO_USER_IDS, demoTenantSeed } from '@candor/local/simulator/demoTenant';
import type { SeedUser } from '@candor/local/simulator/index';
import { startLocalStack, type LocalStack } from '@candor/local/stack';
import { callApi } from '../../support/api';

/*
 * A 1:1 an assistant booked for the pair from their own calendar, opened in the meeting's side panel before any
 * scan saw it (no status requests for it, or the scan has not run yet). The assistant is in the meeting's chat, so
 * the saved recap stays out of it; the pair still get their recap email.
 */
jest.setTimeout(90_000);

const { megan, adele } = DEMO_USER_IDS;
const assistant: SeedUser = {
  id: 'a5515700-0000-4000-8000-0000000000a1',
  displayName: 'Isaiah Langer',
  givenName: 'Isaiah',
  surname: 'Langer',
  userPrincipalName: `isaiah@${DEMO_DOMAIN}`,
  mail: `isaiah@${DEMO_DOMAIN}`,
  jobTitle: 'Executive Assistant',
  timeZone: 'W. Europe Standard Time',
};

const demo = demoTenantSeed(new Date());
/** Megan and Adele's 1:1, in progress now, as Isaiah booked it: he organised it and only the pair attend. */
const booked = demo.meetings.map((m) =>
  m.key === '1on1-megan-adele'
    ? {
        ...m,
        organizerId: assistant.id,
        attendees: [
          { userId: megan, type: 'required' as const, response: 'accepted' as const },
          { userId: adele, type: 'required' as const, response: 'accepted' as const },
        ],
      }
    : m,
);
const chatId = meetingChatIdFromJoinUrl(booked.find((m) => m.key === '1on1-megan-adele')?.teamsJoinUrl ?? null);

let stack: LocalStack;
beforeAll(async () => {
  stack = await startLocalStack({ seed: { ...demo, users: [...demo.users, assistant], meetings: booked } });
}, 90_000);
afterAll(async () => {
  await stack?.stop();
});

it('keeps the recap of an assistant-booked 1:1 opened in the side panel out of its chat, and emails it', async () => {
  if (!chatId) throw new Error('a Teams 1:1 has a chat');
  const token = await stack.simulator.mintAccessToken(megan);
  const opened = await callApi(stack, 'GET', apiPaths.meetingBoard(chatId), { token });
  expect(opened.status).toBe(200);
  const board = boardViewSchema.parse(opened.body);
  expect(board.ref).toMatchObject({ managerId: megan, reportId: adele });

  const recap = {
    lines: [
      { text: 'The importer shipped', tags: ['learning'] },
      { text: 'Review waits on legal; Adele needs a reviewer', tags: ['blocker', 'supportNeed'] },
    ],
  };
  const saved = await callApi(stack, 'PUT', apiPaths.recap(board.ref), { token, body: recap });
  expect(saved).toMatchObject({ status: 200 });
  expect(saveRecapResponseSchema.parse(saved.body).mail).toBe('sent');

  const posts = stack.simulator.bot.connectorLog().filter((e) => e.conversationId === chatId && e.method === 'POST');
  expect(posts.map((e) => e.status)).toEqual([]);
  const recipients = stack.simulator
    .outbox()
    .flatMap((m) => m.message.toRecipients?.map((r) => r.emailAddress?.address) ?? []);
  expect(recipients).toEqual(expect.arrayContaining([`adele@${DEMO_DOMAIN}`]));
});
