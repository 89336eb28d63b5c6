import { randomUUID } from 'node:crypto';
import {
  apiPaths,
  blockerApiPaths,
  privacyApiPaths,
  boardViewSchema,
  boardDraftsResponseSchema,
  commitmentResponseSchema,
  draftApiPaths,
  errorBodySchema,
  goToApiPaths,
  goToExchangeSchema,
  homeApiPaths,
  homeViewSchema,
  privateNoteResponseSchema,
  statusApiPaths,
  statusUpdateViewSchema,
  statusMovePath,
  trendApiPaths,
  type BoardRef,
  type BoardView,
} from '@candor/functions/contract';
import { createGoToExchangeStore } from '@candor/functions/store/goToExchangeStore';
import { createTableClientFactory } from '@candor/functions/store/tables';
import { DEMO_USER_IDS, demoMeetings } from '@candor/local/simulator/demoTenant';
import { startLocalStack, type LocalStack } from '@candor/local/stack';
import { callApi, type ApiAnswer } from '../../support/api';
import { attack } from '../../support/hostileLedger';

/*
 * Valid tokens of people OUTSIDE a pair, on every endpoint that names the pair (IDOR): Alex (another report of the
 * same manager), Patti (the manager's own manager: there is no skip-level or HR viewer over content), and URLs that
 * name the attacker as one of the pair. Each gets the exact refusal, and afterwards nothing they sent is stored.
 */
jest.setTimeout(120_000);

const T0 = new Date('2026-06-10T09:10:00.000Z');
let stack: LocalStack;
const meetings = demoMeetings(T0);
const adeleMeeting = meetings.find((m) => m.reportId === DEMO_USER_IDS.adele)!;
const tokens: Record<'megan' | 'adele' | 'alex' | 'patti' | 'diego', string> = {
  megan: '',
  adele: '',
  alex: '',
  patti: '',
  diego: '',
};
let board: BoardView;
let commitmentId: string;
const ANSWER = `Energized by the launch ${randomUUID()}`;
const NOTE = `Private: thinking about leaving ${randomUUID()}`;
const COMMITMENT = `Intro to the platform lead ${randomUUID()}`;
const DRAFT = `Draft: asking for the promotion ${randomUUID()}`;
const draftOf = (text: string) => [
  { text, tags: ['blocker'] },
  { text: '', tags: [] },
];

beforeAll(async () => {
  stack = await startLocalStack({ now: () => T0 });
  for (const who of Object.keys(tokens) as Array<keyof typeof tokens>)
    tokens[who] = await stack.simulator.mintAccessToken(DEMO_USER_IDS[who]);
  board = boardViewSchema.parse(
    (await callApi(stack, 'GET', apiPaths.meetingBoard(adeleMeeting.chatId), { token: tokens.adele })).body,
  );
  const ok = async (answer: Promise<ApiAnswer>, status = 200) => expect((await answer).status).toBe(status);
  await ok(
    callApi(stack, 'PUT', apiPaths.boardField(board.ref, 'energizing'), {
      token: tokens.adele,
      body: { text: ANSWER, baseRevision: 0 },
    }),
  );
  await ok(
    callApi(stack, 'PUT', apiPaths.privateNote(board.ref), {
      token: tokens.adele,
      body: { text: NOTE, baseRevision: 0 },
    }),
  );
  await ok(
    callApi(stack, 'PUT', draftApiPaths.boardDraft(board.ref, 'recapComposer'), {
      token: tokens.adele,
      body: { value: draftOf(DRAFT), revision: 1 },
    }),
  );
  commitmentId = randomUUID();
  const made = await callApi(stack, 'POST', apiPaths.commitments(board.ref), {
    token: tokens.megan,
    body: { id: commitmentId, text: COMMITMENT },
  });
  expect(made.status).toBe(201);
  expect(commitmentResponseSchema.parse(made.body).commitment.revision).toBe(1);
}, 60_000);

afterAll(async () => {
  await stack?.stop();
});

interface Endpoint {
  name: string;
  method: 'GET' | 'PUT' | 'POST' | 'DELETE';
  path: (ref: BoardRef) => string;
  body?: () => unknown;
}

