import { randomUUID } from 'node:crypto';
import { startLocalStack, type LocalStack } from '@candor/local/stack';
import { DEMO_TENANT_ID, DEMO_USER_IDS, demoMeetings } from '@candor/local/simulator/demoTenant';
import {
  apiPaths,
  boardViewSchema,
  errorBodySchema,
  goToApiPaths,
  goToBankSchema,
  goToExchangeSchema,
  goToLibrarySchema,
  myDataExportSchema,
  pairGoToBankSchema,
  privacyApiPaths,
  sharedGoToQuestionSchema,
  type BoardView,
} from '@candor/functions/contract';
import { createGoToExchangeStore } from '@candor/functions/store/goToExchangeStore';
import { createTableClientFactory } from '@candor/functions/store/tables';
import { callApi } from '../../support/api';

/*
 * Go-to questions as a habit of the pair, through the HTTP API against Azurite and the Graph + Entra ID simulator:
 * the manager's existing bank shows in each of their pairs, the report adds "ask me this", the rotation prefers it,
 * the library feeds the bank, and the organization's exchange shares, counts adopters and forgets withdrawn shares.
 */
jest.setTimeout(90_000);

const T0 = new Date('2026-06-10T09:10:00.000Z');
const WEEK_MS = 7 * 24 * 3600_000;
let clock = T0;
let stack: LocalStack;
const meetings = demoMeetings(T0);
const adele = meetings.find((m) => m.reportId === DEMO_USER_IDS.adele)!;
const tokens: Record<'megan' | 'adele' | 'diego' | 'alex' | 'patti', string> = {
  megan: '',
  adele: '',
  diego: '',
  alex: '',
  patti: '',
};
const MEGAN = DEMO_USER_IDS.megan;
const pairOf = (reportId: string) => ({ managerId: MEGAN, reportId });

beforeAll(async () => {
  stack = await startLocalStack({ now: () => clock });
  for (const who of Object.keys(tokens) as Array<keyof typeof tokens>)
    tokens[who] = await stack.simulator.mintAccessToken(DEMO_USER_IDS[who]);
}, 60_000);

afterAll(async () => {
  await stack?.stop();
});

const get = (path: string, token: string) => callApi(stack, 'GET', path, { token });
const post = (path: string, token: string, body: unknown) => callApi(stack, 'POST', path, { token, body });
const pairBank = async (reportId: string, token: string) =>
  pairGoToBankSchema.parse((await get(goToApiPaths.pairQuestions(pairOf(reportId)), token)).body).questions;

async function openMeeting(chatId: string, token: string): Promise<BoardView> {
  const answer = await get(apiPaths.meetingBoard(chatId), token);
  expect(answer.status).toBe(200);
  return boardViewSchema.parse(answer.body);
}

