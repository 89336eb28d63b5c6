import { randomUUID } from 'node:crypto';
import { startLocalStack, type LocalStack } from '@candor/local/stack';
import { DEMO_USER_IDS, demoMeetings } from '@candor/local/simulator/demoTenant';
import type { SentMail } from '@candor/local/simulator/types';
import {
  apiPaths,
  boardViewSchema,
  commitmentResponseSchema,
  errorBodySchema,
  fieldConflictSchema,
  goToBankSchema,
  MAX_GO_TO_QUESTIONS,
  privateNoteResponseSchema,
  recapConflictSchema,
  saveFieldResponseSchema,
  saveRatingResponseSchema,
  saveRecapResponseSchema,
  skipGoToQuestionResponseSchema,
  type BoardRef,
  type BoardView,
  type RecapLine,
} from '@candor/functions/contract';
import { CLAIM_PROPERTY_ID } from '@candor/functions/graph/mailGateway';
import { callApi } from '../support/api';

/*
 * The prompt board through the HTTP API, against real Azurite and the Graph + Entra ID simulator. The simulated
 * clock is fixed (and moved by the tests) so "this week's" and "next week's" 1:1 are known occurrences of the demo
 * tenant's weekly series; no assertion depends on wall-clock time.
 */

jest.setTimeout(60_000);

/** A Wednesday in June: no daylight-saving change within weeks either side. */
const T0 = new Date('2026-06-10T09:10:00.000Z');
const WEEK_MS = 7 * 24 * 3600_000;
let clock = T0;
let stack: LocalStack;
const meetings = demoMeetings(T0);
const adele = meetings.find((m) => m.reportId === DEMO_USER_IDS.adele)!;
const diego = meetings.find((m) => m.reportId === DEMO_USER_IDS.diego)!;
const tokens: Record<'megan' | 'adele' | 'diego' | 'alex', string> = { megan: '', adele: '', diego: '', alex: '' };

beforeAll(async () => {
  stack = await startLocalStack({ now: () => clock });
  for (const who of Object.keys(tokens) as Array<keyof typeof tokens>) {
    tokens[who] = await stack.simulator.mintAccessToken(DEMO_USER_IDS[who]);
  }
}, 60_000);

afterAll(async () => {
  await stack?.stop();
});

async function openMeeting(chatId: string, token: string): Promise<BoardView> {
  const answer = await callApi(stack, 'GET', apiPaths.meetingBoard(chatId), { token });
  expect(answer.status).toBe(200);
  return boardViewSchema.parse(answer.body);
}

async function readBoard(ref: BoardRef, token: string): Promise<{ view: BoardView; raw: string; etag: string | null }> {
  const answer = await callApi(stack, 'GET', apiPaths.board(ref), { token });
  expect(answer.status).toBe(200);
  return {
    view: boardViewSchema.parse(answer.body),
    raw: JSON.stringify(answer.body),
    etag: answer.headers.get('etag'),
  };
}

const put = (path: string, token: string, body: unknown) => callApi(stack, 'PUT', path, { token, body });
const post = (path: string, token: string, body: unknown) => callApi(stack, 'POST', path, { token, body });

/** Mails carrying a Candor recap claim, from the simulator's outbox. */
function recapMails(ref: BoardRef): SentMail[] {
  return stack.simulator
    .outbox()
    .filter((m) =>
      m.singleValueExtendedProperties?.some(
        (p) => p.id === CLAIM_PROPERTY_ID && String(p.value).endsWith(ref.occurrenceId),
      ),
    );
}

function recipientsOf(mail: SentMail): string[] {
  return (mail.message.toRecipients ?? []).map((r) => r.emailAddress?.address ?? '').sort();
}

const LINES: [RecapLine, RecapLine] = [
  { text: 'Blocked on the data contract; Megan chases legal this week', tags: ['blocker', 'supportNeed'] },
  { text: 'Raising risks in week one saved us a sprint', tags: ['learning'] },
];

