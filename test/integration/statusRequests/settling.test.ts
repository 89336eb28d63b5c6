import type { SentMail } from '@candor/local/simulator/index';
import { startAzurite, type AzuriteHandle } from '@candor/local/azurite';
import { generatedTenantSeed, type GeneratedTenant } from '@candor/local/simulator/generatedTenant';
import { startScanHarness, testClock, type ScanHarness, type TestClock } from '../../support/scanHarness';

/*
 * Settling ends, and sends are paced: the real scan against the simulator's Exchange transport (Sent Items lags a
 * send; a mailbox over 30 messages a minute holds the rest in its Outbox), on a clock the test moves. Generated
 * 1:1s of manager i and report j are due on Monday 2026-11-23 at 06:00 exactly when (i + j) % 5 === 0.
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
const MINUTE = 60_000;
const LEASE_MS = 300_000;
/** The default settling window: "not in Sent Items" counts only this long after the attempt. */
const SETTLING_MS = 15 * MINUTE;
let tenantNumber = 0;

function tenantOf(managers: number, reportsPerManager?: number): GeneratedTenant {
  tenantNumber += 1;
  return generatedTenantSeed({
    managers,
    now: MONDAY,
    otherMeetingsPerWeek: 2,
    ...(reportsPerManager ? { reportsPerManager } : {}),
    tenantId: `5e771e00-0000-4000-8000-${String(tenantNumber).padStart(12, '0')}`,
  });
}

async function withHarness(tenant: GeneratedTenant, clock: TestClock): Promise<ScanHarness> {
  return startScanHarness({
    azurite,
    seed: tenant.seed,
    clock,
    env: { STATUS_ENROLLED_MANAGERS: tenant.managerIds.join(','), STATUS_SERVICE_MAILBOX: tenant.serviceMailboxId },
  });
}

const recipientsOf = (mails: SentMail[]): string[] =>
  mails.map((m) => m.message.toRecipients?.[0]?.emailAddress?.address ?? '').sort();
const dueOf = (tenant: GeneratedTenant, managers: number): string[] =>
  Array.from({ length: managers }, (_, i) =>
    tenant.reportIdsOf(i).flatMap((_, j) => ((i + j) % 5 === 0 ? [`m${i}r${j}@generated.example`] : [])),
  )
    .flat()
    .sort();
const sentItemsLookups = (harness: ScanHarness) =>
  harness.simulator
    .requestLog()
    .filter((r) => r.method === 'GET' && r.path.includes('/mailFolders/SentItems/messages'));

describe('an unknown send is settled within the bound', () => {
  it('found late in Sent Items (after a lookup that missed it): settled as sent, one mail each', async () => {
    const clock = testClock(MONDAY);
    const tenant = tenantOf(3);
    const harness = await withHarness(tenant, clock);
    try {
      // Exchange saves the copy 8 minutes after the send: longer than the lease, inside the settling window.
      harness.simulator.mail.sentItemsDelaySeconds = 8 * 60;
      harness.simulator.faults.add({ kind: 'drop', afterEffect: true, pathPattern: '/sendMail$', times: 1 });
      expect((await harness.scan()).unknownOutcome).toBe(4);
      expect(harness.simulator.outbox()).toHaveLength(4);

      clock.advance(LEASE_MS + 1000);
      expect(await harness.scan()).toMatchObject({ settledAsSent: 0, decidedUnsent: 0, sent: 0, retryLater: 4 });
      // Each lookup is bounded to the attempt's sentDateTime range.
      const lookups = sentItemsLookups(harness);
      expect(lookups).toHaveLength(4);
      for (const lookup of lookups) {
        expect(lookup.query).toMatch(
          /\$filter=sentDateTime ge \S+Z and sentDateTime le \S+Z and singleValueExtendedProperties/,
        );
      }

      clock.advance(LEASE_MS + 1000);
      expect(await harness.scan()).toMatchObject({ settledAsSent: 4, sent: 0 });
      clock.advance(SETTLING_MS);
      await harness.scan();
      expect(recipientsOf(harness.simulator.outbox())).toEqual(dueOf(tenant, 3));
    } finally {
      await harness.close();
    }
  });

  it('never found: once the settling window is over it is decided not sent and sent again, once', async () => {
    const clock = testClock(MONDAY);
    const tenant = tenantOf(3);
    const harness = await withHarness(tenant, clock);
    try {
      // The connection of the round's `$batch` drops at one sendMail before Exchange got it: the others left, that
      // one did not and will never show up; all four outcomes are unknown.
      harness.simulator.faults.add({ kind: 'drop', afterEffect: false, pathPattern: '/sendMail$', times: 1 });
      expect((await harness.scan()).unknownOutcome).toBe(4);
      const left = harness.simulator.outbox().length;
      expect(left).toBeLessThan(4);

      clock.advance(LEASE_MS + 1000);
      expect(await harness.scan()).toMatchObject({
        settledAsSent: left,
        decidedUnsent: 0,
        sent: 0,
        retryLater: 4 - left,
      });
      expect(harness.simulator.outbox()).toHaveLength(left);

      clock.advance(SETTLING_MS);
      expect(await harness.scan()).toMatchObject({ decidedUnsent: 4 - left, sent: 4 - left });
      for (let i = 0; i < 3; i++) {
        clock.advance(LEASE_MS + 1000);
        expect(await harness.scan()).toMatchObject({ sent: 0, decidedUnsent: 0 });
      }
      expect(recipientsOf(harness.simulator.outbox())).toEqual(dueOf(tenant, 3));
    } finally {
      await harness.close();
    }
  });
});

describe('sends from the service mailbox are paced', () => {
  it('100 due requests go out in one scan, never more than 30 a minute, none held by Exchange’s limit', async () => {
    const clock = testClock(MONDAY);
    const tenant = tenantOf(50, 10);
    const harness = await withHarness(tenant, clock);
    try {
      const report = await harness.scan();
      expect(report.sent).toBe(100);
      expect(harness.simulator.mail.heldInOutbox()).toBe(0);
      const mails = harness.simulator.outbox();
      expect(new Set(mails.map((m) => m.fromUserId))).toEqual(new Set([tenant.serviceMailboxId]));
      expect(recipientsOf(mails)).toEqual(dueOf(tenant, 50));
      const sentAt = mails.map((m) => Date.parse(m.message.sentDateTime ?? ''));
      for (const at of sentAt) expect(sentAt.filter((t) => t > at - MINUTE && t <= at).length).toBeLessThanOrEqual(30);
    } finally {
      await harness.close();
    }
  });
});
