import { randomUUID } from 'node:crypto';
import {
  apiPaths,
  blockerApiPaths,
  homeApiPaths,
  boardViewSchema,
  draftApiPaths,
  goToApiPaths,
  errorBodySchema,
  statusApiPaths,
  statusMovePath,
  statusRouteTemplates,
  TEXT_FIELD_MAX_LENGTH,
  trendApiPaths,
  type BoardView,
  type TextFieldId,
} from '@candor/functions/contract';
import { DEMO_USER_IDS, demoMeetings } from '@candor/local/simulator/demoTenant';
import { startLocalStack, type LocalStack } from '@candor/local/stack';
import { callApi, type ApiAnswer } from '../../support/api';
import { attack } from '../../support/hostileLedger';

/*
 * Malformed and oversized input on every write endpoint, sent by the person who may write there (so only the input
 * is wrong): unknown fields, wrong content types, bodies above the limit, broken JSON, text above each documented
 * length, unknown query parameters, and a flood of writes from one person (rate limiting).
 */
jest.setTimeout(120_000);

const T0 = new Date('2026-06-10T09:10:00.000Z');
let stack: LocalStack;
const adeleMeeting = demoMeetings(T0).find((m) => m.reportId === DEMO_USER_IDS.adele)!;
const tokens: Record<'megan' | 'adele' | 'lynne', string> = { megan: '', adele: '', lynne: '' };
let board: BoardView;
const commitmentId = randomUUID();

beforeAll(async () => {
  stack = await startLocalStack({ now: () => T0 });
  for (const who of Object.keys(tokens) as Array<keyof typeof tokens>)
    tokens[who] = await stack.simulator.mintAccessToken(DEMO_USER_IDS[who]);
  board = boardViewSchema.parse(
    (await callApi(stack, 'GET', apiPaths.meetingBoard(adeleMeeting.chatId), { token: tokens.adele })).body,
  );
  const made = await callApi(stack, 'POST', apiPaths.commitments(board.ref), {
    token: tokens.megan,
    body: { id: commitmentId, text: 'Intro to the platform lead' },
  });
  expect(made.status).toBe(201);
}, 60_000);

afterAll(async () => {
  await stack?.stop();
});

interface Write {
  name: string;
  method: 'PUT' | 'POST';
  as: keyof typeof tokens;
  path: () => string;
  /** A body the API would accept from this person. */
  valid: () => Record<string, unknown>;
}

