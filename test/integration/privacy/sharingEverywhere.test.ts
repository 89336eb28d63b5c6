import { randomUUID } from 'node:crypto';
import {
  NOT_SHARED,
  apiPaths,
  boardViewSchema,
  errorBodySchema,
  goToBankSchema,
  myDataExportSchema,
  privacyApiPaths,
  skipGoToQuestionResponseSchema,
  trendApiPaths,
  type BoardRef,
  type BoardView,
  type RatingFieldId,
  type RatingValue,
  type RecapLine,
  type TrendSharing,
} from '@candor/functions/contract';
import { DEMO_USER_IDS, demoMeetings } from '@candor/local/simulator/demoTenant';
import { startLocalStack, type LocalStack } from '@candor/local/stack';
import { callApi, type ApiAnswer } from '../../support/api';

/*
 * A sharing choice honoured everywhere the manager can read a report's mood or life load: the live board, past
 * boards, the prep view before a meeting, "Last time", the monthly digest and the manager's own export. Adele keeps
 * her mood to herself and shares her life load; Alex shares both (the control: what he shares does reach Megan).
 * Also two authorization gaps: the go-to question is skipped by the manager only, and a private note needs a board.
 *
 * The simulated clock is moved through the demo tenant's weekly series (which begins eight weeks before T0): the
 * day before a 1:1, its board is the one the meeting chat opens. Nothing depends on wall-clock time.
 */
jest.setTimeout(120_000);

const T0 = new Date('2026-11-25T09:10:00.000Z');
let clock = T0;
let stack: LocalStack;
const meetings = demoMeetings(T0);
const people = ['megan', 'adele', 'alex'] as const;
type Who = (typeof people)[number];
const tokens = {} as Record<Who, string>;
const chatOf = (who: Who) => meetings.find((m) => m.reportId === DEMO_USER_IDS[who])!.chatId;
const LINES: [RecapLine, RecapLine] = [
  { text: 'Blocked on the data contract; Megan chases legal', tags: ['blocker', 'supportNeed'] },
  { text: 'Raising risks early saved a sprint', tags: ['learning'] },
];
const ADELE_KEEPS_MOOD: TrendSharing = {
  shareMood: false,
  shareLifeLoad: true,
  shareEnergy: true,
  shareDrain: true,
  calendarLoad: true,
};
const SHARE_ALL: TrendSharing = {
  shareMood: true,
  shareLifeLoad: true,
  shareEnergy: true,
  shareDrain: true,
  calendarLoad: true,
};

const call = (method: string, path: string, who: Who, body?: unknown): Promise<ApiAnswer> =>
  callApi(stack, method, path, { token: tokens[who], ...(body === undefined ? {} : { body }) });

async function openMeeting(who: Who, chatOwner: Who = who): Promise<BoardView> {
  const answer = await call('GET', apiPaths.meetingBoard(chatOf(chatOwner)), who);
  expect(answer.status).toBe(200);
  return boardViewSchema.parse(answer.body);
}

async function readBoard(ref: BoardRef, who: Who): Promise<{ view: BoardView; etag: string | null }> {
  const answer = await call('GET', apiPaths.board(ref), who);
  expect(answer.status).toBe(200);
  return { view: boardViewSchema.parse(answer.body), etag: answer.headers.get('etag') };
}

async function expectOk(answer: Promise<ApiAnswer>): Promise<void> {
  const got = await answer;
  expect({ status: got.status, body: got.status === 200 ? null : got.body }).toEqual({ status: 200, body: null });
}

async function rate(who: Who, view: BoardView, ratingId: RatingFieldId, value: RatingValue | null): Promise<void> {
  const now = await readBoard(view.ref, who);
  await expectOk(
    call('PUT', apiPaths.boardRating(view.ref, ratingId), who, {
      value,
      baseRevision: now.view.ratings[ratingId]?.revision ?? 0,
    }),
  );
}