describe("the pair's go-to questions", () => {
  const existing = [
    { id: randomUUID(), text: 'What would make next week great?' },
    { id: randomUUID(), text: 'What should I stop doing?' },
  ];

  it("shows the manager's existing bank in each of their pairs", async () => {
    // A bank saved the way it was before pairs had questions: one row per manager.
    const saved = await callApi(stack, 'PUT', apiPaths.myGoToQuestions(), {
      token: tokens.megan,
      body: { questions: existing, baseRevision: 0 },
    });
    expect(saved.status).toBe(200);
    for (const report of [DEMO_USER_IDS.adele, DEMO_USER_IDS.diego]) {
      expect(await pairBank(report, tokens.megan)).toEqual(
        existing.map((q) => ({ ...q, source: 'manager', answered: false })),
      );
    }
  });

  it('lets both people add: the report asks to be asked, the manager picks from the library', async () => {
    const ask = { id: randomUUID(), text: 'Ask me what I would change about our launches' };
    const added = await post(goToApiPaths.pairQuestions(pairOf(DEMO_USER_IDS.adele)), tokens.adele, ask);
    expect(added.status).toBe(201);
    // A retry adds nothing.
    expect((await post(goToApiPaths.pairQuestions(pairOf(DEMO_USER_IDS.adele)), tokens.adele, ask)).status).toBe(200);
    // The report sees her own asks only; the manager sees her bank and the ask, marked as the report's.
    expect(await pairBank(DEMO_USER_IDS.adele, tokens.adele)).toEqual([{ ...ask, source: 'report', answered: false }]);
    expect((await pairBank(DEMO_USER_IDS.adele, tokens.megan)).map((q) => [q.text, q.source])).toEqual([
      [existing[0]!.text, 'manager'],
      [existing[1]!.text, 'manager'],
      [ask.text, 'report'],
    ]);
    // Another pair of the same manager does not get Adele's ask.
    expect((await pairBank(DEMO_USER_IDS.diego, tokens.megan)).map((q) => q.source)).toEqual(['manager', 'manager']);

    const library = goToLibrarySchema.parse((await get(goToApiPaths.library(), tokens.megan)).body);
    const picked = library.themes.find((t) => t.id === 'support')!.questions[0]!;
    const fromLibrary = await post(goToApiPaths.pairQuestions(pairOf(DEMO_USER_IDS.diego)), tokens.megan, {
      id: randomUUID(),
      libraryId: picked.id,
    });
    expect(fromLibrary.status).toBe(201);
    // The manager's pick joins her own bank: it shows in Adele's pair too.
    expect((await pairBank(DEMO_USER_IDS.adele, tokens.megan)).find((q) => q.libraryId === picked.id)).toMatchObject({
      text: picked.text,
      source: 'library',
    });
    const unknown = await post(goToApiPaths.pairQuestions(pairOf(DEMO_USER_IDS.diego)), tokens.megan, {
      id: randomUUID(),
      libraryId: 'made-up',
    });
    expect(unknown.status).toBe(400);
    expect(errorBodySchema.parse(unknown.body).error.message).toContain('libraryId');
  });

  it("offers the report's ask at the next meeting, and remembers that it was answered", async () => {
    clock = new Date(T0.getTime() + WEEK_MS);
    const board = await openMeeting(adele.chatId, tokens.adele);
    expect(board.goToQuestion).toMatchObject({
      state: 'offered',
      text: 'Ask me what I would change about our launches',
    });
    const answered = await callApi(stack, 'PUT', apiPaths.boardField(board.ref, 'goToAnswer'), {
      token: tokens.adele,
      body: { text: 'Ship smaller, earlier', baseRevision: 0 },
    });
    expect(answered.status).toBe(200);
    expect((await pairBank(DEMO_USER_IDS.adele, tokens.adele))[0]).toMatchObject({ answered: true });
    // The next week's meeting moves on to a question not asked lately.
    clock = new Date(T0.getTime() + 2 * WEEK_MS);
    const next = await openMeeting(adele.chatId, tokens.adele);
    expect(next.goToQuestion).toMatchObject({ state: 'offered' });
    expect(next.goToQuestion).not.toMatchObject({ text: 'Ask me what I would change about our launches' });
  });

  it('refuses a question past the cap of 40 with a 400 that says so', async () => {
    const pair = goToApiPaths.pairQuestions(pairOf(DEMO_USER_IDS.alex));
    for (let i = (await pairBank(DEMO_USER_IDS.alex, tokens.alex)).length; i < 40; i++) {
      expect((await post(pair, tokens.alex, { id: randomUUID(), text: `Ask me number ${i}` })).status).toBe(201);
    }
    const full = await post(pair, tokens.alex, { id: randomUUID(), text: 'One too many' });
    expect(full.status).toBe(400);
    expect(errorBodySchema.parse(full.body).error.message).toContain('at most 40');
  });
});

