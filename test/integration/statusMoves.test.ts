import { randomUUID } from 'node:crypto';
import { startLocalStack, type LocalStack } from '@candor/local/stack';
import { DEMO_USER_IDS, demoMeetings } from '@candor/local/simulator/demoTenant';
import {
  apiPaths,
  appendStatusTextResponseSchema,
  boardViewSchema,
  errorBodySchema,
  MAX_STATUS_FIELD_LENGTH,
  statusApiPaths,
  statusMovePath,
  statusUpdateViewSchema,
  type BoardRef,
} from '@candor/functions/contract';
import { callApi } from '../support/api';

/*
 * "Move to status update" from the side panel, through the HTTP API against real Azurite and the simulator. The
 * clock is fixed: Diego's weekly 1:1 with Megan has been moved to later today, so its status update is still open;
 * the tests move the clock past its start for the closed case. No assertion depends on wall-clock time.
 */
jest.setTimeout(60_000);

const T0 = new Date('2026-06-10T09:10:00.000Z');
let clock = T0;
let stack: LocalStack;
let ref: BoardRef;
let meetingStart: string;
const diego = demoMeetings(T0).find((m) => m.reportId === DEMO_USER_IDS.diego)!;
const tokens: Record<'megan' | 'diego' | 'alex', string> = { megan: '', diego: '', alex: '' };

beforeAll(async () => {
  stack = await startLocalStack({ now: () => clock });
  for (const who of Object.keys(tokens) as Array<keyof typeof tokens>) {
    tokens[who] = await stack.simulator.mintAccessToken(DEMO_USER_IDS[who]);
  }
  const opened = await callApi(stack, 'GET', apiPaths.meetingBoard(diego.chatId), { token: tokens.diego });
  expect(opened.status).toBe(200);
  const view = boardViewSchema.parse(opened.body);
  ref = view.ref;
  meetingStart = view.meeting!.start;
  expect(Date.parse(meetingStart)).toBeGreaterThan(T0.getTime());
}, 60_000);

afterAll(async () => {
  await stack?.stop();
});

const move = (token: string, body: { moveId: string; section: string; text: string }) =>
  callApi(stack, 'POST', statusMovePath(ref), { token, body });

async function statusUpdate() {
  const answer = await callApi(stack, 'GET', statusApiPaths.statusUpdate(ref), { token: tokens.megan });
  expect(answer.status).toBe(200);
  return statusUpdateViewSchema.parse(answer.body).update;
}

describe('moving board words into the status update', () => {
  it('creates the status update, then appends to it, and the board shows it as received', async () => {
    clock = T0;
    expect(await statusUpdate()).toBeNull();
    const first = await move(tokens.diego, { moveId: randomUUID(), section: 'finished', text: 'JIRA-1234 done' });
    expect(first.status).toBe(200);
    expect(appendStatusTextResponseSchema.parse(first.body)).toMatchObject({ applied: true, update: { revision: 1 } });

    const second = await move(tokens.diego, {
      moveId: randomUUID(),
      section: 'finished',
      text: '  PR #77 merged, 80% of the migration',
    });
    expect(second.status).toBe(200);
    const third = await move(tokens.diego, {
      moveId: randomUUID(),
      section: 'blocked',
      text: 'Waiting on QA sign-off',
    });
    expect(third.status).toBe(200);

    expect((await statusUpdate())?.fields).toEqual({
      finished: 'JIRA-1234 done\n  PR #77 merged, 80% of the migration',
      inProgress: '',
      blocked: 'Waiting on QA sign-off',
      fyi: '',
    });
    const board = await callApi(stack, 'GET', apiPaths.board(ref), { token: tokens.diego });
    expect(boardViewSchema.parse(board.body).statusUpdate).toMatchObject({ state: 'received' });
  });

  it('appends a retried move (same id) only once', async () => {
    clock = T0;
    const body = { moveId: randomUUID(), section: 'fyi', text: 'Out on Friday' };
    const answers = await Promise.all([move(tokens.diego, body), move(tokens.diego, body)]);
    expect(answers.map((a) => a.status)).toEqual([200, 200]);
    const again = await move(tokens.diego, body);
    expect(again.status).toBe(200);
    expect(appendStatusTextResponseSchema.parse(again.body).applied).toBe(false);
    expect((await statusUpdate())?.fields.fyi).toBe('Out on Friday');
  });

  it('refuses the manager and a stranger (403) and changes nothing', async () => {
    clock = T0;
    const before = await statusUpdate();
    for (const token of [tokens.megan, tokens.alex]) {
      const answer = await move(token, { moveId: randomUUID(), section: 'finished', text: 'Not mine to move' });
      expect(answer.status).toBe(403);
    }
    expect(await statusUpdate()).toEqual(before);
  });

  it('answers 400 naming the part when the result would be too long', async () => {
    clock = T0;
    const before = await statusUpdate();
    const answer = await move(tokens.diego, {
      moveId: randomUUID(),
      section: 'finished',
      text: 'x'.repeat(MAX_STATUS_FIELD_LENGTH),
    });
    expect(answer.status).toBe(400);
    expect(errorBodySchema.parse(answer.body).error).toMatchObject({ code: 'badRequest', field: 'finished' });
    expect(await statusUpdate()).toEqual(before);

    const overLimit = await move(tokens.diego, {
      moveId: randomUUID(),
      section: 'fyi',
      text: 'x'.repeat(MAX_STATUS_FIELD_LENGTH + 1),
    });
    expect(overLimit.status).toBe(400);
    expect(errorBodySchema.parse(overLimit.body).error.field).toBe('text');
  });

  it('answers 409 once the 1:1 has started, and changes nothing', async () => {
    const before = await statusUpdate();
    clock = new Date(Date.parse(meetingStart) + 60_000);
    const answer = await move(tokens.diego, { moveId: randomUUID(), section: 'inProgress', text: 'Too late for this' });
    expect(answer.status).toBe(409);
    expect(errorBodySchema.parse(answer.body).error).toMatchObject({ code: 'statusClosed' });
    expect(errorBodySchema.parse(answer.body).error.message).toMatch(/started/);
    clock = T0;
    expect(await statusUpdate()).toEqual(before);
  });
});