const share = (who: Who, sharing: TrendSharing) => expectOk(call('PUT', trendApiPaths.sharing(), who, sharing));

/** What the manager must see of a rating the report did not share: the word, and nothing about any answer. */
const NOT_SHARED_VIEW = { value: NOT_SHARED, revision: 0, updatedBy: null, updatedAt: null };

/** One held 1:1 of `who` on the day after `dayBefore`: ratings picked, then closed by Megan with a recap. */
async function heldMeeting(
  who: Who,
  dayBefore: string,
  ratings: Partial<Record<RatingFieldId, RatingValue>>,
): Promise<BoardRef> {
  clock = new Date(`${dayBefore}T12:00:00.000Z`);
  const board = await openMeeting(who);
  for (const [id, value] of Object.entries(ratings) as Array<[RatingFieldId, RatingValue]>)
    await rate(who, board, id, value);
  await expectOk(call('PUT', apiPaths.recap(board.ref), 'megan', { lines: LINES }));
  return board.ref;
}

/** The monthly digest's HTML, cut into one piece per report (each begins at its name's heading). */
function digestSections(html: string): Map<string, string> {
  const sections = new Map<string, string>();
  for (const piece of html.split('<h2').slice(1)) {
    const name = /^[^>]*>([^<]*)<\/h2>/.exec(piece)?.[1] ?? '';
    sections.set(name, piece);
  }
  return sections;
}

const pastRefs: Record<'adele' | 'alex', BoardRef[]> = { adele: [], alex: [] };
let digestHtml = '';

beforeAll(async () => {
  stack = await startLocalStack({ now: () => clock });
  for (const who of people) tokens[who] = await stack.simulator.mintAccessToken(DEMO_USER_IDS[who]);
  // Three months of 1:1s in which both reports' mood falls (4, 3, 2) under a heavy life load.
  for (const [dayBefore, mood] of [
    ['2026-09-29', 4],
    ['2026-10-27', 3],
    ['2026-11-17', 2],
  ] as const) {
    pastRefs.adele.push(await heldMeeting('adele', dayBefore, { mood, lifeLoad: 4, careerPulse: 3 }));
    pastRefs.alex.push(await heldMeeting('alex', dayBefore, { mood, lifeLoad: 4, careerPulse: 3 }));
  }
  await share('adele', ADELE_KEEPS_MOOD);
  await share('alex', SHARE_ALL);

  // Tuesday 1 December is the first working day: Megan (enrolled) gets November's digest.
  clock = new Date('2026-12-01T07:00:00.000Z');
  await stack.functions.runTimer('monthlyDigest');
  const digest = stack.simulator.outbox().find((m) => m.message.subject?.startsWith('Your 1:1s in November 2026'));
  digestHtml = digest?.message.body?.content ?? '';
}, 120_000);

afterAll(async () => {
  await stack?.stop();
});