const WRITES: Write[] = [
  {
    name: 'save answer field',
    method: 'PUT',
    as: 'adele',
    path: () => apiPaths.boardField(board.ref, 'energizing'),
    valid: () => ({ text: 'x', baseRevision: 0 }),
  },
  {
    name: 'save rating',
    method: 'PUT',
    as: 'adele',
    path: () => apiPaths.boardRating(board.ref, 'mood'),
    valid: () => ({ value: 3, baseRevision: 0 }),
  },
  {
    name: 'save energy rating',
    method: 'PUT',
    as: 'adele',
    path: () => apiPaths.boardRating(board.ref, 'energy'),
    valid: () => ({ value: 3, baseRevision: 0 }),
  },
  {
    name: 'career goal',
    method: 'PUT',
    as: 'adele',
    path: () => apiPaths.careerGoal(board.ref),
    valid: () => ({ text: 'x', baseRevision: 0 }),
  },
  {
    name: 'create commitment',
    method: 'POST',
    as: 'megan',
    path: () => apiPaths.commitments(board.ref),
    valid: () => ({ id: randomUUID(), text: 'x' }),
  },
  {
    name: 'update commitment',
    method: 'PUT',
    as: 'megan',
    path: () => apiPaths.commitment(board.ref, commitmentId),
    valid: () => ({ status: 'done', baseRevision: 1 }),
  },
  {
    name: 'private note',
    method: 'PUT',
    as: 'adele',
    path: () => apiPaths.privateNote(board.ref),
    valid: () => ({ text: 'x', baseRevision: 0 }),
  },
  {
    name: 'recap',
    method: 'PUT',
    as: 'megan',
    path: () => apiPaths.recap(board.ref),
    valid: () => ({
      lines: [
        { text: 'Blocker and support', tags: ['blocker', 'supportNeed'] },
        { text: 'Learning', tags: ['learning'] },
      ],
    }),
  },
  {
    name: 'shared recap draft line',
    method: 'PUT',
    as: 'megan',
    path: () => apiPaths.recapDraft(board.ref, 'line2'),
    valid: () => ({ text: 'x', tags: ['learning'], baseRevision: 0 }),
  },
  {
    name: 'recap correction',
    method: 'PUT',
    as: 'megan',
    path: () => apiPaths.recapCorrection(board.ref),
    valid: () => ({
      baseVersion: 1,
      lines: [
        { text: 'Blocker and support', tags: ['blocker', 'supportNeed'] },
        { text: 'Learning', tags: ['learning'] },
      ],
    }),
  },
  {
    name: 'skip go-to question',
    method: 'POST',
    as: 'adele',
    path: () => apiPaths.skipGoToQuestion(board.ref),
    valid: () => ({ questionId: 'q1' }),
  },
  {
    name: 'go-to question bank',
    method: 'PUT',
    as: 'megan',
    path: () => apiPaths.myGoToQuestions(),
    valid: () => ({ questions: [], baseRevision: 0 }),
  },
  {
    name: 'add a go-to question to my own bank',
    method: 'POST',
    as: 'megan',
    path: () => apiPaths.myGoToQuestions(),
    valid: () => ({ id: randomUUID(), libraryId: 'energy-spark' }),
  },
  {
    name: 'add a go-to question to the pair',
    method: 'POST',
    as: 'adele',
    path: () => goToApiPaths.pairQuestions(board.ref),
    valid: () => ({ id: randomUUID(), text: 'x' }),
  },
  {
    name: 'share a go-to question',
    method: 'POST',
    as: 'megan',
    path: () => goToApiPaths.exchange(),
    valid: () => ({ id: randomUUID(), text: 'x', showName: false }),
  },
  {
    name: 'adopt a shared go-to question',
    method: 'POST',
    as: 'megan',
    path: () => goToApiPaths.adopt(randomUUID()),
    valid: () => ({ id: randomUUID() }),
  },
  {
    name: 'move to status',
    method: 'POST',
    as: 'adele',
    path: () => statusMovePath(board.ref),
    valid: () => ({ moveId: randomUUID(), section: 'fyi', text: 'x' }),
  },
  {
    name: 'enrolment',
    method: 'PUT',
    as: 'megan',
    path: () => statusApiPaths.enrolment(),
    valid: () => ({ enrolled: true }),
  },
  {
    name: 'pair lead time',
    method: 'PUT',
    as: 'megan',
    path: () => statusApiPaths.enrolmentPair(DEMO_USER_IDS.adele),
    valid: () => ({ leadTimeHours: 2 }),
  },
  {
    name: 'board draft',
    method: 'PUT',
    as: 'megan',
    path: () => draftApiPaths.boardDraft(board.ref, 'commitmentForm'),
    valid: () => ({ value: { id: randomUUID(), text: 'I will ', dueDate: '' }, revision: 1 }),
  },
  {
    name: 'mark a blocker resolved',
    method: 'PUT',
    as: 'megan',
    path: () => blockerApiPaths.blocker(board.ref, board.ref.occurrenceId, 0),
    valid: () => ({ resolved: true, baseRevision: 0 }),
  },
  {
    name: 'trend sharing',
    method: 'PUT',
    as: 'adele',
    path: () => trendApiPaths.sharing(),
    valid: () => ({ shareMood: true, shareLifeLoad: true, shareEnergy: true, shareDrain: true, calendarLoad: true }),
  },
];

async function expectError(
  name: string,
  answer: () => Promise<ApiAnswer>,
  status: number,
  code: string,
  field?: string,
): Promise<void> {
  await attack(name, async () => {
    const got = await answer();
    const error = errorBodySchema.safeParse(got.body).data?.error;
    // An error quoting the caller's input is JSON, and says so in a way no browser second-guesses.
    expect(got.headers.get('content-type')).toMatch(/^application\/json/);
    // (The 2 MiB body never reaches the API: the local host's own refusal stands in for the Functions host's.)
    if (!name.includes('2 MiB')) expect(got.headers.get('x-content-type-options')).toBe('nosniff');
    expect({ status: got.status, code: error?.code, ...(field === undefined ? {} : { field: error?.field }) }).toEqual({
      status,
      code,
      ...(field === undefined ? {} : { field }),
    });
  });
}

const send = (w: Write, options: { body?: unknown; rawBody?: string; contentType?: string }) =>
  callApi(stack, w.method, w.path(), { token: tokens[w.as], ...options });

