import { HttpRequest, InvocationContext, type HttpResponseInit } from '@azure/functions';
import type { TokenValidator } from '@candor/functions/auth/tokenValidator';
import {
  boardViewSchema,
  errorBodySchema,
  fieldConflictSchema,
  routeTemplates,
  statusRouteTemplates,
  saveFieldResponseSchema,
  type BoardView,
} from '@candor/functions/contract';
import type { CalendarEvent } from '@candor/functions/domain/calendar';
import { occurrenceIdFor } from '@candor/functions/domain/occurrences';
import type { DirectoryPerson } from '@candor/functions/domain/oneOnOnes';
import type { CalendarGateway } from '@candor/functions/graph/calendarGateway';
import type { OrgChartGateway } from '@candor/functions/graph/orgChartGateway';
import { buildRoutes, buildTimers } from '@candor/functions/routes';
import type { Services } from '@candor/functions/composition';
import type { BoardStore } from '@candor/functions/store/boardStore';
import { BOARDS_TABLE, createTableBoardStore } from '@candor/functions/store/boardStore';
import { createTableClientFactory, type TableClientFactory } from '@candor/functions/store/tables';
import { startAzurite, type AzuriteHandle } from '@candor/local/azurite';
import { digestAndTrendJobServicesFor, statusRequestServicesFor } from '../../support/statusRequestStubs';
import { botStoresFor } from '../../support/botStubs';
import { promptBoardStores } from '@candor/functions/composition/boards';
import { trendStores } from '@candor/functions/composition/trends';
import { privacyStores } from '@candor/functions/composition/privacy';
import { MAX_SAVE_ATTEMPTS } from '@candor/functions/http/handlers/saveBoardField';

/*
 * The route table end to end against a real Azurite, with stand-ins for Graph and token validation so each case
 * can shape the calendar and the org chart. Every test writes under a tenant of its own, so tests share one
 * Azurite without seeing each other's boards.
 */

jest.setTimeout(30_000);
let azurite: AzuriteHandle;
let tables: TableClientFactory;
let tableBoards: BoardStore;
let testNumber = 0;
let TENANT = 'contoso-tenant';

beforeAll(async () => {
  azurite = await startAzurite();
  tables = createTableClientFactory({ kind: 'connectionString', connectionString: azurite.connectionString });
  tableBoards = createTableBoardStore(tables);
});

afterAll(async () => {
  await azurite?.stop();
});

async function boardRowsOfThisTenant(): Promise<number> {
  const client = await tables(BOARDS_TABLE);
  let rows = 0;
  for await (const entity of client.listEntities()) if (entity.partitionKey?.startsWith(`${TENANT}|`)) rows += 1;
  return rows;
}
const MEGAN: DirectoryPerson = {
  id: '11111111-1111-1111-1111-111111111111',
  displayName: 'Megan Bowen',
  addresses: ['megan@contoso.test'],
};
const ADELE: DirectoryPerson = {
  id: '22222222-2222-2222-2222-222222222222',
  displayName: 'Adele Vance',
  addresses: ['adele@contoso.test'],
};
const LEE: DirectoryPerson = {
  id: '33333333-3333-3333-3333-333333333333',
  displayName: 'Lee Gu',
  addresses: ['lee@contoso.test'],
};
const NOW = new Date('2026-11-26T09:10:00.000Z');
const CHAT = '19:meeting_ONEONONE@thread.v2';
const GROUP_CHAT = '19:meeting_GROUP@thread.v2';
const joinUrl = (chat: string): string =>
  `https://teams.microsoft.com/l/meetup-join/${encodeURIComponent(chat)}/0?context=%7b%7d`;

let managers: Map<string, DirectoryPerson>;
let calendars: Map<string, CalendarEvent[]>;
let boards: BoardStore;
let graphDown: boolean;
let calls: { get: number; replace: number };