describe('a rating the report did not share, in the manager’s view', () => {
  it('past boards: "not shared" for mood, with no revision or time of the answer; life load and career pulse as given', async () => {
    for (const ref of pastRefs.adele) {
      const { view } = await readBoard(ref, 'megan');
      expect(view.ratings.mood).toEqual(NOT_SHARED_VIEW);
      expect(view.ratings.lifeLoad?.value).toBe(4);
      expect(view.ratings.careerPulse?.value).toBe(3);
    }
    // The control: Alex shares his mood, so Megan reads it.
    expect((await readBoard(pastRefs.alex[2]!, 'megan')).view.ratings.mood?.value).toBe(2);
  });

  it('the report’s own view holds every value, each saying whether the manager sees it', async () => {
    const { view } = await readBoard(pastRefs.adele[2]!, 'adele');
    expect(view.ratings.mood).toMatchObject({ value: 2, visibleToManager: false });
    expect(view.ratings.lifeLoad).toMatchObject({ value: 4, visibleToManager: true });
    // Career pulse has no sharing switch: always in the manager's view.
    expect(view.ratings.careerPulse).toMatchObject({ value: 3, visibleToManager: true });
    // The manager's view carries no such flag: it is the report's to see.
    expect((await readBoard(pastRefs.adele[2]!, 'megan')).view.ratings.lifeLoad).not.toHaveProperty('visibleToManager');
  });

  it('the live board: "not shared" whether answered, "prefer not to say" or unanswered, and the ETag does not move', async () => {
    clock = new Date('2026-12-02T09:10:00.000Z');
    const live = await openMeeting('adele');
    const unanswered = await openMeeting('megan', 'adele');
    expect(unanswered.ref).toEqual(live.ref);
    expect(unanswered.ratings.mood).toEqual(NOT_SHARED_VIEW);

    await rate('adele', live, 'mood', 'preferNot');
    expect((await openMeeting('megan', 'adele')).ratings.mood).toEqual(NOT_SHARED_VIEW);
    const before = await readBoard(live.ref, 'megan');
    expect(before.view.ratings.mood).toEqual(NOT_SHARED_VIEW);

    // A new answer to an unshared rating changes nothing the manager can see, not even the ETag.
    await rate('adele', live, 'mood', 5);
    const poll = await fetch(`${stack.apiBaseUrl}/${apiPaths.board(live.ref)}`, {
      headers: { authorization: `Bearer ${tokens.megan}`, 'if-none-match': before.etag ?? '' },
    });
    expect(poll.status).toBe(304);

    // Sharing it again shows it at once; keeping it again hides it at once.
    await share('adele', SHARE_ALL);
    expect((await readBoard(live.ref, 'megan')).view.ratings.mood?.value).toBe(5);
    await share('adele', ADELE_KEEPS_MOOD);
    expect((await readBoard(live.ref, 'megan')).view.ratings.mood).toEqual(NOT_SHARED_VIEW);
    await expectOk(call('PUT', apiPaths.recap(live.ref), 'megan', { lines: LINES }));
  });

  it('the prep view before the next 1:1, with "Last time": nothing of the unshared mood', async () => {
    // The day before the next 1:1: the meeting chat opens next week's board.
    clock = new Date('2026-12-08T12:00:00.000Z');
    const next = await openMeeting('adele');
    await rate('adele', next, 'mood', 1);
    const prep = await openMeeting('megan', 'adele');
    expect(prep.ref).toEqual(next.ref);
    expect(prep.ratings.mood).toEqual(NOT_SHARED_VIEW);
    // "Last time" is last week's recap: its two lines, and no rating of that meeting rides along with it.
    expect(prep.lastTime).toMatchObject({ lines: LINES });
    expect(Object.keys(prep.lastTime ?? {}).sort()).toEqual([
      'lines',
      'meetingStart',
      'occurrenceId',
      'savedAt',
      'savedBy',
    ]);
  });

  it('the monthly digest: no mood signal for a report who keeps mood, while a shared one is there', () => {
    const sections = digestSections(digestHtml);
    const adele = sections.get('Adele Vance') ?? '';
    const alex = sections.get('Alex Wilber') ?? '';
    expect(adele).toContain('1:1s held');
    expect(alex).toContain('Mood falling two months running');
    expect(adele).not.toMatch(/mood/i);
  });

  it('the manager’s export holds no rating of the report’s, the report’s export all of hers', async () => {
    const megan = await call('GET', privacyApiPaths.export(), 'megan');
    expect(megan.status).toBe(200);
    const meganBoards = myDataExportSchema.parse(megan.body).boards.filter((b) => b.reportId === DEMO_USER_IDS.adele);
    expect(meganBoards.length).toBeGreaterThanOrEqual(5);
    for (const board of meganBoards) expect(board.ratings).toEqual({});

    const adele = myDataExportSchema.parse((await call('GET', privacyApiPaths.export(), 'adele')).body);
    const moods = adele.boards.map((b) => b.ratings.mood?.value).filter((v) => v !== undefined);
    expect(moods).toEqual(expect.arrayContaining([4, 3, 2, 5, 1]));
  });
});

