import {
  enrolmentViewSchema,
  errorBodySchema,
  statusApiPaths,
  statusEmailPreviewSchema,
  statusFormViewSchema,
} from '@candor/functions/contract';
import { compositeKey, keyPart } from '@candor/functions/store/keys';
import { createTableEnrolmentStore, ENROLMENTS_TABLE } from '@candor/functions/store/enrolmentStore';
import { createTableClientFactory } from '@candor/functions/store/tables';
import { DEMO_USER_IDS } from '@candor/local/simulator/demoTenant';
import { startLocalStack, type LocalStack } from '@candor/local/stack';
import { callApi } from '../../support/api';

/*
 * The manager's self-serve settings through the local stack: the choices the settings page saves (attach Candor
 * to 1:1s, the prep message), the status email preview, and the organization keeping enrolment central.
 */
jest.setTimeout(90_000);

const withoutToken = (html: string): string => html.replace(/token=[A-Za-z0-9._%-]+/g, 'token=…');

describe("a manager's own settings", () => {
  let stack: LocalStack;
  beforeAll(async () => {
    stack = await startLocalStack();
  }, 60_000);
  afterAll(async () => {
    await stack?.stop();
  });
  const token = (id: string) => stack.simulator.mintAccessToken(id);

  it('starts with Candor not attached and no prep message, and keeps what the manager chooses', async () => {
    const megan = await token(DEMO_USER_IDS.megan);
    const first = enrolmentViewSchema.parse(
      (await callApi(stack, 'GET', statusApiPaths.enrolment(), { token: megan })).body,
    );
    expect(first).toMatchObject({
      selfEnrolment: 'allowed',
      attachToOneOnOnes: false,
      prep: { enabled: false, minutesBefore: 30 },
    });

    const saved = await callApi(stack, 'PUT', statusApiPaths.enrolment(), {
      token: megan,
      body: { enrolled: true, attachToOneOnOnes: true, prep: { enabled: true, minutesBefore: 45 } },
    });
    expect(saved.status).toBe(200);
    expect(enrolmentViewSchema.parse(saved.body)).toMatchObject({
      enrolled: true,
      attachToOneOnOnes: true,
      prep: { enabled: true, minutesBefore: 45 },
      // Choices not in the request stay as they were.
      sendFromMyMailbox: true,
    });

    // Turning prep off keeps the minutes for next time; the jobs read the same row.
    await callApi(stack, 'PUT', statusApiPaths.enrolment(), {
      token: megan,
      body: { enrolled: true, prep: { enabled: false } },
    });
    const tables = createTableClientFactory({
      kind: 'connectionString',
      connectionString: stack.functionsEnv.TABLES_CONNECTION_STRING ?? '',
    });
    const stored = await createTableEnrolmentStore(tables).get(stack.simulator.tenantId, DEMO_USER_IDS.megan);
    expect(stored).toMatchObject({ attachToOneOnOnes: true, prepEnabled: false, prepMinutesBefore: 45 });
  });

  it('sends from the manager’s own mailbox where the organization set up no mailbox for Candor, and says so', async () => {
    const patti = await token(DEMO_USER_IDS.patti);
    const view = enrolmentViewSchema.parse(
      (await callApi(stack, 'GET', statusApiPaths.enrolment(), { token: patti })).body,
    );
    expect(view).toMatchObject({ candorMailbox: false, sendFromMyMailbox: true });
    const preview = statusEmailPreviewSchema.parse(
      (await callApi(stack, 'GET', statusApiPaths.statusEmailPreview(DEMO_USER_IDS.megan), { token: patti })).body,
    );
    expect(preview.from).toMatch(/Patti/);
    // Asking for Candor's mailbox where there is none is refused in words, not saved and then silently not sent.
    const refused = await callApi(stack, 'PUT', statusApiPaths.enrolment(), {
      token: patti,
      body: { enrolled: true, sendFromMyMailbox: false },
    });
    expect(refused.status).toBe(400);
    expect(errorBodySchema.parse(refused.body).error).toMatchObject({ field: 'sendFromMyMailbox' });
    expect(errorBodySchema.parse(refused.body).error.message).toMatch(/no mailbox for Candor/);
  });

  it('refuses prep lead times out of range and fields it does not know, naming them', async () => {
    const megan = await token(DEMO_USER_IDS.megan);
    const short = await callApi(stack, 'PUT', statusApiPaths.enrolment(), {
      token: megan,
      body: { enrolled: true, prep: { enabled: true, minutesBefore: 1 } },
    });
    expect(short.status).toBe(400);
    expect(errorBodySchema.parse(short.body).error.message).toMatch(/at least 5 minutes/);
    const unknown = await callApi(stack, 'PUT', statusApiPaths.enrolment(), {
      token: megan,
      body: { enrolled: true, attachToOneOnOnes: 'yes' },
    });
    expect(unknown.status).toBe(400);
  });

  it('reads a row written before these choices existed as not attached and no prep', async () => {
    const tables = createTableClientFactory({
      kind: 'connectionString',
      connectionString: stack.functionsEnv.TABLES_CONNECTION_STRING ?? '',
    });
    const client = await tables(ENROLMENTS_TABLE);
    const lynne = DEMO_USER_IDS.lynne;
    await client.upsertEntity({
      partitionKey: compositeKey('tenant-old'),
      rowKey: keyPart(lynne),
      enrolled: true,
      leadTimeMinutes: -1,
      sendFromManagerMailbox: false,
      pairLeadTimeMinutes: '{}',
      updatedAt: '2026-01-01T00:00:00.000Z',
    });
    const old = await createTableEnrolmentStore(tables).get('tenant-old', lynne);
    expect(old).toMatchObject({ enrolled: true, attachToOneOnOnes: false, prepEnabled: false, prepMinutesBefore: 30 });
  });

  it('previews the status email exactly as the scan sends it, with a link that opens nothing', async () => {
    const megan = await token(DEMO_USER_IDS.megan);
    const answer = await callApi(stack, 'GET', statusApiPaths.statusEmailPreview(DEMO_USER_IDS.diego), {
      token: megan,
    });
    expect(answer.status).toBe(200);
    const preview = statusEmailPreviewSchema.parse(answer.body);
    expect(preview.subject).toMatch(/^Before your 1:1 with Megan Bowen \(/);
    expect(preview.from).toContain('Megan Bowen');
    expect(preview.to).toContain('Diego Siciliani');
    // Previewing sends nothing.
    expect(stack.simulator.outbox()).toHaveLength(0);

    await stack.functions.runTimer('preMeetingScan');
    const sent = stack.simulator.outbox().find((m) => m.message.subject === preview.subject);
    expect(sent).toBeDefined();
    expect(withoutToken(preview.html)).toBe(withoutToken(sent?.message.body?.content ?? ''));

    // The preview's link carries no signed token: the status form refuses it.
    const previewToken = /surface=status&amp;token=([^"&]+)/.exec(preview.html)?.[1] ?? '';
    expect(previewToken).not.toBe('');
    const opened = await callApi(stack, 'GET', statusApiPaths.statusForm(), {
      token: decodeURIComponent(previewToken),
    });
    expect(opened.status).toBe(401);
    expect(statusFormViewSchema.safeParse(opened.body).success).toBe(false);
  });

  it("previews only for the caller's own direct reports, and says why not", async () => {
    const megan = await token(DEMO_USER_IDS.megan);
    const noReport = await callApi(stack, 'GET', 'enrolment/status-email-preview', { token: megan });
    expect(noReport.status).toBe(400);
    expect(errorBodySchema.parse(noReport.body).error.field).toBe('reportId');
    const bad = await callApi(stack, 'GET', statusApiPaths.statusEmailPreview('not-an-id'), { token: megan });
    expect(bad.status).toBe(400);
    const adele = await token(DEMO_USER_IDS.adele);
    const notManager = await callApi(stack, 'GET', statusApiPaths.statusEmailPreview(DEMO_USER_IDS.alex), {
      token: adele,
    });
    expect(notManager.status).toBe(403);
    const patti = await token(DEMO_USER_IDS.patti);
    const notHers = await callApi(stack, 'GET', statusApiPaths.statusEmailPreview(DEMO_USER_IDS.alex), {
      token: patti,
    });
    expect(notHers.status).toBe(403);
    expect(errorBodySchema.parse(notHers.body).error.message).toMatch(/direct report/);
  });
});

describe('an organization that keeps status requests central', () => {
  let stack: LocalStack;
  beforeAll(async () => {
    stack = await startLocalStack({
      functionsEnv: {
        STATUS_SELF_ENROLMENT: 'off',
        STATUS_ENROLLED_MANAGERS: DEMO_USER_IDS.patti,
        // The demo tenant has no mailbox of Candor's own: Patti's stands in as the service mailbox.
        STATUS_SERVICE_MAILBOX: DEMO_USER_IDS.patti,
      },
    });
  }, 60_000);
  afterAll(async () => {
    await stack?.stop();
  });

  it('shows the manager their settings read-only and refuses changes in words', async () => {
    const patti = await stack.simulator.mintAccessToken(DEMO_USER_IDS.patti);
    const view = enrolmentViewSchema.parse(
      (await callApi(stack, 'GET', statusApiPaths.enrolment(), { token: patti })).body,
    );
    expect(view).toMatchObject({ selfEnrolment: 'off', enrolled: true, source: 'configuration' });

    const change = await callApi(stack, 'PUT', statusApiPaths.enrolment(), { token: patti, body: { enrolled: false } });
    expect(change.status).toBe(403);
    expect(errorBodySchema.parse(change.body).error.message).toMatch(
      /Your organization turns status requests on centrally/,
    );
    const pair = await callApi(stack, 'PUT', statusApiPaths.enrolmentPair(DEMO_USER_IDS.megan), {
      token: patti,
      body: { leadTimeHours: 2 },
    });
    expect(pair.status).toBe(403);
    // The preview stays open: it changes nothing.
    const preview = await callApi(stack, 'GET', statusApiPaths.statusEmailPreview(DEMO_USER_IDS.megan), {
      token: patti,
    });
    expect(preview.status).toBe(200);
  });

  it('still sends the requests of the managers configuration enrols', async () => {
    await stack.functions.runTimer('preMeetingScan');
    // Patti is enrolled by configuration alone; her 1:1 with Megan is within the lead time.
    const toMegan = stack.simulator
      .outbox()
      .filter((m) => m.message.toRecipients?.[0]?.emailAddress?.address?.startsWith('megan@'));
    expect(toMegan).toHaveLength(1);
  });
});