function occurrence(owner: DirectoryPerson, day: string, overrides: Partial<CalendarEvent> = {}): CalendarEvent {
  const start = `2026-11-${day}T09:00:00.000Z`;
  return {
    // Each mailbox has its own event ids for the same meeting.
    eventId: `${owner.displayName}-${day}`,
    subject: 'Megan / Adele 1:1',
    startUtc: start,
    endUtc: `2026-11-${day}T09:30:00.000Z`,
    originalStartUtc: start,
    isAllDay: false,
    isCancelled: false,
    organizerAddress: 'megan@contoso.test',
    attendees: [{ address: 'adele@contoso.test', kind: 'required', response: 'accepted' }],
    roomAddresses: [],
    joinUrl: joinUrl(CHAT),
    ownerResponse: owner === MEGAN ? 'organizer' : 'accepted',
    ...overrides,
  };
}

const fakeTokens: TokenValidator = {
  validate(header) {
    const userId = /^Bearer as:(.+)$/.exec(header ?? '')?.[1];
    const person = [MEGAN, ADELE, LEE].find((p) => p.id === userId);
    if (!userId) return Promise.resolve({ ok: false, reason: 'missing' });
    return Promise.resolve({
      ok: true,
      caller: { userId, tenantId: TENANT, displayName: person?.displayName ?? 'Stranger' },
    });
  },
};

const fakeCalendar: CalendarGateway = {
  eventsBetween(userId, start, end) {
    if (graphDown) return Promise.reject(Object.assign(new Error('Graph is down'), { statusCode: 503 }));
    return Promise.resolve(
      (calendars.get(userId) ?? []).filter(
        (e) => Date.parse(e.endUtc) > start.getTime() && Date.parse(e.startUtc) < end.getTime(),
      ),
    );
  },
};

const fakeOrgChart: OrgChartGateway = {
  person(userId) {
    return Promise.resolve([MEGAN, ADELE, LEE].find((p) => p.id === userId) ?? null);
  },
  managerOf(userId) {
    return Promise.resolve(managers.get(userId) ?? null);
  },
  directReportsOf(userId) {
    return Promise.resolve(
      [...managers.entries()]
        .filter(([, m]) => m.id === userId)
        .map(([id]) => [MEGAN, ADELE, LEE].find((p) => p.id === id) as DirectoryPerson),
    );
  },
};

function services(): Services {
  const store = boards;
  return {
    ...statusRequestServicesFor(tables, TENANT),
    ...digestAndTrendJobServicesFor(tables),
    ...promptBoardStores(tables),
    ...trendStores(tables, () => NOW),
    ...privacyStores(tables),
    ...botStoresFor(tables),
    clock: () => NOW,
    tokens: fakeTokens,
    calendar: fakeCalendar,
    orgChart: fakeOrgChart,
    boards: {
      get: (key) => (calls.get++, store.get(key)),
      create: (key, board) => store.create(key, board),
      replace: (key, board, expected) => (calls.replace++, store.replace(key, board, expected)),
    },
  };
}

beforeEach(() => {
  managers = new Map([
    [ADELE.id, MEGAN],
    [LEE.id, MEGAN],
  ]);
  calendars = new Map([
    [ADELE.id, [occurrence(ADELE, '25'), occurrence(ADELE, '26'), occurrence(ADELE, '27')]],
    [MEGAN.id, [occurrence(MEGAN, '25'), occurrence(MEGAN, '26'), occurrence(MEGAN, '27')]],
  ]);
  testNumber += 1;
  TENANT = `contoso-tenant-${testNumber}`;
  boards = tableBoards;
  graphDown = false;
  calls = { get: 0, replace: 0 };
});

interface Call {
  as?: DirectoryPerson | string;
  params: Record<string, string>;
  body?: unknown;
  contentType?: string;
}