describe('the go-to question is revealed only when it is asked', () => {
  const bank = [
    { id: randomUUID(), text: `What would make next week great? ${randomUUID()}` },
    { id: randomUUID(), text: `What should I stop doing? ${randomUUID()}` },
    { id: randomUUID(), text: `Who deserves a thank-you? ${randomUUID()}` },
  ];

  it('a report skipping gets 403 and the same question; the manager skips to the next one', async () => {
    await expectOk(call('PUT', apiPaths.myGoToQuestions(), 'megan', { questions: bank, baseRevision: 0 }));
    clock = new Date('2026-12-08T12:00:00.000Z');
    const board = await openMeeting('alex');
    expect(board.goToQuestion).toEqual({ state: 'offered', questionId: bank[0]!.id, text: bank[0]!.text });

    for (let attempt = 0; attempt < bank.length + 1; attempt++) {
      const skipped = await call('POST', apiPaths.skipGoToQuestion(board.ref), 'alex', { questionId: bank[0]!.id });
      expect(skipped.status).toBe(403);
      const error = errorBodySchema.parse(skipped.body).error;
      expect(error.code).toBe('forbidden');
      expect(error.message).toMatch(/manager/i);
      for (const q of bank.slice(1)) expect(JSON.stringify(skipped.body)).not.toContain(q.text);
    }
    expect((await openMeeting('alex')).goToQuestion).toMatchObject({ questionId: bank[0]!.id });

    const byManager = await call('POST', apiPaths.skipGoToQuestion(board.ref), 'megan', { questionId: bank[0]!.id });
    expect(byManager.status).toBe(200);
    expect(skipGoToQuestionResponseSchema.parse(byManager.body).goToQuestion).toMatchObject({
      questionId: bank[1]!.id,
    });
  });

  it('no other route shows the report the manager’s bank', async () => {
    const ownBank = goToBankSchema.parse((await call('GET', apiPaths.myGoToQuestions(), 'alex')).body);
    expect(ownBank.questions).toEqual([]);
    const exported = JSON.stringify((await call('GET', privacyApiPaths.export(), 'alex')).body);
    const board = JSON.stringify((await openMeeting('alex')).goToQuestion);
    // Only the question asked (now the second) is his to see.
    for (const text of [JSON.stringify(bank[2]!.text), JSON.stringify(bank[0]!.text)]) {
      expect(exported).not.toContain(text.slice(1, -1));
      expect(board).not.toContain(text.slice(1, -1));
    }
  });
});

describe('a private note needs a meeting occurrence that has a board', () => {
  it('saving or reading one on an occurrence without a board is 404, and nothing is stored', async () => {
    const live = pastRefs.adele[0]!;
    const missing: BoardRef = { ...live, occurrenceId: '20261202T0935Z-0123456789abcdef' };
    const text = `Planted note ${randomUUID()}`;
    for (const [method, body] of [
      ['PUT', { text, baseRevision: 0 }],
      ['GET', undefined],
    ] as const) {
      const answer = await call(method, apiPaths.privateNote(missing), 'adele', body);
      expect({ method, status: answer.status, code: errorBodySchema.safeParse(answer.body).data?.error.code }).toEqual({
        method,
        status: 404,
        code: 'notFound',
      });
    }
    const exported = JSON.stringify((await call('GET', privacyApiPaths.export(), 'adele')).body);
    expect(exported).not.toContain(text);
    // On a board that exists, notes keep working (closed boards too: notes are never part of the closed record).
    await expectOk(call('PUT', apiPaths.privateNote(live), 'adele', { text, baseRevision: 0 }));
    expect(JSON.stringify((await call('GET', apiPaths.privateNote(live), 'adele')).body)).toContain(text);
  });
});
