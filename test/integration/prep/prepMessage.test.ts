import { mkdir, writeFile } from 'node:fs/promises';
import type { Enrolment } from '@candor/functions/store/enrolmentStore';
import { startAzurite, type AzuriteHandle } from '@candor/local/azurite';
import { API_CLIENT_ID } from '@candor/local/simulator/demoTenant';
import { generatedTenantSeed, type GeneratedTenant } from '@candor/local/simulator/generatedTenant';
import { personalChatId } from '@candor/local/simulator/graphTeamwork';
import {
  botSettingsOf,
  startScanHarness,
  testClock,
  type ScanHarness,
  type TestClock,
} from '../../support/scanHarness';

/*
 * The manager's prep message through the real pre-meeting scan (real Graph client and $batch against the simulator,
 * real Table Storage in Azurite), on a clock the test moves. Manager 0's 1:1 with their first report is on Monday
 * 2026-11-23 at 08:00 UTC (generated tenant: weekday 1 + (i + j) % 5, hour 8 + (7i + 3j) % 9); with the default 30
 * minutes the prep falls due at 07:30, and the scan runs every 15 minutes.
 */
jest.setTimeout(120_000);

const MONDAY_6AM = new Date('2026-11-23T06:00:00.000Z');
const MINUTE = 60_000;
let azurite: AzuriteHandle;
let tenantNumber = 0;

beforeAll(async () => {
  azurite = await startAzurite();
});
afterAll(async () => {
  await azurite?.stop();
});

interface Setup {
  harness: ScanHarness;
  tenant: GeneratedTenant;
  clock: TestClock;
  managerId: string;
  managerMail: string;
  mailsTo(address: string): Array<{ subject: string; html: string }>;
}

async function setUp(options: { prep: boolean; enrolledForStatus: boolean; bot?: boolean }): Promise<Setup> {
  tenantNumber += 1;
  const tenant = generatedTenantSeed({
    managers: 1,
    now: MONDAY_6AM,
    tenantId: `9e9a0000-0000-4000-8000-${String(tenantNumber).padStart(12, '0')}`,
  });
  const clock = testClock(MONDAY_6AM);
  const harness = await startScanHarness({
    azurite,
    seed: tenant.seed,
    clock,
    env: (simulator) => ({
      STATUS_SERVICE_MAILBOX: tenant.serviceMailboxId,
      ...(options.enrolledForStatus ? { STATUS_ENROLLED_MANAGERS: tenant.managerIds.join(',') } : {}),
      ...(options.bot ? botSettingsOf(simulator) : {}),
    }),
  });
  const managerId = tenant.managerIds[0]!;
  const enrolment: Enrolment = {
    managerId,
    // Not enrolled for status requests: prep is its own opt-in, and the scan reads this manager's calendar for it.
    enrolled: options.enrolledForStatus,
    leadTimeMinutes: null,
    sendFromManagerMailbox: false,
    pairLeadTimeMinutes: {},
    attachToOneOnOnes: false,
    prepEnabled: options.prep,
    prepMinutesBefore: 30,
    updatedAt: MONDAY_6AM.toISOString(),
  };
  await harness.services.enrolments.save(tenant.seed.tenantId, enrolment);
  const managerMail = tenant.seed.users.find((u) => u.id === managerId)!.mail;
  const mailsTo = (address: string) =>
    harness.simulator
      .outbox()
      .filter((m) => m.message.toRecipients?.[0]?.emailAddress?.address === address)
      .map((m) => ({ subject: m.message.subject ?? '', html: m.message.body?.content ?? '' }));
  return { harness, tenant, clock, managerId, managerMail, mailsTo };
}

describe('a manager who opted into prep, not enrolled for status requests', () => {
  let setup: Setup;
  beforeAll(async () => {
    setup = await setUp({ prep: true, enrolledForStatus: false });
  });
  afterAll(async () => {
    await setup?.harness.close();
  });

  it('gets nothing while the 1:1 is further away than the prep time', async () => {
    await setup.harness.scan();
    setup.clock.set(new Date('2026-11-23T07:15:00.000Z'));
    await setup.harness.scan();
    expect(setup.mailsTo(setup.managerMail)).toHaveLength(0);
  });

  it('gets exactly one prep email once the prep time has come, under duplicate and overlapping scans', async () => {
    setup.clock.set(new Date('2026-11-23T07:30:00.000Z'));
    const [first] = await Promise.all([setup.harness.scan(), setup.harness.scan()]);
    await setup.harness.scan();
    setup.clock.advance(15 * MINUTE);
    const last = await setup.harness.scan();
    const mails = setup.mailsTo(setup.managerMail);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toMatch(/^Prep for your 1:1 with /);
    expect(mails[0]!.html).toMatch(/has not sent a status update yet/);
    expect(first?.prep?.due).toBe(1);
    expect(last.prep?.alreadySent).toBe(1);
    // Not enrolled for status requests: the report is asked nothing.
    expect(setup.harness.simulator.outbox()).toHaveLength(1);
    await mkdir('/tmp/shots', { recursive: true });
    await writeFile('/tmp/shots/prep-email.html', mails[0]!.html);
  });
});

describe('a manager who did not opt into prep', () => {
  it('gets no prep message, while their report still gets the status request', async () => {
    const setup = await setUp({ prep: false, enrolledForStatus: true });
    try {
      setup.clock.set(new Date('2026-11-23T07:35:00.000Z'));
      const report = await setup.harness.scan();
      expect(report.prep).toBeUndefined();
      expect(setup.mailsTo(setup.managerMail)).toHaveLength(0);
      expect(setup.harness.simulator.outbox().length).toBeGreaterThan(0);
    } finally {
      await setup.harness.close();
    }
  });
});

describe('a manager with the bot set up', () => {
  it('gets the prep card in their personal chat with the bot instead of the email, once', async () => {
    const setup = await setUp({ prep: true, enrolledForStatus: false, bot: true });
    try {
      setup.clock.set(new Date('2026-11-23T07:40:00.000Z'));
      await Promise.all([setup.harness.scan(), setup.harness.scan()]);
      await setup.harness.scan();
      const chat = personalChatId(setup.managerId, API_CLIENT_ID);
      const cards = setup.harness.simulator.bot
        .connectorLog()
        .filter((e) => e.conversationId === chat && e.method === 'POST' && e.status === 200);
      expect(cards).toHaveLength(1);
      expect(JSON.stringify(cards[0]!.activity)).toMatch(/has not sent a status update yet/);
      expect(setup.mailsTo(setup.managerMail)).toHaveLength(0);
      await mkdir('/tmp/shots', { recursive: true });
      await writeFile('/tmp/shots/prep-card.json', JSON.stringify(cards[0]!.activity, null, 2));
    } finally {
      await setup.harness.close();
    }
  });
});
