import { startLocalStack, type LocalStack } from '@candor/local/stack';
import { DEMO_USER_IDS, demoMeetings } from '@candor/local/simulator/demoTenant';
import type { SentMail } from '@candor/local/simulator/types';
import {
  apiPaths,
  boardViewSchema,
  errorBodySchema,
  RECAP_CORRECTION_WINDOW_MS,
  recapConflictSchema,
  recapDraftConflictSchema,
  recapDraftResponseSchema,
  saveRecapResponseSchema,
  type BoardRef,
  type BoardView,
  type RecapLine,
} from '@candor/functions/contract';
import { CLAIM_PROPERTY_ID } from '@candor/functions/graph/mailGateway';
import { callApi } from '../../support/api';

/*
 * The recap both people write: a shared draft on the open board, closed by either, corrected by either for 24 hours
 * after the close (each correction one email, once), and the explicit "no blocker this week". Real Azurite and the
 * Graph + Entra ID simulator; the simulated clock is moved by the tests, never read from the wall.
 */

jest.setTimeout(60_000);

const T0 = new Date('2026-06-10T09:10:00.000Z');
const HOUR_MS = 3600_000;
let clock = T0;
let stack: LocalStack;
const meetings = demoMeetings(T0);
const adele = meetings.find((m) => m.reportId === DEMO_USER_IDS.adele)!;
const diego = meetings.find((m) => m.reportId === DEMO_USER_IDS.diego)!;
const tokens: Record<'megan' | 'adele' | 'diego', string> = { megan: '', adele: '', diego: '' };

beforeAll(async () => {
  stack = await startLocalStack({ now: () => clock });
  for (const who of Object.keys(tokens) as Array<keyof typeof tokens>) {
    tokens[who] = await stack.simulator.mintAccessToken(DEMO_USER_IDS[who]);
  }
}, 60_000);

afterAll(async () => {
  await stack?.stop();
});

const put = (path: string, token: string, body: unknown) => callApi(stack, 'PUT', path, { token, body });

async function openMeeting(chatId: string, token: string): Promise<BoardView> {
  const answer = await callApi(stack, 'GET', apiPaths.meetingBoard(chatId), { token });
  expect(answer.status).toBe(200);
  return boardViewSchema.parse(answer.body);
}

async function readBoard(ref: BoardRef, token: string): Promise<BoardView> {
  const answer = await callApi(stack, 'GET', apiPaths.board(ref), { token });
  expect(answer.status).toBe(200);
  return boardViewSchema.parse(answer.body);
}

/** The outbox's recap mails of one board (every version's claim names the occurrence). */
function recapMails(ref: BoardRef): SentMail[] {
  return stack.simulator
    .outbox()
    .filter((m) =>
      m.singleValueExtendedProperties?.some(
        (p) => p.id === CLAIM_PROPERTY_ID && String(p.value).includes(`:${ref.occurrenceId}`),
      ),
    );
}

const LINE_1: RecapLine = {
  text: 'Blocked on the data contract; Megan chases legal',
  tags: ['blocker', 'supportNeed'],
};
const LINE_2: RecapLine = { text: 'Raising risks in week one saved us a sprint', tags: ['learning'] };

