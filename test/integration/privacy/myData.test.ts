import { randomUUID } from 'node:crypto';
import {
  apiPaths,
  blockerApiPaths,
  channelApiPaths,
  boardViewSchema,
  deleteMyAnswersResponseSchema,
  deleteMyNotesResponseSchema,
  myDataExportSchema,
  pairTrendResponseSchema,
  privacyApiPaths,
  privateNoteResponseSchema,
  statusApiPaths,
  statusUpdateViewSchema,
  trendApiPaths,
  type BoardRef,
  type BoardView,
  type MyDataExport,
  type RecapLine,
} from '@candor/functions/contract';
import { createTableStatusUpdateStore } from '@candor/functions/store/statusUpdateStore';
import { createTableClientFactory } from '@candor/functions/store/tables';
import { DEMO_USER_IDS, demoMeetings } from '@candor/local/simulator/demoTenant';
import { startLocalStack, type LocalStack } from '@candor/local/stack';
import { callApi } from '../../support/api';

/*
 * Export and deletion of a person's own data through the HTTP API (real tokens from the simulator, real Azurite).
 * Every text is unique, so "appears" and "does not appear" in a whole JSON answer are exact checks. The clock is
 * fixed at a moment when the demo's 1:1s with Adele and Alex are in progress.
 */
jest.setTimeout(90_000);

const T0 = new Date('2026-11-25T09:10:00.000Z');
const MONTH = '2026-11';
let stack: LocalStack;
const people = ['megan', 'adele', 'alex'] as const;
type Who = (typeof people)[number];
const tokens = {} as Record<Who, string>;
const meetings = demoMeetings(T0);
const chatOf = (who: Who) => meetings.find((m) => m.reportId === DEMO_USER_IDS[who])!.chatId;

const unique = (label: string) => `${label} ${randomUUID()}`;
const TEXT = {
  adeleAnswer: unique('Energized by the <b>new</b> onboarding work'),
  adeleGoal: unique('Lead the platform guild'),
  adeleNote: unique('Ask about the reorg rumours'),
  adeleStatus: unique('Shipped the export'),
  meganShared: unique('Pairing with Lee could help here'),
  meganPrivate: unique('Adele seems tired; check workload'),
  alexAnswer: unique('The release train drains me'),
  alexNote: unique('Raise the on-call rota'),
};
const LINES: [RecapLine, RecapLine] = [
  { text: 'Blocked on the data contract; Megan chases legal', tags: ['blocker', 'supportNeed'] },
  { text: 'Raising risks early saved a sprint', tags: ['learning'] },
];
let adeleRef: BoardRef;

const call = (method: string, path: string, who: Who, body?: unknown) =>
  callApi(stack, method, path, { token: tokens[who], ...(body === undefined ? {} : { body }) });

async function openMeeting(who: Who): Promise<BoardView> {
  const answer = await call('GET', apiPaths.meetingBoard(chatOf(who)), who);
  expect(answer.status).toBe(200);
  return boardViewSchema.parse(answer.body);
}

async function board(ref: BoardRef, who: Who): Promise<BoardView> {
  const answer = await call('GET', apiPaths.board(ref), who);
  expect(answer.status).toBe(200);
  return boardViewSchema.parse(answer.body);
}

async function exportOf(who: Who): Promise<{ data: MyDataExport; raw: string }> {
  const answer = await call('GET', privacyApiPaths.export(), who);
  expect(answer.status).toBe(200);
  return { data: myDataExportSchema.parse(answer.body), raw: JSON.stringify(answer.body) };
}

async function expectSaved(path: string, who: Who, body: unknown): Promise<void> {
  const answer = await call('PUT', path, who, body);
  expect({ path, status: answer.status }).toEqual({ path, status: 200 });
}

async function myMonth(who: Who) {
  const answer = await call('GET', trendApiPaths.me(), who);
  expect(answer.status).toBe(200);
  return pairTrendResponseSchema.parse(answer.body).trend.months.find((m) => m.month === MONTH)!;
}