async function call(
  name: string,
  { as, params, body, contentType = 'application/json' }: Call,
): Promise<HttpResponseInit & { status: number }> {
  const route = buildRoutes(services()).find((r) => r.name === name);
  if (!route) throw new Error(`no route ${name}`);
  const userId = typeof as === 'string' ? as : as?.id;
  const request = new HttpRequest({
    method: route.methods[0] ?? 'GET',
    url: `http://localhost/api/${route.route}`,
    headers: {
      ...(userId ? { authorization: `Bearer as:${userId}` } : {}),
      ...(body === undefined ? {} : { 'content-type': contentType }),
    },
    params,
    ...(body === undefined ? {} : { body: { string: typeof body === 'string' ? body : JSON.stringify(body) } }),
  });
  const response = await route.handler(
    request,
    new InvocationContext({ functionName: name, logHandler: () => undefined }),
  );
  return { ...response, status: response.status ?? 200 };
}

async function openMeeting(as: DirectoryPerson, chatId = CHAT): Promise<BoardView> {
  const response = await call('getMeetingBoard', { as, params: { chatId } });
  expect(response.status).toBe(200);
  return boardViewSchema.parse(response.jsonBody);
}

function errorOf(response: HttpResponseInit): { code: string; message: string; field?: string | undefined } {
  return errorBodySchema.parse(response.jsonBody).error;
}

const boardParams = (view: BoardView): Record<string, string> => ({ ...view.ref });
const save = (as: DirectoryPerson, view: BoardView, fieldId: string, body: unknown) =>
  call('saveBoardField', { as, params: { ...boardParams(view), fieldId }, body });

describe('route table', () => {
  it('registers the contract routes, each with one method', () => {
    const table = buildRoutes(services()).map(({ name, methods, route }) => ({ name, methods, route }));
    expect(table.slice(0, 3)).toEqual([
      { name: 'getMeetingBoard', methods: ['GET'], route: routeTemplates.meetingBoard },
      { name: 'getBoard', methods: ['GET'], route: routeTemplates.board },
      { name: 'saveBoardField', methods: ['PUT'], route: routeTemplates.boardField },
    ]);
    expect(table).toEqual(
      expect.arrayContaining([
        { name: 'getStatusUpdate', methods: ['GET'], route: statusRouteTemplates.statusUpdate },
        { name: 'getEnrolment', methods: ['GET'], route: statusRouteTemplates.enrolment },
        { name: 'saveEnrolment', methods: ['PUT'], route: statusRouteTemplates.enrolment },
        { name: 'savePairLeadTime', methods: ['PUT'], route: statusRouteTemplates.enrolmentPair },
        { name: 'getStatusForm', methods: ['GET'], route: statusRouteTemplates.statusForm },
        { name: 'saveStatusForm', methods: ['PUT'], route: statusRouteTemplates.statusForm },
      ]),
    );
    expect(table).toEqual(
      expect.arrayContaining([
        { name: 'saveBoardRating', methods: ['PUT'], route: routeTemplates.boardRating },
        { name: 'saveCareerGoal', methods: ['PUT'], route: routeTemplates.careerGoal },
        { name: 'createCommitment', methods: ['POST'], route: routeTemplates.commitments },
        { name: 'updateCommitment', methods: ['PUT'], route: routeTemplates.commitment },
        { name: 'getPrivateNote', methods: ['GET'], route: routeTemplates.privateNote },
        { name: 'savePrivateNote', methods: ['PUT'], route: routeTemplates.privateNote },
        { name: 'saveRecap', methods: ['PUT'], route: routeTemplates.recap },
        { name: 'skipGoToQuestion', methods: ['POST'], route: routeTemplates.skipGoToQuestion },
        { name: 'getGoToQuestions', methods: ['GET'], route: routeTemplates.myGoToQuestions },
        { name: 'saveGoToQuestions', methods: ['PUT'], route: routeTemplates.myGoToQuestions },
      ]),
    );
    expect(buildTimers(services()).map(({ name, schedule }) => ({ name, schedule }))).toEqual([
      { name: 'preMeetingScan', schedule: '0 */15 * * * *' },
      { name: 'monthlyDigest', schedule: '0 0 7-23 1-7 * *' },
      { name: 'trendsDaily', schedule: '0 30 5 * * *' },
      { name: 'retention', schedule: '0 45 4 * * *' },
    ]);
  });

  it('answers 401 with WWW-Authenticate without a valid token, on every route', async () => {
    for (const name of ['getMeetingBoard', 'getBoard', 'saveBoardField']) {
      const response = await call(name, { params: {} });
      expect(response.status).toBe(401);
      expect(response.headers).toMatchObject({ 'WWW-Authenticate': 'Bearer' });
      expect(errorOf(response).code).toBe('unauthorized');
    }
  });
});

