import { startLocalStack, type LocalStack } from '@candor/local/stack';
import { demoMeetings } from '@candor/local/simulator/demoTenant';
import { apiPaths, boardViewSchema, errorBodySchema } from '@candor/functions/contract';
import { callApi } from '../../support/api';

let stack: LocalStack;
const oneOnOne = demoMeetings(new Date())[0]!;

beforeAll(async () => {
  stack = await startLocalStack();
}, 60_000);

afterAll(async () => {
  await stack?.stop();
});

describe("the meeting board reads the caller's calendar on their behalf", () => {
  it('asks for consent (403 consentRequired) while the person has not given it, and opens once they have', async () => {
    const token = await stack.simulator.mintAccessToken(oneOnOne.reportId);
    stack.simulator.consent.revoke(oneOnOne.reportId);
    try {
      const refused = await callApi(stack, 'GET', apiPaths.meetingBoard(oneOnOne.chatId), { token });
      expect(refused.status).toBe(403);
      expect(errorBodySchema.parse(refused.body).error.code).toBe('consentRequired');
    } finally {
      stack.simulator.consent.grant(oneOnOne.reportId);
    }
    const opened = await callApi(stack, 'GET', apiPaths.meetingBoard(oneOnOne.chatId), { token });
    expect(opened.status).toBe(200);
    expect(boardViewSchema.parse(opened.body).viewer.role).toBe('report');
  });

  it('a manager whose consent is missing does not block the report', async () => {
    stack.simulator.consent.revoke(oneOnOne.managerId);
    try {
      const asReport = await callApi(stack, 'GET', apiPaths.meetingBoard(oneOnOne.chatId), {
        token: await stack.simulator.mintAccessToken(oneOnOne.reportId),
      });
      expect(asReport.status).toBe(200);
    } finally {
      stack.simulator.consent.grant(oneOnOne.managerId);
    }
  });
});
