import { CHAT_CONCURRENCY } from '@candor/functions/jobs/chatStatusRequests';
import { runPreMeetingScan, type ScanReport } from '@candor/functions/jobs/preMeetingScan';
import { preMeetingScanDeps } from '@candor/functions/composition/statusRequests';
import type { Services } from '@candor/functions/composition';
import { startAzurite, type AzuriteHandle } from '@candor/local/azurite';
import type { Simulator } from '@candor/local/simulator/index';
import { API_CLIENT_ID } from '@candor/local/simulator/demoTenant';
import { generatedTenantSeed, type GeneratedTenant } from '@candor/local/simulator/generatedTenant';
import { personalChatId } from '@candor/local/simulator/graphTeamwork';
import { botSettingsOf, startScanHarness, testClock, type TestClock } from '../../support/scanHarness';

/*
 * Exactly one chat card per due 1:1 under duplicate firings and injected faults: the real scan, the real
 * Teams SDK posting to the simulator's Bot Connector, Graph's app installation, claims in Azurite. Every report
 * chose chat, so no email may go out. Counted on the Bot Connector's own log: accepted POSTs per conversation.
 * Generated 1:1s of manager i and report j fall due on Monday 06:00 exactly when (i + j) % 5 === 0.
 */
jest.setTimeout(120_000);

const MONDAY = new Date('2026-11-23T06:00:00.000Z');
const LEASE_SECONDS = 300;
let azurite: AzuriteHandle;
let tenantNumber = 0;

beforeAll(async () => {
  azurite = await startAzurite();
});
afterAll(async () => {
  await azurite?.stop();
});

interface ChatHarness {
  simulator: Simulator;
  services: Services;
  tenant: GeneratedTenant;
  clock: TestClock;
  scan(hooks?: ChatHooks): Promise<ScanReport>;
  /** Accepted card posts per report (only reports that got at least one). */
  cardsPerReport(): Map<string, number>;
  dueReports(): string[];
  close(): Promise<void>;
}

async function startChatHarness(managers: number): Promise<ChatHarness> {
  tenantNumber += 1;
  const tenant = generatedTenantSeed({
    managers,
    now: MONDAY,
    tenantId: `c4a70000-0000-4000-8000-${String(tenantNumber).padStart(12, '0')}`,
  });
  const clock = testClock(MONDAY);
  const { simulator, services } = await startScanHarness({
    azurite,
    seed: tenant.seed,
    clock,
    env: (sim) => ({
      STATUS_CLAIM_LEASE_SECONDS: String(LEASE_SECONDS),
      STATUS_ENROLLED_MANAGERS: tenant.managerIds.join(','),
      STATUS_SERVICE_MAILBOX: tenant.serviceMailboxId,
      ...botSettingsOf(sim),
    }),
  });
  const reports = tenant.managerIds.flatMap((_, i) => tenant.reportIdsOf(i));
  for (const id of reports) await services.statusChannels.saveChoice(simulator.tenantId, id, 'chat');
  const chatOf = new Map(reports.map((id) => [personalChatId(id, API_CLIENT_ID), id]));
  return {
    simulator,
    services,
    tenant,
    clock,
    scan: (hooks?: ChatHooks) =>
      runPreMeetingScan({ ...preMeetingScanDeps(services), ...withChatHooks(services, hooks) }),
    cardsPerReport: () => {
      const counts = new Map<string, number>();
      for (const entry of simulator.bot.connectorLog()) {
        if (entry.method !== 'POST' || entry.status !== 200) continue;
        const report = chatOf.get(entry.conversationId);
        if (report) counts.set(report, (counts.get(report) ?? 0) + 1);
      }
      return counts;
    },
    dueReports: () =>
      tenant.managerIds.flatMap((_, i) => tenant.reportIdsOf(i).filter((__, j) => (i + j) % 5 === 0)).sort(),
    close: () => simulator.close(),
  };
}

