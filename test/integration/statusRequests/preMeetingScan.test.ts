import type { SeedMeeting, SentMail } from '@candor/local/simulator/index';
import { startAzurite, type AzuriteHandle } from '@candor/local/azurite';
import { generatedTenantSeed, type GeneratedTenant } from '@candor/local/simulator/generatedTenant';
import { startScanHarness, testClock, type ScanHarness, type TestClock } from '../../support/scanHarness';

/*
 * The pre-meeting scan end to end: real Graph client and $batch against the simulator, real Table Storage
 * (Azurite). Each describe has a tenant of its own. Generated 1:1s of manager i and report j are weekly on weekday
 * 1 + (i + j) % 5 at 08:00–16:30 UTC, so on Monday 2026-11-23 at 06:00 with a 24-hour lead time exactly the pairs
 * with (i + j) % 5 === 0 are due.
 */
jest.setTimeout(90_000);

let azurite: AzuriteHandle;
beforeAll(async () => {
  azurite = await startAzurite();
});
afterAll(async () => {
  await azurite?.stop();
});

const MONDAY = new Date('2026-11-23T06:00:00.000Z');
const HOUR = 3_600_000;
let tenantNumber = 0;

function tenantOf(managers: number): GeneratedTenant {
  tenantNumber += 1;
  return generatedTenantSeed({
    managers,
    now: MONDAY,
    tenantId: `5ca70000-0000-4000-8000-${String(tenantNumber).padStart(12, '0')}`,
  });
}

function dueOnMonday(tenant: GeneratedTenant, managers: number): string[] {
  const due: string[] = [];
  for (let i = 0; i < managers; i++) {
    tenant.reportIdsOf(i).forEach((_, j) => {
      if ((i + j) % 5 === 0) due.push(`m${i}r${j}@generated.example`);
    });
  }
  return due.sort();
}

const recipientsOf = (mails: SentMail[]): string[] =>
  mails.map((m) => m.message.toRecipients?.[0]?.emailAddress?.address ?? '').sort();

async function withHarness(
  tenant: GeneratedTenant,
  clock: TestClock,
  env: Record<string, string> = {},
): Promise<ScanHarness> {
  return startScanHarness({
    azurite,
    seed: tenant.seed,
    clock,
    env: {
      STATUS_ENROLLED_MANAGERS: tenant.managerIds.join(','),
      STATUS_SERVICE_MAILBOX: tenant.serviceMailboxId,
      ...env,
    },
  });
}

/** The seed meeting of a 1:1, and the instant of its occurrence on `date` (YYYY-MM-DD). */
function oneOnOne(tenant: GeneratedTenant, i: number, j: number): SeedMeeting {
  const meeting = tenant.seed.meetings.find((m) => m.key === tenant.oneOnOneKey(i, j));
  if (!meeting) throw new Error('no such 1:1');
  return meeting;
}
function occurrenceOn(meeting: SeedMeeting, date: string): string {
  return `${date}T${(meeting.start.dateTime ?? '').slice(11, 19)}Z`;
}
const at = (iso: string, hours = 0, minutes = 30) => {
  const start = new Date(Date.parse(iso) + hours * HOUR);
  const end = new Date(start.getTime() + minutes * 60_000);
  const local = (d: Date) =>
    d
      .toISOString()
      .replace('Z', '')
      .replace(/\.\d+$/, '.0000000');
  return { start: { dateTime: local(start), timeZone: 'UTC' }, end: { dateTime: local(end), timeZone: 'UTC' } };
};