describe('private notes', () => {
  it('are readable by their author only: the API never returns them to the other participant', async () => {
    clock = T0;
    const board = await openMeeting(adele.chatId, tokens.adele);
    const secret = `Ask about the reorg rumours ${randomUUID()}`;
    const saved = await put(apiPaths.privateNote(board.ref), tokens.adele, { text: secret, baseRevision: 0 });
    expect(saved.status).toBe(200);
    expect(privateNoteResponseSchema.parse(saved.body).note).toMatchObject({ text: secret, revision: 1 });

    // The author reads it back.
    const own = await callApi(stack, 'GET', apiPaths.privateNote(board.ref), { token: tokens.adele });
    expect(privateNoteResponseSchema.parse(own.body).note.text).toBe(secret);

    // The manager, on the same board, through every read she has: never the report's text.
    const managerNote = await callApi(stack, 'GET', apiPaths.privateNote(board.ref), { token: tokens.megan });
    expect(privateNoteResponseSchema.parse(managerNote.body).note).toEqual({ text: '', revision: 0, updatedAt: null });
    const meetingView = await callApi(stack, 'GET', apiPaths.meetingBoard(adele.chatId), { token: tokens.megan });
    const boardView = await readBoard(board.ref, tokens.megan);
    for (const body of [managerNote.body, meetingView.body, boardView.raw])
      expect(JSON.stringify(body)).not.toContain(secret);

    // Her own notes do not overwrite the report's: they are separate notes.
    expect((await put(apiPaths.privateNote(board.ref), tokens.megan, { text: 'Mine', baseRevision: 0 })).status).toBe(
      200,
    );
    expect(
      privateNoteResponseSchema.parse(
        (await callApi(stack, 'GET', apiPaths.privateNote(board.ref), { token: tokens.adele })).body,
      ).note.text,
    ).toBe(secret);

    // Someone outside the pair gets nothing at all.
    expect((await callApi(stack, 'GET', apiPaths.privateNote(board.ref), { token: tokens.alex })).status).toBe(403);
  });
});

describe('live co-editing', () => {
  it('loses nothing when both people save many fields of one board at the same moment', async () => {
    clock = T0;
    const board = await openMeeting(adele.chatId, tokens.adele);
    const { ref } = board;
    const before = (await readBoard(ref, tokens.adele)).view;
    const texts: Array<[string, string, string]> = [
      ['energizing', 'Design review pairing', tokens.adele],
      ['draining', 'Pager noise at night', tokens.adele],
      ['support', 'Cover for Friday afternoon', tokens.adele],
      ['careerNote', 'Closer after leading the review', tokens.adele],
      ['goToAnswer', 'A quiet Friday', tokens.adele],
      ['energizingNote', 'Let us keep that going', tokens.megan],
      ['drainingNote', 'I will take the rota to the team', tokens.megan],
      ['supportNote', 'Booked', tokens.megan],
      ['unseenWork', 'Rewrote the onboarding guide on her own', tokens.megan],
    ];
    const ratings: Array<[string, number | 'preferNot']> = [
      ['careerPulse', 4],
      ['mood', 'preferNot'],
      ['lifeLoad', 2],
    ];
    const answers = await Promise.all([
      ...texts.map(([id, text, token]) =>
        put(apiPaths.boardField(ref, id as never), token, {
          text,
          baseRevision: before.fields[id as 'energizing'].revision,
        }),
      ),
      ...ratings.map(([id, value]) =>
        put(apiPaths.boardRating(ref, id as never), tokens.adele, { value, baseRevision: 0 }),
      ),
      put(apiPaths.careerGoal(ref), tokens.adele, { text: 'Staff engineer within two years', baseRevision: 0 }),
    ]);
    expect(answers.map((a) => a.status)).toEqual(answers.map(() => 200));

    const after = (await readBoard(ref, tokens.megan)).view;
    for (const [id, text] of texts) expect(after.fields[id as 'energizing'].text).toBe(text);
    expect(after.ratings.careerPulse.value).toBe(4);
    expect(after.ratings.mood.value).toBe('preferNot');
    expect(after.ratings.lifeLoad.value).toBe(2);
    expect(after.careerGoal.text).toBe('Staff engineer within two years');
  });

  it('answers a stale edit of the same field with 409 and the other text, so the client can merge', async () => {
    clock = T0;
    const { ref } = await openMeeting(adele.chatId, tokens.adele);
    const current = (await readBoard(ref, tokens.adele)).view.fields.energizing;
    const laptop = await put(apiPaths.boardField(ref, 'energizing'), tokens.adele, {
      text: 'from the laptop',
      baseRevision: current.revision,
    });
    expect(laptop.status).toBe(200);
    const phone = await put(apiPaths.boardField(ref, 'energizing'), tokens.adele, {
      text: 'from the phone',
      baseRevision: current.revision,
    });
    expect(phone.status).toBe(409);
    expect(fieldConflictSchema.parse(phone.body).current.text).toBe('from the laptop');
  });

  it('serves polling with ETags: 304 while nothing changed, 200 once the other person typed', async () => {
    clock = T0;
    const { ref } = await openMeeting(adele.chatId, tokens.adele);
    const first = await readBoard(ref, tokens.megan);
    expect(first.etag).toBeTruthy();
    const unchanged = await fetch(`${stack.apiBaseUrl}/${apiPaths.board(ref)}`, {
      headers: { authorization: `Bearer ${tokens.megan}`, 'if-none-match': first.etag! },
    });
    expect(unchanged.status).toBe(304);
    await put(apiPaths.boardField(ref, 'draining'), tokens.adele, {
      text: 'Context switching',
      baseRevision: first.view.fields.draining.revision,
    });
    const changed = await fetch(`${stack.apiBaseUrl}/${apiPaths.board(ref)}`, {
      headers: { authorization: `Bearer ${tokens.megan}`, 'if-none-match': first.etag! },
    });
    expect(changed.status).toBe(200);
    expect(boardViewSchema.parse(await changed.json()).fields.draining.text).toBe('Context switching');
  });

  it('counts a status-like answer once per field and says so in the save', async () => {
    clock = T0;
    const { ref } = await openMeeting(adele.chatId, tokens.adele);
    const view = (await readBoard(ref, tokens.adele)).view;
    const saved = await put(apiPaths.boardField(ref, 'support'), tokens.adele, {
      text: 'JIRA-1234 done, JIRA-1240 in progress',
      baseRevision: view.fields.support.revision,
    });
    expect(saveFieldResponseSchema.parse(saved.body).statusNudge).toBe(true);
    const after = (await readBoard(ref, tokens.megan)).view;
    expect(after.statusGuard.nudgedFields).toContain('support');
    expect(after.statusGuard.nudgeCount).toBe(view.statusGuard.nudgeCount + 1);
  });
});

