import {
  apiPaths,
  boardViewSchema,
  statusApiPaths,
  statusFormViewSchema,
  statusUpdateViewSchema,
} from '@candor/functions/contract';
import { demoMeetings, DEMO_USER_IDS } from '@candor/local/simulator/demoTenant';
import { startLocalStack, type LocalStack } from '@candor/local/stack';
import { callApi } from '../../support/api';

/*
 * Whether a status update can still be sent, as the prep view reads it: before any request, once one went out (the
 * report then gets a freshly signed link to their own form, the manager never), after the 1:1 started, and for a
 * manager whose 1:1s get no requests at all.
 */
jest.setTimeout(60_000);

let stack: LocalStack;
let diegoRef: { managerId: string; reportId: string; occurrenceId: string };
const diegoMeeting = demoMeetings(new Date()).find((m) => m.reportId === DEMO_USER_IDS.diego)!;
const read = async (userId: string, ref: { managerId: string; reportId: string; occurrenceId: string }) => {
  const answer = await callApi(stack, 'GET', statusApiPaths.statusUpdate(ref), {
    token: await stack.simulator.mintAccessToken(userId),
  });
  expect(answer.status).toBe(200);
  return statusUpdateViewSchema.parse(answer.body);
};

beforeAll(async () => {
  stack = await startLocalStack();
  const opened = await callApi(stack, 'GET', apiPaths.meetingBoard(diegoMeeting.chatId), {
    token: await stack.simulator.mintAccessToken(DEMO_USER_IDS.megan),
  });
  diegoRef = boardViewSchema.parse(opened.body).ref;
}, 60_000);

afterAll(async () => {
  await stack?.stop();
});

describe('what the prep view is told about sending a status update', () => {
  it('says no request was made yet, then links only the report to their own open form', async () => {
    expect(await read(DEMO_USER_IDS.diego, diegoRef)).toMatchObject({ update: null, availability: 'notRequested' });
    expect((await read(DEMO_USER_IDS.diego, diegoRef)).formUrl).toBeUndefined();

    await stack.functions.runTimer('preMeetingScan');
    const report = await read(DEMO_USER_IDS.diego, diegoRef);
    expect(report.availability).toBe('open');
    const token = new URL(report.formUrl ?? 'https://missing.invalid/').searchParams.get('token');
    expect(token).toBeTruthy();
    const form = await callApi(stack, 'GET', statusApiPaths.statusForm(), { token: token! });
    expect(form.status).toBe(200);
    expect(statusFormViewSchema.parse(form.body)).toMatchObject({
      editable: true,
      report: { displayName: 'Diego Siciliani' },
    });

    const manager = await read(DEMO_USER_IDS.megan, diegoRef);
    expect(manager.availability).toBe('open');
    expect(manager.formUrl).toBeUndefined();
  });

  it('says the 1:1 has started once it has, with no link', async () => {
    const past = { ...diegoRef, occurrenceId: `20261123T0900Z-${diegoRef.occurrenceId.slice(-16)}` };
    const report = await read(DEMO_USER_IDS.diego, past);
    expect(report.availability).toBe('started');
    expect(report.formUrl).toBeUndefined();
  });

  it('says requests are off for a manager who is not enrolled', async () => {
    const ref = {
      managerId: DEMO_USER_IDS.patti,
      reportId: DEMO_USER_IDS.megan,
      occurrenceId: '20991123T0900Z-00000000000000aa',
    };
    expect((await read(DEMO_USER_IDS.megan, ref)).availability).toBe('requestsOff');
  });
});