beforeAll(async () => {
  stack = await startLocalStack({ now: () => T0 });
  for (const who of people) tokens[who] = await stack.simulator.mintAccessToken(DEMO_USER_IDS[who]);

  const adele = await openMeeting('adele');
  adeleRef = adele.ref;
  await expectSaved(apiPaths.boardField(adeleRef, 'energizing'), 'adele', { text: TEXT.adeleAnswer, baseRevision: 0 });
  await expectSaved(apiPaths.boardRating(adeleRef, 'mood'), 'adele', { value: 2, baseRevision: 0 });
  await expectSaved(apiPaths.careerGoal(adeleRef), 'adele', {
    text: TEXT.adeleGoal,
    baseRevision: adele.careerGoal.revision,
  });
  await expectSaved(apiPaths.privateNote(adeleRef), 'adele', { text: TEXT.adeleNote, baseRevision: 0 });
  await expectSaved(apiPaths.boardField(adeleRef, 'energizingNote'), 'megan', {
    text: TEXT.meganShared,
    baseRevision: 0,
  });
  await expectSaved(apiPaths.privateNote(adeleRef), 'megan', { text: TEXT.meganPrivate, baseRevision: 0 });
  // The status form's save, through its store (the form itself is covered by the status request tests).
  const tables = createTableClientFactory({
    kind: 'connectionString',
    connectionString: stack.functionsEnv.TABLES_CONNECTION_STRING!,
  });
  await createTableStatusUpdateStore(tables).save(
    { tenantId: stack.simulator.tenantId, ...adeleRef },
    { baseRevision: 0, parts: { finished: TEXT.adeleStatus }, via: 'form' },
    T0,
  );
  // Closing the board: answers become read-only, and the recap records the month's trend (mood 2).
  await expectSaved(apiPaths.recap(adeleRef), 'megan', { lines: LINES });
  await expectSaved(blockerApiPaths.blocker(adeleRef, adeleRef.occurrenceId, 0), 'adele', {
    resolved: true,
    baseRevision: 0,
  });

  const alex = await openMeeting('alex');
  await expectSaved(apiPaths.boardField(alex.ref, 'draining'), 'alex', { text: TEXT.alexAnswer, baseRevision: 0 });
  await expectSaved(apiPaths.privateNote(alex.ref), 'alex', { text: TEXT.alexNote, baseRevision: 0 });
}, 90_000);

afterAll(async () => {
  await stack?.stop();
});

describe('GET me/export', () => {
  it("gives a report their answers, ratings, goal, notes, status update, sharing and trends, and nobody else's words", async () => {
    const { data, raw } = await exportOf('adele');
    expect(data.userId).toBe(DEMO_USER_IDS.adele);
    const exported = data.boards.find((b) => b.occurrenceId === adeleRef.occurrenceId)!;
    expect(exported).toMatchObject({
      role: 'report',
      fields: { energizing: { text: TEXT.adeleAnswer } },
      ratings: { mood: { value: 2 } },
    });
    expect(exported.recap?.lines.map((l) => l.text)).toEqual(LINES.map((l) => l.text));
    expect(data.pairs.find((p) => p.managerId === DEMO_USER_IDS.megan)?.careerGoal?.text).toBe(TEXT.adeleGoal);
    // The blocker's words are the recap's (exported above); its resolution is exported with the pair.
    expect(data.pairs.find((p) => p.managerId === DEMO_USER_IDS.megan)?.blockers).toEqual([
      expect.objectContaining({
        occurrenceId: adeleRef.occurrenceId,
        line: 0,
        resolved: true,
        resolvedBy: DEMO_USER_IDS.adele.toLowerCase(),
      }),
    ]);
    expect(data.privateNotes.map((n) => n.note.text)).toEqual([TEXT.adeleNote]);
    expect(data.statusUpdates.map((s) => s.update.fields.finished)).toEqual([TEXT.adeleStatus]);
    const month = data.trends.find((t) => t.manager.id === DEMO_USER_IDS.megan)!.months.find((m) => m.month === MONTH)!;
    expect(month.mood).toMatchObject({ answered: 1, average: 2 });
    for (const foreign of [TEXT.meganShared, TEXT.meganPrivate, TEXT.alexAnswer, TEXT.alexNote])
      expect(raw).not.toContain(foreign);
  });

  it('includes where status requests reach the caller (their own choice), never the bot chat’s id', async () => {
    const saved = await call('PUT', channelApiPaths.statusChannel(), 'alex', { channel: 'chat' });
    expect(saved.status).toBe(200);
    const { data } = await exportOf('alex');
    expect(data.statusChannel).toEqual({ channel: 'chat', chosen: true, botChatKnown: false });
    expect((await exportOf('megan')).data.statusChannel).toEqual({
      channel: 'email',
      chosen: false,
      botChatKnown: false,
    });
  });

  it("gives a manager her shared notes and private notes, never the report's answers or private notes", async () => {
    const { data, raw } = await exportOf('megan');
    const exported = data.boards.find(
      (b) => b.occurrenceId === adeleRef.occurrenceId && b.reportId === DEMO_USER_IDS.adele,
    )!;
    expect(exported).toMatchObject({
      role: 'manager',
      fields: { energizingNote: { text: TEXT.meganShared } },
      ratings: {},
    });
    expect(data.privateNotes.map((n) => n.note.text)).toEqual([TEXT.meganPrivate]);
    expect(data.trends).toEqual([]);
    for (const foreign of [
      TEXT.adeleAnswer,
      TEXT.adeleNote,
      TEXT.adeleStatus,
      TEXT.adeleGoal,
      TEXT.alexAnswer,
      TEXT.alexNote,
    ])
      expect(raw).not.toContain(foreign);
  });

  it('gives someone of another pair only their own data', async () => {
    const { data, raw } = await exportOf('alex');
    expect(data.boards.every((b) => b.reportId === DEMO_USER_IDS.alex)).toBe(true);
    expect(raw).toContain(TEXT.alexAnswer);
    for (const foreign of [
      TEXT.adeleAnswer,
      TEXT.adeleNote,
      TEXT.adeleStatus,
      TEXT.adeleGoal,
      TEXT.meganShared,
      TEXT.meganPrivate,
    ])
      expect(raw).not.toContain(foreign);
  });

  it('answers 401 without a valid token', async () => {
    expect((await callApi(stack, 'GET', privacyApiPaths.export())).status).toBe(401);
    expect((await callApi(stack, 'DELETE', privacyApiPaths.answers(), { token: 'not-a-token' })).status).toBe(401);
  });
});