describe('documented limits', () => {
  it.each([
    ['careerNote', 1000],
    ['unseenWork', 1000],
    ['goToAnswer', 2000],
    ['energizing', 4000],
  ] as const)('answers 400 naming "text" for %s above %i characters', async (fieldId, max) => {
    clock = T0;
    const { ref } = await openMeeting(adele.chatId, tokens.adele);
    const token = fieldId === 'unseenWork' ? tokens.megan : tokens.adele;
    const answer = await put(apiPaths.boardField(ref, fieldId), token, { text: 'x'.repeat(max + 1), baseRevision: 0 });
    expect(answer.status).toBe(400);
    expect(errorBodySchema.parse(answer.body).error).toMatchObject({
      field: 'text',
      message: expect.stringContaining(String(max)) as unknown,
    });
  });

  it('names the field for every other input above its maximum', async () => {
    clock = T0;
    const { ref } = await openMeeting(adele.chatId, tokens.adele);
    const cases: Array<[Promise<{ status: number; body: unknown }>, string]> = [
      [put(apiPaths.careerGoal(ref), tokens.adele, { text: 'x'.repeat(501), baseRevision: 0 }), 'text'],
      [put(apiPaths.privateNote(ref), tokens.adele, { text: 'x'.repeat(4001), baseRevision: 0 }), 'text'],
      [post(apiPaths.commitments(ref), tokens.megan, { id: randomUUID(), text: 'x'.repeat(301) }), 'text'],
      [
        post(apiPaths.commitments(ref), tokens.megan, {
          id: randomUUID(),
          text: 'I will review it',
          dueDate: 'next Friday',
        }),
        'dueDate',
      ],
      [put(apiPaths.boardRating(ref, 'mood'), tokens.adele, { value: 6, baseRevision: 0 }), 'value'],
      [put(apiPaths.boardRating(ref, 'mood'), tokens.adele, { value: '3', baseRevision: 0 }), 'value'],
      [
        put(apiPaths.recap(ref), tokens.megan, { lines: [{ ...LINES[0], text: 'x'.repeat(201) }, LINES[1]] }),
        'lines.0.text',
      ],
      [put(apiPaths.recap(ref), tokens.megan, { lines: [LINES[0]] }), 'lines'],
      [
        put(apiPaths.myGoToQuestions(), tokens.megan, {
          questions: [{ id: randomUUID(), text: 'x'.repeat(201) }],
          baseRevision: 0,
        }),
        'questions.0.text',
      ],
      [
        put(apiPaths.myGoToQuestions(), tokens.megan, {
          questions: Array.from({ length: MAX_GO_TO_QUESTIONS + 1 }, (_, i) => ({ id: randomUUID(), text: `q${i}` })),
          baseRevision: 0,
        }),
        'questions',
      ],
    ];
    for (const [answer, field] of cases) {
      const { status, body } = await answer;
      expect({ status, field: errorBodySchema.parse(body).error.field }).toEqual({ status: 400, field });
    }
  });
});