describe.each(WRITES.map((w) => [w.name, w]))('%s', (_name, w) => {
  it('refuses an unknown field, naming it', async () => {
    await expectError(
      `input ${w.name}: unknown field`,
      () => send(w, { body: { ...w.valid(), isAdmin: true } }),
      400,
      'badRequest',
      'isAdmin',
    );
  });

  it('refuses a body that is not JSON by its content type', async () => {
    await expectError(
      `input ${w.name}: text/plain`,
      () => send(w, { rawBody: JSON.stringify(w.valid()), contentType: 'text/plain' }),
      415,
      'unsupportedMediaType',
    );
    await expectError(
      `input ${w.name}: form-urlencoded`,
      () => send(w, { rawBody: 'text=x&baseRevision=0', contentType: 'application/x-www-form-urlencoded' }),
      415,
      'unsupportedMediaType',
    );
  });

  it('refuses a body above 64 KiB, and broken JSON', async () => {
    await expectError(
      `input ${w.name}: 70 KiB body`,
      () => send(w, { body: { ...w.valid(), padding: 'x'.repeat(70 * 1024) } }),
      413,
      'payloadTooLarge',
    );
    await expectError(
      `input ${w.name}: broken JSON`,
      () => send(w, { rawBody: '{"text": "x", ' }),
      400,
      'badRequest',
      'body',
    );
  });
});

describe('a recap with malformed tags, parts or versions', () => {
  const lines = [
    { text: 'Blocker and support', tags: ['blocker', 'supportNeed'] },
    { text: 'Learning', tags: ['learning'] },
  ];
  it('refuses each one, naming what is wrong', async () => {
    const cases: Array<[string, string, unknown, string]> = [
      [
        'unknown tag on a line of the close',
        apiPaths.recap(board.ref),
        { lines: [{ text: 'x', tags: ['urgent'] }, lines[1]] },
        'lines.0.tags.0',
      ],
      [
        'the no-blocker choice without the lines it goes with',
        apiPaths.recap(board.ref),
        { noBlocker: true },
        'noBlocker',
      ],
      [
        'a tag repeated on a line of the shared draft',
        apiPaths.recapDraft(board.ref, 'line1'),
        { text: 'x', tags: ['blocker', 'blocker'], baseRevision: 0 },
        'tags',
      ],
      [
        'the no-blocker choice as a word',
        apiPaths.recapDraft(board.ref, 'noBlocker'),
        { value: 'yes', baseRevision: 0 },
        'value',
      ],
      [
        'a part of the draft that does not exist',
        `${apiPaths.recap(board.ref)}/draft/line3`,
        { text: 'x', tags: [], baseRevision: 0 },
        'part',
      ],
      ['a correction of version 0', apiPaths.recapCorrection(board.ref), { baseVersion: 0, lines }, 'baseVersion'],
      [
        'a correction of a version as a word',
        apiPaths.recapCorrection(board.ref),
        { baseVersion: 'two', lines },
        'baseVersion',
      ],
    ];
    for (const [name, path, body, field] of cases) {
      await expectError(
        `input recap: ${name}`,
        () => callApi(stack, 'PUT', path, { token: tokens.megan, body }),
        400,
        'badRequest',
        field,
      );
    }
  });
});

describe('a blocker named by something other than its recap line, or marked with something other than yes or no', () => {
  it.each([['2'], ['-1'], ['x'], ['0.5']])('line %s → 400 naming the line', async (line) => {
    const path = `${blockerApiPaths.openBlockers(board.ref)}/${board.ref.occurrenceId}/${line}`;
    await expectError(
      `input blocker: line ${line}`,
      () => callApi(stack, 'PUT', path, { token: tokens.megan, body: { resolved: true, baseRevision: 0 } }),
      400,
      'badRequest',
      'line',
    );
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['resolved as a word', { resolved: 'yes', baseRevision: 0 }, 'resolved'],
    ['no revision', { resolved: true }, 'baseRevision'],
    ['a negative revision', { resolved: true, baseRevision: -1 }, 'baseRevision'],
  ])('%s → 400 naming the field', async (name, body, field) => {
    await expectError(
      `input blocker: ${name}`,
      () =>
        callApi(stack, 'PUT', blockerApiPaths.blocker(board.ref, board.ref.occurrenceId, 0), {
          token: tokens.megan,
          body,
        }),
      400,
      'badRequest',
      field,
    );
  });
});

