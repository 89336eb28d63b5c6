import { channelApiPaths, statusChannelViewSchema, type StatusChannelView } from '@candor/functions/contract';
import { CHAT_RECHECK_MS } from '@candor/functions/jobs/chatStatusRequests';
import type { ScanReport } from '@candor/functions/jobs/preMeetingScan';
import type { Services } from '@candor/functions/composition';
import { buildRoutes } from '@candor/functions/routes';
import { startAzurite, type AzuriteHandle } from '@candor/local/azurite';
import { startFunctionsHost, type FunctionsHost } from '@candor/local/functionsHost';
import type { Simulator } from '@candor/local/simulator/index';
import { API_CLIENT_ID } from '@candor/local/simulator/demoTenant';
import { generatedTenantSeed, type GeneratedTenant } from '@candor/local/simulator/generatedTenant';
import { personalChatId } from '@candor/local/simulator/graphTeamwork';
import { botSettingsOf, startScanHarness, testClock, type TestClock } from '../../support/scanHarness';

/*
 * A report who chose Teams chat but whom Teams will not let the bot reach — the app missing from the organization's
 * catalog, blocked for them by an app permission policy, no Teams licence — gets the status request by email
 * instead, once, through the email's own claims; their channel setting says why. Passing failures (429, 5xx) are
 * not refusals. Once the bot can be added again, chat resumes, and a 1:1 already asked by email gets no card.
 * The real scan and API against the simulator's Graph (which answers each refusal as Teams does) and Azurite.
 * Generated 1:1s of manager i and report j fall due on Monday 06:00 exactly when (i + j) % 5 === 0.
 */
jest.setTimeout(120_000);

const MONDAY = new Date('2026-11-23T06:00:00.000Z');
const WEEK = 7 * 86_400_000;
let azurite: AzuriteHandle;
let tenantNumber = 0;

beforeAll(async () => {
  azurite = await startAzurite();
});
afterAll(async () => {
  await azurite?.stop();
});

interface Harness {
  simulator: Simulator;
  services: Services;
  api: FunctionsHost;
  tenant: GeneratedTenant;
  clock: TestClock;
  scan(): Promise<ScanReport>;
  cardsTo(reportId: string): number;
  mailsTo(reportId: string): number;
  installTries(reportId: string): number;
  channelOf(reportId: string): Promise<StatusChannelView>;
  choose(reportId: string, channel: 'email' | 'chat' | 'both'): Promise<void>;
  close(): Promise<void>;
}