describe('the report removes her own asks', () => {
  const diegoPair = pairOf(DEMO_USER_IDS.diego);
  const del = (path: string, token: string) => callApi(stack, 'DELETE', path, { token });

  it('removes only her own ask, idempotently, and leaves the manager’s bank alone', async () => {
    const ask = { id: randomUUID(), text: 'Ask me which review I would skip' };
    expect((await post(goToApiPaths.pairQuestions(diegoPair), tokens.diego, ask)).status).toBe(201);
    const managerBefore = (await pairBank(DEMO_USER_IDS.diego, tokens.megan)).filter((q) => q.source !== 'report');

    const removed = await del(goToApiPaths.pairQuestion(diegoPair, ask.id), tokens.diego);
    expect(removed.status).toBe(200);
    expect(pairGoToBankSchema.parse(removed.body).questions.map((q) => q.id)).not.toContain(ask.id);
    // A retry finds it gone and says so the same way.
    const again = await del(goToApiPaths.pairQuestion(diegoPair, ask.id), tokens.diego);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(removed.body);

    // A question of the manager's bank is not the report's to remove: naming it changes nothing.
    const managers = managerBefore[0]!;
    expect((await del(goToApiPaths.pairQuestion(diegoPair, managers.id), tokens.diego)).status).toBe(200);
    expect((await pairBank(DEMO_USER_IDS.diego, tokens.megan)).filter((q) => q.source !== 'report')).toEqual(
      managerBefore,
    );
  });

  it('refuses the manager removing the report’s ask with a 403 that says whose it is', async () => {
    const ask = { id: randomUUID(), text: 'Ask me about the on-call handover' };
    expect((await post(goToApiPaths.pairQuestions(diegoPair), tokens.diego, ask)).status).toBe(201);
    const refused = await del(goToApiPaths.pairQuestion(diegoPair, ask.id), tokens.megan);
    expect(refused.status).toBe(403);
    expect(errorBodySchema.parse(refused.body).error.message).toContain('asked');
    expect((await pairBank(DEMO_USER_IDS.diego, tokens.diego)).map((q) => q.id)).toContain(ask.id);
  });

  it('answers 400 naming the question id when it is not one', async () => {
    const bad = await del(goToApiPaths.pairQuestion(diegoPair, 'not-a-question'), tokens.diego);
    expect(bad.status).toBe(400);
    expect(errorBodySchema.parse(bad.body).error.message).toContain('questionId');
  });
});

describe('the library outside a meeting', () => {
  it('adds a library question to the caller’s own bank, once however often it is sent', async () => {
    const library = goToLibrarySchema.parse((await get(goToApiPaths.library(), tokens.patti)).body);
    const picked = library.themes.find((t) => t.id === 'growth')!.questions[1]!;
    const body = { id: randomUUID(), libraryId: picked.id };
    const added = await post(apiPaths.myGoToQuestions(), tokens.patti, body);
    expect(added.status).toBe(201);
    expect(goToBankSchema.parse(added.body).questions).toContainEqual({
      id: body.id,
      text: picked.text,
      source: 'library',
      libraryId: picked.id,
    });
    const again = await post(apiPaths.myGoToQuestions(), tokens.patti, { ...body, id: randomUUID() });
    expect(again.status).toBe(200);
    expect(goToBankSchema.parse(again.body).questions.filter((q) => q.libraryId === picked.id)).toHaveLength(1);

    const unknown = await post(apiPaths.myGoToQuestions(), tokens.patti, { id: randomUUID(), libraryId: 'made-up' });
    expect(unknown.status).toBe(400);
    expect(errorBodySchema.parse(unknown.body).error.message).toContain('libraryId');
  });
});