describe('text above each documented length, in every text field', () => {
  it.each(Object.entries(TEXT_FIELD_MAX_LENGTH) as Array<[TextFieldId, number]>)(
    'board field %s (max %i)',
    async (fieldId, max) => {
      const owner = fieldId.endsWith('Note') || fieldId === 'unseenWork' ? 'megan' : 'adele';
      await expectError(
        `input length: board field ${fieldId}`,
        () =>
          callApi(stack, 'PUT', apiPaths.boardField(board.ref, fieldId), {
            token: tokens[owner],
            body: { text: 'x'.repeat(max + 1), baseRevision: 0 },
          }),
        400,
        'badRequest',
        'text',
      );
    },
  );

  it('career goal, private note, commitment, recap line, go-to question, status move', async () => {
    const long = (n: number) => 'x'.repeat(n + 1);
    const cases: Array<[string, keyof typeof tokens, 'PUT' | 'POST', string, unknown, string]> = [
      ['career goal', 'adele', 'PUT', apiPaths.careerGoal(board.ref), { text: long(500), baseRevision: 0 }, 'text'],
      ['private note', 'adele', 'PUT', apiPaths.privateNote(board.ref), { text: long(4000), baseRevision: 0 }, 'text'],
      ['commitment', 'megan', 'POST', apiPaths.commitments(board.ref), { id: randomUUID(), text: long(300) }, 'text'],
      [
        'recap line',
        'megan',
        'PUT',
        apiPaths.recap(board.ref),
        {
          lines: [
            { text: long(200), tags: ['blocker', 'supportNeed'] },
            { text: 'ok', tags: ['learning'] },
          ],
        },
        'lines.0.text',
      ],
      [
        'go-to question',
        'megan',
        'PUT',
        apiPaths.myGoToQuestions(),
        { questions: [{ id: randomUUID(), text: long(200) }], baseRevision: 0 },
        'questions.0.text',
      ],
      [
        'go-to question of the pair',
        'adele',
        'POST',
        goToApiPaths.pairQuestions(board.ref),
        { id: randomUUID(), text: long(200) },
        'text',
      ],
      [
        'shared go-to question',
        'megan',
        'POST',
        goToApiPaths.exchange(),
        { id: randomUUID(), text: long(200), showName: true },
        'text',
      ],
      [
        'status move',
        'adele',
        'POST',
        statusMovePath(board.ref),
        { moveId: randomUUID(), section: 'fyi', text: long(2000) },
        'text',
      ],
      [
        'recap draft line',
        'megan',
        'PUT',
        draftApiPaths.boardDraft(board.ref, 'recapComposer'),
        {
          value: [
            { text: long(200), tags: [] },
            { text: '', tags: [] },
          ],
          revision: 1,
        },
        'value.0.text',
      ],
      [
        'commitment draft',
        'megan',
        'PUT',
        draftApiPaths.boardDraft(board.ref, 'commitmentForm'),
        { value: { id: randomUUID(), text: long(300), dueDate: '' }, revision: 1 },
        'value.text',
      ],
    ];
    for (const [name, as, method, path, body, field] of cases) {
      await expectError(
        `input length: ${name}`,
        () => callApi(stack, method, path, { token: tokens[as], body }),
        400,
        'badRequest',
        field,
      );
    }
  });
});

describe('nested and prototype-polluting fields', () => {
  it('refuses an unknown field inside a recap line and a go-to question, naming its path', async () => {
    await expectError(
      'input nested: unknown field in a recap line',
      () =>
        callApi(stack, 'PUT', apiPaths.recap(board.ref), {
          token: tokens.megan,
          body: {
            lines: [
              { text: 'a', tags: ['blocker', 'supportNeed'], author: 'x' },
              { text: 'b', tags: ['learning'] },
            ],
          },
        }),
      400,
      'badRequest',
      'lines.0.author',
    );
    await expectError(
      'input nested: unknown field in a go-to question',
      () =>
        callApi(stack, 'PUT', apiPaths.myGoToQuestions(), {
          token: tokens.megan,
          body: { questions: [{ id: randomUUID(), text: 'q', owner: 'x' }], baseRevision: 0 },
        }),
      400,
      'badRequest',
      'questions.0.owner',
    );
  });

  it('refuses __proto__ and constructor keys', async () => {
    await expectError(
      'input prototype: __proto__ key',
      () =>
        callApi(stack, 'PUT', apiPaths.privateNote(board.ref), {
          token: tokens.adele,
          rawBody: '{"text":"x","baseRevision":0,"__proto__":{"isAdmin":true}}',
        }),
      400,
      'badRequest',
      '__proto__',
    );
    await expectError(
      'input prototype: constructor key',
      () =>
        callApi(stack, 'PUT', apiPaths.privateNote(board.ref), {
          token: tokens.adele,
          body: { text: 'x', baseRevision: 0, constructor: { prototype: {} } },
        }),
      400,
      'badRequest',
      'constructor',
    );
  });

  it('refuses wrong types where numbers and ids are expected', async () => {
    await expectError(
      'input types: revision as a string',
      () =>
        callApi(stack, 'PUT', apiPaths.privateNote(board.ref), {
          token: tokens.adele,
          body: { text: 'x', baseRevision: '0' },
        }),
      400,
      'badRequest',
      'baseRevision',
    );
    await expectError(
      'input types: rating 6',
      () =>
        callApi(stack, 'PUT', apiPaths.boardRating(board.ref, 'mood'), {
          token: tokens.adele,
          body: { value: 6, baseRevision: 0 },
        }),
      400,
      'badRequest',
      'value',
    );
    await expectError(
      'input types: body is an array',
      () =>
        callApi(stack, 'PUT', apiPaths.privateNote(board.ref), {
          token: tokens.adele,
          body: [{ text: 'x', baseRevision: 0 }],
        }),
      400,
      'badRequest',
    );
  });
});

