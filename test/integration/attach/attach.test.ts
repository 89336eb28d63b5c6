import { startAzurite, type AzuriteHandle } from '@candor/local/azurite';
import { DEMO_TEAMS_CATALOG_APP_ID } from '@candor/local/simulator/demoTenant';
import { generatedTenantSeed, type GeneratedTenant } from '@candor/local/simulator/generatedTenant';
import { oneOnOnes } from '@candor/local/simulator/oneOnOnes';
import type { Enrolment } from '@candor/functions/store/enrolmentStore';
import { FORM_BASE_URL, startScanHarness, testClock, type ScanHarness } from '../../support/scanHarness';

/*
 * Candor attaching itself to the meeting chats of a manager's 1:1s, run by the pre-meeting scan after it found the
 * due 1:1s: real Graph client against the simulator's chat app and tab endpoints, real Table Storage (Azurite). The
 * simulator counts every install and every tab added per chat: each series gets exactly one of each, whatever fails.
 * Generated 1:1s of manager i and report j are due on Monday 2026-11-23 at 06:00 when (i + j) % 5 === 0; a third of
 * them have a short join link, whose chat Candor finds through the organizer's online meeting.
 */
jest.setTimeout(120_000);

let azurite: AzuriteHandle;
beforeAll(async () => {
  azurite = await startAzurite();
});
afterAll(async () => {
  await azurite?.stop();
});

const MONDAY = new Date('2026-11-23T06:00:00.000Z');
let tenantNumber = 0;

interface Setup {
  harness: ScanHarness;
  tenant: GeneratedTenant;
  clock: ReturnType<typeof testClock>;
  /** The meeting chats of the due 1:1s of managers who turned attach on. */
  dueChats: string[];
  /** Every other 1:1's chat. */
  otherChats: string[];
}

/**
 * Two managers; `attaching` of them turned "Add Candor to my 1:1s" on. `statusRequests: false`: nobody is enrolled by
 * configuration and those who attach turned status requests off.
 */
async function setUp(attaching: number[] = [0, 1], { statusRequests = true } = {}): Promise<Setup> {
  tenantNumber += 1;
  const tenant = generatedTenantSeed({
    managers: 2,
    now: MONDAY,
    tenantId: `a77ac000-0000-4000-8000-${String(tenantNumber).padStart(12, '0')}`,
  });
  const clock = testClock(MONDAY);
  const harness = await startScanHarness({
    azurite,
    seed: tenant.seed,
    clock,
    env: {
      STATUS_ENROLLED_MANAGERS: statusRequests ? tenant.managerIds.join(',') : '',
      STATUS_SERVICE_MAILBOX: tenant.serviceMailboxId,
      BOT_TEAMS_APP_ID: DEMO_TEAMS_CATALOG_APP_ID,
    },
  });
  for (const i of attaching) {
    const saved = { ...enrolment(tenant.managerIds[i] ?? ''), enrolled: statusRequests };
    await harness.services.enrolments.save(tenant.seed.tenantId, saved);
  }
  const due = new Set(
    attaching.flatMap((i) =>
      tenant.reportIdsOf(i).flatMap((_, j) => ((i + j) % 5 === 0 ? [tenant.oneOnOneKey(i, j)] : [])),
    ),
  );
  const meetings = oneOnOnes(tenant.seed);
  return {
    harness,
    tenant,
    clock,
    dueChats: meetings.filter((m) => due.has(m.meetingKey)).map((m) => m.chatId),
    otherChats: meetings.filter((m) => !due.has(m.meetingKey)).map((m) => m.chatId),
  };
}

function enrolment(managerId: string): Enrolment {
  return {
    managerId,
    enrolled: true,
    leadTimeMinutes: null,
    sendFromManagerMailbox: false,
    pairLeadTimeMinutes: {},
    attachToOneOnOnes: true,
    prepEnabled: false,
    prepMinutesBefore: 30,
    updatedAt: MONDAY.toISOString(),
  };
}

/** Installs and tabs added per chat, as the simulator counted them. */
function counts(setup: Setup, chats: string[]): Array<{ installs: number; tabsAdded: number }> {
  return chats.map((chatId) => {
    const { installs, tabsAdded } = setup.harness.simulator.chatApps.state(chatId);
    return { installs, tabsAdded };
  });
}
/** Every Graph call to chats' apps and tabs since the log was last cleared, by chat, sorted. */
function chatCalls(setup: Setup): string[] {
  return setup.harness.simulator
    .requestLog()
    .flatMap((r) => {
      const match = /^\/v1\.0\/chats\/([^/]+)\/(installedApps|tabs)/.exec(r.path);
      return match ? [`${r.method} ${decodeURIComponent(match[1] ?? '')}/${match[2]} ${r.status}`] : [];
    })
    .sort();
}
const once = (n: number) => Array.from({ length: n }, () => ({ installs: 1, tabsAdded: 1 }));
const installedOnly = (n: number) => Array.from({ length: n }, () => ({ installs: 1, tabsAdded: 0 }));
const never = (n: number) => Array.from({ length: n }, () => ({ installs: 0, tabsAdded: 0 }));

