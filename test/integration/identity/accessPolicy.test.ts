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

const openBoard = (token: string) => callApi(stack, 'GET', apiPaths.meetingBoard(oneOnOne.chatId), { token });

describe('Conditional Access on the Graph token the API asks for on the caller’s behalf', () => {
  it('MFA required: 401 claimsChallenge with Entra’s claims (not the consent prompt); a token that satisfies them opens the board', async () => {
    stack.simulator.accessPolicies.set(oneOnOne.reportId, 'requireMfa');
    try {
      const challenged = await openBoard(await stack.simulator.ssoToken(oneOnOne.reportId));
      expect(challenged.status).toBe(401);
      const { error } = errorBodySchema.parse(challenged.body);
      expect(error.code).toBe('claimsChallenge');
      expect(error.message).toContain('AADSTS50076');
      expect(JSON.parse(error.claims ?? '')).toMatchObject({ access_token: { polids: { essential: true } } });
      expect(challenged.headers.get('www-authenticate')).toContain('error="insufficient_claims"');

      // What teams-js getAuthToken({ claims: [challenge], silent: false }) hands the tab after the MFA prompt.
      const stepUp = await stack.simulator.ssoToken(oneOnOne.reportId, [error.claims ?? '']);
      const opened = await openBoard(stepUp);
      expect(opened.status).toBe(200);
      expect(boardViewSchema.parse(opened.body).viewer.role).toBe('report');
    } finally {
      stack.simulator.accessPolicies.set(oneOnOne.reportId, null);
    }
  });

  it('a blocking policy: 403 accessBlocked naming AADSTS53003, whatever token the tab brings', async () => {
    stack.simulator.accessPolicies.set(oneOnOne.managerId, 'blocked');
    try {
      for (const token of [
        await stack.simulator.ssoToken(oneOnOne.managerId),
        await stack.simulator.ssoToken(oneOnOne.managerId, ['{"access_token":{"acrs":{"essential":true}}}']),
      ]) {
        const refused = await openBoard(token);
        expect(refused.status).toBe(403);
        const { error } = errorBodySchema.parse(refused.body);
        expect(error.code).toBe('accessBlocked');
        expect(error.message).toContain('AADSTS53003');
        expect(error.claims).toBeUndefined();
      }
    } finally {
      stack.simulator.accessPolicies.set(oneOnOne.managerId, null);
    }
  });

  it('consent missing is still the consent prompt, and only that', async () => {
    stack.simulator.consent.revoke(oneOnOne.reportId);
    try {
      const refused = await openBoard(await stack.simulator.ssoToken(oneOnOne.reportId));
      expect(refused.status).toBe(403);
      expect(errorBodySchema.parse(refused.body).error.code).toBe('consentRequired');
    } finally {
      stack.simulator.consent.grant(oneOnOne.reportId);
    }
  });
});
