import {
  boardViewSchema,
  apiPaths,
  channelApiPaths,
  statusChannelViewSchema,
  statusApiPaths,
  statusUpdateViewSchema,
} from '@candor/functions/contract';
import { STATUS_CARD_VERBS } from '@candor/functions/domain/statusCardActions';
import { createTableStatusRequestClaimStore } from '@candor/functions/store/statusRequestClaimStore';
import { createTableClientFactory } from '@candor/functions/store/tables';
import { API_CLIENT_ID, DEMO_USER_IDS, demoMeetings } from '@candor/local/simulator/demoTenant';
import { cardActionActivity, messageActivity, type ConnectorEntry } from '@candor/local/simulator/botFramework';
import { personalChatId } from '@candor/local/simulator/graphTeamwork';
import { startLocalStack, type LocalStack } from '@candor/local/stack';
import { callApi } from '../../support/api';

/*
 * Status by chat through the local stack: the real Teams SDK in the functions, the simulator's Bot
 * Framework (signed activities in, a Bot Connector out) and Graph's app installation, Table Storage in Azurite.
 * Diego chooses chat, Alex both; the scan sends Diego a card and no email, Alex one of each; Diego answers the
 * card in place and Megan sees "received".
 */
jest.setTimeout(90_000);

let stack: LocalStack;
let clock = Date.now();
const now = (): Date => new Date(clock);
const diegoMeeting = demoMeetings(new Date()).find((m) => m.reportId === DEMO_USER_IDS.diego)!;
const diegoChat = personalChatId(DEMO_USER_IDS.diego, API_CLIENT_ID);
const alexChat = personalChatId(DEMO_USER_IDS.alex, API_CLIENT_ID);

const endpoint = (): string => `${stack.apiBaseUrl}/messages`;
const actor = (userId: string, conversationId: string) => ({
  userId,
  tenantId: stack.simulator.tenantId,
  botAppId: API_CLIENT_ID,
  conversationId,
});
const cardsTo = (log: ConnectorEntry[], conversationId: string) =>
  log.filter((e) => e.conversationId === conversationId && e.method === 'POST' && e.status === 200);
const mailsTo = (prefix: string) =>
  stack.simulator.outbox().filter((m) => m.message.toRecipients?.[0]?.emailAddress?.address?.startsWith(prefix));

interface CardJson {
  body: Array<{ type: string; text?: string; id?: string }>;
  actions?: Array<{ type: string; verb?: string; data?: Record<string, unknown>; url?: string }>;
}
function cardOf(activity: Record<string, unknown>): CardJson {
  const attachments = activity.attachments as Array<{ contentType: string; content: CardJson }>;
  const card = attachments.find((a) => a.contentType === 'application/vnd.microsoft.card.adaptive');
  if (!card) throw new Error('no adaptive card in the activity');
  return card.content;
}
const texts = (card: CardJson): string => card.body.map((b) => b.text ?? '').join(' | ');

beforeAll(async () => {
  stack = await startLocalStack({ now });
  const diego = await stack.simulator.mintAccessToken(DEMO_USER_IDS.diego);
  const alex = await stack.simulator.mintAccessToken(DEMO_USER_IDS.alex);
  expect(
    (await callApi(stack, 'PUT', channelApiPaths.statusChannel(), { token: diego, body: { channel: 'chat' } })).status,
  ).toBe(200);
  expect(
    (await callApi(stack, 'PUT', channelApiPaths.statusChannel(), { token: alex, body: { channel: 'both' } })).status,
  ).toBe(200);
}, 90_000);

afterAll(async () => {
  await stack?.stop();
});

