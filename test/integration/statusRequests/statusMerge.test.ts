import { randomUUID } from 'node:crypto';
import {
  apiPaths,
  boardViewSchema,
  channelApiPaths,
  errorBodySchema,
  statusApiPaths,
  statusFormViewSchema,
  statusMovePath,
  statusUpdateConflictSchema,
  statusUpdateViewSchema,
  type BoardRef,
  type StatusFields,
} from '@candor/functions/contract';
import { STATUS_CARD_VERBS } from '@candor/functions/domain/statusCardActions';
import { API_CLIENT_ID, DEMO_USER_IDS, demoMeetings } from '@candor/local/simulator/demoTenant';
import { cardActionActivity } from '@candor/local/simulator/botFramework';
import { personalChatId } from '@candor/local/simulator/graphTeamwork';
import { startLocalStack, type LocalStack } from '@candor/local/stack';
import { callApi } from '../../support/api';

/*
 * One status update, three surfaces that write it: the status form (link token), the Candor bot's card (Action.Execute)
 * and the board's "Move to status update". Whatever order they write in, and when two write at once, no part the
 * person wrote is lost: a save changes only the parts the person changed, and a part changed elsewhere since it was
 * shown is refused with what is stored now, never overwritten. Diego chose chat, so the scan sends him the card and
 * its form link; the clock is fixed so his moved weekly 1:1 stays open.
 */
jest.setTimeout(90_000);

const T0 = new Date('2026-06-10T09:10:00.000Z');
const now = (): Date => T0;
let stack: LocalStack;
let ref: BoardRef;
let formToken: string;
let scanCard: CardJson;
let diegoToken: string;
const diegoMeeting = demoMeetings(T0).find((m) => m.reportId === DEMO_USER_IDS.diego)!;
const diegoChat = personalChatId(DEMO_USER_IDS.diego, API_CLIENT_ID);

interface CardElement {
  type: string;
  id?: string;
  text?: string;
  value?: string;
  facts?: Array<{ title: string; value: string }>;
}
interface CardJson {
  body: CardElement[];
  actions?: Array<{ type: string; verb?: string; data?: Record<string, unknown>; url?: string }>;
}

function cardOf(activity: Record<string, unknown>): CardJson {
  const attachments = activity.attachments as Array<{ contentType: string; content: CardJson }>;
  const card = attachments.find((a) => a.contentType === 'application/vnd.microsoft.card.adaptive');
  if (!card) throw new Error('no adaptive card in the activity');
  return card.content;
}
const inputsOf = (card: CardJson): Record<string, string> =>
  Object.fromEntries(card.body.filter((b) => b.type === 'Input.Text').map((b) => [b.id ?? '', b.value ?? '']));
const textOf = (card: CardJson): string =>
  card.body.map((b) => [b.text ?? '', ...(b.facts ?? []).map((f) => `${f.title}: ${f.value}`)].join(' ')).join(' | ');

/** What Teams sends for Action.Execute with `associatedInputs: auto`: the action's data plus every input, as shown or as typed. */
function pressed(card: CardJson, typed: Partial<StatusFields> = {}): Record<string, unknown> {
  const save = card.actions?.find((a) => a.verb === STATUS_CARD_VERBS.save);
  if (!save?.data) throw new Error(`no save action on the card: ${textOf(card)}`);
  return { ...save.data, ...inputsOf(card), ...typed };
}

async function invoke(
  verb: string,
  data: Record<string, unknown>,
): Promise<{ type: string; value: CardJson | string }> {
  const answer = await stack.simulator.bot.deliver(
    `${stack.apiBaseUrl}/messages`,
    cardActionActivity(
      {
        userId: DEMO_USER_IDS.diego,
        tenantId: stack.simulator.tenantId,
        botAppId: API_CLIENT_ID,
        conversationId: diegoChat,
      },
      { verb, data },
    ),
  );
  expect(answer.status).toBe(200);
  return answer.body as { type: string; value: CardJson | string };
}
async function cardAnswer(verb: string, data: Record<string, unknown>): Promise<CardJson> {
  const body = await invoke(verb, data);
  expect(body.type).toBe('application/vnd.microsoft.card.adaptive');
  return body.value as CardJson;
}
/** The edit card, as the received card's "Edit my status update" opens it. */
const editCard = (): Promise<CardJson> => cardAnswer(STATUS_CARD_VERBS.edit, { ...refData() });
const refData = (): Record<string, unknown> => {
  const data = scanCard.actions?.[0]?.data ?? {};
  return {
    managerId: data.managerId,
    reportId: data.reportId,
    occurrenceId: data.occurrenceId,
    claimBase: data.claimBase,
  };
};

