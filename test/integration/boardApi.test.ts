import { startLocalStack, type LocalStack } from '@candor/local/stack';
import { demoMeetings } from '@candor/local/simulator/demoTenant';
import {
  apiPaths,
  boardViewSchema,
  errorBodySchema,
  fieldConflictSchema,
  saveFieldResponseSchema,
  MAX_FIELD_TEXT_LENGTH,
  type BoardRef,
  type TextFieldId,
} from '@candor/functions/contract';
import { callApi } from '../support/api';

let stack: LocalStack;
const meetings = demoMeetings(new Date());
const oneOnOne = meetings[0]!;
const otherReport = meetings.find((m) => m.reportId !== oneOnOne.reportId)!.reportId;
let reportToken: string;
let managerToken: string;
let strangerToken: string;
let ref: BoardRef;

beforeAll(async () => {
  stack = await startLocalStack();
  [reportToken, managerToken, strangerToken] = await Promise.all([
    stack.simulator.mintAccessToken(oneOnOne.reportId),
    stack.simulator.mintAccessToken(oneOnOne.managerId),
    stack.simulator.mintAccessToken(otherReport),
  ]);
  const opened = await callApi(stack, 'GET', apiPaths.meetingBoard(oneOnOne.chatId), { token: reportToken });
  expect(opened.status).toBe(200);
  ref = boardViewSchema.parse(opened.body).ref;
}, 60_000);

afterAll(async () => {
  await stack?.stop();
});

const save = (fieldId: TextFieldId, text: string, baseRevision: number, token = reportToken) =>
  callApi(stack, 'PUT', apiPaths.boardField(ref, fieldId), { token, body: { text, baseRevision } });

const readBoard = async (token: string) => {
  const answer = await callApi(stack, 'GET', apiPaths.board(ref), { token });
  expect(answer.status).toBe(200);
  return boardViewSchema.parse(answer.body);
};

describe('opening the board of a meeting', () => {
  it('resolves the chat to the pair and tells each participant their role', async () => {
    const asReport = await callApi(stack, 'GET', apiPaths.meetingBoard(oneOnOne.chatId), { token: reportToken });
    const asManager = await callApi(stack, 'GET', apiPaths.meetingBoard(oneOnOne.chatId), { token: managerToken });
    const reportView = boardViewSchema.parse(asReport.body);
    const managerView = boardViewSchema.parse(asManager.body);
    expect(reportView.ref).toEqual(managerView.ref);
    expect(reportView.ref).toMatchObject({ managerId: oneOnOne.managerId, reportId: oneOnOne.reportId });
    expect(reportView.viewer.role).toBe('report');
    expect(managerView.viewer.role).toBe('manager');
    expect(reportView.participants.manager.displayName).not.toBe('');
    expect(reportView.meeting?.subject).toBe(oneOnOne.subject);
  });

  it('answers 404 to someone who is not in that 1:1', async () => {
    const answer = await callApi(stack, 'GET', apiPaths.meetingBoard(oneOnOne.chatId), { token: strangerToken });
    expect(answer.status).toBe(404);
    expect(errorBodySchema.parse(answer.body).error.message).toMatch(/not in your calendar/);
  });
});

describe('saving and loading answers', () => {
  it("stores the report's answer and shows it to the manager", async () => {
    const saved = await save('energizing', 'Pairing with the new joiner on the design review', 0);
    expect(saved.status).toBe(200);
    const field = saveFieldResponseSchema.parse(saved.body).field;
    expect(field).toMatchObject({ text: 'Pairing with the new joiner on the design review', revision: 1 });
    expect(field.updatedBy).toBe(oneOnOne.reportId);

    const seenByManager = await readBoard(managerToken);
    expect(seenByManager.fields.energizing?.text).toBe('Pairing with the new joiner on the design review');
  });

  it('answers 409 with the current text when the edit was typed against an older revision', async () => {
    const first = saveFieldResponseSchema.parse((await save('draining', 'Late pages', 0)).body).field;
    const stale = await save('draining', 'Something else entirely', first.revision - 1);
    expect(stale.status).toBe(409);
    expect(fieldConflictSchema.parse(stale.body).current.text).toBe('Late pages');
  });

  it('treats a retried save of the same text as success, not a conflict', async () => {
    const first = saveFieldResponseSchema.parse((await save('support', 'An hour on Friday', 0)).body).field;
    const retried = await save('support', 'An hour on Friday', first.revision - 1);
    expect(retried.status).toBe(200);
    expect(saveFieldResponseSchema.parse(retried.body).field.revision).toBe(first.revision);
  });

  it('loses nothing when both people save different fields of the same board at once', async () => {
    const before = await readBoard(reportToken);
    const edits: Array<[TextFieldId, string, string]> = [
      ['energizingNote', 'Great to hear, let us keep that going', managerToken],
      ['drainingNote', 'I will take the pager rota to the team', managerToken],
      ['supportNote', 'Booked', managerToken],
      ['energizing', 'Design review pairing', reportToken],
      ['draining', 'Pager noise at night', reportToken],
      ['support', 'Cover for Friday afternoon', reportToken],
    ];
    const answers = await Promise.all(
      edits.map(([fieldId, text, token]) => save(fieldId, text, before.fields[fieldId]?.revision ?? 0, token)),
    );
    expect(answers.map((a) => a.status)).toEqual(edits.map(() => 200));
    const after = await readBoard(managerToken);
    for (const [fieldId, text] of edits) expect(after.fields[fieldId]?.text).toBe(text);
  });
});