describe('the channel choice', () => {
  it('is email until chosen, and each person reads and writes only their own', async () => {
    const lynne = await stack.simulator.mintAccessToken(DEMO_USER_IDS.lynne);
    const fresh = await callApi(stack, 'GET', channelApiPaths.statusChannel(), { token: lynne });
    expect(statusChannelViewSchema.parse(fresh.body)).toEqual({
      channel: 'email',
      chosen: false,
      chatAvailable: true,
      chatUnavailable: null,
    });
    const diego = await stack.simulator.mintAccessToken(DEMO_USER_IDS.diego);
    expect(
      statusChannelViewSchema.parse(
        (await callApi(stack, 'GET', channelApiPaths.statusChannel(), { token: diego })).body,
      ),
    ).toMatchObject({ channel: 'chat', chosen: true });
    const bad = await callApi(stack, 'PUT', channelApiPaths.statusChannel(), {
      token: lynne,
      body: { channel: 'pigeon' },
    });
    expect(bad.status).toBe(400);
    expect((await callApi(stack, 'GET', channelApiPaths.statusChannel())).status).toBe(401);
  });
});

describe('the pre-meeting scan by chat', () => {
  it('sends Diego a card and no email, Alex a card and an email, each once under repeated and overlapping scans', async () => {
    const before = { diego: mailsTo('diego@').length, alex: mailsTo('alex@').length };
    await Promise.all([stack.functions.runTimer('preMeetingScan'), stack.functions.runTimer('preMeetingScan')]);
    await stack.functions.runTimer('preMeetingScan');
    const log = stack.simulator.bot.connectorLog();
    // Diego has two 1:1s with Megan today (the moved weekly one and an in-person one): one card each.
    const diegoCards = cardsTo(log, diegoChat);
    expect(diegoCards.length).toBeGreaterThanOrEqual(1);
    expect(new Set(diegoCards.map((c) => JSON.stringify(cardOf(c.activity).actions?.[0]?.data))).size).toBe(
      diegoCards.length,
    );
    expect(mailsTo('diego@').length - before.diego).toBe(0);
    const alexCards = cardsTo(log, alexChat);
    expect(alexCards).toHaveLength(1);
    expect(mailsTo('alex@').length - before.alex).toBe(1);
  });

  it("puts the time in the report's zone, why status goes in writing, four inputs, Action.Execute and the form link on the card", () => {
    const card = cardOf(cardsTo(stack.simulator.bot.connectorLog(), diegoChat)[0]!.activity);
    expect(texts(card)).toMatch(/Your 1:1 with Megan Bowen: /);
    expect(texts(card)).toMatch(/in writing/);
    expect(card.body.filter((b) => b.type === 'Input.Text').map((b) => b.id)).toEqual([
      'finished',
      'inProgress',
      'blocked',
      'fyi',
    ]);
    expect(card.actions?.[0]).toMatchObject({ type: 'Action.Execute', verb: STATUS_CARD_VERBS.save });
    expect(card.actions?.[1]?.type).toBe('Action.OpenUrl');
    expect(card.actions?.[1]?.url).toMatch(/\?surface=status&token=/);
  });

  it("has a form link that works for a report who gets no email (the chat claim stands in for the email's)", async () => {
    const card = cardOf(cardsTo(stack.simulator.bot.connectorLog(), diegoChat)[0]!.activity);
    const token = new URL(card.actions![1]!.url!).searchParams.get('token')!;
    const form = await callApi(stack, 'GET', statusApiPaths.statusForm(), { token });
    expect(form.status).toBe(200);
    expect(form.body).toMatchObject({ manager: { displayName: 'Megan Bowen' }, editable: true });
  });
});

