import { startLocalStack, type LocalStack } from '@candor/local/stack';
import type { SeedMeeting } from '@candor/local/simulator/index';
import { DEMO_TENANT_ID, DEMO_USER_IDS } from '@candor/local/simulator/demoTenant';
import { chatIdFromJoinUrl, teamsMeetingLinks } from '@candor/local/simulator/ids';
import {
  apiPaths,
  boardViewSchema,
  errorBodySchema,
  homeApiPaths,
  homeViewSchema,
  type BoardRef,
  type HomeOneOnOne,
  type HomeView,
} from '@candor/functions/contract';
import { occurrenceIdFor } from '@candor/functions/domain/occurrences';
import { callApi } from '../../support/api';

/*
 * Home's API and boards opened outside a meeting, against the local stack with the demo tenant. The clock stands on
 * Thursday 2026-11-26 12:10 UTC, ten minutes into Megan and Adele's weekly 1:1 (12:00–12:30). Three series are
 * replaced: Diego's 1:1 is monthly, its first occurrence 22 days ahead; Lynne's is every other month, the last 20
 * days ago and the next 41 days ahead (past the lookup window); Alex's has no Teams meeting (a walk, in person).
 */
jest.setTimeout(120_000);

const { patti, megan, adele, alex, diego, lynne } = DEMO_USER_IDS;
const NOW = new Date('2026-11-26T12:10:00.000Z');
let now = NOW;
let stack: LocalStack;

const utc = (iso: string) => ({ dateTime: iso, timeZone: 'UTC' });
const required = (userId: string) => ({ userId, type: 'required' as const, response: 'accepted' as const });
function series(
  key: string,
  subject: string,
  reportId: string,
  first: string,
  pattern: Partial<NonNullable<SeedMeeting['recurrence']>['pattern']>,
  link: boolean,
): SeedMeeting {
  return {
    key,
    subject,
    organizerId: megan,
    attendees: [required(reportId)],
    start: utc(`${first}T10:00:00`),
    end: utc(`${first}T10:30:00`),
    recurrence: {
      pattern: { interval: 1, month: 0, dayOfMonth: 0, firstDayOfWeek: 'sunday', index: 'first', ...pattern },
      range: {
        type: 'noEnd',
        startDate: first,
        endDate: '0001-01-01',
        recurrenceTimeZone: 'UTC',
        numberOfOccurrences: 0,
      },
    },
    ...(link ? teamsMeetingLinks(DEMO_TENANT_ID, megan, key, 'long') : {}),
    createdDateTime: '2026-09-01T08:00:00Z',
  };
}
const monthlyDiego = series(
  '1on1-megan-diego',
  'Megan / Diego monthly',
  diego,
  '2026-12-18',
  {
    type: 'absoluteMonthly',
    dayOfMonth: 18,
  },
  true,
);
const bimonthlyLynne = series(
  '1on1-lynne-megan',
  'Megan / Lynne every other month',
  lynne,
  '2026-11-06',
  {
    type: 'absoluteMonthly',
    interval: 2,
    dayOfMonth: 6,
  },
  true,
);
const walkWithAlex = series(
  '1on1-megan-alex',
  'Megan / Alex walk',
  alex,
  '2026-10-02',
  {
    type: 'weekly',
    daysOfWeek: ['friday'],
  },
  false,
);

beforeAll(async () => {
  stack = await startLocalStack({ now: () => now });
  for (const meeting of [monthlyDiego, bimonthlyLynne, walkWithAlex]) stack.simulator.upsertMeeting(meeting);
}, 90_000);
afterAll(async () => {
  await stack?.stop();
});

const tokenOf = (userId: string) => stack.simulator.mintAccessToken(userId);
const home = async (userId: string): Promise<HomeView> => {
  const answer = await callApi(stack, 'GET', homeApiPaths.home(), { token: await tokenOf(userId) });
  expect(answer.status).toBe(200);
  return homeViewSchema.parse(answer.body);
};
const open = async (ref: BoardRef, userId: string) =>
  callApi(stack, 'POST', homeApiPaths.openBoard(ref), { token: await tokenOf(userId) });
const sidePanel = async (chatId: string, userId: string) =>
  callApi(stack, 'GET', apiPaths.meetingBoard(chatId), { token: await tokenOf(userId) });
const withSubject = (view: HomeView, subject: string): HomeOneOnOne[] =>
  view.oneOnOnes.filter((o) => o.subject === subject);

describe('any cadence', () => {
  it('finds a monthly 1:1 22 days away in the side panel, and lists it on Home for both', async () => {
    const chatId = chatIdFromJoinUrl(monthlyDiego.teamsJoinUrl ?? '') ?? '';
    const answer = await sidePanel(chatId, diego);
    expect(answer.status).toBe(200);
    const view = boardViewSchema.parse(answer.body);
    expect(Date.parse(view.meeting?.start ?? '')).toBe(Date.parse('2026-12-18T10:00:00Z'));
    expect(view.ref.occurrenceId).toBe(occurrenceIdFor('2026-12-18T10:00:00Z', chatId));

    const [forDiego] = withSubject(await home(diego), monthlyDiego.subject);
    expect(forDiego).toMatchObject({ ref: view.ref, role: 'report', online: true, ended: false, recapMissing: false });
    expect(forDiego?.counterpart.id).toBe(megan);
    expect(withSubject(await home(megan), monthlyDiego.subject).map((o) => o.ref)).toEqual([view.ref]);
  });

  it('lists a series’ next occurrence past the window, with one instances request for it', async () => {
    const before = stack.simulator.requestLog().length;
    const listed = withSubject(await home(megan), bimonthlyLynne.subject);
    const starts = listed.map((o) => Date.parse(o.start));
    expect(starts).toContain(Date.parse('2027-01-06T10:00:00Z'));
    const instances = stack.simulator
      .requestLog()
      .slice(before)
      .filter((e) => e.path.toLowerCase().endsWith('/instances'));
    expect(instances).toHaveLength(1);
  });
});