describe('GET meetings/{chatId}/board', () => {
  it('creates the board of the occurrence in progress and shows it to the report', async () => {
    const view = await openMeeting(ADELE);
    expect(view.ref).toEqual({
      managerId: MEGAN.id,
      reportId: ADELE.id,
      occurrenceId: occurrenceIdFor('2026-11-26T09:00:00.000Z', CHAT),
    });
    expect(view.viewer).toEqual({ userId: ADELE.id, role: 'report' });
    expect(view.participants).toEqual({
      manager: { id: MEGAN.id, displayName: 'Megan Bowen' },
      report: { id: ADELE.id, displayName: 'Adele Vance' },
    });
    expect(view.meeting).toEqual({
      subject: 'Megan / Adele 1:1',
      start: '2026-11-26T09:00:00.000Z',
      end: '2026-11-26T09:30:00.000Z',
    });
    expect(view.fields.energizing).toEqual({ text: '', revision: 0, updatedBy: null, updatedAt: null });
  });

  it('opens the same board for the manager, from her own calendar copy', async () => {
    const forAdele = await openMeeting(ADELE);
    const forMegan = await openMeeting(MEGAN);
    expect(forMegan.ref).toEqual(forAdele.ref);
    expect(forMegan.viewer.role).toBe('manager');
  });

  it('picks the next occurrence once its lead time began, skipping a cancelled one', async () => {
    const at = (start: string, end: string) => ({ startUtc: start, endUtc: end, originalStartUtc: start });
    calendars.set(ADELE.id, [
      occurrence(ADELE, '25'),
      occurrence(ADELE, '26', at('2026-11-26T07:00:00.000Z', '2026-11-26T07:30:00.000Z')),
      occurrence(ADELE, '26', { ...at('2026-11-26T12:00:00.000Z', '2026-11-26T12:30:00.000Z'), isCancelled: true }),
      // Less than the default lead time (24 hours) ahead: the recap of the 1:1 that ended no longer comes first.
      occurrence(ADELE, '27', at('2026-11-27T08:00:00.000Z', '2026-11-27T08:30:00.000Z')),
    ]);
    const view = await openMeeting(ADELE);
    expect(view.ref.occurrenceId).toBe(occurrenceIdFor('2026-11-27T08:00:00.000Z', CHAT));
    // Last time can still offer the recap of the 1:1 that ended without one.
    expect(view.recapMissingOn).toEqual({
      occurrenceId: occurrenceIdFor('2026-11-26T07:00:00.000Z', CHAT),
      meetingStart: '2026-11-26T07:00:00.000Z',
    });
  });

  it('shows the 1:1 that ended without a recap until the next one’s lead time begins', async () => {
    calendars.set(ADELE.id, [
      occurrence(ADELE, '26', { startUtc: '2026-11-26T07:00:00.000Z', endUtc: '2026-11-26T07:30:00.000Z' }),
      occurrence(ADELE, '28'),
    ]);
    const view = await openMeeting(ADELE);
    expect(view.ref.occurrenceId).toBe(occurrenceIdFor('2026-11-26T09:00:00.000Z', CHAT));
    expect(view.meeting?.end).toBe('2026-11-26T07:30:00.000Z');
    expect(view.recap).toBeNull();
    expect(view.recapMissingOn).toBeNull();
  });

  it('keys a moved occurrence by its original start', async () => {
    calendars.set(ADELE.id, [
      occurrence(ADELE, '26', {
        startUtc: '2026-11-26T09:05:00.000Z',
        endUtc: '2026-11-26T09:35:00.000Z',
        originalStartUtc: '2026-11-26T08:00:00.000Z',
      }),
    ]);
    const view = await openMeeting(ADELE);
    expect(view.ref.occurrenceId.startsWith('20261126T0800Z-')).toBe(true);
    expect(view.meeting?.start).toBe('2026-11-26T09:05:00.000Z');
  });

  it('answers 404 when the chat is not in the caller’s calendar', async () => {
    const response = await call('getMeetingBoard', { as: LEE, params: { chatId: CHAT } });
    expect(response.status).toBe(404);
    expect(errorOf(response).message).toMatch(/not in your calendar/);
  });

  it('answers 404 explaining why a meeting is not a 1:1', async () => {
    calendars.set(ADELE.id, [
      occurrence(ADELE, '26', {
        joinUrl: joinUrl(GROUP_CHAT),
        attendees: [
          { address: 'adele@contoso.test', kind: 'required', response: 'accepted' },
          { address: 'lee@contoso.test', kind: 'required', response: 'accepted' },
        ],
      }),
    ]);
    const response = await call('getMeetingBoard', { as: ADELE, params: { chatId: GROUP_CHAT } });
    expect(response.status).toBe(404);
    expect(errorOf(response).message).toMatch(/exactly two people/);
    expect(await boardRowsOfThisTenant()).toBe(0);
  });

  it('answers 400 naming chatId for something that is not a chat id', async () => {
    const response = await call('getMeetingBoard', { as: ADELE, params: { chatId: 'meeting-1' } });
    expect(response.status).toBe(400);
    expect(errorOf(response).field).toBe('chatId');
  });

  it('answers 502 when Graph fails', async () => {
    graphDown = true;
    const response = await call('getMeetingBoard', { as: ADELE, params: { chatId: CHAT } });
    expect(response.status).toBe(502);
    expect(errorOf(response).code).toBe('upstreamFailure');
  });
});

