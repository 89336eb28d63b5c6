import { startLocalStack, type LocalStack } from '@candor/local/stack';
import { demoMeetings, demoTenantSeed } from '@candor/local/simulator/demoTenant';
import { apiPaths, errorBodySchema } from '@candor/functions/contract';
import { callApi } from '../../support/api';

let stack: LocalStack;
const now = new Date();
const oneOnOne = demoMeetings(now)[0]!;

beforeAll(async () => {
  // The report's mailbox is on-premises (or unlicensed): Graph cannot serve their calendar.
  const seed = demoTenantSeed(now);
  seed.users = seed.users.map((u) => (u.id === oneOnOne.reportId ? { ...u, mailboxUnreachable: true } : u));
  stack = await startLocalStack({ seed });
}, 60_000);

afterAll(async () => {
  await stack?.stop();
});

describe('a mailbox Microsoft Graph cannot reach', () => {
  it('the meeting board answers 424 mailboxUnavailable in plain words, not a generic failure', async () => {
    const answer = await callApi(stack, 'GET', apiPaths.meetingBoard(oneOnOne.chatId), {
      token: await stack.simulator.ssoToken(oneOnOne.reportId),
    });
    expect(answer.status).toBe(424);
    const { error } = errorBodySchema.parse(answer.body);
    expect(error.code).toBe('mailboxUnavailable');
    expect(error.message).toMatch(/^Candor can’t reach the mailbox behind your calendar/);
  });

  it('the manager, whose mailbox Graph reaches, still opens the board', async () => {
    const answer = await callApi(stack, 'GET', apiPaths.meetingBoard(oneOnOne.chatId), {
      token: await stack.simulator.ssoToken(oneOnOne.managerId),
    });
    expect(answer.status).toBe(200);
  });
});
