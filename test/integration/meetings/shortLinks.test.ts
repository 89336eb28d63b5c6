import { startLocalStack, type LocalStack } from '@candor/local/stack';
import { demoMeetings, demoTenantSeed, DEMO_USER_IDS } from '@candor/local/simulator/demoTenant';
import { apiPaths, boardViewSchema, errorBodySchema } from '@candor/functions/contract';
import { occurrenceIdFor } from '@candor/functions/domain/occurrences';
import { callApi } from '../../support/api';

/*
 * Meetings with Teams' short join link (`/meet/<id>?p=…`), which carries no chat id: the demo's Patti / Megan 1:1 has
 * one, the other demo 1:1s the long link. The side panel finds the meeting through the chat's own onlineMeetingInfo
 * and keys it by the meeting id, the same for both people; long-link meetings keep their ids.
 */
jest.setTimeout(90_000);

const { patti, megan, adele } = DEMO_USER_IDS;
let stack: LocalStack;
const now = new Date();
const meetings = demoMeetings(now);
const shortLinked = meetings.find((m) => m.managerId === patti && m.reportId === megan)!;
const longLinked = meetings.find((m) => m.reportId === adele)!;

beforeAll(async () => {
  stack = await startLocalStack();
}, 60_000);
afterAll(async () => {
  await stack?.stop();
});

const open = async (chatId: string, userId: string) =>
  callApi(stack, 'GET', apiPaths.meetingBoard(chatId), { token: await stack.simulator.mintAccessToken(userId) });

describe('the side panel of a meeting with a short join link', () => {
  it('opens the same board for both people, keyed by the meeting id rather than a mailbox’s event id', async () => {
    const [asReport, asManager] = await Promise.all([open(shortLinked.chatId, megan), open(shortLinked.chatId, patti)]);
    expect([asReport.status, asManager.status]).toEqual([200, 200]);
    const reportView = boardViewSchema.parse(asReport.body);
    const managerView = boardViewSchema.parse(asManager.body);
    expect(reportView.ref).toEqual(managerView.ref);
    expect(reportView.ref).toMatchObject({ managerId: patti, reportId: megan });
    expect(reportView.meeting?.subject).toBe(shortLinked.subject);
    const joinUrl = demoTenantSeed(now).meetings.find((m) => m.key === '1on1-patti-megan')?.teamsJoinUrl;
    const meetingId = /\/meet\/(\d+)/.exec(joinUrl ?? '')?.[1];
    expect(reportView.ref.occurrenceId).toBe(occurrenceIdFor(reportView.meeting?.start ?? '', `meet:${meetingId}`));
  });

  it('still answers 404 to someone who is not in that meeting', async () => {
    const answer = await open(shortLinked.chatId, adele);
    expect(answer.status).toBe(404);
    expect(errorBodySchema.parse(answer.body).error.message).toMatch(/not in your calendar/);
  });
});

describe('the side panel of a meeting with a long join link', () => {
  it('keeps hashing the chat thread id, so boards opened before keep their ids', async () => {
    const answer = await open(longLinked.chatId, adele);
    expect(answer.status).toBe(200);
    const view = boardViewSchema.parse(answer.body);
    expect(view.ref.occurrenceId.slice(-16)).toBe(
      occurrenceIdFor(view.meeting?.start ?? '', longLinked.chatId).slice(-16),
    );
  });
});