describe('GET pairs/{managerId}/{reportId}/boards/{occurrenceId}', () => {
  it('shows an existing board to either person', async () => {
    const opened = await openMeeting(ADELE);
    for (const as of [ADELE, MEGAN]) {
      const response = await call('getBoard', { as, params: boardParams(opened) });
      expect(response.status).toBe(200);
      expect(boardViewSchema.parse(response.jsonBody).ref).toEqual(opened.ref);
    }
  });

  it('accepts ids in upper case', async () => {
    const opened = await openMeeting(ADELE);
    const params = { ...boardParams(opened), managerId: MEGAN.id.toUpperCase() };
    expect((await call('getBoard', { as: ADELE, params })).status).toBe(200);
  });

  it('answers 403 to someone outside the pair', async () => {
    const opened = await openMeeting(ADELE);
    const response = await call('getBoard', { as: LEE, params: boardParams(opened) });
    expect(response.status).toBe(403);
  });

  it('answers 403 when the directory no longer has this reporting line', async () => {
    const opened = await openMeeting(ADELE);
    managers.set(ADELE.id, LEE);
    const response = await call('getBoard', { as: ADELE, params: boardParams(opened) });
    expect(response.status).toBe(403);
    expect(errorOf(response).message).toMatch(/directory/);
  });

  it('answers 403 for a made-up pair naming the caller', async () => {
    const params = { managerId: LEE.id, reportId: ADELE.id, occurrenceId: '20261126T0900Z-0123456789abcdef' };
    expect((await call('getBoard', { as: ADELE, params })).status).toBe(403);
  });

  it('answers 404 for a board that was never opened', async () => {
    const params = { managerId: MEGAN.id, reportId: ADELE.id, occurrenceId: '20261126T0900Z-0123456789abcdef' };
    expect((await call('getBoard', { as: ADELE, params })).status).toBe(404);
  });
});