describe('one request per due 1:1', () => {
  const clock = testClock(MONDAY);
  const tenant = tenantOf(4);
  let harness: ScanHarness;
  beforeAll(async () => {
    harness = await withHarness(tenant, clock);
  });
  afterAll(() => harness?.close());

  it('sends exactly the due ones, from the service mailbox, each once, and nothing on the next scans', async () => {
    const first = await harness.scan();
    expect(first).toMatchObject({
      managers: 4,
      due: dueOnMonday(tenant, 4).length,
      sent: dueOnMonday(tenant, 4).length,
    });
    const mails = harness.simulator.outbox();
    expect(recipientsOf(mails)).toEqual(dueOnMonday(tenant, 4));
    expect(mails.every((m) => m.fromUserId === tenant.serviceMailboxId)).toBe(true);
    for (let n = 0; n < 3; n++) {
      clock.advance(15 * 60_000);
      expect((await harness.scan()).sent).toBe(0);
    }
    expect(harness.simulator.outbox()).toHaveLength(mails.length);
  });

  it('keys each request by the series both calendars share, whether the join link is long or short', async () => {
    // A long link names the chat thread (what every stored claim hashes); a short one only the meeting id.
    const seriesKeyOf = (joinUrl: string): string => {
      const thread = /meetup-join\/([^/]+)/.exec(joinUrl)?.[1];
      return thread ? decodeURIComponent(thread) : `meet:${/\/meet\/(\d+)/.exec(joinUrl)?.[1] ?? ''}`;
    };
    const { claimBaseOf } = await import('@candor/functions/domain/statusRequests');
    const due: Array<[number, number]> = [];
    for (let i = 0; i < 4; i++) tenant.reportIdsOf(i).forEach((_, j) => (i + j) % 5 === 0 && due.push([i, j]));
    const links = due.map(([i, j]) => oneOnOne(tenant, i, j).teamsJoinUrl ?? '');
    expect(links.some((url) => url.includes('/meet/'))).toBe(true);
    expect(links.some((url) => url.includes('/meetup-join/'))).toBe(true);
    for (const [i, j] of due) {
      const meeting = oneOnOne(tenant, i, j);
      const claim = await harness.services.statusRequestClaims.latest({
        tenantId: harness.services.tenantId,
        managerId: tenant.managerIds[i] ?? '',
        reportId: tenant.reportIdsOf(i)[j] ?? '',
        claimBase: claimBaseOf(seriesKeyOf(meeting.teamsJoinUrl ?? ''), occurrenceOn(meeting, '2026-11-23')),
      });
      expect([meeting.key, claim?.state]).toEqual([meeting.key, 'sent']);
    }
  });

  it('reads every calendar and sends every request through $batch', () => {
    const outer = harness.simulator.requestLog().filter((r) => !r.batched);
    expect(outer.length).toBeGreaterThan(0);
    expect(outer.every((r) => r.method === 'POST' && r.path === '/v1.0/$batch')).toBe(true);
  });
});

