import { signStatusLink } from '@candor/functions/auth/statusLinkToken';
import {
  boardViewSchema,
  enrolmentViewSchema,
  errorBodySchema,
  MAX_STATUS_FIELD_LENGTH,
  apiPaths,
  statusApiPaths,
  statusFormViewSchema,
  statusUpdateViewSchema,
} from '@candor/functions/contract';
import { createTableStatusRequestClaimStore, claimIdOf } from '@candor/functions/store/statusRequestClaimStore';
import { createTableClientFactory } from '@candor/functions/store/tables';
import { demoMeetings, DEMO_USER_IDS } from '@candor/local/simulator/demoTenant';
import { LOCAL_STATUS_LINK_SECRET, startLocalStack, type LocalStack } from '@candor/local/stack';
import { callApi } from '../../support/api';

/*
 * The status form and the manager's read of it, through the local stack: the scan sends Megan's due requests
 * (Diego's moved 1:1 starts in two hours), the link from the email opens the form, the manager sees what was sent.
 */
jest.setTimeout(60_000);

let stack: LocalStack;
let diegoToken: string;
let diegoRef: { managerId: string; reportId: string; occurrenceId: string };
// Diego's next 1:1 was moved to two hours from now: due, and far enough away not to start during the test.
const diegoMeeting = demoMeetings(new Date()).find((m) => m.reportId === DEMO_USER_IDS.diego)!;
const secret = new TextEncoder().encode(LOCAL_STATUS_LINK_SECRET);

function linkTokenIn(html: string): string {
  const token = /surface=status&amp;token=([A-Za-z0-9._-]+)/.exec(html)?.[1];
  if (!token) throw new Error('no status link in the mail');
  return token;
}
const form = (token: string | undefined, method = 'GET', body?: unknown) =>
  callApi(stack, method, statusApiPaths.statusForm(), {
    ...(token === undefined ? {} : { token }),
    ...(body === undefined ? {} : { body }),
  });

beforeAll(async () => {
  stack = await startLocalStack();
  await stack.functions.runTimer('preMeetingScan');
  // Diego has two 1:1s today (the moved weekly one, and an in-person one with a room): take the weekly one's.
  const mail = stack.simulator
    .outbox()
    .find(
      (m) =>
        m.message.toRecipients?.[0]?.emailAddress?.address?.startsWith('diego@') &&
        m.message.body?.content?.includes(diegoMeeting.subject),
    );
  if (!mail) throw new Error(`no request to Diego in ${stack.simulator.outbox().length} mails`);
  expect(mail.fromUserId).toBe(DEMO_USER_IDS.megan);
  diegoToken = linkTokenIn(mail.message.body?.content ?? '');
  const opened = await callApi(stack, 'GET', apiPaths.meetingBoard(diegoMeeting.chatId), {
    token: await stack.simulator.mintAccessToken(DEMO_USER_IDS.megan),
  });
  diegoRef = boardViewSchema.parse(opened.body).ref;
}, 60_000);

afterAll(async () => {
  await stack?.stop();
});