function withChatHooks(services: Services, hooks: ChatHooks | undefined) {
  const deps = preMeetingScanDeps(services);
  if (!hooks || !deps.chat) return {};
  const chat = { ...deps.chat, hooks: { afterChatClaim: () => hooks.afterChatClaim?.() } };
  if (hooks.crashAfterPosts === undefined) return { chat };
  // The process dies once the Bot Connector took `crashAfterPosts` cards: posts already on the wire still land, but
  // nothing the run does afterwards (a new post, a claim write) happens any more.
  const limit = hooks.crashAfterPosts;
  let posted = 0;
  const alive = (): void => {
    if (posted >= limit) throw new Error('crash');
  };
  const delivery = deps.chat.delivery;
  const send: typeof delivery.send = async (conversationId, card) => {
    alive();
    const outcome = await delivery.send(conversationId, card);
    posted++;
    return outcome;
  };
  const claims = new Proxy(deps.claims, {
    get(target, name, receiver) {
      const member: unknown = Reflect.get(target, name, receiver);
      if (typeof member !== 'function') return member;
      return (...args: unknown[]): unknown => {
        alive();
        return (member as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return { claims, chat: { ...chat, delivery: { ...delivery, send } } };
}

interface ChatHooks {
  afterChatClaim?(): void;
  crashAfterPosts?: number;
}

const exactlyOnce = (harness: ChatHarness): void => {
  const counts = harness.cardsPerReport();
  expect([...counts.keys()].sort()).toEqual(harness.dueReports());
  expect([...counts.values()].every((n) => n === 1)).toBe(true);
  // Everyone chose chat: the email path sent nothing.
  expect(harness.simulator.outbox()).toHaveLength(0);
};

describe('duplicate firings', () => {
  let harness: ChatHarness;
  beforeAll(async () => {
    harness = await startChatHarness(4);
  });
  afterAll(() => harness?.close());

  it('three overlapping scans and three later ones post one card per due 1:1 and no email', async () => {
    const reports = await Promise.all([harness.scan(), harness.scan(), harness.scan()]);
    const sent = reports.reduce((n, r) => n + (r.chat?.sent ?? 0), 0);
    expect(sent).toBe(harness.dueReports().length);
    for (let n = 0; n < 3; n++) {
      harness.clock.advance(15 * 60_000);
      expect((await harness.scan()).chat?.sent).toBe(0);
    }
    exactlyOnce(harness);
    // Each person's chat was found through Graph's app installation once, then read from the table.
    const installs = harness.simulator
      .requestLog()
      .filter((r) => r.method === 'POST' && /\/teamwork\/installedApps$/.test(r.path));
    expect(installs).toHaveLength(harness.dueReports().length);
  });
});

describe('injected faults', () => {
  let harness: ChatHarness;
  beforeAll(async () => {
    harness = await startChatHarness(4);
  });
  afterAll(() => harness?.close());

  it('429 and 503 from the Bot Connector are retried by the next scan (a 503 from Graph by the Graph client); one card each', async () => {
    harness.simulator.faults.add({
      target: 'bot',
      kind: 'status',
      status: 429,
      retryAfterSeconds: 1,
      method: 'POST',
      pathPattern: '/activities$',
      times: 2,
    });
    harness.simulator.faults.add({
      target: 'bot',
      kind: 'status',
      status: 503,
      method: 'POST',
      pathPattern: '/activities$',
      times: 1,
    });
    harness.simulator.faults.add({
      kind: 'status',
      status: 503,
      method: 'POST',
      pathPattern: '/teamwork/installedApps$',
      times: 1,
    });
    const first = await harness.scan();
    expect(first.chat).toMatchObject({ retryLater: 3, sent: harness.dueReports().length - 3 });
    harness.clock.advance(60_000);
    const second = await harness.scan();
    expect(second.chat).toMatchObject({ sent: 3, retryLater: 0 });
    exactlyOnce(harness);
    const refused = harness.simulator.bot.connectorLog().filter((e) => e.status !== 200);
    expect(refused.map((e) => e.status).sort()).toEqual([429, 429, 503]);
  });
});

describe('crashes', () => {
  let harness: ChatHarness;
  beforeAll(async () => {
    harness = await startChatHarness(4);
  });
  afterAll(() => harness?.close());

  it('a scan that dies after claiming sends nothing; after the lease the next one sends each card once', async () => {
    await expect(
      harness.scan({
        afterChatClaim: () => {
          throw new Error('crash');
        },
      }),
    ).rejects.toThrow('crash');
    expect(harness.cardsPerReport().size).toBe(0);
    harness.clock.advance(60_000);
    expect((await harness.scan()).chat).toMatchObject({ sent: 0, busyElsewhere: harness.dueReports().length });
    harness.clock.advance(LEASE_SECONDS * 1000);
    expect((await harness.scan()).chat?.sent).toBe(harness.dueReports().length);
    exactlyOnce(harness);
  });
});

describe('a crash between two posts', () => {
  let harness: ChatHarness;
  beforeAll(async () => {
    // Far more due cards than the job posts at once, so most have not started when the process dies.
    harness = await startChatHarness(25);
  });
  afterAll(() => harness?.close());

  it('a scan that dies after its first card strands at most the cards in flight; the rest are posted once after the lease', async () => {
    const due = harness.dueReports();
    expect(due.length).toBeGreaterThan(3 * CHAT_CONCURRENCY);
    await expect(harness.scan({ crashAfterPosts: 1 })).rejects.toThrow('crash');
    harness.clock.advance((LEASE_SECONDS + 60) * 1000);
    await harness.scan();
    const counts = harness.cardsPerReport();
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
    // A card marked `sending` whose post had not left when the process died is never posted (chat cannot tell it
    // from one that was): only the few in flight may be stranded, never the whole round.
    expect(due.length - counts.size).toBeLessThan(CHAT_CONCURRENCY);
  });
});

describe('lost connections', () => {
  let harness: ChatHarness;
  beforeAll(async () => {
    harness = await startChatHarness(4);
  });
  afterAll(() => harness?.close());

  it('a card whose answer was lost after it was posted is never posted again (at most one; no idempotency key exists)', async () => {
    harness.simulator.faults.add({
      target: 'bot',
      kind: 'drop',
      afterEffect: true,
      method: 'POST',
      pathPattern: '/activities$',
      times: 1,
    });
    const first = await harness.scan();
    expect(first.chat).toMatchObject({ unknownOutcome: 1, sent: harness.dueReports().length - 1 });
    harness.clock.advance((LEASE_SECONDS + 60) * 1000);
    const second = await harness.scan();
    // The takeover finds it `sending`: it records the unknown outcome and does not resend.
    expect(second.chat).toMatchObject({ sent: 0, unknownOutcome: 1 });
    harness.clock.advance(15 * 60_000);
    expect((await harness.scan()).chat).toMatchObject({ sent: 0, unknownOutcome: 0 });
    exactlyOnce(harness);
  });
});