describe('the co-written recap', () => {
  let ref: BoardRef;

  it('is one shared draft: each person writes a line, sees the other’s, and a stale write gets the current draft', async () => {
    clock = T0;
    ref = (await openMeeting(adele.chatId, tokens.adele)).ref;
    const [one, two] = await Promise.all([
      put(apiPaths.recapDraft(ref, 'line1'), tokens.adele, { ...LINE_1, baseRevision: 0 }),
      put(apiPaths.recapDraft(ref, 'line2'), tokens.megan, { ...LINE_2, baseRevision: 0 }),
    ]);
    expect([one.status, two.status]).toEqual([200, 200]);

    const seenByMegan = (await readBoard(ref, tokens.megan)).recapDraft;
    expect(seenByMegan?.lines[0]).toMatchObject({ ...LINE_1, revision: 1, updatedBy: DEMO_USER_IDS.adele });
    expect(seenByMegan?.lines[1]).toMatchObject({ ...LINE_2, revision: 1, updatedBy: DEMO_USER_IDS.megan });

    // Megan typed over line 1 without having seen Adele's words: 409, with what is there now.
    const stale = await put(apiPaths.recapDraft(ref, 'line1'), tokens.megan, {
      text: 'Something else',
      tags: ['blocker'],
      baseRevision: 0,
    });
    expect(stale.status).toBe(409);
    expect(recapDraftConflictSchema.parse(stale.body).draft.lines[0].text).toBe(LINE_1.text);
    // Adele's retry of the write that already landed is answered as saved, without a new revision.
    const retried = await put(apiPaths.recapDraft(ref, 'line1'), tokens.adele, { ...LINE_1, baseRevision: 0 });
    expect(recapDraftResponseSchema.parse(retried.body).draft.lines[0].revision).toBe(1);
  });

  it('is closed by either person from the shared draft, emailed once however often the close is repeated', async () => {
    clock = new Date(T0.getTime() + 20 * 60_000);
    const closes = await Promise.all([
      put(apiPaths.recap(ref), tokens.megan, {}),
      put(apiPaths.recap(ref), tokens.adele, {}),
    ]);
    expect(closes.map((c) => c.status)).toEqual([200, 200]);
    const again = await put(apiPaths.recap(ref), tokens.adele, { lines: [LINE_1, LINE_2] });
    expect(saveRecapResponseSchema.parse(again.body)).toMatchObject({
      mail: 'sent',
      recap: { lines: [LINE_1, LINE_2] },
    });
    expect(recapMails(ref)).toHaveLength(1);

    const view = await readBoard(ref, tokens.adele);
    expect(view.recap?.correction).toBeUndefined();
    expect(view.recap?.correctableUntil).toBe(new Date(clock.getTime() + RECAP_CORRECTION_WINDOW_MS).toISOString());
    const late = await put(apiPaths.recapDraft(ref, 'line2'), tokens.megan, { ...LINE_2, text: 'x', baseRevision: 1 });
    expect([late.status, errorBodySchema.parse(late.body).error.code]).toEqual([409, 'finalised']);
  });

  it('is corrected within 24 hours: a new version, marked Amended, one correction email per version', async () => {
    clock = new Date(T0.getTime() + 3 * HOUR_MS);
    const fixed: [RecapLine, RecapLine] = [
      { ...LINE_1, text: 'Blocked on the data contract; legal answers Friday' },
      LINE_2,
    ];
    const correction = await put(apiPaths.recapCorrection(ref), tokens.adele, { baseVersion: 1, lines: fixed });
    expect(correction.status).toBe(200);
    expect(saveRecapResponseSchema.parse(correction.body)).toMatchObject({
      mail: 'sent',
      recap: { lines: fixed, correction: { version: 2, correctedBy: DEMO_USER_IDS.adele } },
    });
    // The retried correction (its answer was lost) sends nothing.
    const retried = await put(apiPaths.recapCorrection(ref), tokens.adele, { baseVersion: 1, lines: fixed });
    expect(retried.status).toBe(200);
    const mails = recapMails(ref);
    expect(mails).toHaveLength(2);
    expect(mails[1]!.message.subject).toMatch(/^Amended: /);
    expect(mails[1]!.message.body?.content).toContain('legal answers Friday');

    // Two corrections of version 2 at once: one wins, the other is told of version 3; one more email in all.
    const [byMegan, byAdele] = await Promise.all([
      put(apiPaths.recapCorrection(ref), tokens.megan, {
        baseVersion: 2,
        lines: [{ ...fixed[0], text: 'Blocked on legal; Megan calls them Thursday' }, LINE_2],
      }),
      put(apiPaths.recapCorrection(ref), tokens.adele, {
        baseVersion: 2,
        lines: [fixed[0], { ...LINE_2, text: 'Raising risks early saved a sprint' }],
      }),
    ]);
    const statuses = [byMegan.status, byAdele.status].sort();
    expect(statuses).toEqual([200, 409]);
    const lost = byMegan.status === 409 ? byMegan : byAdele;
    expect(recapConflictSchema.parse(lost.body)).toMatchObject({
      error: { code: 'recapCorrected' },
      recap: { correction: { version: 3 } },
    });
    expect(recapMails(ref)).toHaveLength(3);
    expect((await readBoard(ref, tokens.megan)).recap?.correction?.version).toBe(3);
  });

  it('settles each version’s email on its own: a lost correction mail is sent, a delivered one is not sent twice', async () => {
    const correct = (baseVersion: number, text: string) =>
      put(apiPaths.recapCorrection(ref), tokens.megan, {
        baseVersion,
        lines: [{ ...LINE_1, text }, LINE_2],
      });
    // The connection drops before Exchange took version 4's mail: the earlier versions in Sent Items must not
    // count as it, so the retry after the lease sends it.
    clock = new Date(T0.getTime() + 4 * HOUR_MS);
    const lost = stack.simulator.faults.add({ kind: 'drop', afterEffect: false, pathPattern: '/sendMail$', times: 1 });
    try {
      expect(saveRecapResponseSchema.parse((await correct(3, 'Legal answers on Monday')).body).mail).toBe('pending');
    } finally {
      stack.simulator.faults.remove(lost);
    }
    clock = new Date(clock.getTime() + 61_000);
    expect(saveRecapResponseSchema.parse((await correct(3, 'Legal answers on Monday')).body).mail).toBe('sent');
    expect(recapMails(ref)).toHaveLength(4);

    // The connection drops after Exchange took version 5's mail: the retry finds it in Sent Items and sends nothing.
    const delivered = stack.simulator.faults.add({
      kind: 'drop',
      afterEffect: true,
      pathPattern: '/sendMail$',
      times: 1,
    });
    try {
      await correct(4, 'Legal answers on Tuesday');
    } finally {
      stack.simulator.faults.remove(delivered);
    }
    clock = new Date(clock.getTime() + 61_000);
    expect(saveRecapResponseSchema.parse((await correct(4, 'Legal answers on Tuesday')).body).mail).toBe('sent');
    expect(recapMails(ref)).toHaveLength(5);
  });

  it('refuses a correction after the 24 hours and one naming a version the recap does not have', async () => {
    clock = new Date(T0.getTime() + 10 * HOUR_MS);
    const forged = await put(apiPaths.recapCorrection(ref), tokens.megan, { baseVersion: 9, lines: [LINE_1, LINE_2] });
    expect([forged.status, errorBodySchema.parse(forged.body).error.field]).toEqual([400, 'baseVersion']);

    clock = new Date(T0.getTime() + 20 * 60_000 + RECAP_CORRECTION_WINDOW_MS + 1);
    const late = await put(apiPaths.recapCorrection(ref), tokens.megan, { baseVersion: 5, lines: [LINE_1, LINE_2] });
    expect(late.status).toBe(409);
    expect(errorBodySchema.parse(late.body).error).toMatchObject({
      code: 'correctionClosed',
      message: expect.stringContaining('24 hours') as unknown,
    });
    expect(recapMails(ref)).toHaveLength(5);
  });

  it('shows the latest version as "Last time" on the next board, marked as corrected', async () => {
    clock = new Date(T0.getTime() + 7 * 24 * HOUR_MS);
    const next = await openMeeting(adele.chatId, tokens.adele);
    expect(next.lastTime).toMatchObject({ occurrenceId: ref.occurrenceId, correction: { version: 5 } });
  });
});