describe('bodies above the host limit and unknown route parts', () => {
  it('refuses a 2 MiB body before any handler reads it', async () => {
    await expectError(
      'input: 2 MiB body',
      () =>
        callApi(stack, 'PUT', apiPaths.privateNote(board.ref), {
          token: tokens.adele,
          rawBody: `"${'x'.repeat(2 * 1024 * 1024)}"`,
        }),
      413,
      'payloadTooLarge',
    );
  });

  it('refuses route parameters that are not ids', async () => {
    await expectError(
      'input route: manager id is not a GUID',
      () =>
        callApi(stack, 'GET', `pairs/..%2F..%2Fadmin/${DEMO_USER_IDS.adele}/boards/${board.ref.occurrenceId}`, {
          token: tokens.adele,
        }),
      400,
      'badRequest',
      'managerId',
    );
    await expectError(
      'input route: unknown field id',
      () =>
        callApi(
          stack,
          'PUT',
          `pairs/${board.ref.managerId}/${board.ref.reportId}/boards/${board.ref.occurrenceId}/fields/__proto__`,
          { token: tokens.adele, body: { text: 'x', baseRevision: 0 } },
        ),
      400,
      'badRequest',
      'fieldId',
    );
    await expectError(
      'input route: go-to question id is not one',
      () => callApi(stack, 'DELETE', goToApiPaths.pairQuestion(board.ref, '..%2Fbank'), { token: tokens.adele }),
      400,
      'badRequest',
      'questionId',
    );
  });

  it('refuses opening a board by an occurrence id that is malformed or names no real time', async () => {
    const { managerId, reportId } = board.ref;
    const open = (occurrenceId: string) => () =>
      callApi(stack, 'POST', `pairs/${managerId}/${reportId}/boards/${occurrenceId}/open`, { token: tokens.adele });
    for (const occurrenceId of ['..%2F..%2Fadmin', '20261126T0900Z', `20261126T0900Z-${'f'.repeat(17)}`, '%00']) {
      await expectError(`input route: open ${occurrenceId}`, open(occurrenceId), 400, 'badRequest', 'occurrenceId');
    }
    // Shaped like an id, but the 13th month or the 32nd day: no calendar holds it.
    for (const occurrenceId of ['20261326T0900Z-0123456789abcdef', '20261132T0900Z-0123456789abcdef']) {
      await expectError(`input route: open ${occurrenceId}`, open(occurrenceId), 404, 'notFound');
    }
  });
});