const formPut = (body: unknown) => callApi(stack, 'PUT', statusApiPaths.statusForm(), { token: formToken, body });
async function formView() {
  const answer = await callApi(stack, 'GET', statusApiPaths.statusForm(), { token: formToken });
  expect(answer.status).toBe(200);
  return statusFormViewSchema.parse(answer.body);
}
async function stored() {
  const megan = await stack.simulator.mintAccessToken(DEMO_USER_IDS.megan);
  const answer = await callApi(stack, 'GET', statusApiPaths.statusUpdate(ref), { token: megan });
  expect(answer.status).toBe(200);
  const update = statusUpdateViewSchema.parse(answer.body).update;
  if (!update) throw new Error('no status update stored');
  return update;
}
const moveToStatus = (section: string, text: string) =>
  callApi(stack, 'POST', statusMovePath(ref), { token: diegoToken, body: { moveId: randomUUID(), section, text } });

beforeAll(async () => {
  stack = await startLocalStack({ now });
  diegoToken = await stack.simulator.mintAccessToken(DEMO_USER_IDS.diego);
  expect(
    (await callApi(stack, 'PUT', channelApiPaths.statusChannel(), { token: diegoToken, body: { channel: 'chat' } }))
      .status,
  ).toBe(200);
  const opened = await callApi(stack, 'GET', apiPaths.meetingBoard(diegoMeeting.chatId), { token: diegoToken });
  expect(opened.status).toBe(200);
  ref = boardViewSchema.parse(opened.body).ref;
  // Written before the request goes out (from the board), so the scan's card has something to show.
  expect((await moveToStatus('finished', 'Shipped the export')).status).toBe(200);
  expect((await moveToStatus('blocked', 'Waiting on legal')).status).toBe(200);
  await stack.functions.runTimer('preMeetingScan');
  const cards = stack.simulator.bot
    .connectorLog()
    .filter((e) => e.conversationId === diegoChat && e.method === 'POST' && e.status === 200)
    .map((e) => cardOf(e.activity));
  const weekly = cards.find((c) => c.actions?.[0]?.data?.['occurrenceId'] === ref.occurrenceId);
  if (!weekly) throw new Error(`no card for the weekly 1:1 among ${cards.length}`);
  scanCard = weekly;
  const link = weekly.actions?.find((a) => a.type === 'Action.OpenUrl')?.url;
  formToken = new URL(link ?? 'http://x/').searchParams.get('token') ?? '';
}, 90_000);

afterAll(async () => {
  await stack?.stop();
});

describe('every surface opens with what is stored', () => {
  it('the scan builds the chat card with the stored parts and the revision they were read at', () => {
    expect(inputsOf(scanCard)).toEqual({
      finished: 'Shipped the export',
      inProgress: '',
      blocked: 'Waiting on legal',
      fyi: '',
    });
    expect(scanCard.actions?.[0]?.data?.['baseRevision']).toBe(2);
  });
});