describe('PUT …/fields/{fieldId}', () => {
  it('saves the report’s answer with one board read and one write', async () => {
    const view = await openMeeting(ADELE);
    calls = { get: 0, replace: 0 };
    const response = await save(ADELE, view, 'energizing', { text: 'Shipping the tab', baseRevision: 0 });
    expect(response.status).toBe(200);
    expect(saveFieldResponseSchema.parse(response.jsonBody).field).toEqual({
      text: 'Shipping the tab',
      revision: 1,
      updatedBy: ADELE.id,
      updatedAt: NOW.toISOString(),
    });
    expect(calls).toEqual({ get: 1, replace: 1 });
    const again = await call('getBoard', { as: MEGAN, params: boardParams(view) });
    expect(boardViewSchema.parse(again.jsonBody).fields.energizing.text).toBe('Shipping the tab');
  });

  it('saves a rating, and a text the status guard nudges, each with one board read and one write', async () => {
    const view = await openMeeting(ADELE);
    calls = { get: 0, replace: 0 };
    const rated = await call('saveBoardRating', {
      as: ADELE,
      params: { ...boardParams(view), ratingId: 'mood' },
      body: { value: 'preferNot', baseRevision: 0 },
    });
    expect(rated.status).toBe(200);
    expect(calls).toEqual({ get: 1, replace: 1 });

    calls = { get: 0, replace: 0 };
    const nudged = await save(ADELE, view, 'draining', { text: 'JIRA-1 done, JIRA-2 in progress', baseRevision: 0 });
    expect(saveFieldResponseSchema.parse(nudged.jsonBody).statusNudge).toBe(true);
    expect(calls).toEqual({ get: 1, replace: 1 });
  });

  it('answers a save with whether the status guard read the text, clearing the nudge when the text changes', async () => {
    const view = await openMeeting(ADELE);
    const status = await save(ADELE, view, 'draining', {
      text: 'Finished the audit report, sent it to finance',
      baseRevision: 0,
    });
    expect(saveFieldResponseSchema.parse(status.jsonBody)).toMatchObject({
      statusNudge: true,
      statusGuard: { state: 'on' },
    });
    const german = await save(ADELE, view, 'draining', {
      text: 'Ich bin diese Woche sehr müde und brauche ein paar ruhige Tage.',
      baseRevision: 1,
    });
    expect(saveFieldResponseSchema.parse(german.jsonBody)).toMatchObject({
      statusNudge: false,
      statusGuard: { state: 'off', reason: 'unsupportedLanguage' },
    });
  });

  it('lets the manager write her notes but not the report’s answers', async () => {
    const view = await openMeeting(MEGAN);
    expect((await save(MEGAN, view, 'supportNote', { text: 'Pairing with Lee', baseRevision: 0 })).status).toBe(200);
    const response = await save(MEGAN, view, 'energizing', { text: 'typed for her', baseRevision: 0 });
    expect(response.status).toBe(403);
    expect(errorOf(response).message).toMatch(/report/);
    expect((await save(ADELE, view, 'supportNote', { text: 'x', baseRevision: 1 })).status).toBe(403);
  });

  it('answers 409 with the current field when typed against an older revision', async () => {
    const view = await openMeeting(ADELE);
    await save(ADELE, view, 'draining', { text: 'from the laptop', baseRevision: 0 });
    const response = await save(ADELE, view, 'draining', { text: 'from the phone', baseRevision: 0 });
    expect(response.status).toBe(409);
    const body = fieldConflictSchema.parse(response.jsonBody);
    expect(body.current).toMatchObject({ text: 'from the laptop', revision: 1 });
  });

  it('answers a retry of a saved write with the saved field, without a second write', async () => {
    const view = await openMeeting(ADELE);
    const first = await save(ADELE, view, 'support', { text: 'same words', baseRevision: 0 });
    calls = { get: 0, replace: 0 };
    const retry = await save(ADELE, view, 'support', { text: 'same words', baseRevision: 0 });
    expect(retry.status).toBe(200);
    expect(retry.jsonBody).toEqual(first.jsonBody);
    expect(calls).toEqual({ get: 1, replace: 0 });
  });

  it('re-reads and re-applies when the other person saved in between', async () => {
    const view = await openMeeting(ADELE);
    const real = boards;
    let interfered = false;
    boards = {
      ...real,
      // Megan's note lands between Adele's read and her write.
      async replace(key, board, expected) {
        if (!interfered) {
          interfered = true;
          const current = await real.get(key);
          if (!current) throw new Error('setup');
          const withNote = {
            ...current.board,
            fields: {
              ...current.board.fields,
              supportNote: { text: 'Megan’s note', revision: 1, updatedBy: MEGAN.id, updatedAt: NOW.toISOString() },
            },
          };
          await real.replace(key, withNote, current);
        }
        return real.replace(key, board, expected);
      },
    };
    calls = { get: 0, replace: 0 };
    const response = await save(ADELE, view, 'energizing', { text: 'Adele’s answer', baseRevision: 0 });
    expect(response.status).toBe(200);
    expect(calls).toEqual({ get: 2, replace: 2 });
    const final = boardViewSchema.parse((await call('getBoard', { as: ADELE, params: boardParams(view) })).jsonBody);
    expect(final.fields.energizing.text).toBe('Adele’s answer');
    expect(final.fields.supportNote.text).toBe('Megan’s note');
  });

  it('gives up with 503 and Retry-After when the board keeps changing', async () => {
    const view = await openMeeting(ADELE);
    boards = { ...boards, replace: () => Promise.resolve({ kind: 'stale' }) };
    const response = await save(ADELE, view, 'energizing', { text: 'x', baseRevision: 0 });
    expect(response.status).toBe(503);
    expect(response.headers).toMatchObject({ 'Retry-After': '1' });
    expect(calls.replace).toBe(MAX_SAVE_ATTEMPTS);
  });

  it('answers 403 to someone outside the pair, before touching the board', async () => {
    const view = await openMeeting(ADELE);
    calls = { get: 0, replace: 0 };
    expect((await save(LEE, view, 'energizing', { text: 'x', baseRevision: 0 })).status).toBe(403);
    expect(calls).toEqual({ get: 0, replace: 0 });
  });

  it('validates params and body', async () => {
    const view = await openMeeting(ADELE);
    const badField = await save(ADELE, view, 'salary', { text: 'x', baseRevision: 0 });
    expect([badField.status, errorOf(badField).field]).toEqual([400, 'fieldId']);
    const badBody = await save(ADELE, view, 'energizing', { text: 'x' });
    expect([badBody.status, errorOf(badBody).field]).toEqual([400, 'baseRevision']);
    const notJson = await call('saveBoardField', {
      as: ADELE,
      params: { ...boardParams(view), fieldId: 'energizing' },
      body: 'text=x',
      contentType: 'text/plain',
    });
    expect(notJson.status).toBe(415);
  });

  it('answers 404 for a board that was never opened', async () => {
    const params = {
      managerId: MEGAN.id,
      reportId: ADELE.id,
      occurrenceId: '20261126T0900Z-0123456789abcdef',
      fieldId: 'energizing',
    };
    expect((await call('saveBoardField', { as: ADELE, params, body: { text: 'x', baseRevision: 0 } })).status).toBe(
      404,
    );
  });
});
