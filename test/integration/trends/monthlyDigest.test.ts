import type { SentMail } from '@candor/local/simulator/index';
import { startAzurite, type AzuriteHandle } from '@candor/local/azurite';
import { generatedTenantSeed, type GeneratedTenant } from '@candor/local/simulator/generatedTenant';
import {
  monthlyDigestDeps,
  runMonthlyDigest,
  type DigestHooks,
  type DigestReport,
} from '@candor/functions/jobs/monthlyDigest';
import { CLAIM_PROPERTY_ID } from '@candor/functions/graph/mailGateway';
import { pairPartitionKey } from '@candor/functions/store/keys';
import { digestClaimIdOf } from '@candor/functions/store/digestClaimStore';
import { DEMO_TEAMS_CATALOG_APP_ID } from '@candor/local/simulator/demoTenant';
import { startScanHarness, testClock, type ScanHarness, type TestClock } from '../../support/scanHarness';

/*
 * The monthly digest end to end: the real job, real Graph client and $batch against the simulator, real Table
 * Storage (Azurite), trend rows written by the real trend recorder. Every test has a tenant of its own. What is
 * counted is the simulator's outbox: what a mailbox would really have received.
 */
jest.setTimeout(120_000);

let azurite: AzuriteHandle;
beforeAll(async () => {
  azurite = await startAzurite();
});
afterAll(async () => {
  await azurite?.stop();
});

/** Tuesday 1 December 2026 is December's first working day; the digest looks back on November. */
const FIRST_WORKING_DAY = new Date('2026-12-01T07:00:00.000Z');
const LEASE_MS = 300_000;
const HOSTILE = '<script>alert("digest")</script> Book the design course';
let tenantNumber = 0;

function tenantOf(managers: number): GeneratedTenant {
  tenantNumber += 1;
  return generatedTenantSeed({
    managers,
    reportsPerManager: 3,
    otherMeetingsPerWeek: 0,
    now: FIRST_WORKING_DAY,
    tenantId: `d16e5700-0000-4000-8000-${String(tenantNumber).padStart(12, '0')}`,
  });
}

async function harnessFor(tenant: GeneratedTenant, clock: TestClock): Promise<ScanHarness> {
  return startScanHarness({
    azurite,
    seed: tenant.seed,
    clock,
    env: {
      STATUS_ENROLLED_MANAGERS: tenant.managerIds.join(','),
      STATUS_SERVICE_MAILBOX: tenant.serviceMailboxId,
      // The app's id in the organization's catalog, as the bot installs itself with it: the digest links from it too.
      BOT_TEAMS_APP_ID: DEMO_TEAMS_CATALOG_APP_ID,
    },
  });
}

const digest = (harness: ScanHarness, hooks?: DigestHooks): Promise<DigestReport> =>
  runMonthlyDigest(monthlyDigestDeps(harness.services, hooks ? { hooks } : {}));

const managerAddresses = (count: number): string[] =>
  Array.from({ length: count }, (_, i) => `m${i}@generated.example`).sort();

function digestsOf(harness: ScanHarness, monthName: string): SentMail[] {
  return harness.simulator.outbox().filter((m) => m.message.subject?.startsWith(`Your 1:1s in ${monthName}`));
}
const recipientsOf = (mails: SentMail[]): string[] =>
  mails.map((m) => m.message.toRecipients?.[0]?.emailAddress?.address ?? '').sort();

