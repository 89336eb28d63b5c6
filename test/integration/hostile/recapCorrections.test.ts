import {
  apiPaths,
  boardViewSchema,
  errorBodySchema,
  RECAP_CORRECTION_WINDOW_MS,
  type BoardRef,
  type RecapLine,
} from '@candor/functions/contract';
import { DEMO_USER_IDS, demoMeetings } from '@candor/local/simulator/demoTenant';
import { startLocalStack, type LocalStack } from '@candor/local/stack';
import { callApi } from '../../support/api';
import { attack } from '../../support/hostileLedger';

/*
 * Corrections of a closed recap out of bounds: after the 24 hours, against a version the recap never had, and by a
 * member of another pair. Each is refused with what is wrong, and the recap and the outbox stay as they were. The
 * simulated clock is moved by the test.
 */
jest.setTimeout(120_000);

const T0 = new Date('2026-06-10T09:10:00.000Z');
let clock = T0;
let stack: LocalStack;
const adeleMeeting = demoMeetings(T0).find((m) => m.reportId === DEMO_USER_IDS.adele)!;
const tokens: Record<'megan' | 'adele' | 'alex', string> = { megan: '', adele: '', alex: '' };
let ref: BoardRef;
const LINES: [RecapLine, RecapLine] = [
  { text: 'Blocked on the data contract; Megan chases legal', tags: ['blocker', 'supportNeed'] },
  { text: 'Raising risks in week one saved a sprint', tags: ['learning'] },
];
const FORGED: [RecapLine, RecapLine] = [{ ...LINES[0], text: 'Nothing was blocked, ever' }, LINES[1]];

beforeAll(async () => {
  stack = await startLocalStack({ now: () => clock });
  for (const who of Object.keys(tokens) as Array<keyof typeof tokens>)
    tokens[who] = await stack.simulator.mintAccessToken(DEMO_USER_IDS[who]);
  const opened = await callApi(stack, 'GET', apiPaths.meetingBoard(adeleMeeting.chatId), { token: tokens.adele });
  ref = boardViewSchema.parse(opened.body).ref;
  expect(
    (await callApi(stack, 'PUT', apiPaths.recap(ref), { token: tokens.megan, body: { lines: LINES } })).status,
  ).toBe(200);
}, 60_000);

afterAll(async () => {
  await stack?.stop();
});

const correct = (token: string, body: unknown) => callApi(stack, 'PUT', apiPaths.recapCorrection(ref), { token, body });

async function refused(name: string, send: () => ReturnType<typeof correct>, status: number, code: string) {
  await attack(name, async () => {
    const got = await send();
    expect({ status: got.status, code: errorBodySchema.safeParse(got.body).data?.error.code }).toEqual({
      status,
      code,
    });
  });
}

describe('corrections of a closed recap out of bounds', () => {
  it('refuses a version the recap never had', async () => {
    clock = new Date(T0.getTime() + 3600_000);
    await refused(
      'recap correction: a forged version',
      () => correct(tokens.adele, { baseVersion: 7, lines: FORGED }),
      400,
      'badRequest',
    );
  });

  it('refuses a report of another pair of the same manager', async () => {
    await refused(
      'recap correction: a member of another pair',
      () => correct(tokens.alex, { baseVersion: 1, lines: FORGED }),
      403,
      'forbidden',
    );
  });

  it('refuses Adele’s own account signed for another tenant, on the correction and the shared draft', async () => {
    const otherTenant = await stack.simulator.mintAccessToken(DEMO_USER_IDS.adele, {
      claims: { tid: '9f8e7d6c-5b4a-4c3d-8e2f-1a0b9c8d7e6f' },
    });
    await refused(
      'recap correction: a token of another tenant',
      () => correct(otherTenant, { baseVersion: 1, lines: FORGED }),
      401,
      'unauthorized',
    );
    await refused(
      'recap draft: a token of another tenant',
      () =>
        callApi(stack, 'PUT', apiPaths.recapDraft(ref, 'line1'), {
          token: otherTenant,
          body: { text: 'planted', tags: [], baseRevision: 0 },
        }),
      401,
      'unauthorized',
    );
  });

  it('refuses either person once the 24 hours after the close are over', async () => {
    clock = new Date(T0.getTime() + RECAP_CORRECTION_WINDOW_MS + 60_000);
    for (const who of ['megan', 'adele'] as const) {
      await refused(
        `recap correction: by ${who} after 24 hours`,
        () => correct(tokens[who], { baseVersion: 1, lines: FORGED }),
        409,
        'correctionClosed',
      );
    }
  });

  it('left the recap and the outbox as they were', async () => {
    const view = boardViewSchema.parse(
      (await callApi(stack, 'GET', apiPaths.board(ref), { token: tokens.adele })).body,
    );
    expect(view.recap).toMatchObject({ lines: LINES });
    expect(view.recap?.correction).toBeUndefined();
    expect(view.recap?.correctableUntil).toBeUndefined();
    expect(stack.simulator.outbox().filter((m) => m.message.subject?.startsWith('Amended'))).toHaveLength(0);
  });
});