/** Every endpoint that names a pair (or a pair's report), with a body the pair's owner could send. */
const ENDPOINTS: Endpoint[] = [
  { name: 'board', method: 'GET', path: (r) => apiPaths.board(r) },
  {
    name: 'save answer field',
    method: 'PUT',
    path: (r) => apiPaths.boardField(r, 'energizing'),
    body: () => ({ text: 'overwritten', baseRevision: 1 }),
  },
  {
    name: 'save shared note',
    method: 'PUT',
    path: (r) => apiPaths.boardField(r, 'energizingNote'),
    body: () => ({ text: 'overwritten', baseRevision: 0 }),
  },
  {
    name: 'save rating',
    method: 'PUT',
    path: (r) => apiPaths.boardRating(r, 'mood'),
    body: () => ({ value: 1, baseRevision: 0 }),
  },
  {
    name: 'career goal',
    method: 'PUT',
    path: (r) => apiPaths.careerGoal(r),
    body: () => ({ text: 'overwritten', baseRevision: 0 }),
  },
  {
    name: 'create commitment',
    method: 'POST',
    path: (r) => apiPaths.commitments(r),
    body: () => ({ id: randomUUID(), text: 'planted' }),
  },
  {
    name: 'update commitment',
    method: 'PUT',
    path: (r) => apiPaths.commitment(r, commitmentId),
    body: () => ({ status: 'dropped', baseRevision: 1 }),
  },
  { name: 'read private note', method: 'GET', path: (r) => apiPaths.privateNote(r) },
  {
    name: 'write private note',
    method: 'PUT',
    path: (r) => apiPaths.privateNote(r),
    body: () => ({ text: 'planted', baseRevision: 0 }),
  },
  {
    name: 'close with a recap',
    method: 'PUT',
    path: (r) => apiPaths.recap(r),
    body: () => ({
      lines: [
        { text: 'Fake blocker and support', tags: ['blocker', 'supportNeed'] },
        { text: 'Fake learning', tags: ['learning'] },
      ],
    }),
  },
  {
    name: 'write a line of the shared recap draft',
    method: 'PUT',
    path: (r) => apiPaths.recapDraft(r, 'line1'),
    body: () => ({ text: 'planted', tags: ['blocker'], baseRevision: 0 }),
  },
  {
    name: 'choose "no blocker this week" on the shared recap draft',
    method: 'PUT',
    path: (r) => apiPaths.recapDraft(r, 'noBlocker'),
    body: () => ({ value: true, baseRevision: 0 }),
  },
  {
    name: 'correct the recap',
    method: 'PUT',
    path: (r) => apiPaths.recapCorrection(r),
    body: () => ({
      baseVersion: 1,
      lines: [
        { text: 'Fake blocker and support', tags: ['blocker', 'supportNeed'] },
        { text: 'Fake learning', tags: ['learning'] },
      ],
    }),
  },
  {
    name: 'skip go-to question',
    method: 'POST',
    path: (r) => apiPaths.skipGoToQuestion(r),
    body: () => ({ questionId: 'q1' }),
  },
  { name: "read the pair's go-to questions", method: 'GET', path: (r) => goToApiPaths.pairQuestions(r) },
  {
    name: 'add a go-to question to the pair',
    method: 'POST',
    path: (r) => goToApiPaths.pairQuestions(r),
    body: () => ({ id: randomUUID(), text: 'planted' }),
  },
  {
    name: "remove a report's go-to ask",
    method: 'DELETE',
    path: (r) => goToApiPaths.pairQuestion(r, randomUUID()),
  },
  { name: 'read status update', method: 'GET', path: (r) => statusApiPaths.statusUpdate(r) },
  {
    name: 'move to status',
    method: 'POST',
    path: (r) => statusMovePath(r),
    body: () => ({ moveId: randomUUID(), section: 'fyi', text: 'planted' }),
  },
  { name: 'pair trend', method: 'GET', path: (r) => trendApiPaths.pair(r) },
  { name: "the pair's open blockers", method: 'GET', path: (r) => blockerApiPaths.openBlockers(r) },
  {
    name: 'mark a blocker resolved',
    method: 'PUT',
    path: (r) => blockerApiPaths.blocker(r, r.occurrenceId, 0),
    body: () => ({ resolved: true, baseRevision: 0 }),
  },
  { name: 'read drafts', method: 'GET', path: (r) => draftApiPaths.boardDrafts(r) },
  {
    name: 'write a draft',
    method: 'PUT',
    path: (r) => draftApiPaths.boardDraft(r, 'recapComposer'),
    body: () => ({ value: draftOf('planted'), revision: 99 }),
  },
  { name: 'delete a draft', method: 'DELETE', path: (r) => draftApiPaths.boardDraft(r, 'recapComposer') },
  { name: 'open the board outside a meeting', method: 'POST', path: (r) => homeApiPaths.openBoard(r) },
];