describe('which day', () => {
  it('sends nothing on a day that is not the first working day, and reads no mail or directory for it', async () => {
    const clock = testClock(new Date('2026-12-02T07:00:00.000Z'));
    const tenant = tenantOf(2);
    const harness = await harnessFor(tenant, clock);
    try {
      for (const day of [
        '2026-12-02T07:00:00.000Z',
        '2026-11-30T09:00:00.000Z',
        '2027-01-02T07:00:00.000Z',
        '2026-11-01T07:00:00.000Z',
      ]) {
        clock.set(new Date(day));
        expect(await digest(harness)).toMatchObject({ firstWorkingDay: false, claimed: 0, sent: 0 });
      }
      expect(harness.simulator.outbox()).toHaveLength(0);
      expect(harness.simulator.requestLog()).toHaveLength(0);
    } finally {
      await harness.close();
    }
  });

  it("sends one digest per enrolled manager on the first working day, none on re-runs, and the next month's a month later", async () => {
    const clock = testClock(FIRST_WORKING_DAY);
    const tenant = tenantOf(3);
    const harness = await harnessFor(tenant, clock);
    try {
      // Manager 2 opted out through the enrolment API: configuration enrols, the manager's own choice wins.
      await harness.services.enrolments.save(harness.services.tenantId, {
        managerId: tenant.managerIds[2] ?? '',
        enrolled: false,
        leadTimeMinutes: null,
        sendFromManagerMailbox: false,
        pairLeadTimeMinutes: {},
        attachToOneOnOnes: false,
        prepEnabled: false,
        prepMinutesBefore: 30,
        updatedAt: FIRST_WORKING_DAY.toISOString(),
      });
      expect(await digest(harness)).toMatchObject({ month: '2026-11', firstWorkingDay: true, managers: 2, sent: 2 });
      expect(recipientsOf(digestsOf(harness, 'November 2026'))).toEqual(managerAddresses(2));
      // The timer fires every hour of the day and on the days after: nothing more.
      for (const later of [
        '2026-12-01T08:00:00.000Z',
        '2026-12-01T23:00:00.000Z',
        '2026-12-02T07:00:00.000Z',
        '2026-12-07T23:00:00.000Z',
      ]) {
        clock.set(new Date(later));
        expect((await digest(harness)).sent).toBe(0);
      }
      expect(harness.simulator.outbox()).toHaveLength(2);

      // 1 January 2027 is a Friday: December's digest, once.
      clock.set(new Date('2027-01-01T07:00:00.000Z'));
      expect(await digest(harness)).toMatchObject({ month: '2026-12', sent: 2 });
      clock.set(new Date('2027-01-01T09:00:00.000Z'));
      expect((await digest(harness)).sent).toBe(0);
      expect(recipientsOf(digestsOf(harness, 'December 2026'))).toEqual(managerAddresses(2));
      expect(harness.simulator.outbox()).toHaveLength(4);
      // From the service mailbox (no manager chose their own), each carrying its claim id.
      const mails = harness.simulator.outbox();
      expect(mails.every((m) => m.fromUserId === tenant.serviceMailboxId)).toBe(true);
      const claimIds = mails
        .map(
          (m) =>
            (m.singleValueExtendedProperties ?? m.message.singleValueExtendedProperties)?.find(
              (p) => p.id === CLAIM_PROPERTY_ID,
            )?.value,
        )
        .sort();
      expect(claimIds).toEqual(
        ['2026-11', '2026-12']
          .flatMap((month) => tenant.managerIds.slice(0, 2).map((id) => digestClaimIdOf(id, month)))
          .sort(),
      );
    } finally {
      await harness.close();
    }
  });
});