describe('commitments', () => {
  it('are the manager’s, made once per id however often the create is retried', async () => {
    clock = T0;
    const { ref } = await openMeeting(adele.chatId, tokens.adele);
    const id = randomUUID();
    const body = {
      id,
      text: 'I will ask the platform team for a pairing slot',
      dueDate: '2026-06-12',
      fromSupportAsk: true,
    };
    expect((await post(apiPaths.commitments(ref), tokens.adele, body)).status).toBe(403);
    const first = await post(apiPaths.commitments(ref), tokens.megan, body);
    const retry = await post(apiPaths.commitments(ref), tokens.megan, body);
    expect([first.status, retry.status]).toEqual([201, 200]);
    expect(commitmentResponseSchema.parse(retry.body).commitment).toEqual(
      commitmentResponseSchema.parse(first.body).commitment,
    );
    const view = (await readBoard(ref, tokens.adele)).view;
    expect(view.commitments.filter((c) => c.id === id)).toHaveLength(1);
  });

  it('carry forward across a cancelled and a moved meeting until they are done', async () => {
    // Diego's weekly 1:1: the week before last happened, last week's was cancelled, this week's was moved.
    clock = new Date(T0.getTime() + 24 * 3600_000 - 2 * WEEK_MS); // two weeks before tomorrow's original slot
    const early = await openMeeting(diego.chatId, tokens.megan);
    const id = randomUUID();
    const made = await post(apiPaths.commitments(early.ref), tokens.megan, {
      id,
      text: 'I will find you a mentor in data',
    });
    expect(made.status).toBe(201);

    clock = new Date(T0.getTime() + 2 * 3600_000); // the moved occurrence, later today
    const moved = await openMeeting(diego.chatId, tokens.diego);
    expect(moved.ref.occurrenceId > early.ref.occurrenceId).toBe(true);
    expect(moved.commitments.map((c) => [c.id, c.status, c.createdIn])).toEqual([[id, 'open', early.ref.occurrenceId]]);

    const revision = moved.commitments[0]!.revision;
    const done = await put(apiPaths.commitment(moved.ref, id), tokens.megan, {
      status: 'done',
      baseRevision: revision,
    });
    expect(commitmentResponseSchema.parse(done.body).commitment).toMatchObject({
      status: 'done',
      closedIn: moved.ref.occurrenceId,
    });
    // Still visible (ticked) on the board it was closed on; gone from the boards after.
    expect((await readBoard(moved.ref, tokens.diego)).view.commitments.map((c) => c.status)).toEqual(['done']);
    clock = new Date(T0.getTime() + 24 * 3600_000 + WEEK_MS + 10 * 60_000);
    const next = await openMeeting(diego.chatId, tokens.diego);
    expect(next.commitments).toEqual([]);
  });
});