describe('a 1:1 without a Teams meeting', () => {
  it('is on both people’s Home with the same board, which either opens outside any meeting', async () => {
    const [forMegan] = withSubject(await home(megan), walkWithAlex.subject).filter((o) => !o.ended);
    const [forAlex] = withSubject(await home(alex), walkWithAlex.subject).filter((o) => !o.ended);
    expect(forMegan).toMatchObject({ role: 'manager', online: false, counterpart: { id: alex } });
    expect(forAlex).toMatchObject({ role: 'report', online: false, counterpart: { id: megan } });
    expect(forAlex?.ref).toEqual(forMegan?.ref);
    expect(Date.parse(forMegan?.start ?? '')).toBe(Date.parse('2026-11-27T10:00:00Z'));

    const ref = forMegan?.ref as BoardRef;
    const [asManager, asReport] = [await open(ref, megan), await open(ref, alex)];
    expect([asManager.status, asReport.status]).toEqual([200, 200]);
    expect(boardViewSchema.parse(asManager.body).ref).toEqual(ref);
    expect(boardViewSchema.parse(asReport.body)).toMatchObject({ ref, viewer: { role: 'report' } });
  });

  it('opens nothing for someone outside the pair, nor for an occurrence that is not in the calendar', async () => {
    const [item] = withSubject(await home(megan), walkWithAlex.subject).filter((o) => !o.ended);
    const ref = item?.ref as BoardRef;
    expect((await open(ref, adele)).status).toBe(403);
    const forged = { ...ref, occurrenceId: `20261127T1100Z-${ref.occurrenceId.slice(-16)}` };
    const answer = await open(forged, megan);
    expect(answer.status).toBe(404);
    expect(errorBodySchema.parse(answer.body).error.message).toMatch(/not in your calendar/);
  });
});

describe('a recap finished later', () => {
  it('either person of the pair writes it on a past occurrence’s board, which the other then sees', async () => {
    const [next] = withSubject(await home(alex), walkWithAlex.subject).filter((o) => !o.ended);
    // Last Friday's walk: the same series, a week before the next one.
    const ref = next?.ref as BoardRef;
    const lastFriday = { ...ref, occurrenceId: `20261120T1000Z${ref.occurrenceId.slice(14)}` };
    expect((await open(lastFriday, alex)).status).toBe(200);
    const lines = [
      { text: 'Alex is blocked on the data export', tags: ['blocker', 'supportNeed'] },
      { text: 'Pairing on reviews helps', tags: ['learning'] },
    ];
    const saved = await callApi(stack, 'PUT', apiPaths.recap(lastFriday), {
      token: await tokenOf(alex),
      body: { lines },
    });
    expect(saved.status).toBe(200);
    const forMegan = boardViewSchema.parse((await open(lastFriday, megan)).body);
    expect(forMegan.recap?.lines.map((l) => l.text)).toEqual(lines.map((l) => l.text));
  });
});

describe('after the meeting', () => {
  const adeleChat = (): string =>
    chatIdFromJoinUrl(teamsMeetingLinks(DEMO_TENANT_ID, megan, '1on1-megan-adele', 'long').teamsJoinUrl) ?? '';

  it('keeps the 1:1 that just ended, recap missing, first in the side panel and on Home; the recap lands on it', async () => {
    now = new Date('2026-11-26T12:45:00.000Z');
    const answer = await sidePanel(adeleChat(), adele);
    expect(answer.status).toBe(200);
    const view = boardViewSchema.parse(answer.body);
    expect(Date.parse(view.meeting?.end ?? '')).toBe(Date.parse('2026-11-26T12:30:00Z'));
    expect(view.recap).toBeNull();

    const [first] = (await home(adele)).oneOnOnes;
    expect(first).toMatchObject({ ref: view.ref, ended: true, recapMissing: true });

    const lines = [
      { text: 'Adele ships the importer on Monday', tags: ['learning', 'blocker'] },
      { text: 'Megan asks finance about the budget', tags: ['supportNeed'] },
    ];
    const saved = await callApi(stack, 'PUT', apiPaths.recap(view.ref), {
      token: await tokenOf(megan),
      body: { lines },
    });
    expect(saved.status).toBe(200);

    const after = await home(adele);
    expect(after.oneOnOnes.find((o) => o.ref.occurrenceId === view.ref.occurrenceId)).toBeUndefined();
    const next = boardViewSchema.parse((await sidePanel(adeleChat(), adele)).body);
    expect(Date.parse(next.meeting?.start ?? '')).toBe(Date.parse('2026-12-03T12:00:00Z'));
  });
});

describe('first run', () => {
  it('asks a manager nothing enrols, and a report who never chose a channel', async () => {
    const [forPatti, forMegan, forAdele] = [await home(patti), await home(megan), await home(adele)];
    expect(forPatti.me).toMatchObject({ id: patti, isManager: true });
    expect(forPatti.firstRun.manager).toBe(true);
    // Megan is enrolled by configuration (the local stack's STATUS_ENROLLED_MANAGERS).
    expect(forMegan.firstRun.manager).toBe(false);
    expect(forAdele.me).toMatchObject({ id: adele, isManager: false, hasManager: true });
    expect(forAdele.firstRun).toEqual({ manager: false, report: true });
  });
});