async function expectRefusal(name: string, answer: Promise<ApiAnswer>, status: number, code: string): Promise<void> {
  await attack(name, async () => {
    const got = await answer;
    expect({ status: got.status, code: errorBodySchema.safeParse(got.body).data?.error.code }).toEqual({
      status,
      code,
    });
    for (const secret of [ANSWER, NOTE, COMMITMENT, DRAFT]) expect(JSON.stringify(got.body)).not.toContain(secret);
  });
}

describe('outsiders on every endpoint of the Megan–Adele pair', () => {
  for (const outsider of ['alex', 'patti'] as const) {
    describe(`${outsider}`, () => {
      it.each(ENDPOINTS.map((e) => [e.name, e]))('%s → 403 forbidden', async (_name, endpoint) => {
        await expectRefusal(
          `idor ${outsider}: ${endpoint.name}`,
          callApi(stack, endpoint.method, endpoint.path(board.ref), {
            token: tokens[outsider],
            ...(endpoint.body ? { body: endpoint.body() } : {}),
          }),
          403,
          'forbidden',
        );
      });

      it("opening the pair's meeting chat → 404 (the chat is not a 1:1 of theirs)", async () => {
        await expectRefusal(
          `idor ${outsider}: meeting board by chat id`,
          callApi(stack, 'GET', apiPaths.meetingBoard(adeleMeeting.chatId), { token: tokens[outsider] }),
          404,
          'notFound',
        );
      });

      it('setting the lead time of a report who is not theirs → 403', async () => {
        await expectRefusal(
          `idor ${outsider}: enrolment pair lead time of Adele`,
          callApi(stack, 'PUT', statusApiPaths.enrolmentPair(DEMO_USER_IDS.adele), {
            token: tokens[outsider],
            body: { leadTimeHours: 2 },
          }),
          403,
          'forbidden',
        );
      });

      it('previewing the status email to a report who is not theirs → 403', async () => {
        await expectRefusal(
          `idor ${outsider}: status email preview to Adele`,
          callApi(stack, 'GET', statusApiPaths.statusEmailPreview(DEMO_USER_IDS.adele), { token: tokens[outsider] }),
          403,
          'forbidden',
        );
      });
    });
  }
});

describe('URLs that name the attacker as one of the pair', () => {
  // Alex as "manager" of Adele: he is in the URL, but the directory does not say he manages her.
  const forged = (): BoardRef => ({ ...board.ref, managerId: DEMO_USER_IDS.alex });
  it.each(ENDPOINTS.map((e) => [e.name, e]))('alex as the manager: %s → 403', async (_name, endpoint) => {
    await expectRefusal(
      `idor alex named as manager: ${endpoint.name}`,
      callApi(stack, endpoint.method, endpoint.path(forged()), {
        token: tokens.alex,
        ...(endpoint.body ? { body: endpoint.body() } : {}),
      }),
      403,
      'forbidden',
    );
  });

  it('Adele reading the board of Megan and Diego → 403', async () => {
    const diegoRef = { ...board.ref, reportId: DEMO_USER_IDS.diego };
    await expectRefusal(
      'idor adele: board of another pair of her manager',
      callApi(stack, 'GET', apiPaths.board(diegoRef), { token: tokens.adele }),
      403,
      'forbidden',
    );
    await expectRefusal(
      'idor adele: go-to questions of another pair of her manager',
      callApi(stack, 'GET', goToApiPaths.pairQuestions(diegoRef), { token: tokens.adele }),
      403,
      'forbidden',
    );
    await expectRefusal(
      "idor adele: removing an ask of another pair's report",
      callApi(stack, 'DELETE', goToApiPaths.pairQuestion(diegoRef, randomUUID()), { token: tokens.adele }),
      403,
      'forbidden',
    );
    await expectRefusal(
      'idor adele: trend of another pair of her manager',
      callApi(stack, 'GET', trendApiPaths.pair(diegoRef), { token: tokens.adele }),
      403,
      'forbidden',
    );
    await expectRefusal(
      'idor adele: open blockers of another pair of her manager',
      callApi(stack, 'GET', blockerApiPaths.openBlockers(diegoRef), { token: tokens.adele }),
      403,
      'forbidden',
    );
    await expectRefusal(
      'idor adele: resolving a blocker of another pair of her manager',
      callApi(stack, 'PUT', blockerApiPaths.blocker(diegoRef, diegoRef.occurrenceId, 0), {
        token: tokens.adele,
        body: { resolved: true, baseRevision: 0 },
      }),
      403,
      'forbidden',
    );
  });
});

