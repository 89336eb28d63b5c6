import { randomUUID } from 'node:crypto';
import {
  apiPaths,
  boardViewSchema,
  privacyApiPaths,
  statusApiPaths,
  trendApiPaths,
  type BoardRef,
  type RecapLine,
} from '@candor/functions/contract';
import { DEMO_USER_IDS, demoMeetings } from '@candor/local/simulator/demoTenant';
import { startLocalStack, type LocalStack } from '@candor/local/stack';
import { callApi } from '../../support/api';

/*
 * "No token, answer text or email body is ever written to logs", checked on a whole flow through the local stack:
 * every line the functions host writes (its request lines and every InvocationContext log of every handler and
 * timer) and everything written to the console or to stdout/stderr of this process while the flow runs is captured,
 * then searched for every secret the flow used: bearer tokens (whole and their signature), the status link token,
 * answers, notes, the status update, the recap and each text of every email the simulator received.
 */
jest.setTimeout(120_000);

let stack: LocalStack;
const captured: string[] = [];
const restore: Array<() => void> = [];
const secrets = new Map<string, string>();
const remember = (label: string, value: string): string => (secrets.set(label, value), value);

const adeleChat = demoMeetings(new Date()).find((m) => m.reportId === DEMO_USER_IDS.adele)!.chatId;
const diegoMeeting = demoMeetings(new Date()).find((m) => m.reportId === DEMO_USER_IDS.diego)!;
const TEXT = {
  answer: remember('answer', `Energized by the quiet week ${randomUUID()}`),
  drain: remember('second answer', `Drained by <script>alert(1)</script> on-call ${randomUUID()}`),
  managerNote: remember('manager note', `Let us find a mentor ${randomUUID()}`),
  privateNote: remember('private note', `Adele mentioned burnout ${randomUUID()}`),
  status: remember('status update', `Shipped the payroll fix ${randomUUID()}`),
  rejected: remember('rejected body text', `Never logged even when refused ${randomUUID()}`),
  goal: remember('career goal', `Become staff engineer ${randomUUID()}`),
};
const LINES: [RecapLine, RecapLine] = [
  { text: remember('recap line 1', `Blocked by vendor ${randomUUID().slice(0, 8)}`), tags: ['blocker', 'supportNeed'] },
  { text: remember('recap line 2', `Learned to ask early ${randomUUID().slice(0, 8)}`), tags: ['learning'] },
];

function capture(): void {
  for (const method of ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const) {
    const spy = jest
      .spyOn(console, method)
      .mockImplementation((...args: unknown[]) => void captured.push(args.map(String).join(' ')));
    restore.push(() => spy.mockRestore());
  }
  for (const stream of [process.stdout, process.stderr]) {
    const original = stream.write.bind(stream);
    stream.write = (chunk: string | Uint8Array, ...rest: never[]) => {
      captured.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
      return original(chunk, ...rest);
    };
    restore.push(() => void (stream.write = original));
  }
}

const call = (method: string, path: string, token: string, body?: unknown) =>
  callApi(stack, method, path, { token, ...(body === undefined ? {} : { body }) });

async function ok(answer: Promise<{ status: number }>, what: string): Promise<void> {
  expect({ what, status: (await answer).status }).toEqual({ what, status: 200 });
}

/** Visible text of an HTML email: each run of text between tags, entities decoded. */
function textsOf(html: string): string[] {
  return html
    .replace(/<(style|script)[^>]*>[\s\S]*?<\/\1>/gi, ' ')
    .split(/<[^>]+>/)
    .map((t) =>
      t
        .replace(/&amp;/g, '&')
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&quot;/g, '"')
        .replace(/&#39;/g, "'")
        .replace(/\s+/g, ' ')
        .trim(),
    )
    .filter((t) => t.length >= 16);
}

