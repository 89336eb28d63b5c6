import { SignJWT, UnsecuredJWT } from 'jose';
import { signStatusLink } from '@candor/functions/auth/statusLinkToken';
import {
  draftApiPaths,
  errorBodySchema,
  statusApiPaths,
  statusFormDraftResponseSchema,
  statusFormViewSchema,
} from '@candor/functions/contract';
import {
  claimIdOf,
  createTableStatusRequestClaimStore as createTableEmailClaimStore,
} from '@candor/functions/store/statusRequestClaimStore';
import { createTableClientFactory } from '@candor/functions/store/tables';
import { demoMeetings, DEMO_USER_IDS } from '@candor/local/simulator/demoTenant';
import { LOCAL_STATUS_LINK_SECRET, startLocalStack, type LocalStack } from '@candor/local/stack';
import { callApi, type ApiAnswer } from '../../support/api';
import { attack } from '../../support/hostileLedger';

/*
 * The status form's link (HS256 JWT from the email) replayed for another pair or meeting, tampered, forged,
 * expired, used in the wrong place, and used after the 1:1 started. The scan sends the real links; each attack
 * asserts the exact refusal, and the genuine link still works and holds only what its owner saved.
 */
jest.setTimeout(60_000);

let stack: LocalStack;
let diegoLink: string;
const diegoMeeting = demoMeetings(new Date()).find((m) => m.reportId === DEMO_USER_IDS.diego)!;
const secret = new TextEncoder().encode(LOCAL_STATUS_LINK_SECRET);
interface LinkClaims {
  tid: string;
  mgr: string;
  sub: string;
  occ: string;
  req: string;
  iss: string;
  aud: string;
  exp: number;
  iat: number;
}
let claims: LinkClaims;

const form = (token: string | undefined, method = 'GET', body?: unknown) =>
  callApi(stack, method, statusApiPaths.statusForm(), {
    ...(token === undefined ? {} : { token }),
    ...(body === undefined ? {} : { body }),
  });
/** The form's draft route: the same link is its only credential. */
const draft = (token: string | undefined, method = 'GET', body?: unknown) =>
  callApi(stack, method, draftApiPaths.statusFormDraft(), {
    ...(token === undefined ? {} : { token }),
    ...(body === undefined ? {} : { body }),
  });
const typedDraft = (finished: string) => ({
  value: {
    fields: { finished, inProgress: '', blocked: '', fyi: '' },
    base: { revision: 0, fields: { finished: '', inProgress: '', blocked: '', fyi: '' } },
  },
  revision: 1,
});

beforeAll(async () => {
  stack = await startLocalStack();
  await stack.functions.runTimer('preMeetingScan');
  const mail = stack.simulator
    .outbox()
    .find(
      (m) =>
        m.message.toRecipients?.[0]?.emailAddress?.address?.startsWith('diego@') &&
        m.message.body?.content?.includes(diegoMeeting.subject),
    );
  const token = /surface=status&amp;token=([A-Za-z0-9._-]+)/.exec(mail?.message.body?.content ?? '')?.[1];
  if (!token) throw new Error('no status link in the mail to Diego');
  diegoLink = token;
  claims = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString()) as LinkClaims;
  expect((await form(diegoLink, 'PUT', { baseRevision: 0, finished: 'Genuine words' })).status).toBe(200);
  expect((await draft(diegoLink, 'PUT', typedDraft('Genuine draft'))).status).toBe(200);
}, 60_000);

afterAll(async () => {
  await stack?.stop();
});

/** The genuine link's header and signature around an edited payload. */
function withPayload(edit: Partial<LinkClaims>): string {
  const [h, , s] = diegoLink.split('.');
  return `${h}.${Buffer.from(JSON.stringify({ ...claims, ...edit })).toString('base64url')}.${s}`;
}

/**
 * One attack: the link on a read AND a write of the form, and on its draft's read, write and delete; none reveals
 * or changes the genuine update or draft.
 */
async function refused(name: string, token: string | undefined, status: number, code: string): Promise<void> {
  await attack(`status link: ${name}`, async () => {
    for (const got of [
      await form(token),
      await form(token, 'PUT', { baseRevision: 0, finished: 'planted' }),
      await draft(token),
      await draft(token, 'PUT', { ...typedDraft('planted'), revision: 99 }),
      await draft(token, 'DELETE'),
    ]) {
      expect({ status: got.status, code: errorBodySchema.safeParse(got.body).data?.error.code }).toEqual({
        status,
        code,
      });
      expect(JSON.stringify(got.body)).not.toContain('Genuine words');
      expect(JSON.stringify(got.body)).not.toContain('Genuine draft');
    }
  });
}