describe('closing with a recap', () => {
  let ref: BoardRef;

  it('refuses a recap that does not cover a blocker, a support need and a learning', async () => {
    clock = T0;
    ref = (await openMeeting(adele.chatId, tokens.adele)).ref;
    const answer = await put(apiPaths.recap(ref), tokens.megan, {
      lines: [LINES[0], { ...LINES[1], tags: ['blocker'] }],
    });
    expect(answer.status).toBe(400);
    expect(errorBodySchema.parse(answer.body).error).toMatchObject({
      field: 'lines',
      message: expect.stringContaining('learning') as unknown,
    });
    expect((await readBoard(ref, tokens.adele)).view.recap).toBeNull();
  });

  it('finalises the board and emails both participants exactly once, however often the save is retried', async () => {
    clock = T0;
    const saves = await Promise.all([
      put(apiPaths.recap(ref), tokens.megan, { lines: LINES }),
      put(apiPaths.recap(ref), tokens.adele, { lines: LINES }),
    ]);
    expect(saves.map((s) => s.status)).toEqual([200, 200]);
    const retried = await put(apiPaths.recap(ref), tokens.megan, { lines: LINES });
    expect(saveRecapResponseSchema.parse(retried.body)).toMatchObject({ mail: 'sent', recap: { lines: LINES } });

    const mails = recapMails(ref);
    expect(mails).toHaveLength(1);
    expect(recipientsOf(mails[0]!)).toEqual(['adele@candor-demo.example', 'megan@candor-demo.example']);
    expect(mails[0]!.message.body?.content).toContain('Raising risks in week one saved us a sprint');

    // Read-only for that meeting: answers and ratings are refused, with nothing overwritten.
    const view = (await readBoard(ref, tokens.adele)).view;
    expect(view.recap).toMatchObject({ lines: LINES, mail: 'sent' });
    const field = await put(apiPaths.boardField(ref, 'energizing'), tokens.adele, {
      text: 'late words',
      baseRevision: view.fields.energizing.revision,
    });
    expect([field.status, errorBodySchema.parse(field.body).error.code]).toEqual([409, 'finalised']);
    const rating = await put(apiPaths.boardRating(ref, 'mood'), tokens.adele, {
      value: 5,
      baseRevision: view.ratings.mood.revision,
    });
    expect(rating.status).toBe(409);
    // …except private notes.
    const note = (await callApi(stack, 'GET', apiPaths.privateNote(ref), { token: tokens.adele })).body;
    const noteRevision = privateNoteResponseSchema.parse(note).note.revision;
    expect(
      (await put(apiPaths.privateNote(ref), tokens.adele, { text: 'after the meeting', baseRevision: noteRevision }))
        .status,
    ).toBe(200);

    // A different recap afterwards is a conflict that shows the one that closed the board.
    const other = await put(apiPaths.recap(ref), tokens.adele, {
      lines: [{ ...LINES[0], text: 'Something else' }, LINES[1]],
    });
    expect(other.status).toBe(409);
    expect(recapConflictSchema.parse(other.body).recap.lines).toEqual(LINES);
    expect(recapMails(ref)).toHaveLength(1);
  });

  it('settles an unknown send outcome through Sent Items instead of sending twice', async () => {
    // Lynne's 1:1 with Megan; the connection drops after Exchange accepted the mail.
    const lynne = meetings.find((m) => m.reportId === DEMO_USER_IDS.lynne)!;
    clock = new Date(T0.getTime() + 48 * 3600_000 + 10 * 60_000);
    const lynneToken = await stack.simulator.mintAccessToken(DEMO_USER_IDS.lynne);
    const board = await openMeeting(lynne.chatId, lynneToken);
    const fault = stack.simulator.faults.add({ kind: 'drop', afterEffect: true, pathPattern: '/sendMail$', times: 1 });
    try {
      const first = await put(apiPaths.recap(board.ref), lynneToken, { lines: LINES });
      expect(first.status).toBe(200);
      const again = await put(apiPaths.recap(board.ref), lynneToken, { lines: LINES });
      expect(saveRecapResponseSchema.parse(again.body).mail).toBe('sent');
    } finally {
      stack.simulator.faults.remove(fault);
    }
    expect(recapMails(board.ref)).toHaveLength(1);
  });

  it('shows the recap as "Last time" on the next meeting’s board, with the open commitment', async () => {
    clock = T0;
    const id = randomUUID();
    // A commitment made on a board that is already closed is refused; it is made on the next one instead.
    expect((await post(apiPaths.commitments(ref), tokens.megan, { id, text: 'I will chase legal' })).status).toBe(409);

    clock = new Date(T0.getTime() + WEEK_MS);
    const next = await openMeeting(adele.chatId, tokens.adele);
    expect(next.ref.occurrenceId).not.toBe(ref.occurrenceId);
    expect(next.lastTime).toMatchObject({ occurrenceId: ref.occurrenceId, lines: LINES });
    expect(next.recap).toBeNull();
    expect(next.careerGoal.text).toBe('Staff engineer within two years');
    expect(
      next.commitments.some((c) => c.text === 'I will ask the platform team for a pairing slot' && c.status === 'open'),
    ).toBe(true);
    expect(next.recognitions.map((r) => r.text)).toContain('Rewrote the onboarding guide on her own');
  });
});