async function startHarness(managers: number): Promise<Harness> {
  tenantNumber += 1;
  const tenant = generatedTenantSeed({
    managers,
    now: MONDAY,
    tenantId: `c4a71000-0000-4000-8000-${String(tenantNumber).padStart(12, '0')}`,
  });
  const clock = testClock(MONDAY);
  const scanHarness = await startScanHarness({
    azurite,
    seed: tenant.seed,
    clock,
    env: (sim) => ({
      STATUS_ENROLLED_MANAGERS: tenant.managerIds.join(','),
      STATUS_SERVICE_MAILBOX: tenant.serviceMailboxId,
      ...botSettingsOf(sim),
    }),
  });
  const { simulator, services } = scanHarness;
  const api = await startFunctionsHost({ routes: buildRoutes(services) });
  const mailOf = new Map(tenant.seed.users.map((u) => [u.id, u.mail]));
  const call = async (reportId: string, method: 'GET' | 'PUT', body?: unknown): Promise<StatusChannelView> => {
    const token = await simulator.mintAccessToken(reportId);
    const response = await fetch(`${api.url}/${channelApiPaths.statusChannel()}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    expect(response.status).toBe(200);
    return statusChannelViewSchema.parse(await response.json());
  };
  const harness: Harness = {
    simulator,
    services,
    api,
    tenant,
    clock,
    scan: () => scanHarness.scan(),
    cardsTo: (reportId) =>
      simulator.bot
        .connectorLog()
        .filter(
          (e) =>
            e.method === 'POST' && e.status === 200 && e.conversationId === personalChatId(reportId, API_CLIENT_ID),
        ).length,
    mailsTo: (reportId) =>
      simulator.outbox().filter((m) => m.message.toRecipients?.[0]?.emailAddress?.address === mailOf.get(reportId))
        .length,
    installTries: (reportId) =>
      simulator
        .requestLog()
        .filter((r) => r.path.toLowerCase().includes(`/users/${reportId.toLowerCase()}/teamwork/installedapps`)).length,
    channelOf: (reportId) => call(reportId, 'GET'),
    choose: async (reportId, channel) => {
      await call(reportId, 'PUT', { channel });
    },
    close: async () => {
      await api.close();
      await simulator.close();
    },
  };
  for (const id of tenant.managerIds.flatMap((_, i) => tenant.reportIdsOf(i)))
    await services.statusChannels.saveChoice(simulator.tenantId, id, 'chat');
  return harness;
}

describe('a permission policy and a missing licence', () => {
  let h: Harness;
  let blocked: string;
  let unlicensed: string;
  let reachable: string;
  beforeAll(async () => {
    h = await startHarness(2);
    // Due today: manager 0's reports 0 and 5, manager 1's report 4.
    [blocked, unlicensed] = [h.tenant.reportIdsOf(0)[0]!, h.tenant.reportIdsOf(0)[5]!];
    reachable = h.tenant.reportIdsOf(1)[4]!;
    h.simulator.teams.setBlockedFor(blocked, true);
    h.simulator.teams.setTeamsLicence(unlicensed, false);
  });
  afterAll(() => h?.close());

  it('sends each refused report exactly one email instead of the card, and the reachable one its card only', async () => {
    const first = await h.scan();
    expect(first.chat?.emailInstead).toBe(2);
    const tries = [h.installTries(blocked), h.installTries(unlicensed)];
    expect(tries.every((n) => n > 0)).toBe(true);
    for (let n = 0; n < 3; n++) {
      h.clock.advance(10 * 60_000);
      await h.scan();
    }
    expect([h.mailsTo(blocked), h.cardsTo(blocked)]).toEqual([1, 0]);
    expect([h.mailsTo(unlicensed), h.cardsTo(unlicensed)]).toEqual([1, 0]);
    expect([h.mailsTo(reachable), h.cardsTo(reachable)]).toEqual([0, 1]);
    // Teams is asked again once a day, not every scan.
    expect([h.installTries(blocked), h.installTries(unlicensed)]).toEqual(tries);
  });

  it('says in the channel setting why chat is unavailable and since when', async () => {
    expect(await h.channelOf(blocked)).toMatchObject({
      channel: 'chat',
      chatUnavailable: { reason: 'blocked', since: MONDAY.toISOString() },
    });
    expect((await h.channelOf(unlicensed)).chatUnavailable).toEqual({
      reason: 'noTeamsLicence',
      since: MONDAY.toISOString(),
    });
    expect((await h.channelOf(reachable)).chatUnavailable).toBeNull();
  });

  it('once the policy allows the app: no card for the 1:1 already asked by email, the next 1:1 by chat', async () => {
    h.simulator.teams.setBlockedFor(blocked, false);
    // Saving the choice again asks the next scan to try at once (say, the admin told them it is fixed).
    await h.choose(blocked, 'chat');
    h.clock.advance(10 * 60_000);
    await h.scan();
    expect([h.mailsTo(blocked), h.cardsTo(blocked)]).toEqual([1, 0]);
    const tries = h.installTries(unlicensed);
    h.clock.set(new Date(MONDAY.getTime() + WEEK));
    expect(WEEK).toBeGreaterThan(CHAT_RECHECK_MS);
    await h.scan();
    expect([h.mailsTo(blocked), h.cardsTo(blocked)]).toEqual([1, 1]);
    expect((await h.channelOf(blocked)).chatUnavailable).toBeNull();
    // Still refused a day later and more: asked again, email again, and the reason keeps the day it began.
    expect([h.mailsTo(unlicensed), h.cardsTo(unlicensed)]).toEqual([2, 0]);
    expect(h.installTries(unlicensed)).toBeGreaterThan(tries);
    expect((await h.channelOf(unlicensed)).chatUnavailable).toEqual({
      reason: 'noTeamsLicence',
      since: MONDAY.toISOString(),
    });
  });
});

describe('a refusal known from earlier today', () => {
  let h: Harness;
  let report: string;
  beforeAll(async () => {
    h = await startHarness(1);
    report = h.tenant.reportIdsOf(0)[0]!;
    h.simulator.teams.setBlockedFor(report, true);
    const earlier = new Date(MONDAY.getTime() - 60 * 60_000).toISOString();
    await h.services.statusChannels.saveChatUnavailable(h.simulator.tenantId, report, {
      reason: 'blocked',
      since: earlier,
      checkedAt: earlier,
    });
  });
  afterAll(() => h?.close());

  it('emails without asking Teams again, and sends no card for that 1:1 once the bot can be added', async () => {
    expect((await h.scan()).chat?.emailInstead).toBe(1);
    expect([h.mailsTo(report), h.cardsTo(report), h.installTries(report)]).toEqual([1, 0, 0]);
    h.simulator.teams.setBlockedFor(report, false);
    await h.choose(report, 'chat');
    h.clock.advance(10 * 60_000);
    await h.scan();
    expect([h.mailsTo(report), h.cardsTo(report)]).toEqual([1, 0]);
    h.clock.set(new Date(MONDAY.getTime() + WEEK));
    await h.scan();
    expect([h.mailsTo(report), h.cardsTo(report)]).toEqual([1, 1]);
    expect((await h.channelOf(report)).chatUnavailable).toBeNull();
  });
});

describe('saving the choice again', () => {
  let h: Harness;
  afterAll(() => h?.close());

  it('makes the next scan ask Teams at once instead of waiting a day, and the card goes', async () => {
    h = await startHarness(1);
    const report = h.tenant.reportIdsOf(0)[0]!;
    const earlier = new Date(MONDAY.getTime() - 60 * 60_000).toISOString();
    await h.services.statusChannels.saveChatUnavailable(h.simulator.tenantId, report, {
      reason: 'notInCatalog',
      since: earlier,
      checkedAt: earlier,
    });
    await h.choose(report, 'chat');
    await h.scan();
    expect([h.mailsTo(report), h.cardsTo(report)]).toEqual([0, 1]);
    expect((await h.channelOf(report)).chatUnavailable).toBeNull();
  });
});

describe('the app missing from the catalog', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(1);
    h.simulator.teams.setInCatalog(false);
  });
  afterAll(() => h?.close());

  it('emails every report who chose chat instead, once, and says the app is not in the catalog', async () => {
    const [first, second] = [h.tenant.reportIdsOf(0)[0]!, h.tenant.reportIdsOf(0)[5]!];
    await h.scan();
    h.clock.advance(10 * 60_000);
    await h.scan();
    for (const id of [first, second]) {
      expect([h.mailsTo(id), h.cardsTo(id)]).toEqual([1, 0]);
      expect((await h.channelOf(id)).chatUnavailable).toMatchObject({ reason: 'notInCatalog' });
    }
    // Choosing email: nothing to explain any more.
    await h.choose(first, 'email');
    expect((await h.channelOf(first)).chatUnavailable).toBeNull();
  });
});

describe('passing failures', () => {
  let h: Harness | undefined;
  afterEach(() => h?.close());

  it.each([429, 503] as const)(
    'a %i from Graph is no refusal: no email, the card goes once Graph answers',
    async (status) => {
      h = await startHarness(1);
      const report = h.tenant.reportIdsOf(0)[0]!;
      const rule = h.simulator.faults.add({
        kind: 'status',
        status,
        retryAfterSeconds: 0,
        pathPattern: `/users/${report}/teamwork/installedApps`,
      });
      expect((await h.scan()).chat?.emailInstead).toBe(0);
      expect((await h.channelOf(report)).chatUnavailable).toBeNull();
      expect([h.mailsTo(report), h.cardsTo(report)]).toEqual([0, 0]);
      h.simulator.faults.remove(rule);
      h.clock.advance(10 * 60_000);
      await h.scan();
      expect([h.mailsTo(report), h.cardsTo(report)]).toEqual([0, 1]);
    },
  );
});