describe('who may do what', () => {
  it('rejects a missing, malformed, expired or foreign token with 401', async () => {
    const expired = await stack.simulator.mintAccessToken(oneOnOne.reportId, { expiresInSeconds: -600 });
    const wrongAudience = await stack.simulator.mintAccessToken(oneOnOne.reportId, {
      audience: '00000000-0000-0000-0000-000000000001',
    });
    const noScope = await stack.simulator.mintAccessToken(oneOnOne.reportId, { scopes: ['User.Read'] });
    for (const token of [undefined, 'not-a-jwt', expired, wrongAudience, noScope]) {
      const answer = await callApi(stack, 'GET', apiPaths.board(ref), token === undefined ? {} : { token });
      expect(answer.status).toBe(401);
      expect(answer.headers.get('www-authenticate')).toMatch(/^Bearer/);
      expect(errorBodySchema.parse(answer.body).error.code).toBe('unauthorized');
    }
  });

  it('forbids someone outside the pair to read or write the board', async () => {
    const read = await callApi(stack, 'GET', apiPaths.board(ref), { token: strangerToken });
    expect(read.status).toBe(403);
    const write = await save('energizing', 'not mine to write', 0, strangerToken);
    expect(write.status).toBe(403);
    expect((await readBoard(reportToken)).fields.energizing?.text).not.toBe('not mine to write');
  });

  it("forbids the manager to type into the report's answer", async () => {
    const answer = await save('energizing', 'Manager writing for the report', 0, managerToken);
    expect(answer.status).toBe(403);
    expect(errorBodySchema.parse(answer.body).error.message).toMatch(/report/i);
  });

  it('forbids writing a board of a pair the org chart does not know', async () => {
    const fakePair: BoardRef = { ...ref, managerId: otherReport };
    const answer = await callApi(stack, 'PUT', apiPaths.boardField(fakePair, 'energizing'), {
      token: reportToken,
      body: { text: 'x', baseRevision: 0 },
    });
    expect(answer.status).toBe(403);
  });
});

describe('bad input', () => {
  it('names the missing field', async () => {
    const answer = await callApi(stack, 'PUT', apiPaths.boardField(ref, 'energizing'), {
      token: reportToken,
      body: { baseRevision: 0 },
    });
    expect(answer.status).toBe(400);
    expect(errorBodySchema.parse(answer.body).error.field).toBe('text');
  });

  it('rejects unknown fields instead of dropping them', async () => {
    const answer = await callApi(stack, 'PUT', apiPaths.boardField(ref, 'energizing'), {
      token: reportToken,
      body: { text: 'ok', baseRevision: 0, mood: 5 },
    });
    expect(answer.status).toBe(400);
    expect(errorBodySchema.parse(answer.body).error.message).toMatch(/mood/);
  });

  it('rejects text over the documented maximum', async () => {
    const answer = await save('energizing', 'x'.repeat(MAX_FIELD_TEXT_LENGTH + 1), 0);
    expect(answer.status).toBe(400);
    expect(errorBodySchema.parse(answer.body).error.field).toBe('text');
  });

  it('rejects a body that is not JSON', async () => {
    const answer = await callApi(stack, 'PUT', apiPaths.boardField(ref, 'energizing'), {
      token: reportToken,
      rawBody: '{"text": ',
    });
    expect(answer.status).toBe(400);
  });

  it('rejects an unknown field id and a malformed occurrence in the path', async () => {
    const unknownField = await callApi(stack, 'PUT', apiPaths.board(ref) + '/fields/salary', {
      token: reportToken,
      body: { text: 'x', baseRevision: 0 },
    });
    expect(unknownField.status).toBe(400);
    expect(errorBodySchema.parse(unknownField.body).error.field).toBe('fieldId');
    const badOccurrence = await callApi(stack, 'GET', `pairs/${ref.managerId}/${ref.reportId}/boards/yesterday`, {
      token: reportToken,
    });
    expect(badOccurrence.status).toBe(400);
    expect(errorBodySchema.parse(badOccurrence.body).error.field).toBe('occurrenceId');
  });
});