describe('DELETE me/answers', () => {
  it("by someone of another pair deletes only their own answers, never Adele's", async () => {
    const answer = await call('DELETE', privacyApiPaths.answers(), 'alex');
    expect(answer.status).toBe(200);
    expect(deleteMyAnswersResponseSchema.parse(answer.body)).toMatchObject({
      boardsCleared: 1,
      privateNotesDeleted: 1,
    });
    expect((await board(adeleRef, 'adele')).fields.energizing.text).toBe(TEXT.adeleAnswer);
    expect(
      privateNoteResponseSchema.parse((await call('GET', apiPaths.privateNote(adeleRef), 'adele')).body).note.text,
    ).toBe(TEXT.adeleNote);
  });

  it("clears the report's answers on the closed board, deletes her status update and private notes, and the trend forgets her mood", async () => {
    expect((await myMonth('adele')).mood).toMatchObject({ answered: 1 });
    const answer = await call('DELETE', privacyApiPaths.answers(), 'adele');
    expect(answer.status).toBe(200);
    expect(deleteMyAnswersResponseSchema.parse(answer.body)).toEqual({
      boardsCleared: 1,
      careerGoalsCleared: 1,
      statusUpdatesDeleted: 1,
      privateNotesDeleted: 1,
      trendsRebuilt: 1,
    });

    const view = await board(adeleRef, 'adele');
    expect(view.fields.energizing.text).toBe('');
    expect(view.ratings.mood.value).toBeNull();
    expect(view.careerGoal.text).toBe('');
    // The manager's words and the recap written together stay.
    expect(view.fields.energizingNote.text).toBe(TEXT.meganShared);
    expect(view.recap?.lines.map((l) => l.text)).toEqual(LINES.map((l) => l.text));
    expect(
      privateNoteResponseSchema.parse((await call('GET', apiPaths.privateNote(adeleRef), 'adele')).body).note.text,
    ).toBe('');
    expect(
      privateNoteResponseSchema.parse((await call('GET', apiPaths.privateNote(adeleRef), 'megan')).body).note.text,
    ).toBe(TEXT.meganPrivate);
    expect(
      statusUpdateViewSchema.parse((await call('GET', statusApiPaths.statusUpdate(adeleRef), 'megan')).body).update,
    ).toBeNull();

    const month = await myMonth('adele');
    expect(month.mood).toMatchObject({ answered: 0, average: null });
    expect(month.energy).toMatchObject({ answered: 0, average: null });
    expect(month.statusAnswered).toBe(0);
    const managerView = pairTrendResponseSchema
      .parse((await call('GET', trendApiPaths.pair(adeleRef), 'megan')).body)
      .trend.months.find((m) => m.month === MONTH)!;
    expect(managerView.mood).toMatchObject({ answered: 0 });

    const { raw } = await exportOf('adele');
    for (const gone of [TEXT.adeleAnswer, TEXT.adeleGoal, TEXT.adeleNote, TEXT.adeleStatus])
      expect(raw).not.toContain(gone);
    // Running it again finds nothing more to delete.
    expect(
      deleteMyAnswersResponseSchema.parse((await call('DELETE', privacyApiPaths.answers(), 'adele')).body),
    ).toMatchObject({ boardsCleared: 0, statusUpdatesDeleted: 0, privateNotesDeleted: 0 });
  });
});

describe('DELETE me/notes', () => {
  it("clears the manager's shared notes and deletes her private notes, leaving the recap", async () => {
    const answer = await call('DELETE', privacyApiPaths.notes(), 'megan');
    expect(answer.status).toBe(200);
    expect(deleteMyNotesResponseSchema.parse(answer.body)).toMatchObject({ boardsCleared: 1, privateNotesDeleted: 1 });
    const view = await board(adeleRef, 'megan');
    expect(view.fields.energizingNote.text).toBe('');
    expect(view.recap).not.toBeNull();
    expect(
      privateNoteResponseSchema.parse((await call('GET', apiPaths.privateNote(adeleRef), 'megan')).body).note.text,
    ).toBe('');
    const { raw } = await exportOf('megan');
    for (const gone of [TEXT.meganShared, TEXT.meganPrivate]) expect(raw).not.toContain(gone);
  });
});
