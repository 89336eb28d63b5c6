import { UnsecuredJWT } from 'jose';
import { channelApiPaths, statusApiPaths, statusUpdateViewSchema } from '@candor/functions/contract';
import { STATUS_CARD_VERBS } from '@candor/functions/domain/statusCardActions';
import { API_CLIENT_ID, DEMO_USER_IDS } from '@candor/local/simulator/demoTenant';
import { cardActionActivity, messageActivity, type ConnectorEntry } from '@candor/local/simulator/botFramework';
import { personalChatId } from '@candor/local/simulator/graphTeamwork';
import { startLocalStack, type LocalStack } from '@candor/local/stack';
import { callApi } from '../../support/api';
import { attack } from '../../support/hostileLedger';

/*
 * Activities that do not come from the Bot Framework: the Teams SDK's own inbound validation must answer
 * 401 before any Candor code runs, and nothing may be saved or posted. The genuine card (from a real scan) is the
 * payload, so only the token is wrong.
 */
jest.setTimeout(90_000);

let stack: LocalStack;
let data: Record<string, unknown>;
const diegoChat = personalChatId(DEMO_USER_IDS.diego, API_CLIENT_ID);

beforeAll(async () => {
  stack = await startLocalStack();
  const diego = await stack.simulator.mintAccessToken(DEMO_USER_IDS.diego);
  expect(
    (await callApi(stack, 'PUT', channelApiPaths.statusChannel(), { token: diego, body: { channel: 'chat' } })).status,
  ).toBe(200);
  await stack.functions.runTimer('preMeetingScan');
  const card = stack.simulator.bot
    .connectorLog()
    .find((e: ConnectorEntry) => e.conversationId === diegoChat && e.status === 200);
  const attachments = card?.activity.attachments as
    Array<{ content: { actions: Array<{ data: Record<string, unknown> }> } }> | undefined;
  const found = attachments?.[0]?.content.actions[0]?.data;
  if (!found) throw new Error('the scan sent Diego no card');
  data = found;
}, 90_000);

afterAll(async () => {
  await stack?.stop();
});

const activity = () =>
  cardActionActivity(
    {
      userId: DEMO_USER_IDS.diego,
      tenantId: stack.simulator.tenantId,
      botAppId: API_CLIENT_ID,
      conversationId: diegoChat,
    },
    { verb: STATUS_CARD_VERBS.save, data: { ...data, finished: 'planted by an attacker' } },
  );

async function refused(
  name: string,
  token: () => Promise<string | null>,
  body: () => Record<string, unknown> = activity,
): Promise<void> {
  await attack(`bot activity: ${name}`, async () => {
    const posted = stack.simulator.bot.connectorLog().length;
    const answer = await stack.simulator.bot.deliver(`${stack.apiBaseUrl}/messages`, body(), await token());
    expect(answer.status).toBe(401);
    expect(JSON.stringify(answer.body)).not.toContain('planted');
    expect(stack.simulator.bot.connectorLog()).toHaveLength(posted);
    const megan = await stack.simulator.mintAccessToken(DEMO_USER_IDS.megan);
    const ref = {
      managerId: DEMO_USER_IDS.megan,
      reportId: DEMO_USER_IDS.diego,
      occurrenceId: String(data.occurrenceId),
    };
    const read = statusUpdateViewSchema.parse(
      (await callApi(stack, 'GET', statusApiPaths.statusUpdate(ref), { token: megan })).body,
    );
    expect(read.update?.fields.finished ?? '').not.toContain('planted');
  });
}

describe('inbound activities without a genuine Bot Framework token', () => {
  it('a missing Authorization header', () => refused('no Authorization header', () => Promise.resolve(null)));
  it('a forged signature (a key the Bot Framework does not publish)', () =>
    refused('forged signature', () => stack.simulator.bot.signActivityToken({ forged: true })));
  it('an unsigned token (alg none)', () =>
    refused('unsigned (alg none)', () =>
      Promise.resolve(
        new UnsecuredJWT({ serviceurl: stack.simulator.bot.serviceUrl })
          .setIssuer('https://api.botframework.com')
          .setAudience(API_CLIENT_ID)
          .setExpirationTime('1h')
          .encode(),
      ),
    ));
  it('another bot as audience', () =>
    refused('wrong audience', () =>
      stack.simulator.bot.signActivityToken({ audience: '0b0b0b0b-1111-4222-8333-444444444444' }),
    ));
  it('another issuer', () =>
    refused('wrong issuer', () => stack.simulator.bot.signActivityToken({ issuer: 'https://evil.example' })));
  it('an expired token', () =>
    refused('expired', () => stack.simulator.bot.signActivityToken({ expiresInSeconds: -3600 })));
  it('a token for another service URL than the activity names', () =>
    refused('serviceurl mismatch', () =>
      stack.simulator.bot.signActivityToken({ serviceUrl: 'https://evil.example/connector/' }),
    ));
  it('a plain message with no token gets no answer posted', () =>
    refused(
      'message without token',
      () => Promise.resolve(null),
      () =>
        messageActivity(
          {
            userId: DEMO_USER_IDS.diego,
            tenantId: stack.simulator.tenantId,
            botAppId: API_CLIENT_ID,
            conversationId: diegoChat,
          },
          'help',
        ),
    ));
});