describe('what a digest says', () => {
  it("lists each current report with the month's signals and open commitments, escaped, with one link to the trend tab", async () => {
    const clock = testClock(FIRST_WORKING_DAY);
    const tenant = tenantOf(1);
    const harness = await harnessFor(tenant, clock);
    try {
      const { services } = harness;
      const managerId = tenant.managerIds[0] ?? '';
      const [first, second, third] = tenant.reportIdsOf(0);
      if (!first || !second || !third) throw new Error('three reports expected');
      // Report 0-0: a commitment made in November, due on the 20th and still open (fires "open past due").
      const pair = { tenantId: services.tenantId, managerId, reportId: first };
      await services.commitments.create(pairPartitionKey(services.tenantId, managerId, first), {
        id: '0f6b7a52-8d3c-4c1e-9a57-2d4b1e6f9a10',
        text: HOSTILE,
        dueDate: '2026-11-20',
        status: 'open',
        fromSupportAsk: true,
        createdIn: '20261104T0900Z-0123456789abcdef',
        createdAt: '2026-11-04T09:40:00.000Z',
        createdBy: managerId,
        closedIn: null,
        closedAt: null,
        revision: 1,
      });
      await services.trendRecorder.recordCommitments(pair);
      // Report 0-1: two November 1:1s on the calendar that nobody held (fires "repeatedly skipped").
      for (const day of ['11', '18']) {
        await services.trendRecorder.recordScheduled(
          { tenantId: services.tenantId, managerId, reportId: second },
          {
            occurrenceId: `202611${day}T1000Z-fedcba9876543210`,
            start: `2026-11-${day}T10:00:00.000Z`,
            end: `2026-11-${day}T10:30:00.000Z`,
            cancelled: false,
          },
        );
      }
      // Report 0-2 keeps mood and life load to themselves (nothing of either reaches a digest in any case).
      await services.trendSharing.save(
        services.tenantId,
        third,
        { shareMood: false, shareLifeLoad: false, shareEnergy: true, shareDrain: true, calendarLoad: true },
        managerId,
      );

      expect((await digest(harness)).sent).toBe(1);
      const [mail] = digestsOf(harness, 'November 2026');
      const html = mail?.message.body?.content ?? '';
      expect(mail?.message.subject).toBe('Your 1:1s in November 2026: 2 things worth a look');
      expect(mail?.message.body?.contentType).toBe('html');
      for (const name of ['Report 0-0', 'Report 0-1', 'Report 0-2']) expect(html).toContain(`>${name}</h2>`);
      expect(html).toContain('Support asks or blockers open past due');
      expect(html).toContain('1:1s repeatedly skipped');
      expect(html).toContain('0 of 2 1:1s held in November 2026.');
      // The hostile commitment is text, never markup.
      expect(html).not.toContain('<script>');
      expect(html).toContain(
        '&lt;script&gt;alert(&quot;digest&quot;)&lt;/script&gt; Book the design course (open 26 days, due Friday, November 20, overdue)',
      );
      // The one link: Teams' personal-tab deep link, built from the configured catalog app id and the manifest's tab.
      expect(html.match(/<a href=/g)).toHaveLength(1);
      expect(html).toContain(
        `href="https://teams.microsoft.com/l/entity/${DEMO_TEAMS_CATALOG_APP_ID}/candor-trends?tenantId=${services.tenantId}"`,
      );
      expect(html).not.toMatch(/mood|life load|notShared|performance|rating|evaluation/i);
    } finally {
      await harness.close();
    }
  });
});