describe('the go-to exchange', () => {
  const anonymous = { id: randomUUID(), text: 'What are you quietly worried about?', showName: false };
  const named = { id: randomUUID(), text: 'What did you teach someone this week?', showName: true };
  const exchange = async (token: string) => {
    const answer = await get(goToApiPaths.exchange(), token);
    expect(answer.status).toBe(200);
    return { raw: JSON.stringify(answer.body), shares: goToExchangeSchema.parse(answer.body).shares };
  };

  it('shares without the name when asked to: neither name nor id in any response', async () => {
    const shared = await post(goToApiPaths.exchange(), tokens.megan, anonymous);
    expect(shared.status).toBe(201);
    expect(sharedGoToQuestionSchema.parse(shared.body)).toMatchObject({ sharedBy: null, mine: true, adopters: 0 });
    for (const who of ['megan', 'patti', 'alex'] as const) {
      const { raw, shares } = await exchange(tokens[who]);
      expect(shares.find((s) => s.id === anonymous.id)).toMatchObject({ sharedBy: null, mine: who === 'megan' });
      expect(raw).not.toContain('Megan');
      expect(raw.toLowerCase()).not.toContain(MEGAN.toLowerCase());
    }
    const adopted = await post(goToApiPaths.adopt(anonymous.id), tokens.patti, { id: randomUUID() });
    expect(JSON.stringify(adopted.body)).not.toContain('Megan');
    // The name must be chosen explicitly.
    const unchosen = await post(goToApiPaths.exchange(), tokens.megan, { id: randomUUID(), text: 'x' });
    expect(unchosen.status).toBe(400);
    expect(errorBodySchema.parse(unchosen.body).error.message).toContain('showName');
  });

  it('counts distinct adopters, lists the most adopted first, and adopts into the bank with one click', async () => {
    expect((await post(goToApiPaths.exchange(), tokens.megan, named)).status).toBe(201);
    const { shares: before } = await exchange(tokens.alex);
    expect(before.find((s) => s.id === named.id)?.sharedBy).toMatch(/Megan/);

    // Patti adopted the anonymous one already; again (a double click) counts once. Alex adopts it too.
    const again = await post(goToApiPaths.adopt(anonymous.id), tokens.patti, { id: randomUUID() });
    expect(sharedGoToQuestionSchema.parse(again.body)).toMatchObject({ adopters: 1, adoptedByMe: true });
    expect((await post(goToApiPaths.adopt(anonymous.id), tokens.alex, { id: randomUUID() })).status).toBe(200);
    expect((await post(goToApiPaths.adopt(named.id), tokens.alex, { id: randomUUID() })).status).toBe(200);
    expect((await post(goToApiPaths.adopt(anonymous.id), tokens.diego, { id: randomUUID() })).status).toBe(200);

    const { shares } = await exchange(tokens.patti);
    const order = shares
      .filter((s) => ([anonymous.id, named.id] as string[]).includes(s.id))
      .map((s) => [s.id, s.adopters]);
    expect(order).toEqual([
      [anonymous.id, 3],
      [named.id, 1],
    ]);
    const pattiBank = goToBankSchema.parse((await get(apiPaths.myGoToQuestions(), tokens.patti)).body).questions;
    expect(pattiBank.filter((q) => q.text === anonymous.text)).toEqual([
      expect.objectContaining({ source: 'exchange' }),
    ]);
  });

  it('lets only the sharer withdraw; a withdrawn share is gone and cannot be adopted', async () => {
    const notHers = await callApi(stack, 'DELETE', goToApiPaths.share(named.id), { token: tokens.alex });
    expect(notHers.status).toBe(404);
    const withdrawn = await callApi(stack, 'DELETE', goToApiPaths.share(named.id), { token: tokens.megan });
    expect(withdrawn.status).toBe(200);
    expect((await exchange(tokens.alex)).shares.map((s) => s.id)).not.toContain(named.id);
    const late = await post(goToApiPaths.adopt(named.id), tokens.patti, { id: randomUUID() });
    expect(late.status).toBe(404);
    // What Alex adopted earlier stays in his bank: it is his now.
    const alexBank = goToBankSchema.parse((await get(apiPaths.myGoToQuestions(), tokens.alex)).body).questions;
    expect(alexBank.map((q) => q.text)).toContain(named.text);
  });

  it("never shows another tenant's shares, nor adopts them by id", async () => {
    const other = createGoToExchangeStore(
      createTableClientFactory({ kind: 'connectionString', connectionString: stack.azurite.connectionString }),
    );
    const foreign = { id: randomUUID(), text: 'A question of another organization', sharerName: 'Someone Else' };
    await other.share('0e1d2c3b-4a59-4687-9a8b-7c6d5e4f3a2b', {
      ...foreign,
      sharerId: randomUUID(),
      sharedAt: T0.toISOString(),
    });
    expect(await other.list(DEMO_TENANT_ID)).not.toEqual(
      expect.arrayContaining([expect.objectContaining({ id: foreign.id })]),
    );
    const { raw } = await exchange(tokens.megan);
    expect(raw).not.toContain(foreign.text);
    expect((await post(goToApiPaths.adopt(foreign.id), tokens.megan, { id: randomUUID() })).status).toBe(404);
  });

  it("exports the caller's shares and asks, and erasure takes the shares away", async () => {
    const exported = myDataExportSchema.parse((await get(privacyApiPaths.export(), tokens.megan)).body);
    expect(exported.goToShares).toEqual([expect.objectContaining({ id: anonymous.id, nameShown: false })]);
    const adeleExport = myDataExportSchema.parse((await get(privacyApiPaths.export(), tokens.adele)).body);
    expect(adeleExport.goToAsks).toEqual([
      { managerId: MEGAN, questions: [expect.objectContaining({ source: 'report' })] },
    ]);

    expect((await callApi(stack, 'DELETE', privacyApiPaths.notes(), { token: tokens.megan })).status).toBe(200);
    expect((await exchange(tokens.patti)).shares.map((s) => s.id)).not.toContain(anonymous.id);
    expect((await callApi(stack, 'DELETE', privacyApiPaths.answers(), { token: tokens.adele })).status).toBe(200);
    expect(await pairBank(DEMO_USER_IDS.adele, tokens.adele)).toEqual([]);
  });
});