describe('moved and cancelled meetings', () => {
  const clock = testClock(MONDAY);
  const tenant = tenantOf(3);
  let harness: ScanHarness;
  beforeAll(async () => {
    harness = await withHarness(tenant, clock);
  });
  afterAll(() => harness?.close());

  it('sends a fresh request after a move beyond the lead time, none after a small move or a cancellation', async () => {
    // Cancelled before it was due: (2,3) never gets a request.
    const cancelledEarly = oneOnOne(tenant, 2, 3);
    harness.simulator.upsertMeeting({
      ...cancelledEarly,
      cancelledOccurrences: [occurrenceOn(cancelledEarly, '2026-11-23')],
    });
    const first = await harness.scan();
    const sentFirst = recipientsOf(harness.simulator.outbox());
    expect(sentFirst).toEqual(['m0r0@generated.example', 'm0r5@generated.example', 'm1r4@generated.example']);
    expect(first.sent).toBe(3);

    // (0,0) moves two days later; (0,5) moves three hours later; (1,4) is cancelled after its request went out.
    const far = oneOnOne(tenant, 0, 0);
    const near = oneOnOne(tenant, 0, 5);
    const gone = oneOnOne(tenant, 1, 4);
    harness.simulator.upsertMeeting({
      ...far,
      exceptions: [{ originalStart: occurrenceOn(far, '2026-11-23'), ...at(occurrenceOn(far, '2026-11-23'), 48) }],
    });
    harness.simulator.upsertMeeting({
      ...near,
      exceptions: [{ originalStart: occurrenceOn(near, '2026-11-23'), ...at(occurrenceOn(near, '2026-11-23'), 3) }],
    });
    harness.simulator.upsertMeeting({ ...gone, cancelledOccurrences: [occurrenceOn(gone, '2026-11-23')] });
    clock.advance(HOUR);
    expect((await harness.scan()).sent).toBe(0);

    // A day later the far move is inside its lead time again: one fresh request, for the new time.
    clock.set(new Date(Date.parse(occurrenceOn(far, '2026-11-23')) + 30 * HOUR));
    const later = await harness.scan();
    expect(later.freshAfterMove).toBe(1);
    const mails = harness.simulator.outbox();
    const toFar = mails.filter((m) => m.message.toRecipients?.[0]?.emailAddress?.address === 'm0r0@generated.example');
    expect(toFar).toHaveLength(2);
    expect(toFar[1]?.message.body?.content).toContain('Wednesday, November 25');
    expect(
      mails.filter((m) => m.message.toRecipients?.[0]?.emailAddress?.address === 'm0r5@generated.example'),
    ).toHaveLength(1);
    expect(
      mails.filter((m) => m.message.toRecipients?.[0]?.emailAddress?.address === 'm1r4@generated.example'),
    ).toHaveLength(1);
    expect(mails.some((m) => m.message.toRecipients?.[0]?.emailAddress?.address === 'm2r3@generated.example')).toBe(
      false,
    );
  });

  it('keeps the small move on the claim, so the form closes when the moved meeting starts', async () => {
    const near = oneOnOne(tenant, 0, 5);
    const claim = await harness.services.statusRequestClaims.latest({
      tenantId: harness.services.tenantId,
      managerId: tenant.managerIds[0] ?? '',
      reportId: tenant.reportIdsOf(0)[5] ?? '',
      claimBase: (await import('@candor/functions/domain/statusRequests')).claimBaseOf(
        decodeURIComponent(/meetup-join\/([^/]+)/.exec(near.teamsJoinUrl ?? '')?.[1] ?? ''),
        occurrenceOn(near, '2026-11-23'),
      ),
    });
    expect(claim?.state).toBe('sent');
    expect(claim?.latestStartUtc).toBe(new Date(Date.parse(occurrenceOn(near, '2026-11-23')) + 3 * HOUR).toISOString());
  });
});

