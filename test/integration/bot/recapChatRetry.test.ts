import { boardViewSchema, apiPaths } from '@candor/functions/contract';
import { DEMO_USER_IDS, demoMeetings } from '@candor/local/simulator/demoTenant';
import { startLocalStack, type LocalStack } from '@candor/local/stack';
import { callApi } from '../../support/api';

/*
 * The recap card in the meeting chat goes through the one exactly-once sender: a post the Bot Connector refused
 * before anything was posted (429/503) is tried again, and the card lands once. Counted on the Bot Connector's own
 * log: accepted POSTs into the meeting's chat.
 */
jest.setTimeout(90_000);

let stack: LocalStack;
const meetings = demoMeetings(new Date()).filter((m) => m.managerId === DEMO_USER_IDS.megan);
const recap = {
  lines: [
    { text: 'Legal review blocks the export; Megan asks legal today', tags: ['blocker', 'supportNeed'] },
    { text: 'Pairing on the parser worked well', tags: ['learning'] },
  ],
};

beforeAll(async () => {
  stack = await startLocalStack();
}, 90_000);

afterAll(async () => {
  await stack?.stop();
});

const postsTo = (chatId: string, status?: number) =>
  stack.simulator.bot
    .connectorLog()
    .filter((e) => e.conversationId === chatId && e.method === 'POST' && (status === undefined || e.status === status));

async function saveRecap(chatId: string): Promise<void> {
  const megan = await stack.simulator.mintAccessToken(DEMO_USER_IDS.megan);
  const board = boardViewSchema.parse(
    (await callApi(stack, 'GET', apiPaths.meetingBoard(chatId), { token: megan })).body,
  );
  expect((await callApi(stack, 'PUT', apiPaths.recap(board.ref), { token: megan, body: recap })).status).toBe(200);
}

describe('the recap card when the Bot Connector refuses a post', () => {
  it('tries again within the save and posts the card once', async () => {
    const chatId = meetings[0]!.chatId;
    stack.simulator.faults.add({
      target: 'bot',
      kind: 'status',
      status: 503,
      method: 'POST',
      pathPattern: '/activities$',
      times: 1,
    });
    await saveRecap(chatId);
    expect(postsTo(chatId).map((e) => e.status)).toEqual([503, 200]);
    await saveRecap(chatId);
    expect(postsTo(chatId, 200)).toHaveLength(1);
  });

  it('keeps the claim open when every try of a save is refused, and the next save posts the card once', async () => {
    const chatId = meetings[1]!.chatId;
    stack.simulator.faults.add({
      target: 'bot',
      kind: 'status',
      status: 429,
      retryAfterSeconds: 0,
      method: 'POST',
      pathPattern: '/activities$',
      times: 3,
    });
    await saveRecap(chatId);
    expect(postsTo(chatId, 200)).toHaveLength(0);
    expect(postsTo(chatId).length).toBeGreaterThan(0);
    await saveRecap(chatId);
    expect(postsTo(chatId, 200)).toHaveLength(1);
    await saveRecap(chatId);
    expect(postsTo(chatId, 200)).toHaveLength(1);
  });
});