describe("inside the pair, the other person's things", () => {
  it("the manager writing the report's answer, rating or career goal, and the report making a commitment → 403", async () => {
    const asMegan = (path: string, body: unknown) => callApi(stack, 'PUT', path, { token: tokens.megan, body });
    await expectRefusal(
      "owner: manager writes the report's answer",
      asMegan(apiPaths.boardField(board.ref, 'energizing'), { text: 'x', baseRevision: 1 }),
      403,
      'forbidden',
    );
    await expectRefusal(
      "owner: manager writes the report's mood",
      asMegan(apiPaths.boardRating(board.ref, 'mood'), { value: 5, baseRevision: 0 }),
      403,
      'forbidden',
    );
    for (const rating of ['energy', 'drain'] as const) {
      await expectRefusal(
        `owner: manager writes how ${rating === 'energy' ? 'energized' : 'drained'} the report felt`,
        asMegan(apiPaths.boardRating(board.ref, rating), { value: 1, baseRevision: 0 }),
        403,
        'forbidden',
      );
    }
    await expectRefusal(
      'owner: manager writes the career goal',
      asMegan(apiPaths.careerGoal(board.ref), { text: 'x', baseRevision: 0 }),
      403,
      'forbidden',
    );
    await expectRefusal(
      'owner: report creates a commitment for the manager',
      callApi(stack, 'POST', apiPaths.commitments(board.ref), {
        token: tokens.adele,
        body: { id: randomUUID(), text: 'x' },
      }),
      403,
      'forbidden',
    );
    await expectRefusal(
      "owner: report moves status into the manager's words",
      callApi(stack, 'POST', statusMovePath(board.ref), {
        token: tokens.megan,
        body: { moveId: randomUUID(), section: 'fyi', text: 'x' },
      }),
      403,
      'forbidden',
    );
  });

  it("the report skipping the manager's go-to question (each skip would reveal the next one) → 403", async () => {
    await expectRefusal(
      'owner: report skips the go-to question',
      callApi(stack, 'POST', apiPaths.skipGoToQuestion(board.ref), { token: tokens.adele, body: { questionId: 'q1' } }),
      403,
      'forbidden',
    );
  });

  it('opening an occurrence of the pair that is in neither calendar (a forged id) → 404, and no board', async () => {
    const forged = { ...board.ref, occurrenceId: `20260611T0300Z-${board.ref.occurrenceId.slice(-16)}` };
    for (const who of ['adele', 'megan'] as const) {
      await expectRefusal(
        `idor ${who}: open a forged occurrence of the pair`,
        callApi(stack, 'POST', homeApiPaths.openBoard(forged), { token: tokens[who] }),
        404,
        'notFound',
      );
    }
    const read = await callApi(stack, 'GET', apiPaths.board(forged), { token: tokens.adele });
    expect(read.status).toBe(404);
  });

  it('a private note on an occurrence of the pair that has no board → 404, saved or read', async () => {
    const missing = { ...board.ref, occurrenceId: '20260610T0935Z-0123456789abcdef' };
    await expectRefusal(
      'missing occurrence: report saves a private note',
      callApi(stack, 'PUT', apiPaths.privateNote(missing), {
        token: tokens.adele,
        body: { text: 'planted', baseRevision: 0 },
      }),
      404,
      'notFound',
    );
    await expectRefusal(
      'missing occurrence: report reads a private note',
      callApi(stack, 'GET', apiPaths.privateNote(missing), { token: tokens.adele }),
      404,
      'notFound',
    );
  });

  it('the manager reading a mood the report did not share gets "notShared", not even "unanswered"', async () => {
    const sharing = (shareMood: boolean) =>
      callApi(stack, 'PUT', trendApiPaths.sharing(), {
        token: tokens.adele,
        body: { shareMood, shareLifeLoad: true, shareEnergy: true, shareDrain: true, calendarLoad: true },
      });
    expect((await sharing(false)).status).toBe(200);
    try {
      await attack("unshared rating: manager reads the report's mood on the board", async () => {
        const view = boardViewSchema.parse(
          (await callApi(stack, 'GET', apiPaths.board(board.ref), { token: tokens.megan })).body,
        );
        expect(view.ratings.mood).toEqual({ value: 'notShared', revision: 0, updatedBy: null, updatedAt: null });
      });
    } finally {
      expect((await sharing(true)).status).toBe(200);
    }
  });

  it("the manager asking for the drafts on the report's board gets only her own (none)", async () => {
    await attack("drafts: manager reads the report's drafts on the same board", async () => {
      const got = await callApi(stack, 'GET', draftApiPaths.boardDrafts(board.ref), { token: tokens.megan });
      expect(got.status).toBe(200);
      expect(boardDraftsResponseSchema.parse(got.body).drafts).toEqual({});
      expect(JSON.stringify(got.body)).not.toContain(DRAFT);
    });
  });

  it("the manager asking for the report's private note gets only her own (empty) note", async () => {
    await attack("private note: manager reads the report's note on the same board", async () => {
      const got = await callApi(stack, 'GET', apiPaths.privateNote(board.ref), { token: tokens.megan });
      expect(got.status).toBe(200);
      expect(privateNoteResponseSchema.parse(got.body).note).toEqual({ text: '', revision: 0, updatedAt: null });
      expect(JSON.stringify(got.body)).not.toContain(NOTE);
    });
  });
});