describe('exactly once under faults', () => {
  it('two firings at once, 429s and 503s from sendMail, throttled and lost batches: one digest per manager', async () => {
    const clock = testClock(FIRST_WORKING_DAY);
    const tenant = tenantOf(6);
    const harness = await harnessFor(tenant, clock);
    try {
      const { faults } = harness.simulator;
      faults.setBaseLatency(2);
      faults.add({ kind: 'status', status: 429, retryAfterSeconds: 0, pathPattern: '/sendMail$', times: 3 });
      faults.add({ kind: 'status', status: 503, retryAfterSeconds: 0, pathPattern: '/sendMail$', times: 2 });
      faults.add({ kind: 'drop', afterEffect: true, pathPattern: '/sendMail$', times: 1 });
      faults.add({
        kind: 'status',
        status: 503,
        retryAfterSeconds: 0,
        pathPattern: '/directReports|/users/[^/]+$',
        times: 1,
      });
      faults.add({ kind: 'status', status: 429, retryAfterSeconds: 0, pathPattern: '/\\$batch$', times: 2 });
      faults.add({ kind: 'drop', pathPattern: '/\\$batch$', times: 1 });
      for (let round = 0; round < 6; round++) {
        // Two firings at once (an overlapping timer), then time passes beyond the claims' lease.
        const runs = await Promise.allSettled([digest(harness), digest(harness)]);
        expect(runs.every((r) => r.status === 'fulfilled')).toBe(true);
        clock.advance(LEASE_MS + 1000);
      }
      expect(recipientsOf(digestsOf(harness, 'November 2026'))).toEqual(managerAddresses(6));
      expect(harness.simulator.outbox()).toHaveLength(6);
      // The faults did happen: throttled sends inside 200 batches and a lost connection.
      const log = harness.simulator.requestLog();
      expect(log.some((r) => r.batched && r.path.endsWith('/sendMail') && r.status === 429)).toBe(true);
      expect(log.some((r) => r.status === 0)).toBe(true);
    } finally {
      await harness.close();
    }
  });

  it('a crash between claim and send: nothing until the lease ends, then each digest once', async () => {
    const clock = testClock(FIRST_WORKING_DAY);
    const tenant = tenantOf(3);
    const harness = await harnessFor(tenant, clock);
    try {
      const crash = new Error('process died');
      await expect(
        digest(harness, {
          afterClaim: () => {
            throw crash;
          },
        }),
      ).rejects.toBe(crash);
      expect(harness.simulator.outbox()).toHaveLength(0);
      // Another firing while the dead run's lease runs: the claims are not its to take.
      expect((await digest(harness)).busyElsewhere).toBe(3);
      expect(harness.simulator.outbox()).toHaveLength(0);
      clock.advance(LEASE_MS + 1000);
      expect((await digest(harness)).sent).toBe(3);
      // Never marked `sending`, so nothing needed settling in Sent Items.
      expect(harness.simulator.requestLog().some((r) => r.path.includes('/mailFolders/SentItems/messages'))).toBe(
        false,
      );
      clock.advance(LEASE_MS + 1000);
      await digest(harness);
      expect(recipientsOf(digestsOf(harness, 'November 2026'))).toEqual(managerAddresses(3));
    } finally {
      await harness.close();
    }
  });

  it('a crash after the send, before recording it: the next firing finds it in Sent Items and sends nothing', async () => {
    const clock = testClock(FIRST_WORKING_DAY);
    const tenant = tenantOf(3);
    const harness = await harnessFor(tenant, clock);
    try {
      await expect(
        digest(harness, {
          afterSend: () => {
            throw new Error('process died');
          },
        }),
      ).rejects.toThrow('process died');
      expect(harness.simulator.outbox()).toHaveLength(3);
      clock.advance(LEASE_MS + 1000);
      expect(await digest(harness)).toMatchObject({ settledAsSent: 3, sent: 0 });
      clock.advance(LEASE_MS + 1000);
      expect(await digest(harness)).toMatchObject({ alreadySent: 3, sent: 0 });
      expect(recipientsOf(digestsOf(harness, 'November 2026'))).toEqual(managerAddresses(3));
    } finally {
      await harness.close();
    }
  });

  it("trend rows that cannot be read for one manager hold up only that manager's digest, until a later firing", async () => {
    const clock = testClock(FIRST_WORKING_DAY);
    const tenant = tenantOf(3);
    const harness = await harnessFor(tenant, clock);
    try {
      const deps = monthlyDigestDeps(harness.services);
      const unlucky = tenant.managerIds[1] ?? '';
      const failing = {
        ...deps,
        trends: {
          ...deps.trends,
          managerRecords: (tenantId: string, managerId: string, months: readonly string[]) =>
            managerId === unlucky
              ? Promise.reject(new Error('table unavailable'))
              : deps.trends.managerRecords(tenantId, managerId, months),
        },
      };
      expect(await runMonthlyDigest(failing)).toMatchObject({ sent: 2, retryLater: 1 });
      expect(recipientsOf(digestsOf(harness, 'November 2026'))).toEqual([
        'm0@generated.example',
        'm2@generated.example',
      ]);
      clock.advance(LEASE_MS + 1000);
      expect(await digest(harness)).toMatchObject({ sent: 1, alreadySent: 2 });
      expect(recipientsOf(digestsOf(harness, 'November 2026'))).toEqual(managerAddresses(3));
    } finally {
      await harness.close();
    }
  });

  it("a crash in the first working day's last firing is finished the next day, and nothing new is started then", async () => {
    const clock = testClock(new Date('2026-12-01T23:00:00.000Z'));
    const tenant = tenantOf(3);
    const harness = await harnessFor(tenant, clock);
    const enrol = (enrolled: boolean) =>
      harness.services.enrolments.save(harness.services.tenantId, {
        managerId: tenant.managerIds[2] ?? '',
        enrolled,
        leadTimeMinutes: null,
        sendFromManagerMailbox: false,
        pairLeadTimeMinutes: {},
        attachToOneOnOnes: false,
        prepEnabled: false,
        prepMinutesBefore: 30,
        updatedAt: clock.now().toISOString(),
      });
    try {
      await enrol(false);
      await expect(
        digest(harness, {
          afterClaim: () => {
            throw new Error('process died');
          },
        }),
      ).rejects.toThrow('process died');
      // Manager 2 enrols the next day: their first digest is next month's, not a late one.
      clock.set(new Date('2026-12-02T07:00:00.000Z'));
      await enrol(true);
      expect(await digest(harness)).toMatchObject({ firstWorkingDay: false, sent: 2, claimed: 0 });
      clock.set(new Date('2026-12-02T08:00:00.000Z'));
      expect((await digest(harness)).sent).toBe(0);
      expect(recipientsOf(digestsOf(harness, 'November 2026'))).toEqual(managerAddresses(2));
    } finally {
      await harness.close();
    }
  });
});