/** The Graph writes to chats' apps and tabs since the log was last cleared. */
function chatWrites(setup: Setup): string[] {
  return setup.harness.simulator
    .requestLog()
    .filter((r) => r.method === 'POST' && /^\/v1\.0\/chats\//.test(r.path))
    .map((r) => `${r.path.endsWith('/tabs') ? 'tab' : 'install'} ${r.status}`);
}

describe('a manager who turned it on', () => {
  let setup: Setup;
  beforeAll(async () => {
    setup = await setUp([0]);
  });
  afterAll(() => setup?.harness.close());

  it('gets Candor installed in each due 1:1 chat with its tab pinned as the configuration page saves it, once', async () => {
    const report = await setup.harness.scan();
    const due = setup.dueChats.length;
    expect(report.attach).toMatchObject({ attached: due, retryLater: 0 });
    expect(counts(setup, setup.dueChats)).toEqual(once(due));
    for (const chatId of setup.dueChats) {
      const state = setup.harness.simulator.chatApps.state(chatId);
      expect(state.apps).toEqual([DEMO_TEAMS_CATALOG_APP_ID]);
      expect(state.tabs).toEqual([
        expect.objectContaining({
          displayName: 'Candor',
          appId: DEMO_TEAMS_CATALOG_APP_ID,
          configuration: {
            entityId: 'candor-board',
            contentUrl: `${FORM_BASE_URL}/`,
            websiteUrl: `${FORM_BASE_URL}/`,
            removeUrl: null,
          },
        }),
      ]);
    }
    // The other manager did not turn it on; nobody else's chats are touched.
    expect(counts(setup, setup.otherChats)).toEqual(never(setup.otherChats.length));

    setup.harness.simulator.clearRequestLog();
    for (let n = 0; n < 3; n++) {
      setup.clock.advance(15 * 60_000);
      expect((await setup.harness.scan()).attach).toMatchObject({ attached: 0, done: due });
    }
    expect(chatWrites(setup)).toEqual([]);
    expect(counts(setup, setup.dueChats)).toEqual(once(due));
  });
});

describe('a manager who turned it on and status requests off', () => {
  it('gets Candor in each due 1:1 chat all the same, and no status request goes out', async () => {
    const setup = await setUp([0], { statusRequests: false });
    try {
      const report = await setup.harness.scan();
      const due = setup.dueChats.length;
      expect(due).toBeGreaterThan(0);
      expect(report).toMatchObject({ managers: 0, due: 0, sent: 0 });
      expect(report.attach).toMatchObject({ attached: due, retryLater: 0 });
      expect(counts(setup, setup.dueChats)).toEqual(once(due));
      expect(counts(setup, setup.otherChats)).toEqual(never(setup.otherChats.length));
      expect(setup.harness.simulator.outbox()).toEqual([]);
    } finally {
      await setup.harness.close();
    }
  });
});

describe('duplicate runs', () => {
  it('two scans at once, then another: one install and one tab per series, long and short join links', async () => {
    const setup = await setUp();
    try {
      await Promise.all([setup.harness.scan(), setup.harness.scan()]);
      await setup.harness.scan();
      const dueKeys = new Set(
        oneOnOnes(setup.tenant.seed)
          .filter((m) => setup.dueChats.includes(m.chatId))
          .map((m) => m.meetingKey),
      );
      const links = setup.tenant.seed.meetings.filter((m) => dueKeys.has(m.key)).map((m) => m.teamsJoinUrl ?? '');
      expect(links.some((l) => l.includes('/meet/'))).toBe(true);
      expect(links.some((l) => l.includes('/meetup-join/'))).toBe(true);
      expect(counts(setup, setup.dueChats)).toEqual(once(setup.dueChats.length));
      expect(counts(setup, setup.otherChats)).toEqual(never(setup.otherChats.length));
    } finally {
      await setup.harness.close();
    }
  });
});

describe('partial failures', () => {
  let setup: Setup;
  beforeEach(async () => {
    setup = await setUp([0]);
  });
  afterEach(() => setup?.harness.close());

  it('install ok and the tab failed: the next run adds only the tab', async () => {
    setup.harness.simulator.faults.add({
      method: 'POST',
      pathPattern: '/tabs$',
      kind: 'status',
      status: 500,
      times: setup.dueChats.length,
    });
    const due = setup.dueChats.length;
    expect((await setup.harness.scan()).attach).toMatchObject({ attached: 0, retryLater: due });
    expect(counts(setup, setup.dueChats)).toEqual(installedOnly(due));

    setup.harness.simulator.clearRequestLog();
    expect((await setup.harness.scan()).attach).toMatchObject({ attached: due });
    expect(chatWrites(setup)).toEqual(setup.dueChats.map(() => 'tab 201'));
    expect(counts(setup, setup.dueChats)).toEqual(once(due));
  });

  it.each([
    ['the install', '/installedApps$'],
    ['the tab', '/tabs$'],
  ])('429 on %s: waits out Retry-After, then finishes', async (_what, pathPattern) => {
    // More 429s than the Graph client retries by itself: the run gives up on the first series it tries.
    setup.harness.simulator.faults.add({
      method: 'POST',
      pathPattern,
      kind: 'status',
      status: 429,
      retryAfterSeconds: 1,
      times: 4,
    });
    const due = setup.dueChats.length;
    expect((await setup.harness.scan()).attach).toMatchObject({ attached: due - 1, retryLater: 1 });

    // Before its Retry-After has passed that series is left alone.
    setup.harness.simulator.clearRequestLog();
    expect((await setup.harness.scan()).attach).toMatchObject({ attached: 0, busy: 1, done: due - 1 });
    expect(chatWrites(setup)).toEqual([]);

    setup.clock.advance(2_000);
    expect((await setup.harness.scan()).attach).toMatchObject({ attached: 1 });
    expect(counts(setup, setup.dueChats)).toEqual(once(due));
  });
});

describe('removed by a person', () => {
  let setup: Setup;
  beforeEach(async () => {
    setup = await setUp([0]);
  });
  afterEach(() => setup?.harness.close());

  it('a tab unpinned after Candor attached itself is never pinned again', async () => {
    await setup.harness.scan();
    for (const chatId of setup.dueChats) setup.harness.simulator.chatApps.removeByPerson(chatId, 'tab');
    for (let n = 0; n < 3; n++) {
      setup.clock.advance(15 * 60_000);
      await setup.harness.scan();
    }
    expect(counts(setup, setup.dueChats)).toEqual(once(setup.dueChats.length));
    for (const chatId of setup.dueChats) expect(setup.harness.simulator.chatApps.state(chatId).tabs).toEqual([]);
  });

  it("is found at the series' next occurrence with one read of its tabs a day, recorded, and nothing added", async () => {
    await setup.harness.scan();
    const due = setup.dueChats.length;
    const [removed, kept] = [setup.dueChats.slice(0, 1), setup.dueChats.slice(1)];
    for (const chatId of removed) setup.harness.simulator.chatApps.removeByPerson(chatId, 'tab');

    // A week on, the next occurrences come within the lead time: one look at each attached series' tabs.
    setup.harness.simulator.clearRequestLog();
    setup.clock.advance(7 * 24 * 60 * 60_000);
    expect((await setup.harness.scan()).attach).toMatchObject({
      attached: 0,
      removedByPerson: removed.length,
      done: kept.length,
    });
    expect(chatCalls(setup)).toEqual(setup.dueChats.map((chatId) => `GET ${chatId}/tabs 200`).sort());

    // The rest of that day's scans read nothing more; the removal stays recorded and nothing is added back.
    setup.harness.simulator.clearRequestLog();
    for (let n = 0; n < 3; n++) {
      setup.clock.advance(15 * 60_000);
      expect((await setup.harness.scan()).attach).toMatchObject({ attached: 0, removedByPerson: 0, done: due });
    }
    expect(chatCalls(setup)).toEqual([]);
    setup.clock.advance(7 * 24 * 60 * 60_000);
    await setup.harness.scan();
    expect(chatCalls(setup)).toEqual(kept.map((chatId) => `GET ${chatId}/tabs 200`).sort());
    expect(counts(setup, setup.dueChats)).toEqual(once(due));
    for (const chatId of removed) expect(setup.harness.simulator.chatApps.state(chatId).tabs).toEqual([]);
  });

  it('an app removed before its tab was pinned is recorded as their choice and never added again', async () => {
    setup.harness.simulator.faults.add({
      method: 'POST',
      pathPattern: '/tabs$',
      kind: 'status',
      status: 500,
      times: setup.dueChats.length,
    });
    const due = setup.dueChats.length;
    await setup.harness.scan();
    for (const chatId of setup.dueChats) setup.harness.simulator.chatApps.removeByPerson(chatId, 'app');

    expect((await setup.harness.scan()).attach).toMatchObject({ removedByPerson: due });
    for (let n = 0; n < 2; n++) {
      setup.clock.advance(15 * 60_000);
      expect((await setup.harness.scan()).attach).toMatchObject({ attached: 0, done: due });
    }
    expect(counts(setup, setup.dueChats)).toEqual(installedOnly(due));
    for (const chatId of setup.dueChats) expect(setup.harness.simulator.chatApps.state(chatId).apps).toEqual([]);
  });
});