describe('status-form links the API must refuse', () => {
  it('replayed for another pair or meeting (the payload edited, the signature kept)', async () => {
    await refused('replayed for another report', withPayload({ sub: DEMO_USER_IDS.adele }), 401, 'linkInvalid');
    await refused('replayed for another manager', withPayload({ mgr: DEMO_USER_IDS.patti }), 401, 'linkInvalid');
    await refused(
      'replayed for another occurrence',
      withPayload({ occ: claims.occ.replace(/^\d{8}/, '20991231') }),
      401,
      'linkInvalid',
    );
    await refused(
      'replayed for another request claim',
      withPayload({ req: claims.req.replace(/^[0-9a-f]/, (c) => (c === '0' ? '1' : '0')) }),
      401,
      'linkInvalid',
    );
    await refused(
      'lifetime extended in the payload',
      withPayload({ exp: claims.exp + 30 * 24 * 3600 }),
      401,
      'linkInvalid',
    );
  });

  it('forged: unsigned, signed with another secret, or another algorithm', async () => {
    await refused('alg none', new UnsecuredJWT({ ...claims }).encode(), 401, 'linkInvalid');
    await refused('signature stripped', diegoLink.split('.').slice(0, 2).join('.') + '.', 401, 'linkInvalid');
    await refused(
      'signed with another secret',
      await new SignJWT({ ...claims })
        .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
        .sign(new TextEncoder().encode('x'.repeat(48))),
      401,
      'linkInvalid',
    );
    await refused(
      'HS512 with the right secret',
      await new SignJWT({ ...claims }).setProtectedHeader({ alg: 'HS512', typ: 'JWT' }).sign(secret),
      401,
      'linkInvalid',
    );
    await refused(
      'an Entra access token of the report as the link',
      await stack.simulator.mintAccessToken(DEMO_USER_IDS.diego),
      401,
      'linkInvalid',
    );
    await refused('no link at all', undefined, 401, 'linkInvalid');
  });

  it('a link of another organisation, and a link for a 1:1 Candor never asked about', async () => {
    const link = {
      tenantId: claims.tid,
      managerId: claims.mgr,
      reportId: claims.sub,
      occurrenceId: claims.occ,
      claimBase: claims.req,
    };
    const later = new Date(Date.now() + 3_600_000);
    await refused(
      'signed for another tenant',
      await signStatusLink(secret, { ...link, tenantId: '9f8e7d6c-5b4a-4c3d-8e2f-1a0b9c8d7e6f' }, later, new Date()),
      401,
      'linkInvalid',
    );
    await refused(
      'for a meeting never requested',
      await signStatusLink(
        secret,
        { ...link, occurrenceId: '20991231T0900Z-00000000000000ff', claimBase: '00000000000000ff-20991231T0900Z' },
        later,
        new Date(),
      ),
      404,
      'notFound',
    );
  });

  it('expired', async () => {
    const link = {
      tenantId: claims.tid,
      managerId: claims.mgr,
      reportId: claims.sub,
      occurrenceId: claims.occ,
      claimBase: claims.req,
    };
    const expired = await signStatusLink(secret, link, new Date(Date.now() - 60_000), new Date(Date.now() - 3_600_000));
    await refused('expired a minute ago', expired, 401, 'linkExpired');
  });

  it("used as an Entra bearer token on the pair's API", async () => {
    const ref = { managerId: claims.mgr, reportId: claims.sub, occurrenceId: claims.occ };
    await attack('status link: used as a bearer token on the status update read', async () => {
      const got = await callApi(stack, 'GET', statusApiPaths.statusUpdate(ref), { token: diegoLink });
      expect({ status: got.status, code: errorBodySchema.safeParse(got.body).data?.error.code }).toEqual({
        status: 401,
        code: 'unauthorized',
      });
    });
  });

  it('used after the 1:1 started: readable, never writable', async () => {
    const tables = createTableClientFactory({
      kind: 'connectionString',
      connectionString: stack.functionsEnv.TABLES_CONNECTION_STRING ?? '',
    });
    const address = {
      tenantId: stack.simulator.tenantId,
      managerId: DEMO_USER_IDS.megan,
      reportId: DEMO_USER_IDS.diego,
      claimBase: '00000000000000bb-20261123T0900Z',
    };
    const started = new Date(Date.now() - 60_000).toISOString();
    await createTableEmailClaimStore(tables).create({
      ...address,
      generation: 1,
      state: 'sent',
      owner: 'test',
      leaseUntil: started,
      takeovers: 0,
      claimId: claimIdOf(address, 1),
      occurrenceId: '20261123T0900Z-00000000000000bb',
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
      { ...address, occurrenceId: '20261123T0900Z-00000000000000bb' },
      new Date(Date.now() + 3_600_000),
      new Date(),
    );
    await attack('status link: written after the meeting started', async () => {
      const late = await form(token, 'PUT', { baseRevision: 0, finished: 'too late' });
      expect({ status: late.status, code: errorBodySchema.safeParse(late.body).data?.error.code }).toEqual({
        status: 409,
        code: 'formClosed',
      });
      const lateDraft = await draft(token, 'PUT', typedDraft('too late'));
      expect({ status: lateDraft.status, code: errorBodySchema.safeParse(lateDraft.body).data?.error.code }).toEqual({
        status: 409,
        code: 'formClosed',
      });
      const view = statusFormViewSchema.parse((await form(token)).body);
      expect(view).toMatchObject({ editable: false, update: null });
    });
  });

  it('malformed input through a genuine link: unknown field, wrong content type, too large, too long', async () => {
    const expectError = async (name: string, got: Promise<ApiAnswer>, status: number, code: string, field?: string) =>
      attack(`status form input: ${name}`, async () => {
        const error = errorBodySchema.safeParse((await got).body).data?.error;
        expect({ status: (await got).status, code: error?.code, field: error?.field }).toEqual({ status, code, field });
      });
    const put = (options: { body?: unknown; rawBody?: string; contentType?: string }) =>
      callApi(stack, 'PUT', statusApiPaths.statusForm(), { token: diegoLink, ...options });
    await expectError(
      'unknown field',
      put({ body: { baseRevision: 1, finished: 'x', reportId: DEMO_USER_IDS.adele } }),
      400,
      'badRequest',
      'reportId',
    );
    await expectError('no base revision', put({ body: { finished: 'planted' } }), 400, 'badRequest', 'baseRevision');
    await expectError(
      'negative base revision',
      put({ body: { baseRevision: -1, finished: 'planted' } }),
      400,
      'badRequest',
      'baseRevision',
    );
    await expectError('null part', put({ body: { baseRevision: 1, finished: null } }), 400, 'badRequest', 'finished');
    await expectError(
      'stale base over the genuine words',
      put({ body: { baseRevision: 0, finished: 'planted' } }),
      409,
      'conflict',
    );
    await expectError(
      'text/plain',
      put({ rawBody: '{"baseRevision":1,"finished":"x"}', contentType: 'text/plain' }),
      415,
      'unsupportedMediaType',
    );
    await expectError(
      '70 KiB body',
      put({ body: { baseRevision: 1, finished: 'x'.repeat(70 * 1024) } }),
      413,
      'payloadTooLarge',
    );
    await expectError(
      '2001 characters',
      put({ body: { baseRevision: 1, blocked: 'x'.repeat(2001) } }),
      400,
      'badRequest',
      'blocked',
    );
    await expectError(
      'unknown query parameter',
      callApi(stack, 'GET', `${statusApiPaths.statusForm()}?token=${diegoLink}`, { token: diegoLink }),
      400,
      'badRequest',
      'token',
    );
  });

  it('malformed drafts through a genuine link: unknown field, wrong content type, too large, too long', async () => {
    const expectError = async (name: string, got: Promise<ApiAnswer>, status: number, code: string, field?: string) =>
      attack(`status form draft input: ${name}`, async () => {
        const error = errorBodySchema.safeParse((await got).body).data?.error;
        expect({ status: (await got).status, code: error?.code, field: error?.field }).toEqual({ status, code, field });
      });
    const put = (options: { body?: unknown; rawBody?: string; contentType?: string }) =>
      callApi(stack, 'PUT', draftApiPaths.statusFormDraft(), { token: diegoLink, ...options });
    const valid = typedDraft('x');
    await expectError(
      'author named in the body',
      put({ body: { ...valid, authorId: DEMO_USER_IDS.adele } }),
      400,
      'badRequest',
      'authorId',
    );
    await expectError(
      'unknown part in the draft',
      put({ body: { ...valid, value: { ...valid.value, reportId: DEMO_USER_IDS.adele } } }),
      400,
      'badRequest',
      'value.reportId',
    );
    await expectError('no revision', put({ body: { value: valid.value } }), 400, 'badRequest', 'revision');
    await expectError(
      'text/plain',
      put({ rawBody: JSON.stringify(valid), contentType: 'text/plain' }),
      415,
      'unsupportedMediaType',
    );
    await expectError(
      '70 KiB body',
      put({ body: { ...valid, padding: 'x'.repeat(70 * 1024) } }),
      413,
      'payloadTooLarge',
    );
    await expectError(
      '2001 characters',
      put({
        body: { ...valid, value: { ...valid.value, fields: { ...valid.value.fields, blocked: 'x'.repeat(2001) } } },
      }),
      400,
      'badRequest',
      'value.fields.blocked',
    );
  });

  it('the genuine link still holds only what its owner saved', async () => {
    const view = statusFormViewSchema.parse((await form(diegoLink)).body);
    expect(view.update?.fields).toEqual({ finished: 'Genuine words', inProgress: '', blocked: '', fyi: '' });
    const kept = statusFormDraftResponseSchema.parse((await draft(diegoLink)).body).draft;
    expect(kept).toMatchObject({ value: typedDraft('Genuine draft').value, revision: 1 });
  });
});