describe('the status form behind the email link', () => {
  it('opens with the link token alone and names the 1:1', async () => {
    const answer = await form(diegoToken);
    expect(answer.status).toBe(200);
    const view = statusFormViewSchema.parse(answer.body);
    expect(view).toMatchObject({
      manager: { displayName: 'Megan Bowen' },
      report: { displayName: 'Diego Siciliani' },
      editable: true,
      update: null,
    });
    expect(view.meeting.subject).toBe(diegoMeeting.subject);
  });

  it('saves the update, shows it on reopening, and the manager reads it in the prep view', async () => {
    const saved = await form(diegoToken, 'PUT', {
      baseRevision: 0,
      finished: 'Shipped the <b>export</b>',
      blocked: 'Waiting on legal',
    });
    expect(saved.status).toBe(200);
    const view = statusFormViewSchema.parse((await form(diegoToken)).body);
    expect(view.update?.fields).toEqual({
      finished: 'Shipped the <b>export</b>',
      inProgress: '',
      blocked: 'Waiting on legal',
      fyi: '',
    });

    const megan = await stack.simulator.mintAccessToken(DEMO_USER_IDS.megan);
    const read = await callApi(stack, 'GET', statusApiPaths.statusUpdate(diegoRef), { token: megan });
    expect(read.status).toBe(200);
    expect(statusUpdateViewSchema.parse(read.body).update?.fields.blocked).toBe('Waiting on legal');

    const board = boardViewSchema.parse(
      (await callApi(stack, 'GET', apiPaths.meetingBoard(diegoMeeting.chatId), { token: megan })).body,
    );
    expect(board.statusUpdate).toMatchObject({ state: 'received' });
  });

  it('lets the pair read it and no one else', async () => {
    const adele = await stack.simulator.mintAccessToken(DEMO_USER_IDS.adele);
    expect((await callApi(stack, 'GET', statusApiPaths.statusUpdate(diegoRef), { token: adele })).status).toBe(403);
    const diego = await stack.simulator.mintAccessToken(DEMO_USER_IDS.diego);
    expect((await callApi(stack, 'GET', statusApiPaths.statusUpdate(diegoRef), { token: diego })).status).toBe(200);
  });

  it('refuses a tampered, missing or expired link with a clear answer', async () => {
    const [h, p, s] = diegoToken.split('.');
    const tampered = `${h}.${p}x.${s}`;
    for (const [token, code] of [
      [tampered, 'linkInvalid'],
      [undefined, 'linkInvalid'],
      ['not-a-jwt', 'linkInvalid'],
    ] as const) {
      const answer = await form(token);
      expect(answer.status).toBe(401);
      expect(errorBodySchema.parse(answer.body).error.code).toBe(code);
    }
    const payload = JSON.parse(Buffer.from(p ?? '', 'base64url').toString()) as {
      tid: string;
      mgr: string;
      sub: string;
      occ: string;
      req: string;
    };
    const expired = await signStatusLink(
      secret,
      {
        tenantId: payload.tid,
        managerId: payload.mgr,
        reportId: payload.sub,
        occurrenceId: payload.occ,
        claimBase: payload.req,
      },
      new Date(Date.now() - 60_000),
      new Date(Date.now() - 3_600_000),
    );
    const answer = await form(expired);
    expect(answer.status).toBe(401);
    expect(errorBodySchema.parse(answer.body).error).toMatchObject({
      code: 'linkExpired',
      message: expect.stringMatching(/expired/) as unknown,
    });
  });

  it('validates the body and names the field', async () => {
    const tooLong = await form(diegoToken, 'PUT', { baseRevision: 1, fyi: 'x'.repeat(MAX_STATUS_FIELD_LENGTH + 1) });
    expect(tooLong.status).toBe(400);
    expect(errorBodySchema.parse(tooLong.body).error.field).toBe('fyi');
    const unknown = await form(diegoToken, 'PUT', { baseRevision: 1, finsihed: 'typo' });
    expect(unknown.status).toBe(400);
    expect(errorBodySchema.parse(unknown.body).error.field).toBe('finsihed');
  });

  it('closes once the meeting has started', async () => {
    const tables = createTableClientFactory({
      kind: 'connectionString',
      connectionString: stack.functionsEnv.TABLES_CONNECTION_STRING ?? '',
    });
    const claims = createTableStatusRequestClaimStore(tables);
    const address = {
      tenantId: stack.simulator.tenantId,
      managerId: DEMO_USER_IDS.megan,
      reportId: DEMO_USER_IDS.diego,
      claimBase: '00000000000000aa-20261123T0900Z',
    };
    const started = new Date(Date.now() - 60_000).toISOString();
    await claims.create({
      ...address,
      generation: 1,
      state: 'sent',
      owner: 'test',
      leaseUntil: started,
      takeovers: 0,
      claimId: claimIdOf(address, 1),
      occurrenceId: '20261123T0900Z-00000000000000aa',
      subject: 'Started 1:1',
      requestedStartUtc: started,
      latestStartUtc: started,
      sender: DEMO_USER_IDS.megan,
      attempts: 1,
      problem: null,
      sentAt: started,
    });
    const token = await signStatusLink(
      secret,
      { ...address, occurrenceId: '20261123T0900Z-00000000000000aa' },
      new Date(Date.now() + 3_600_000),
      new Date(),
    );
    const view = statusFormViewSchema.parse((await form(token)).body);
    expect(view.editable).toBe(false);
    const late = await form(token, 'PUT', { baseRevision: 0, finished: 'too late' });
    expect(late.status).toBe(409);
    expect(errorBodySchema.parse(late.body).error.code).toBe('formClosed');
  });
});

describe('enrolment API', () => {
  it('shows a manager their enrolment and takes a lead time per report', async () => {
    const megan = await stack.simulator.mintAccessToken(DEMO_USER_IDS.megan);
    const view = enrolmentViewSchema.parse(
      (await callApi(stack, 'GET', statusApiPaths.enrolment(), { token: megan })).body,
    );
    expect(view).toMatchObject({ enrolled: true, source: 'api', sendFromMyMailbox: true, defaultLeadTimeHours: 24 });
    expect(view.pairs.map((p) => p.displayName).sort()).toEqual([
      'Adele Vance',
      'Alex Wilber',
      'Diego Siciliani',
      'Lynne Robbins',
    ]);

    const saved = await callApi(stack, 'PUT', statusApiPaths.enrolmentPair(DEMO_USER_IDS.alex), {
      token: megan,
      body: { leadTimeHours: 48 },
    });
    expect(saved.status).toBe(200);
    expect(
      enrolmentViewSchema.parse(saved.body).pairs.find((p) => p.reportId === DEMO_USER_IDS.alex)?.leadTimeHours,
    ).toBe(48);

    const bad = await callApi(stack, 'PUT', statusApiPaths.enrolment(), {
      token: megan,
      body: { enrolled: true, leadTimeHours: 500 },
    });
    expect(bad.status).toBe(400);
    expect(errorBodySchema.parse(bad.body).error.field).toBe('leadTimeHours');
  });

  it('refuses someone without direct reports, and a report who is not theirs', async () => {
    const adele = await stack.simulator.mintAccessToken(DEMO_USER_IDS.adele);
    expect((await callApi(stack, 'GET', statusApiPaths.enrolment(), { token: adele })).status).toBe(403);
    const patti = await stack.simulator.mintAccessToken(DEMO_USER_IDS.patti);
    const notHers = await callApi(stack, 'PUT', statusApiPaths.enrolmentPair(DEMO_USER_IDS.alex), {
      token: patti,
      body: { leadTimeHours: 2 },
    });
    expect(notHers.status).toBe(403);
  });
});
