import { randomUUID } from 'node:crypto';
import {
  apiPaths,
  boardDraftsResponseSchema,
  boardViewSchema,
  deleteDraftResponseSchema,
  draftApiPaths,
  draftResponseSchema,
  errorBodySchema,
  myDataExportSchema,
  staleDraftSchema,
  statusApiPaths,
  statusFormDraftResponseSchema,
  type BoardView,
  type RecapDraft,
} from '@candor/functions/contract';
import { createDraftStore } from '@candor/functions/store/draftStore';
import { purgeExpired } from '@candor/functions/store/retentionStore';
import { createTableClientFactory, type TableClientFactory } from '@candor/functions/store/tables';
import { DEMO_USER_IDS, demoMeetings } from '@candor/local/simulator/demoTenant';
import { startLocalStack, type LocalStack } from '@candor/local/stack';
import { callApi } from '../../support/api';

/*
 * Drafts kept on the server through the real route table, Table Storage (Azurite) and the simulator's directory:
 * the author's own words come back on any device, a late request never overwrites newer words, the draft goes when
 * the real save is done, and drafts are in the author's export, erasure and the retention sweep.
 */
jest.setTimeout(120_000);

let stack: LocalStack;
let tables: TableClientFactory;
let board: BoardView;
let statusLink: string;
const T0 = new Date();
const adeleMeeting = demoMeetings(T0).find((m) => m.reportId === DEMO_USER_IDS.adele)!;
const diegoMeeting = demoMeetings(T0).find((m) => m.reportId === DEMO_USER_IDS.diego)!;
const tokens: Record<'megan' | 'adele' | 'alex' | 'diego', string> = { megan: '', adele: '', alex: '', diego: '' };

const recap = (text: string): RecapDraft => [
  { text, tags: ['blocker'] },
  { text: '', tags: [] },
];

beforeAll(async () => {
  stack = await startLocalStack();
  tables = createTableClientFactory({
    kind: 'connectionString',
    connectionString: stack.functionsEnv.TABLES_CONNECTION_STRING ?? '',
  });
  for (const who of Object.keys(tokens) as Array<keyof typeof tokens>)
    tokens[who] = await stack.simulator.mintAccessToken(DEMO_USER_IDS[who]);
  board = boardViewSchema.parse(
    (await callApi(stack, 'GET', apiPaths.meetingBoard(adeleMeeting.chatId), { token: tokens.megan })).body,
  );
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
  statusLink = token;
}, 90_000);

afterAll(async () => {
  await stack?.stop();
});

const put = (who: keyof typeof tokens, value: unknown, revision: number, id: 'recapComposer' | 'commitmentForm') =>
  callApi(stack, 'PUT', draftApiPaths.boardDraft(board.ref, id), { token: tokens[who], body: { value, revision } });
const drafts = async (who: keyof typeof tokens) => {
  const got = await callApi(stack, 'GET', draftApiPaths.boardDrafts(board.ref), { token: tokens[who] });
  expect(got.status).toBe(200);
  return boardDraftsResponseSchema.parse(got.body).drafts;
};

describe('board drafts', () => {
  it("keeps the author's recap draft for the author alone", async () => {
    const saved = await put('megan', recap('Blocked on the platform team'), 3, 'recapComposer');
    expect(saved.status).toBe(200);
    expect(draftResponseSchema.parse(saved.body).draft).toMatchObject({ revision: 3 });
    expect((await drafts('megan')).recapComposer).toMatchObject({
      value: recap('Blocked on the platform team'),
      revision: 3,
    });
    // The other person of the pair opens the same board and finds none of it.
    expect(await drafts('adele')).toEqual({});
  });

  it('never lets an older revision overwrite a newer one, and takes the same revision again (a retry)', async () => {
    expect((await put('megan', recap('newest words'), 7, 'recapComposer')).status).toBe(200);
    const late = await put('megan', recap('older words'), 6, 'recapComposer');
    expect(late.status).toBe(409);
    expect(staleDraftSchema.parse(late.body).current).toMatchObject({ value: recap('newest words'), revision: 7 });
    expect((await put('megan', recap('newest words, retried'), 7, 'recapComposer')).status).toBe(200);
    expect((await drafts('megan')).recapComposer?.value).toEqual(recap('newest words, retried'));
  });

  it('keeps a commitment draft beside it, and deletes one draft once its real save is done', async () => {
    const commitment = { id: randomUUID(), text: 'I will introduce you to the platform lead', dueDate: '' };
    expect((await put('megan', commitment, 1, 'commitmentForm')).status).toBe(200);
    expect((await drafts('megan')).commitmentForm?.value).toEqual(commitment);
    const gone = await callApi(stack, 'DELETE', draftApiPaths.boardDraft(board.ref, 'commitmentForm'), {
      token: tokens.megan,
    });
    expect(deleteDraftResponseSchema.parse(gone.body)).toEqual({ deleted: true });
    const left = await drafts('megan');
    expect(left.commitmentForm).toBeUndefined();
    expect(left.recapComposer).toBeDefined();
    // Written again after a delete: a fresh row, from revision 1.
    expect((await put('megan', commitment, 1, 'commitmentForm')).status).toBe(200);
  });

  it('refuses people outside the pair, other drafts and bodies that do not fit, writing nothing', async () => {
    const code = async (answer: Promise<{ status: number; body: unknown }>) => {
      const got = await answer;
      return { status: got.status, code: errorBodySchema.safeParse(got.body).data?.error.code };
    };
    expect(await code(put('alex', recap('planted'), 99, 'recapComposer'))).toEqual({ status: 403, code: 'forbidden' });
    expect(await code(callApi(stack, 'GET', draftApiPaths.boardDrafts(board.ref), { token: tokens.alex }))).toEqual({
      status: 403,
      code: 'forbidden',
    });
    expect(
      await code(
        callApi(stack, 'PUT', `${draftApiPaths.boardDrafts(board.ref)}/privateNote`, {
          token: tokens.megan,
          body: { value: 'x', revision: 1 },
        }),
      ),
    ).toEqual({ status: 400, code: 'badRequest' });
    expect(await code(put('megan', [{ text: 'x'.repeat(201), tags: [] }, recap('')[1]], 99, 'recapComposer'))).toEqual({
      status: 400,
      code: 'badRequest',
    });
    expect(await code(put('megan', recap('no revision'), 0, 'recapComposer'))).toEqual({
      status: 400,
      code: 'badRequest',
    });
    expect((await drafts('megan')).recapComposer?.value).toEqual(recap('newest words, retried'));
  });
});