beforeAll(async () => {
  capture();
  stack = await startLocalStack({ log: (line) => captured.push(line) });
  const megan = remember('manager token', await stack.simulator.mintAccessToken(DEMO_USER_IDS.megan));
  const adele = remember('report token', await stack.simulator.mintAccessToken(DEMO_USER_IDS.adele));
  const diego = remember('second report token', await stack.simulator.mintAccessToken(DEMO_USER_IDS.diego));
  for (const [label, token] of [
    ['manager', megan],
    ['report', adele],
    ['second report', diego],
  ] as const)
    remember(`${label} token signature`, token.split('.')[2]!);

  // The pre-meeting scan emails Diego his link; the link token is the status form's only credential.
  await stack.functions.runTimer('preMeetingScan');
  const request = stack.simulator
    .outbox()
    .find(
      (m) =>
        m.message.toRecipients?.[0]?.emailAddress?.address?.startsWith('diego@') &&
        m.message.body?.content?.includes(diegoMeeting.subject),
    );
  const link = remember(
    'status link token',
    /surface=status&amp;token=([A-Za-z0-9._-]+)/.exec(request?.message.body?.content ?? '')?.[1] ?? '',
  );
  expect(link).not.toBe('');
  await ok(callApi(stack, 'GET', statusApiPaths.statusForm(), { token: link }), 'status form');
  await ok(
    callApi(stack, 'PUT', statusApiPaths.statusForm(), {
      token: link,
      body: { baseRevision: 0, finished: TEXT.status },
    }),
    'status form save',
  );

  const opened = await call('GET', apiPaths.meetingBoard(adeleChat), adele);
  expect(opened.status).toBe(200);
  const board = boardViewSchema.parse(opened.body);
  const ref: BoardRef = board.ref;
  await ok(
    call('PUT', apiPaths.boardField(ref, 'energizing'), adele, { text: TEXT.answer, baseRevision: 0 }),
    'answer',
  );
  await ok(
    call('PUT', apiPaths.boardField(ref, 'draining'), adele, { text: TEXT.drain, baseRevision: 0 }),
    'second answer',
  );
  await ok(call('PUT', apiPaths.boardRating(ref, 'mood'), adele, { value: 3, baseRevision: 0 }), 'mood');
  await ok(
    call('PUT', apiPaths.careerGoal(ref), adele, { text: TEXT.goal, baseRevision: board.careerGoal.revision }),
    'career goal',
  );
  await ok(
    call('PUT', apiPaths.boardField(ref, 'energizingNote'), megan, { text: TEXT.managerNote, baseRevision: 0 }),
    'manager note',
  );
  await ok(call('PUT', apiPaths.privateNote(ref), adele, { text: TEXT.privateNote, baseRevision: 0 }), 'private note');
  await ok(call('PUT', apiPaths.recap(ref), megan, { lines: LINES }), 'recap');
  await ok(call('GET', trendApiPaths.team(), megan), 'team trends');
  await ok(call('GET', trendApiPaths.me(), adele), 'own trend');
  await ok(call('GET', privacyApiPaths.export(), adele), 'export');

  // Refused requests log their reason, never what they carried.
  expect(
    (await call('PUT', apiPaths.boardField(ref, 'energizing'), megan, { text: TEXT.rejected, baseRevision: 0 })).status,
  ).toBe(403);
  expect(
    (
      await call('PUT', apiPaths.privateNote(ref), adele, {
        text: TEXT.rejected,
        baseRevision: 0,
        extra: TEXT.rejected,
      })
    ).status,
  ).toBe(400);
  const tampered = remember('tampered token', `${adele.slice(0, -6)}AAAAAA`);
  expect((await call('GET', apiPaths.board(ref), tampered)).status).toBe(401);
  expect(
    (await callApi(stack, 'PUT', statusApiPaths.statusForm(), { token: `${link}x`, body: { finished: TEXT.rejected } }))
      .status,
  ).toBe(401);

  // Every timer, including the retention sweep, after the flow.
  for (const timer of ['preMeetingScan', 'trendsDaily', 'monthlyDigest', 'retention'])
    await stack.functions.runTimer(timer);
  await ok(call('DELETE', privacyApiPaths.answers(), adele), 'delete answers');

  // What the simulator delivered (the recap to both people, the status request): each text of each body.
  const recapMails = stack.simulator.outbox().filter((m) => m.message.body?.content?.includes(LINES[0].text));
  expect(recapMails.length).toBeGreaterThanOrEqual(1);
  for (const mail of [request!, ...recapMails]) {
    textsOf(mail.message.body?.content ?? '').forEach((text, i) =>
      remember(`email text ${i} (${mail.message.subject ?? ''})`, text),
    );
  }
}, 120_000);

afterAll(async () => {
  for (const undo of restore.reverse()) undo();
  await stack?.stop();
});

describe('the logs of a whole flow', () => {
  it('were captured', () => {
    expect(captured.length).toBeGreaterThan(20);
    // The host logged the routes and the timers ran: the capture saw the flow, not an empty stream.
    const all = captured.join('\n');
    for (const name of [
      'saveBoardField',
      'saveRecap',
      'saveStatusForm',
      'exportMyData',
      'deleteMyAnswers',
      'TIMER retention',
    ])
      expect(all).toContain(name);
  });

  it('hold no token, answer, note, status update, recap or email text', () => {
    expect(secrets.size).toBeGreaterThan(15);
    const leaks = [...secrets].flatMap(([label, secret]) =>
      captured.filter((line) => line.includes(secret)).map((line) => ({ label, line: line.slice(0, 200) })),
    );
    expect(leaks).toEqual([]);
  });
});