describe('exactly once under faults', () => {
  const LEASE_MS = 300_000;

  it('survives latency, 429s inside 200 batches, 503s, lost connections and overlapping firings', async () => {
    const clock = testClock(MONDAY);
    const tenant = tenantOf(10);
    const harness = await withHarness(tenant, clock);
    try {
      const { faults } = harness.simulator;
      faults.setBaseLatency(3);
      faults.add({ kind: 'latency', latencyMs: 5, pathPattern: '/sendMail$' });
      faults.add({ kind: 'status', status: 429, retryAfterSeconds: 0, pathPattern: '/sendMail$', times: 4 });
      faults.add({ kind: 'status', status: 503, retryAfterSeconds: 0, pathPattern: '/calendarView$', times: 3 });
      faults.add({ kind: 'status', status: 503, retryAfterSeconds: 0, pathPattern: '/sendMail$', times: 2 });
      faults.add({ kind: 'drop', afterEffect: true, pathPattern: '/sendMail$', times: 2 });
      faults.add({ kind: 'drop', pathPattern: '/\\$batch$', times: 2 });
      faults.add({ kind: 'status', status: 429, retryAfterSeconds: 0, pathPattern: '/\\$batch$', times: 2 });
      for (let round = 0; round < 8; round++) {
        // Two firings at once (an overlapping timer), then time passes beyond the claims' lease.
        await Promise.all([harness.scan(), harness.scan()]);
        clock.advance(LEASE_MS + 1000);
      }
      expect(recipientsOf(harness.simulator.outbox())).toEqual(dueOnMonday(tenant, 10));
      // The faults did happen: throttled requests inside 200 batches, and lost connections.
      const log = harness.simulator.requestLog();
      expect(log.some((r) => r.batched && r.status === 429)).toBe(true);
      expect(log.some((r) => r.status === 0)).toBe(true);
    } finally {
      await harness.close();
    }
  });

  it('retries a throttled send inside a 200 batch after its own Retry-After, in the same scan', async () => {
    const clock = testClock(MONDAY);
    const tenant = tenantOf(3);
    const harness = await withHarness(tenant, clock);
    try {
      harness.simulator.faults.add({
        kind: 'status',
        status: 429,
        retryAfterSeconds: 0,
        pathPattern: '/sendMail$',
        times: 2,
      });
      const report = await harness.scan();
      expect(report.sent).toBe(4);
      const sends = harness.simulator.requestLog().filter((r) => r.path.endsWith('/sendMail'));
      expect(sends.map((r) => r.status).sort()).toEqual([202, 202, 202, 202, 429, 429]);
      expect(sends.every((r) => r.batched)).toBe(true);
      expect(recipientsOf(harness.simulator.outbox())).toEqual(dueOnMonday(tenant, 3));
    } finally {
      await harness.close();
    }
  });

  it('a crash between claim and send: nothing is sent until the lease ends, then each request once', async () => {
    const clock = testClock(MONDAY);
    const tenant = tenantOf(3);
    const harness = await withHarness(tenant, clock);
    try {
      const crash = new Error('process died');
      await expect(
        harness.scan({
          afterClaim: () => {
            throw crash;
          },
        }),
      ).rejects.toBe(crash);
      expect(harness.simulator.outbox()).toHaveLength(0);
      // Another firing while the dead scan's lease runs: the claims are not its to take.
      expect((await harness.scan()).busyElsewhere).toBe(4);
      expect(harness.simulator.outbox()).toHaveLength(0);
      clock.advance(LEASE_MS + 1000);
      const recovered = await harness.scan();
      expect(recovered.sent).toBe(4);
      // It was never marked `sending`, so nothing needed settling in Sent Items.
      expect(harness.simulator.requestLog().some((r) => r.path.includes('/mailFolders/SentItems/messages'))).toBe(
        false,
      );
      clock.advance(LEASE_MS + 1000);
      await harness.scan();
      expect(recipientsOf(harness.simulator.outbox())).toEqual(dueOnMonday(tenant, 3));
    } finally {
      await harness.close();
    }
  });

  it('a crash after the send and before recording it: the next scan finds it in Sent Items and sends nothing', async () => {
    const clock = testClock(MONDAY);
    const tenant = tenantOf(3);
    const harness = await withHarness(tenant, clock);
    try {
      await expect(
        harness.scan({
          afterSend: () => {
            throw new Error('process died');
          },
        }),
      ).rejects.toThrow('process died');
      expect(harness.simulator.outbox()).toHaveLength(4);
      clock.advance(LEASE_MS + 1000);
      const settled = await harness.scan();
      expect(settled).toMatchObject({ settledAsSent: 4, sent: 0 });
      clock.advance(LEASE_MS + 1000);
      await harness.scan();
      expect(recipientsOf(harness.simulator.outbox())).toEqual(dueOnMonday(tenant, 3));
    } finally {
      await harness.close();
    }
  });

  it('a send whose outcome is unknown (connection lost after it went out) is settled, not repeated', async () => {
    const clock = testClock(MONDAY);
    const tenant = tenantOf(3);
    const harness = await withHarness(tenant, clock);
    try {
      harness.simulator.faults.add({ kind: 'drop', afterEffect: true, pathPattern: '/sendMail$', times: 1 });
      const first = await harness.scan();
      expect(first.unknownOutcome).toBe(4);
      expect(harness.simulator.outbox()).toHaveLength(4);
      clock.advance(LEASE_MS + 1000);
      expect(await harness.scan()).toMatchObject({ settledAsSent: 4, sent: 0 });
      expect(recipientsOf(harness.simulator.outbox())).toEqual(dueOnMonday(tenant, 3));
    } finally {
      await harness.close();
    }
  });
});