describe('query strings: only the parameters a route reads', () => {
  it('refuses unknown query parameters on reads and writes, naming them', async () => {
    const cases: Array<[string, 'GET' | 'PUT', string, unknown, string]> = [
      [
        'board read with ?userId=',
        'GET',
        `${apiPaths.board(board.ref)}?userId=${DEMO_USER_IDS.megan}`,
        undefined,
        'userId',
      ],
      [
        'private note read with ?author=',
        'GET',
        `${apiPaths.privateNote(board.ref)}?author=${DEMO_USER_IDS.megan}`,
        undefined,
        'author',
      ],
      [
        'team trends with ?managerId=',
        'GET',
        `${trendApiPaths.team(3)}&managerId=${DEMO_USER_IDS.megan}`,
        undefined,
        'managerId',
      ],
      ['Home with ?userId=', 'GET', `${homeApiPaths.home()}?userId=${DEMO_USER_IDS.megan}`, undefined, 'userId'],
      [
        'private note write with ?debug=1',
        'PUT',
        `${apiPaths.privateNote(board.ref)}?debug=1`,
        { text: 'x', baseRevision: 0 },
        'debug',
      ],
    ];
    for (const [name, method, path, body, field] of cases) {
      await expectError(
        `query: ${name}`,
        () =>
          callApi(stack, method, path, {
            token: method === 'GET' && name.startsWith('team') ? tokens.megan : tokens.adele,
            ...(body === undefined ? {} : { body }),
          }),
        400,
        'badRequest',
        field,
      );
    }
    await expectError(
      'query: months out of range',
      () => callApi(stack, 'GET', trendApiPaths.me(25), { token: tokens.adele }),
      400,
      'badRequest',
      'months',
    );
  });
});

describe("the manager's self-serve settings: values out of range or of the wrong kind", () => {
  it.each([
    ['prep minutes below 5', { enrolled: true, prep: { enabled: true, minutesBefore: 1 } }, 'prep.minutesBefore'],
    [
      'prep minutes above a day',
      { enrolled: true, prep: { enabled: true, minutesBefore: 1441 } },
      'prep.minutesBefore',
    ],
    ['prep minutes not whole', { enrolled: true, prep: { enabled: true, minutesBefore: 30.5 } }, 'prep.minutesBefore'],
    ['prep minutes as text', { enrolled: true, prep: { enabled: true, minutesBefore: '30' } }, 'prep.minutesBefore'],
    ['prep without enabled', { enrolled: true, prep: { minutesBefore: 30 } }, 'prep.enabled'],
    ['an unknown prep field', { enrolled: true, prep: { enabled: true, channel: 'sms' } }, 'prep.channel'],
    ['attach as text', { enrolled: true, attachToOneOnOnes: 'yes' }, 'attachToOneOnOnes'],
  ])('%s → 400 naming the field', async (name, body, field) => {
    await expectError(
      `input enrolment: ${name}`,
      () => callApi(stack, 'PUT', statusApiPaths.enrolment(), { token: tokens.megan, body }),
      400,
      'badRequest',
      field,
    );
  });

  it('the status email preview takes one well-formed reportId and nothing else', async () => {
    const cases: Array<[string, string, string]> = [
      ['no reportId', statusRouteTemplates.statusEmailPreview, 'reportId'],
      ['a reportId that is no object id', statusApiPaths.statusEmailPreview('adele'), 'reportId'],
      [
        'an extra ?managerId=',
        `${statusApiPaths.statusEmailPreview(DEMO_USER_IDS.adele)}&managerId=${DEMO_USER_IDS.patti}`,
        'managerId',
      ],
    ];
    for (const [name, path, field] of cases) {
      await expectError(
        `query: status email preview with ${name}`,
        () => callApi(stack, 'GET', path, { token: tokens.megan }),
        400,
        'badRequest',
        field,
      );
    }
  });
});

describe('rate limiting of writes per person', () => {
  it('answers 429 with Retry-After once one person floods writes, while reads and other people carry on', async () => {
    await attack('rate limit: 300 writes at once from one person', async () => {
      // Malformed on purpose: the limit is checked before the body is read, and nothing is stored either way.
      const flood = await Promise.all(
        Array.from({ length: 300 }, () =>
          callApi(stack, 'PUT', apiPaths.myGoToQuestions(), { token: tokens.lynne, body: { flood: true } }),
        ),
      );
      const limited = flood.filter((a) => a.status === 429);
      expect(limited.length).toBeGreaterThan(0);
      expect(flood.every((a) => a.status === 400 || a.status === 429)).toBe(true);
      // The burst (120 by default) went through before the limit bit.
      expect(flood.filter((a) => a.status === 400).length).toBeGreaterThanOrEqual(120);
      for (const a of limited) {
        expect(errorBodySchema.parse(a.body).error.code).toBe('rateLimited');
        expect(Number(a.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      }
    });
    // Reads are not limited, and another person's writes are untouched by Lynne's bucket.
    expect((await callApi(stack, 'GET', apiPaths.myGoToQuestions(), { token: tokens.lynne })).status).toBe(200);
    expect(
      (
        await callApi(stack, 'PUT', apiPaths.privateNote(board.ref), {
          token: tokens.adele,
          body: { text: 'still fine', baseRevision: 0 },
        })
      ).status,
    ).not.toBe(429);
  });
});