describe('"no blocker this week"', () => {
  it('is chosen on the shared draft, closes with a support need and a learning, and every surface says so', async () => {
    clock = T0;
    const ref = (await openMeeting(diego.chatId, tokens.diego)).ref;
    const lines: [RecapLine, RecapLine] = [
      { text: 'Needs a second reviewer for the billing work', tags: ['supportNeed'] },
      { text: 'Short daily check-ins kept the week calm', tags: ['learning'] },
    ];
    await put(apiPaths.recapDraft(ref, 'line1'), tokens.diego, { ...lines[0], baseRevision: 0 });
    await put(apiPaths.recapDraft(ref, 'line2'), tokens.megan, { ...lines[1], baseRevision: 0 });
    const withoutChoice = await put(apiPaths.recap(ref), tokens.megan, {});
    expect(withoutChoice.status).toBe(400);
    expect(errorBodySchema.parse(withoutChoice.body).error.message).toContain('no blocker this week');

    const choice = await put(apiPaths.recapDraft(ref, 'noBlocker'), tokens.diego, { value: true, baseRevision: 0 });
    expect(recapDraftResponseSchema.parse(choice.body).draft.noBlocker).toMatchObject({ value: true, revision: 1 });
    const closed = await put(apiPaths.recap(ref), tokens.megan, {});
    expect(saveRecapResponseSchema.parse(closed.body).recap).toMatchObject({ noBlocker: true, lines });
    const [mail] = recapMails(ref);
    expect(mail?.message.body?.content).toContain('No blocker this week');
  });
});