describe("exports and deletion name nobody: the caller is the token's user", () => {
  it("an outsider's export holds nothing of the pair, and the manager's none of the report's answers or notes", async () => {
    for (const who of ['alex', 'patti', 'megan'] as const) {
      await attack(`idor export: ${who} exports`, async () => {
        const got = await callApi(stack, 'GET', privacyApiPaths.export(), { token: tokens[who] });
        expect(got.status).toBe(200);
        const text = JSON.stringify(got.body);
        expect(text).not.toContain(ANSWER);
        expect(text).not.toContain(NOTE);
        expect(text).not.toContain(DRAFT);
        if (who !== 'megan') expect(text).not.toContain(COMMITMENT);
      });
    }
  });

  it("an outsider's Home lists nothing of the pair", async () => {
    for (const who of ['alex', 'patti'] as const) {
      await attack(`idor home: ${who} reads Home`, async () => {
        const got = await callApi(stack, 'GET', homeApiPaths.home(), { token: tokens[who] });
        expect(got.status).toBe(200);
        const refs = homeViewSchema.parse(got.body).oneOnOnes.map((o) => o.ref);
        expect(refs.filter((r) => r.reportId === DEMO_USER_IDS.adele)).toEqual([]);
        for (const secret of [ANSWER, NOTE, COMMITMENT, DRAFT]) expect(JSON.stringify(got.body)).not.toContain(secret);
      });
    }
  });

  it('naming someone else in the query is refused', async () => {
    for (const [method, path] of [
      ['GET', homeApiPaths.home()],
      ['GET', privacyApiPaths.export()],
      ['DELETE', privacyApiPaths.answers()],
      ['DELETE', privacyApiPaths.notes()],
    ] as const) {
      await expectRefusal(
        `idor ${method} ${path}?userId=<adele>`,
        callApi(stack, method, `${path}?userId=${DEMO_USER_IDS.adele}`, { token: tokens.alex }),
        400,
        'badRequest',
      );
    }
  });

  it('an outsider deleting "my answers" and "my notes" deletes only their own', async () => {
    await attack('idor delete: alex deletes his answers, patti her notes', async () => {
      expect((await callApi(stack, 'DELETE', privacyApiPaths.answers(), { token: tokens.alex })).status).toBe(200);
      expect((await callApi(stack, 'DELETE', privacyApiPaths.notes(), { token: tokens.patti })).status).toBe(200);
      const view = boardViewSchema.parse(
        (await callApi(stack, 'GET', apiPaths.board(board.ref), { token: tokens.adele })).body,
      );
      expect(view.fields.energizing?.text).toBe(ANSWER);
    });
  });
});