describe('the status form draft, under its link token', () => {
  const link = (method: string, body?: unknown) =>
    callApi(stack, method, draftApiPaths.statusFormDraft(), { token: statusLink, ...(body ? { body } : {}) });
  const typed = {
    fields: { finished: 'Shipped the importer', inProgress: '', blocked: '', fyi: '' },
    base: { revision: 0, fields: { finished: '', inProgress: '', blocked: '', fyi: '' } },
  };

  it("keeps the report's typed form until the form is sent, then forgets it", async () => {
    expect(statusFormDraftResponseSchema.parse((await link('GET')).body).draft).toBeNull();
    expect((await link('PUT', { value: typed, revision: 2 })).status).toBe(200);
    expect(statusFormDraftResponseSchema.parse((await link('GET')).body).draft).toMatchObject({
      value: typed,
      revision: 2,
    });
    const sent = await callApi(stack, 'PUT', statusApiPaths.statusForm(), {
      token: statusLink,
      body: { baseRevision: 0, finished: 'Shipped the importer' },
    });
    expect(sent.status).toBe(200);
    expect(deleteDraftResponseSchema.parse((await link('DELETE')).body)).toEqual({ deleted: true });
    expect(statusFormDraftResponseSchema.parse((await link('GET')).body).draft).toBeNull();
  });

  it('refuses an Entra token and a draft that is not a status form', async () => {
    const entra = await callApi(stack, 'GET', draftApiPaths.statusFormDraft(), { token: tokens.diego });
    expect(errorBodySchema.parse(entra.body).error.code).toBe('linkInvalid');
    const wrong = await link('PUT', { value: { fields: { finished: 'x' } }, revision: 1 });
    expect(wrong.status).toBe(400);
  });
});

describe('drafts are personal data', () => {
  it("are in the author's export, and go with the author's erasure", async () => {
    const exported = myDataExportSchema.parse((await callApi(stack, 'GET', 'me/export', { token: tokens.megan })).body);
    expect(exported.drafts.map((d) => d.draftId).sort()).toEqual(['commitmentForm', 'recapComposer']);
    const adeleDrafts = myDataExportSchema.parse(
      (await callApi(stack, 'GET', 'me/export', { token: tokens.adele })).body,
    ).drafts;
    expect(adeleDrafts).toEqual([]);
    expect((await callApi(stack, 'DELETE', 'me/notes', { token: tokens.megan })).status).toBe(200);
    expect(await drafts('megan')).toEqual({});
  });

  it('leave with the retention sweep once their 1:1 is out of the period', async () => {
    const store = createDraftStore(tables);
    const key = {
      tenantId: stack.simulator.tenantId,
      authorId: DEMO_USER_IDS.adele,
      managerId: DEMO_USER_IDS.megan,
      reportId: DEMO_USER_IDS.adele,
      draftId: 'recapComposer' as const,
    };
    const old = { ...key, occurrenceId: '20200106T0900Z-00000000000000aa' };
    const recent = { ...key, occurrenceId: board.ref.occurrenceId };
    const draft = { value: recap('x'), revision: 1, savedAt: T0.toISOString() };
    expect(await store.save(old, draft, null)).toBe('saved');
    expect(await store.save(recent, draft, null)).toBe('saved');
    const outcome = await purgeExpired(tables, new Date('2021-01-01T00:00:00Z'));
    expect(outcome.deleted.drafts).toBe(2); // the row and its version marker
    expect((await store.get(old)).draft).toBeNull();
    expect((await store.get(recent)).draft).not.toBeNull();
  });
});
