import { startLocalStack, type LocalStack } from '@candor/local/stack';
import { demoMeetings, demoTenantSeed, DEMO_USER_IDS } from '@candor/local/simulator/demoTenant';
import { apiPaths, boardViewSchema } from '@candor/functions/contract';
import { loadConfig } from '@candor/functions/config';
import { purgeExpired } from '@candor/functions/store/retentionStore';
import { createTableMeetingResolutionStore } from '@candor/functions/store/meetingResolutionStore';
import { createTableClientFactory } from '@candor/functions/store/tables';
import { callApi } from '../../support/api';

/*
 * The side panel's meeting chat is resolved from the caller's calendar once and kept: an open while nothing changed
 * reads no calendar. Who may open it still follows the directory on every open, and the pre-meeting scan drops a
 * kept resolution once the calendar shows the meeting moved.
 */
jest.setTimeout(90_000);

const { megan, alex, diego, patti } = DEMO_USER_IDS;
const now = new Date();
const alexOneOnOne = demoMeetings(now).find((m) => m.reportId === alex)!;
const alexSeed = demoTenantSeed(now).meetings.find((m) => m.key === '1on1-megan-alex')!;
let stack: LocalStack;

beforeAll(async () => {
  // Every directory answer is read afresh, so a change of manager shows at once.
  stack = await startLocalStack({ functionsEnv: { ORG_CHART_CACHE_TTL_SECONDS: '0' } });
}, 60_000);
afterAll(async () => {
  await stack?.stop();
});

const open = async (userId: string, chatId = alexOneOnOne.chatId) =>
  callApi(stack, 'GET', apiPaths.meetingBoard(chatId), { token: await stack.simulator.mintAccessToken(userId) });
const calendarReads = () =>
  stack.simulator.requestLog().filter((r) => /\/(calendarView|events|instances)\b/.test(r.path)).length;
/** Moves a wall time ("2026-…T09:30:00") by minutes, as an organizer dragging the series in Outlook. */
const later = (wallTime = '', minutes = 0) =>
  new Date(Date.parse(`${wallTime.slice(0, 19)}Z`) + minutes * 60_000).toISOString().slice(0, 19);

describe('an open of an unchanged meeting chat', () => {
  it('reads no calendar the second time, for either of the pair, and shows the same board', async () => {
    const first = await open(alex);
    expect(first.status).toBe(200);
    const firstView = boardViewSchema.parse(first.body);

    stack.simulator.clearRequestLog();
    const again = await open(alex);
    const byManager = await open(megan);
    expect([again.status, byManager.status]).toEqual([200, 200]);
    expect(calendarReads()).toBe(0);
    expect(boardViewSchema.parse(again.body).ref).toEqual(firstView.ref);
    expect(boardViewSchema.parse(again.body).meeting).toEqual(firstView.meeting);
    expect(boardViewSchema.parse(byManager.body).ref).toEqual(firstView.ref);
  });

  it('gives no board to someone outside the pair who names the chat, kept or not', async () => {
    expect((await open(alex)).status).toBe(200);
    for (const outsider of [diego, patti]) {
      const answer = await open(outsider);
      expect(answer.status).toBe(404);
      expect(JSON.stringify(answer.body)).not.toContain(alexOneOnOne.subject);
    }
  });

  it('re-resolves a meeting the scan saw moved', async () => {
    const before = boardViewSchema.parse((await open(alex)).body).meeting!;
    stack.simulator.upsertMeeting({
      ...alexSeed,
      start: { ...alexSeed.start, dateTime: later(alexSeed.start.dateTime, 30) },
      end: { ...alexSeed.end, dateTime: later(alexSeed.end.dateTime, 30) },
    });
    await stack.functions.runTimer('preMeetingScan');

    stack.simulator.clearRequestLog();
    const moved = boardViewSchema.parse((await open(alex)).body).meeting!;
    expect(calendarReads()).toBeGreaterThan(0);
    expect(Date.parse(moved.start) - Date.parse(before.start)).toBe(30 * 60_000);
  });

  it('refuses someone the directory no longer shows in the pair, even with the chat kept', async () => {
    expect((await open(alex)).status).toBe(200);
    stack.simulator.setManager(alex, patti);
    try {
      const answer = await open(alex);
      expect(answer.status).toBe(404);
      const asFormerManager = await open(megan);
      expect(asFormerManager.status).toBe(404);
    } finally {
      stack.simulator.setManager(alex, megan);
    }
  });

  it('is swept by retention once out of the period, like the 1:1 it came from', async () => {
    expect((await open(alex)).status).toBe(200);
    const config = loadConfig(stack.functionsEnv);
    const tables = createTableClientFactory(config.tables);
    const kept = createTableMeetingResolutionStore(tables);
    expect(await kept.get(config.auth.tenantId, alexOneOnOne.chatId)).not.toBeNull();
    // A cutoff past every kept row's freshness: all of them lie before it.
    const swept = await purgeExpired(tables, new Date(now.getTime() + 7 * 24 * 3600_000));
    expect(swept.deleted.meetingResolutions).toBeGreaterThan(0);
    expect(await kept.get(config.auth.tenantId, alexOneOnOne.chatId)).toBeNull();
  });
});