describe('no part is lost whatever order the surfaces write in', () => {
  it('form then card: the card (shown before the form saved) changes only what the person changed in it', async () => {
    const view = await formView();
    expect(view.update?.revision).toBe(2);
    const saved = await formPut({
      baseRevision: 2,
      finished: 'Shipped the export and the import',
      inProgress: 'Billing page',
      fyi: 'Out on Friday',
    });
    expect(saved.status).toBe(200);
    // The card still shows revision 2; Diego changes "blocked" only and presses Send.
    const answer = await cardAnswer(
      STATUS_CARD_VERBS.save,
      pressed(scanCard, { blocked: 'Legal said yes; waiting on security' }),
    );
    expect(textOf(answer)).toMatch(/Status received/);
    expect((await stored()).fields).toEqual({
      finished: 'Shipped the export and the import',
      inProgress: 'Billing page',
      blocked: 'Legal said yes; waiting on security',
      fyi: 'Out on Friday',
    });
  });

  it('a card from before revisions (no base) never clears a part and never overwrites one silently', async () => {
    const before = await stored();
    // One line typed into an old card that showed empty inputs: Teams sends the three others as empty text.
    const old = { ...refData(), finished: 'One line from chat', inProgress: '', blocked: '', fyi: '' };
    const answer = await cardAnswer(STATUS_CARD_VERBS.save, old);
    const after = await stored();
    expect(after).toEqual(before);
    // The card answers with what is stored and keeps the person's words in sight.
    expect(inputsOf(answer)).toEqual(before.fields);
    expect(textOf(answer)).toMatch(/changed since this card was sent/i);
    expect(textOf(answer)).toContain('One line from chat');
  });

  it('card then form: the form (opened before the card saved) changes only what the person changed in it', async () => {
    const opened = await formView();
    const base = opened.update!.revision;
    const card = await editCard();
    expect(inputsOf(card)).toEqual(opened.update!.fields);
    await cardAnswer(STATUS_CARD_VERBS.save, pressed(card, { inProgress: 'Billing page, nearly done' }));
    const saved = await formPut({ baseRevision: base, fyi: 'Out on Friday and Monday' });
    expect(saved.status).toBe(200);
    expect((await stored()).fields).toMatchObject({
      inProgress: 'Billing page, nearly done',
      fyi: 'Out on Friday and Monday',
    });
  });

  it('refuses a form save over a part changed in chat since the form opened, naming it, writing nothing', async () => {
    const opened = await formView();
    const card = await editCard();
    await cardAnswer(STATUS_CARD_VERBS.save, pressed(card, { finished: 'Shipped export, import and sync' }));
    const before = await stored();
    const refused = await formPut({
      baseRevision: opened.update!.revision,
      finished: 'Shipped export and import (form)',
      fyi: 'Back Tuesday',
    });
    expect(refused.status).toBe(409);
    const conflict = statusUpdateConflictSchema.parse(refused.body);
    expect(conflict.error.code).toBe('conflict');
    expect(conflict.parts).toEqual([{ part: 'finished', changedIn: 'chat' }]);
    expect(conflict.current).toEqual(before);
    expect(await stored()).toEqual(before);
  });

  it('both at once: a form save and a card save typed against the same revision both land', async () => {
    const opened = await formView();
    const card = await editCard();
    const [form, chat] = await Promise.all([
      formPut({ baseRevision: opened.update!.revision, blocked: 'Nothing blocked' }),
      cardAnswer(STATUS_CARD_VERBS.save, pressed(card, { fyi: 'Demo on Thursday' })),
    ]);
    expect(form.status).toBe(200);
    expect(textOf(chat)).toMatch(/Status received/);
    expect((await stored()).fields).toMatchObject({ blocked: 'Nothing blocked', fyi: 'Demo on Thursday' });
  });

  it("card refreshed after the form shows the form's text, and its stale inputs never undo a later form save", async () => {
    const opened = await formView();
    expect((await formPut({ baseRevision: opened.update!.revision, inProgress: 'Billing page shipped' })).status).toBe(
      200,
    );
    const refreshed = await cardAnswer(STATUS_CARD_VERBS.refresh, refData());
    expect(textOf(refreshed)).toContain('Billing page shipped');
    const card = await editCard();
    expect(inputsOf(card).inProgress).toBe('Billing page shipped');
    const again = await formView();
    expect(
      (await formPut({ baseRevision: again.update!.revision, inProgress: 'Billing page shipped; dashboards next' }))
        .status,
    ).toBe(200);
    // The card still shows the earlier inProgress; Diego changes only "finished" in it.
    await cardAnswer(STATUS_CARD_VERBS.save, pressed(card, { finished: 'Shipped everything' }));
    expect((await stored()).fields).toMatchObject({
      finished: 'Shipped everything',
      inProgress: 'Billing page shipped; dashboards next',
    });
  });

  it("a card save over a part the form changed since the card was shown answers with the stored text and the person's words", async () => {
    const card = await editCard();
    const opened = await formView();
    expect((await formPut({ baseRevision: opened.update!.revision, fyi: 'Holiday from the 20th' })).status).toBe(200);
    const before = await stored();
    const answer = await cardAnswer(STATUS_CARD_VERBS.save, pressed(card, { fyi: 'Demo moved to Friday' }));
    expect(await stored()).toEqual(before);
    expect(inputsOf(answer).fyi).toBe('Holiday from the 20th');
    expect(textOf(answer)).toContain('Demo moved to Friday');
    expect(answer.actions?.[0]?.data?.['baseRevision']).toBe(before.revision);
    // Sent again from that card, the person's choice lands.
    await cardAnswer(STATUS_CARD_VERBS.save, pressed(answer, { fyi: 'Holiday from the 20th; demo moved to Friday' }));
    expect((await stored()).fields.fyi).toBe('Holiday from the 20th; demo moved to Friday');
  });

  it("board move while the form is open: the moved words stay, the form's other parts merge", async () => {
    const opened = await formView();
    expect((await moveToStatus('blocked', 'Waiting on the security review')).status).toBe(200);
    const refused = await formPut({ baseRevision: opened.update!.revision, blocked: 'Nothing' });
    expect(refused.status).toBe(409);
    expect(statusUpdateConflictSchema.parse(refused.body).parts).toEqual([{ part: 'blocked', changedIn: 'board' }]);
    const merged = await formPut({ baseRevision: opened.update!.revision, finished: 'Shipped everything, twice' });
    expect(merged.status).toBe(200);
    expect((await stored()).fields).toMatchObject({
      finished: 'Shipped everything, twice',
      blocked: 'Nothing blocked\nWaiting on the security review',
    });
  });

  it('a retried form save (same text, older base) is answered as saved, not as a conflict', async () => {
    const current = await stored();
    const retried = await formPut({ baseRevision: current.revision - 1, finished: current.fields.finished });
    expect(retried.status).toBe(200);
    expect((await stored()).revision).toBe(current.revision);
  });
});

describe("the form's save names what is wrong", () => {
  it.each([
    [{ finished: 'x' }, 'baseRevision'],
    [{ baseRevision: -1, finished: 'x' }, 'baseRevision'],
    [{ baseRevision: 'latest', finished: 'x' }, 'baseRevision'],
    [{ baseRevision: 0, parts: { finished: 'x' } }, 'parts'],
    [{ baseRevision: 0, finished: null }, 'finished'],
  ])('refuses %j naming %s', async (body, field) => {
    const before = await stored();
    const answer = await formPut(body);
    expect(answer.status).toBe(400);
    expect(errorBodySchema.parse(answer.body).error.field).toBe(field);
    expect(await stored()).toEqual(before);
  });
});
