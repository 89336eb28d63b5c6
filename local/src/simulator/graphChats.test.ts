import type { Client, GraphError } from '@microsoft/microsoft-graph-client';
import type { Event } from '@microsoft/microsoft-graph-types';
import type { Simulator } from './index';
import { API_CLIENT_ID, DEMO_API_APP, DEMO_USER_IDS, demoMeetings, demoTenantSeed } from './demoTenant';
import { generatedTenantSeed } from './generatedTenant';
import { meetingChatIdOf } from './ids';
import { appGraphToken, graphClient, startTestSimulator, userGraphToken } from './testKit';

const { patti, megan, adele } = DEMO_USER_IDS;
const now = new Date();
const shortOne = demoMeetings(now).find((m) => m.managerId === patti && m.reportId === megan);
const longOne = demoMeetings(now).find((m) => m.reportId === adele);

let sim: Simulator;
let app: Client;

beforeAll(async () => {
  sim = await startTestSimulator({ now: () => now });
  const token = await appGraphToken(sim, API_CLIENT_ID);
  app = graphClient(sim, () => Promise.resolve(token));
});
afterAll(() => sim.close());

async function failure(promise: Promise<unknown>): Promise<GraphError> {
  try {
    await promise;
  } catch (error) {
    return error as GraphError;
  }
  throw new Error('expected the request to fail');
}

async function joinUrlInCalendarOf(userId: string, meetingSubject: string): Promise<string> {
  const view = (await app
    .api(`/users/${userId}/calendarView`)
    .query({
      startDateTime: new Date(now.getTime() - 3600_000).toISOString(),
      endDateTime: new Date(now.getTime() + 86400_000).toISOString(),
    })
    .get()) as { value: Event[] };
  const event = view.value.find((e) => e.subject === meetingSubject);
  return event?.onlineMeeting?.joinUrl ?? '';
}

describe('Teams short join links', () => {
  it('gives a demo 1:1 a short link that names neither the chat nor the organizer, the same in both calendars', async () => {
    expect(shortOne).toBeDefined();
    const inPattis = await joinUrlInCalendarOf(patti, shortOne?.subject ?? '');
    expect(inPattis).toMatch(/^https:\/\/teams\.microsoft\.com\/meet\/\d{13,15}\?p=[A-Za-z0-9]+$/);
    expect(await joinUrlInCalendarOf(megan, shortOne?.subject ?? '')).toBe(inPattis);
    expect(shortOne?.chatId).toMatch(/^19:meeting_[A-Za-z0-9]+@thread\.v2$/);
  });

  it('gives a share of a generated tenant’s meetings short links, each with its own chat', () => {
    const { seed } = generatedTenantSeed({ managers: 3, now });
    const teams = seed.meetings.filter((m) => m.teamsJoinUrl);
    const short = teams.filter((m) => m.teamsJoinUrl?.includes('/meet/'));
    expect(short.length).toBeGreaterThan(0);
    expect(short.length).toBeLessThan(teams.length);
    expect(new Set(teams.map((m) => meetingChatIdOf(m))).size).toBe(teams.length);
  });
});

describe('GET /chats/{id}', () => {
  it('states the meeting of a meeting chat: its join link, organizer and calendar event', async () => {
    const chat = (await app.api(`/chats/${shortOne?.chatId}`).get()) as Record<string, unknown>;
    expect(chat).toMatchObject({ id: shortOne?.chatId, chatType: 'meeting' });
    const info = chat.onlineMeetingInfo as { joinWebUrl: string; organizer: { id: string }; calendarEventId: string };
    expect(info.joinWebUrl).toBe(await joinUrlInCalendarOf(patti, shortOne?.subject ?? ''));
    expect(info.organizer.id).toBe(patti);
    expect(info.calendarEventId).toMatch(/^AAMkA/);
  });

  it('answers app-only only for chats Candor is installed in (resource-specific consent), else 403', async () => {
    const teamSync = demoTenantSeed(now).meetings.find((m) => m.key === 'team-sync');
    const error = await failure(app.api(`/chats/${meetingChatIdOf(teamSync ?? {})}`).get());
    expect(error.statusCode).toBe(403);
    expect(error.code).toBe('Forbidden');
    expect(error.message).toMatch(/ChatSettings\.Read\.Chat/);
  });

  it('needs Chat.ReadBasic for a delegated caller', async () => {
    const token = await userGraphToken(sim, API_CLIENT_ID, megan);
    const user = graphClient(sim, () => Promise.resolve(token));
    const error = await failure(user.api(`/chats/${longOne?.chatId}`).get());
    expect(error.statusCode).toBe(403);
    expect(error.message).toMatch(/Missing scope permissions.*Chat\.ReadBasic/);
  });
});

describe('GET /users/{id}/onlineMeetings?$filter=JoinWebUrl eq …', () => {
  const filterOf = (url: string) => `JoinWebUrl eq '${url.replace(/'/g, "''")}'`;

  it('finds the organizer’s meeting by its join link, with the chat thread id', async () => {
    const url = await joinUrlInCalendarOf(megan, shortOne?.subject ?? '');
    const page = (await app.api(`/users/${patti}/onlineMeetings`).filter(filterOf(url)).get()) as {
      value: Array<{ joinWebUrl: string; chatInfo: { threadId: string } }>;
    };
    expect(page.value).toHaveLength(1);
    expect(page.value[0]?.chatInfo.threadId).toBe(shortOne?.chatId);
    const notTheirs = (await app.api(`/users/${megan}/onlineMeetings`).filter(filterOf(url)).get()) as {
      value: unknown[];
    };
    expect(notTheirs.value).toEqual([]);
  });

  it('refuses app-only access without an application access policy for the organizer', async () => {
    const seed = demoTenantSeed(now);
    const noPolicy = await startTestSimulator({
      now: () => now,
      seed: { ...seed, apiApp: { ...DEMO_API_APP, onlineMeetingsAccessPolicy: [megan] } },
    });
    try {
      const token = await appGraphToken(noPolicy, API_CLIENT_ID);
      const client = graphClient(noPolicy, () => Promise.resolve(token));
      const error = await failure(
        client.api(`/users/${patti}/onlineMeetings`).filter("JoinWebUrl eq 'https://teams.microsoft.com/meet/1'").get(),
      );
      expect(error.statusCode).toBe(403);
      expect(error.message).toBe('No application access policy found for this app.');
    } finally {
      await noPolicy.close();
    }
  });

  it('lets a delegated caller read only their own meetings', async () => {
    const token = await userGraphToken(sim, API_CLIENT_ID, megan);
    const user = graphClient(sim, () => Promise.resolve(token));
    const error = await failure(
      user.api(`/users/${patti}/onlineMeetings`).filter("JoinWebUrl eq 'https://teams.microsoft.com/meet/1'").get(),
    );
    expect(error.statusCode).toBe(403);
    expect(error.message).toMatch(/only \/me endpoint is supported/);
  });
});