describe('after every attack', () => {
  it('stored nothing an outsider sent', async () => {
    const view = boardViewSchema.parse(
      (await callApi(stack, 'GET', apiPaths.board(board.ref), { token: tokens.adele })).body,
    );
    expect(view.fields.energizing?.text).toBe(ANSWER);
    expect(view.fields.energizingNote?.text).toBe('');
    expect(view.ratings.mood?.value).toBeNull();
    expect(view.careerGoal.text).toBe('');
    expect(view.recap).toBeNull();
    expect(view.recapDraft?.lines.map((l) => l.text)).toEqual(['', '']);
    expect(view.recapDraft?.noBlocker.value).toBe(false);
    expect(view.commitments.map((c) => [c.text, c.status])).toEqual([[COMMITMENT, 'open']]);
    const note = privateNoteResponseSchema.parse(
      (await callApi(stack, 'GET', apiPaths.privateNote(board.ref), { token: tokens.adele })).body,
    );
    expect(note.note.text).toBe(NOTE);
    const drafts = boardDraftsResponseSchema.parse(
      (await callApi(stack, 'GET', draftApiPaths.boardDrafts(board.ref), { token: tokens.adele })).body,
    ).drafts;
    expect(drafts.recapComposer).toMatchObject({ value: draftOf(DRAFT), revision: 1 });
    const status = statusUpdateViewSchema.parse(
      (await callApi(stack, 'GET', statusApiPaths.statusUpdate(board.ref), { token: tokens.adele })).body,
    );
    expect(status.update).toBeNull();
  });
});

describe("the go-to exchange: another tenant's shares, and withdrawn ones", () => {
  it("another tenant's share is neither listed nor adoptable; a withdrawn share cannot be adopted or withdrawn again", async () => {
    const foreignTenant = '0e1d2c3b-4a59-4687-9a8b-7c6d5e4f3a2b';
    const foreign = { id: randomUUID(), text: `Their question ${randomUUID()}`, sharerName: 'Someone Else' };
    const exchange = createGoToExchangeStore(
      createTableClientFactory({ kind: 'connectionString', connectionString: stack.azurite.connectionString }),
    );
    await exchange.share(foreignTenant, { ...foreign, sharerId: randomUUID(), sharedAt: T0.toISOString() });
    await attack("exchange: another tenant's share is not listed", async () => {
      const listed = await callApi(stack, 'GET', goToApiPaths.exchange(), { token: tokens.megan });
      expect(goToExchangeSchema.parse(listed.body).shares.map((s) => s.id)).not.toContain(foreign.id);
      expect(JSON.stringify(listed.body)).not.toContain(foreign.text);
    });
    await expectRefusal(
      "exchange: adopt another tenant's share",
      callApi(stack, 'POST', goToApiPaths.adopt(foreign.id), { token: tokens.megan, body: { id: randomUUID() } }),
      404,
      'notFound',
    );
    await expectRefusal(
      "exchange: withdraw another tenant's share",
      callApi(stack, 'DELETE', goToApiPaths.share(foreign.id), { token: tokens.megan }),
      404,
      'notFound',
    );

    const mine = { id: randomUUID(), text: 'What would you like more of?', showName: true };
    expect((await callApi(stack, 'POST', goToApiPaths.exchange(), { token: tokens.megan, body: mine })).status).toBe(
      201,
    );
    await expectRefusal(
      "exchange: withdraw someone else's share",
      callApi(stack, 'DELETE', goToApiPaths.share(mine.id), { token: tokens.alex }),
      404,
      'notFound',
    );
    expect((await callApi(stack, 'DELETE', goToApiPaths.share(mine.id), { token: tokens.megan })).status).toBe(200);
    await expectRefusal(
      'exchange: adopt a withdrawn share',
      callApi(stack, 'POST', goToApiPaths.adopt(mine.id), { token: tokens.alex, body: { id: randomUUID() } }),
      404,
      'notFound',
    );
  });
});