describe('answering the card in place', () => {
  let data: Record<string, unknown>;
  beforeAll(async () => {
    // The card of Diego's weekly 1:1 (he has an in-person one today too): the board names its occurrence.
    const megan = await stack.simulator.mintAccessToken(DEMO_USER_IDS.megan);
    const board = boardViewSchema.parse(
      (await callApi(stack, 'GET', apiPaths.meetingBoard(diegoMeeting.chatId), { token: megan })).body,
    );
    const cards = cardsTo(stack.simulator.bot.connectorLog(), diegoChat).map((c) => cardOf(c.activity));
    const weekly = cards.find((c) => c.actions?.[0]?.data?.['occurrenceId'] === board.ref.occurrenceId);
    if (!weekly) throw new Error('no card for the weekly 1:1');
    data = weekly.actions![0]!.data!;
  });

  it('stores the update exactly as the form does and answers with "Status received" and an edit action', async () => {
    const answer = await stack.simulator.bot.deliver(
      endpoint(),
      cardActionActivity(
        actor(DEMO_USER_IDS.diego, diegoChat),
        {
          verb: STATUS_CARD_VERBS.save,
          data: { ...data, finished: 'Shipped the export', blocked: 'Waiting on legal' },
        },
        'Europe/Berlin',
      ),
    );
    expect(answer.status).toBe(200);
    const body = answer.body as { statusCode: number; type: string; value: CardJson };
    expect(body).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive' });
    expect(texts(body.value.body.length ? body.value : { body: [] })).toMatch(/Status received/);
    expect(body.value.actions?.[0]).toMatchObject({ verb: STATUS_CARD_VERBS.edit });

    const megan = await stack.simulator.mintAccessToken(DEMO_USER_IDS.megan);
    const ref = {
      managerId: DEMO_USER_IDS.megan,
      reportId: DEMO_USER_IDS.diego,
      occurrenceId: String(data.occurrenceId),
    };
    const read = statusUpdateViewSchema.parse(
      (await callApi(stack, 'GET', statusApiPaths.statusUpdate(ref), { token: megan })).body,
    );
    expect(read.update?.fields).toEqual({
      finished: 'Shipped the export',
      inProgress: '',
      blocked: 'Waiting on legal',
      fyi: '',
    });
    // The manager sees which channel the request used.
    expect(read.requestChannel).toBe('chat');
  });

  it('saves nothing when someone else presses the card', async () => {
    const answer = await stack.simulator.bot.deliver(
      endpoint(),
      cardActionActivity(actor(DEMO_USER_IDS.alex, alexChat), {
        verb: STATUS_CARD_VERBS.save,
        data: { ...data, finished: 'hijacked' },
      }),
    );
    expect(answer.body).toMatchObject({ type: 'application/vnd.microsoft.activity.message' });
    const claims = createTableStatusRequestClaimStore(
      createTableClientFactory({ kind: 'connectionString', connectionString: stack.azurite.connectionString }),
    );
    expect(
      await claims.latest({
        tenantId: stack.simulator.tenantId,
        managerId: DEMO_USER_IDS.megan,
        reportId: DEMO_USER_IDS.diego,
        claimBase: String(data.claimBase),
        channel: 'chat',
      }),
    ).toMatchObject({ state: 'sent' });
    const megan = await stack.simulator.mintAccessToken(DEMO_USER_IDS.megan);
    const ref = {
      managerId: DEMO_USER_IDS.megan,
      reportId: DEMO_USER_IDS.diego,
      occurrenceId: String(data.occurrenceId),
    };
    const read = statusUpdateViewSchema.parse(
      (await callApi(stack, 'GET', statusApiPaths.statusUpdate(ref), { token: megan })).body,
    );
    expect(read.update?.fields.finished).toBe('Shipped the export');
  });

  it('refreshes to "received" when the card is shown again (Universal Actions refresh), with what was sent', async () => {
    const answer = await stack.simulator.bot.deliver(
      endpoint(),
      cardActionActivity(actor(DEMO_USER_IDS.diego, diegoChat), { verb: STATUS_CARD_VERBS.refresh, data }),
    );
    const body = answer.body as { value: CardJson & { refresh?: { action?: { verb?: string } } } };
    expect(texts(body.value)).toMatch(/Status received/);
    expect(body.value.refresh?.action?.verb).toBe(STATUS_CARD_VERBS.refresh);
  });

  it('refuses politely once the 1:1 has started, and the update stays as it was', async () => {
    const start = Date.parse(String((await claimOf(data)).latestStartUtc));
    const saved = clock;
    clock = start + 60_000;
    try {
      const answer = await stack.simulator.bot.deliver(
        endpoint(),
        cardActionActivity(actor(DEMO_USER_IDS.diego, diegoChat), {
          verb: STATUS_CARD_VERBS.save,
          data: { ...data, finished: 'too late' },
        }),
      );
      const body = answer.body as { type: string; value: CardJson };
      expect(body.type).toBe('application/vnd.microsoft.card.adaptive');
      expect(texts(body.value)).toMatch(/has started, so this status update is closed/);
      expect(body.value.actions ?? []).toEqual([]);
      // Shown again after the start (Teams' refresh), the card says the same.
      const refreshed = await stack.simulator.bot.deliver(
        endpoint(),
        cardActionActivity(actor(DEMO_USER_IDS.diego, diegoChat), { verb: STATUS_CARD_VERBS.refresh, data }),
      );
      expect(texts((refreshed.body as { value: CardJson }).value)).toMatch(/closed/);
    } finally {
      clock = saved;
    }
    const megan = await stack.simulator.mintAccessToken(DEMO_USER_IDS.megan);
    const board = boardViewSchema.parse(
      (await callApi(stack, 'GET', apiPaths.meetingBoard(diegoMeeting.chatId), { token: megan })).body,
    );
    expect(board.statusUpdate).toMatchObject({ state: 'received' });
  });
});