describe('go-to questions', () => {
  it('offers one question per meeting from the manager’s bank, rotating, and lets the manager skip it', async () => {
    const bank = [
      { id: randomUUID(), text: 'What would make next week great?' },
      { id: randomUUID(), text: 'What are you proud of lately?' },
      { id: randomUUID(), text: 'What should I stop doing?' },
    ];
    const saved = await put(apiPaths.myGoToQuestions(), tokens.megan, { questions: bank, baseRevision: 0 });
    expect(goToBankSchema.parse(saved.body).revision).toBe(1);
    expect(
      goToBankSchema.parse((await callApi(stack, 'GET', apiPaths.myGoToQuestions(), { token: tokens.megan })).body)
        .questions,
    ).toEqual(bank);

    // Alex's weekly 1:1: this week's board offers the first question; skipping moves to the second.
    const alex = meetings.find((m) => m.reportId === DEMO_USER_IDS.alex)!;
    clock = new Date(T0.getTime() + 3600_000);
    const thisWeek = await openMeeting(alex.chatId, tokens.alex);
    expect(thisWeek.goToQuestion).toEqual({ state: 'offered', questionId: bank[0]!.id, text: bank[0]!.text });
    const skipped = await post(apiPaths.skipGoToQuestion(thisWeek.ref), tokens.megan, { questionId: bank[0]!.id });
    expect(skipGoToQuestionResponseSchema.parse(skipped.body).goToQuestion).toMatchObject({ questionId: bank[1]!.id });
    // A retried skip of the same question does not skip the next one too.
    const retried = await post(apiPaths.skipGoToQuestion(thisWeek.ref), tokens.megan, { questionId: bank[0]!.id });
    expect(skipGoToQuestionResponseSchema.parse(retried.body).goToQuestion).toMatchObject({ questionId: bank[1]!.id });

    // Next week's board avoids the question this meeting ended on; the one skipped was never asked, so it comes first.
    clock = new Date(T0.getTime() + 3600_000 + WEEK_MS);
    const nextWeek = await openMeeting(alex.chatId, tokens.alex);
    expect(nextWeek.goToQuestion).toMatchObject({ state: 'offered', questionId: bank[0]!.id });
  });

  it('keeps each manager’s bank their own', async () => {
    const ownBank = goToBankSchema.parse(
      (await callApi(stack, 'GET', apiPaths.myGoToQuestions(), { token: tokens.adele })).body,
    );
    expect(ownBank.questions).toEqual([]);
  });
});

describe('ratings', () => {
  it('store "prefer not to say" as such and never as a number', async () => {
    clock = new Date(T0.getTime() + 24 * 3600_000 + 10 * 60_000 + WEEK_MS);
    const { ref } = await openMeeting(diego.chatId, tokens.diego);
    const saved = await put(apiPaths.boardRating(ref, 'lifeLoad'), tokens.diego, {
      value: 'preferNot',
      baseRevision: 0,
    });
    expect(saveRatingResponseSchema.parse(saved.body).field.value).toBe('preferNot');
    expect((await readBoard(ref, tokens.megan)).view.ratings.lifeLoad.value).toBe('preferNot');
    expect((await put(apiPaths.boardRating(ref, 'lifeLoad'), tokens.megan, { value: 3, baseRevision: 1 })).status).toBe(
      403,
    );
  });
});