describe('the recap in the meeting chat', () => {
  it('posts the two lines and their tags once to the meeting chat, however often the recap is saved', async () => {
    const megan = await stack.simulator.mintAccessToken(DEMO_USER_IDS.megan);
    const board = boardViewSchema.parse(
      (await callApi(stack, 'GET', apiPaths.meetingBoard(diegoMeeting.chatId), { token: megan })).body,
    );
    expect(
      (
        await callApi(stack, 'PUT', apiPaths.privateNote(board.ref), {
          token: megan,
          body: { text: 'Private-ish note', baseRevision: 0 },
        })
      ).status,
    ).toBe(200);
    const body = {
      lines: [
        { text: 'Legal review blocks the export; Megan asks legal today', tags: ['blocker', 'supportNeed'] },
        { text: 'Pairing on the parser worked well', tags: ['learning'] },
      ],
    };
    expect((await callApi(stack, 'PUT', apiPaths.recap(board.ref), { token: megan, body })).status).toBe(200);
    expect((await callApi(stack, 'PUT', apiPaths.recap(board.ref), { token: megan, body })).status).toBe(200);
    const posts = stack.simulator.bot
      .connectorLog()
      .filter((e) => e.conversationId === diegoMeeting.chatId && e.method === 'POST');
    expect(posts).toHaveLength(1);
    const card = cardOf(posts[0]!.activity);
    expect(card.body.map((b) => b.text)).toEqual([
      '1:1 recap',
      'Legal review blocks the export; Megan asks legal today',
      'Blocker · Support need',
      'Pairing on the parser worked well',
      'Learning',
    ]);
    expect(JSON.stringify(card)).not.toContain('Private-ish');
  });
});

describe('plain messages', () => {
  it.each([
    ['help', /Before each 1:1 I ask you/],
    ['status', /four optional parts/],
    ['settings', /email, Teams chat or both/],
    ['what is the weather', /I only understand a few words here/],
  ])('answers "%s" with a short card', async (text, expected) => {
    const before = stack.simulator.bot.conversation(diegoChat).length;
    const answer = await stack.simulator.bot.deliver(
      endpoint(),
      messageActivity(actor(DEMO_USER_IDS.diego, diegoChat), text),
    );
    expect(answer.status).toBe(200);
    const messages = stack.simulator.bot.conversation(diegoChat);
    expect(messages).toHaveLength(before + 1);
    expect(texts(cardOf(messages.at(-1)!.activity))).toMatch(expected);
  });
});

async function claimOf(data: Record<string, unknown>) {
  const claims = createTableStatusRequestClaimStore(
    createTableClientFactory({ kind: 'connectionString', connectionString: stack.azurite.connectionString }),
  );
  const claim = await claims.latest({
    tenantId: stack.simulator.tenantId,
    managerId: DEMO_USER_IDS.megan,
    reportId: DEMO_USER_IDS.diego,
    claimBase: String(data.claimBase),
    channel: 'chat',
  });
  if (!claim) throw new Error('no chat claim');
  return claim;
}
