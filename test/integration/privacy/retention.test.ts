import type { TableClient } from '@azure/data-tables';
import type { OccurrenceId } from '@candor/functions/contract';
import { emptyBoard, type Board } from '@candor/functions/domain/board';
import { occurrenceIdFor } from '@candor/functions/domain/occurrences';
import { claimBaseOf } from '@candor/functions/domain/statusRequests';
import { originalStartOf } from '@candor/functions/domain/retention';
import { runRetention, type RetentionRun } from '@candor/functions/jobs/retention';
import { promptBoardStores } from '@candor/functions/composition/boards';
import { BOARDS_TABLE, createTableBoardStore, partitionOf } from '@candor/functions/store/boardStore';
import {
  createTableDigestClaimStore,
  DIGEST_CLAIMS_TABLE,
  digestClaimIdOf,
} from '@candor/functions/store/digestClaimStore';
import {
  claimIdOf,
  createTableStatusRequestClaimStore as createTableEmailClaimStore,
  STATUS_REQUEST_CLAIMS_TABLE as EMAIL_CLAIMS_TABLE,
  type StatusRequestClaim,
} from '@candor/functions/store/statusRequestClaimStore';
import { createTableEnrolmentStore } from '@candor/functions/store/enrolmentStore';
import { readRow } from '@candor/functions/store/guardedRows';
import { blockerRowKey, OPEN_RESOLUTION } from '@candor/functions/store/blockerStore';
import { historyRowKey } from '@candor/functions/store/pairHistory';
import { PRIVATE_NOTES_TABLE, privateNoteKeys } from '@candor/functions/store/privateNoteStore';
import { createScheduledOccurrenceStore, schedRowKey } from '@candor/functions/store/scheduledOccurrences';
import { createTableStatusUpdateStore, STATUS_UPDATES_TABLE } from '@candor/functions/store/statusUpdateStore';
import { createTableClientFactory, type TableClientFactory } from '@candor/functions/store/tables';
import { MONTHLY_TABLE, monthlyPartitionKey, monthRowKey } from '@candor/functions/store/trendStore';
import { createTableMeetingChatStore, MEETING_CHATS_TABLE } from '@candor/functions/store/meetingChatStore';
import { createTablePrepClaimStore, PREP_CLAIMS_TABLE, prepClaimIdOf } from '@candor/functions/store/prepClaimStore';
import { trendStores, type TrendStores } from '@candor/functions/composition/trends';
import { startAzurite, type AzuriteHandle } from '@candor/local/azurite';

/*
 * The retention timer against a real Azurite: a pair's history seeded through the product's own stores with 1:1s a
 * minute outside the 13-month period, exactly at its edge and recent; the sweep removes the first and keeps the
 * others, table by table, leaves no orphaned marker behind, and a second run changes nothing.
 */
jest.setTimeout(60_000);

const TENANT = 'retention-tenant';
const MEGAN = '11111111-1111-4111-8111-111111111111';
const ADELE = '22222222-2222-4222-8222-222222222222';
const PAIR = { tenantId: TENANT, managerId: MEGAN, reportId: ADELE };
const NOW = new Date('2026-11-26T10:00:00.000Z'); // cutoff 2025-10-26T10:00Z
const SERIES = 'AAMkAGI2-weekly-series';
const OLD = occurrenceIdFor('2025-10-26T09:59:00.000Z', SERIES);
const EDGE = occurrenceIdFor('2025-10-26T10:00:00.000Z', SERIES);
const RECENT = occurrenceIdFor('2026-11-18T10:00:00.000Z', SERIES);
const COMMITMENT = {
  open: '0a000000-0000-4000-8000-000000000001',
  expired: '0a000000-0000-4000-8000-000000000002',
  kept: '0a000000-0000-4000-8000-000000000003',
};

let azurite: AzuriteHandle;
let tables: TableClientFactory;
let trends: TrendStores;

beforeAll(async () => {
  azurite = await startAzurite();
  tables = createTableClientFactory({ kind: 'connectionString', connectionString: azurite.connectionString });
  trends = trendStores(tables, () => NOW);
  await seed();
});

afterAll(async () => {
  await azurite?.stop();
});

function closedBoard(occurrenceId: OccurrenceId): Board {
  const start = `${occurrenceId.slice(0, 4)}-${occurrenceId.slice(4, 6)}-${occurrenceId.slice(6, 8)}T${occurrenceId.slice(9, 11)}:${occurrenceId.slice(11, 13)}:00.000Z`;
  const board = emptyBoard({ subject: '1:1', start, end: new Date(Date.parse(start) + 1_800_000).toISOString() });
  const field = (text: string, by: string) => ({ text, revision: 1, updatedBy: by, updatedAt: start });
  return {
    ...board,
    fields: {
      ...board.fields,
      energizing: field(`answer of ${occurrenceId}`, ADELE),
      unseenWork: field(`recognition of ${occurrenceId}`, MEGAN),
    },
    ratings: { ...board.ratings, mood: { value: 4, revision: 1, updatedBy: ADELE, updatedAt: start } },
    goTo: { kind: 'offered', questionId: 'q1', text: 'What would you change?', skips: 0 },
    recap: {
      lines: [
        { text: 'One', tags: ['blocker', 'supportNeed'] },
        { text: 'Two', tags: ['learning'] },
      ],
      savedBy: MEGAN,
      savedAt: start,
    },
  };
}

function claim(occurrenceId: OccurrenceId): StatusRequestClaim {
  const address = {
    tenantId: TENANT,
    managerId: MEGAN,
    reportId: ADELE,
    claimBase: claimBaseOf(SERIES, originalStartOf(occurrenceId)!.toISOString()),
  };
  return {
    ...address,
    generation: 1,
    state: 'sent',
    owner: 'scan-1',
    leaseUntil: '2025-01-01T00:00:00.000Z',
    takeovers: 0,
    claimId: claimIdOf(address, 1),
    occurrenceId,
    subject: '1:1',
    requestedStartUtc: '2025-10-26T10:00:00.000Z',
    latestStartUtc: '2025-10-26T10:00:00.000Z',
    sender: MEGAN,
    attempts: 1,
    problem: null,
    sentAt: '2025-10-25T10:00:00.000Z',
  };
}

async function seed(): Promise<void> {
  const boards = createTableBoardStore(tables);
  const stores = promptBoardStores(tables);
  for (const id of [OLD, EDGE, RECENT]) await boards.create({ ...PAIR, occurrenceId: id }, closedBoard(id));
  // A second write moves the old board's version marker on: the sweep must find v2, not just v1.
  const stored = await boards.get({ ...PAIR, occurrenceId: OLD });
  await boards.replace(
    { ...PAIR, occurrenceId: OLD },
    { ...stored!.board, statusGuard: { nudgedFields: [], nudgeCount: 1 } },
    stored!,
  );

  const sched = createScheduledOccurrenceStore(() => tables(BOARDS_TABLE));
  for (const id of [OLD, EDGE])
    await sched.put(PAIR, {
      occurrenceId: id,
      start: '2025-10-26T10:00:00.000Z',
      end: '2025-10-26T10:30:00.000Z',
      cancelled: false,
    });

  const commitment = (id: string, status: 'open' | 'done', closedAt: string | null) => ({
    id,
    text: `commitment ${id}`,
    dueDate: null,
    status,
    fromSupportAsk: false,
    createdIn: OLD,
    createdAt: '2025-10-26T09:59:00.000Z',
    createdBy: MEGAN,
    closedIn: closedAt ? EDGE : null,
    closedAt,
    revision: 1,
  });
  await stores.commitments.create(partitionOf(PAIR), commitment(COMMITMENT.open, 'open', null));
  await stores.commitments.create(
    partitionOf(PAIR),
    commitment(COMMITMENT.expired, 'done', '2025-10-26T09:59:00.000Z'),
  );
  await stores.commitments.create(partitionOf(PAIR), commitment(COMMITMENT.kept, 'done', '2025-10-26T10:01:00.000Z'));
  await stores.careerGoals.save(
    partitionOf(PAIR),
    { text: 'Lead a team', revision: 1, updatedBy: ADELE, updatedAt: '2025-01-01T00:00:00.000Z' },
    null,
  );
  await trends.trendRecorder.recordCommitments(PAIR);
  // A blocker of each recap marked resolved, then reopened: its row and a version marker.
  for (const occurrenceId of [OLD, EDGE]) {
    const ref = { occurrenceId, line: 0 };
    const resolved = { resolved: true, resolvedBy: MEGAN, resolvedAt: '2025-10-27T10:00:00.000Z', revision: 1 };
    expect(await stores.blockers.save(PAIR, ref, resolved, null)).toBe('saved');
    const { guard } = await stores.blockers.get(PAIR, ref);
    expect(await stores.blockers.save(PAIR, ref, { ...OPEN_RESOLUTION, revision: 2 }, guard)).toBe('saved');
  }

  const statusUpdates = createTableStatusUpdateStore(tables);
  for (const id of [OLD, EDGE])
    await statusUpdates.save(
      { ...PAIR, occurrenceId: id },
      { baseRevision: 0, parts: { finished: 'x' }, via: 'form' },
      NOW,
    );

  const claims = createTableEmailClaimStore(tables);
  for (const id of [OLD, EDGE]) await claims.create(claim(id));
  expect(await claims.takeOver(claim(OLD), 'scan-2', '2025-10-26T10:00:00.000Z')).not.toBeNull();

  const digests = createTableDigestClaimStore(tables);
  for (const month of ['2025-09', '2025-10']) {
    await digests.create({
      tenantId: TENANT,
      managerId: MEGAN,
      month,
      state: 'sent',
      owner: 'run',
      leaseUntil: '2025-01-01T00:00:00.000Z',
      takeovers: 0,
      claimId: digestClaimIdOf(MEGAN, month),
      sender: MEGAN,
      attempts: 1,
      problem: null,
      sentAt: null,
    });
  }

  const preps = createTablePrepClaimStore(tables);
  for (const id of [OLD, EDGE]) {
    const prep = {
      tenantId: TENANT,
      managerId: MEGAN,
      occurrenceId: id,
      state: 'sent' as const,
      owner: 'scan',
      leaseUntil: '2025-01-01T00:00:00.000Z',
      takeovers: 0,
      claimId: prepClaimIdOf(MEGAN, id),
      sender: MEGAN,
      attempts: 1,
      problem: null,
      sentAt: null,
    };
    await preps.create(prep);
    if (id === OLD) expect(await preps.takeOver(prep, 'scan-2', '2025-10-26T10:00:00.000Z')).not.toBeNull();
  }

  for (const [author, id] of [
    [ADELE, OLD],
    [ADELE, EDGE],
    [MEGAN, OLD],
  ] as const) {
    await stores.privateNotes.save(
      { ...PAIR, authorId: author, occurrenceId: id },
      { text: `note ${author} ${id}`, revision: 1, updatedAt: null },
      null,
    );
  }

  const week = (weekStart: string) => ({ weekStart, meetings: 10, meetingHours: 8, afterHoursMeetings: 0 });
  for (const weekStart of ['2025-09-29', '2025-10-06', '2026-11-16'])
    await trends.trendRecorder.recordWeek(PAIR, week(weekStart));

  const chats = createTableMeetingChatStore(tables);
  for (const id of [OLD, EDGE]) {
    await chats.remember({ ...PAIR, occurrenceId: id }, '19:meeting_retention@thread.v2');
    await chats.claimRecapPost({ ...PAIR, occurrenceId: id }, NOW);
  }

  // Settings, not history: they stay whatever their age.
  await createTableEnrolmentStore(tables).save(TENANT, {
    managerId: MEGAN,
    enrolled: true,
    leadTimeMinutes: null,
    sendFromManagerMailbox: false,
    pairLeadTimeMinutes: {},
    attachToOneOnOnes: false,
    prepEnabled: false,
    prepMinutesBefore: 30,
    updatedAt: '2024-01-01T00:00:00.000Z',
  });
  await trends.trendSharing.save(
    TENANT,
    ADELE,
    { shareMood: false, shareLifeLoad: true, shareEnergy: true, shareDrain: true, calendarLoad: true },
    MEGAN,
  );
}

const retention = (): Promise<RetentionRun> =>
  runRetention({
    tables,
    now: () => NOW,
    months: 13,
    refreshCommitments: (pair) => trends.trendRecorder.recordCommitments(pair),
    log: () => undefined,
  });

async function keysOf(table: string): Promise<string[]> {
  const client: TableClient = await tables(table);
  const keys: string[] = [];
  for await (const row of client.listEntities()) keys.push(`${row.partitionKey} ${row.rowKey}`);
  return keys.sort();
}

const exists = async (table: string, partitionKey: string, rowKey: string) =>
  (await readRow(await tables(table), partitionKey, rowKey)) !== null;

describe('the retention timer', () => {
  let first: RetentionRun;
  let before: Record<string, string[]>;
  const all = [
    BOARDS_TABLE,
    STATUS_UPDATES_TABLE,
    EMAIL_CLAIMS_TABLE,
    DIGEST_CLAIMS_TABLE,
    PRIVATE_NOTES_TABLE,
    MONTHLY_TABLE,
    MEETING_CHATS_TABLE,
    PREP_CLAIMS_TABLE,
    'enrolments',
    'trendSharing',
  ];

  beforeAll(async () => {
    before = Object.fromEntries(await Promise.all(all.map(async (t) => [t, await keysOf(t)] as const)));
    first = await retention();
  });

  it('deletes the board a minute outside the period with its markers, index rows and calendar record, and keeps the board at the edge', async () => {
    const pk = partitionOf(PAIR);
    expect(first.cutoff).toBe('2025-10-26T10:00:00.000Z');
    const boards = await keysOf(BOARDS_TABLE);
    expect(boards.filter((k) => k.includes(OLD))).toEqual([]);
    for (const kind of ['recap', 'unseen', 'goto'] as const) {
      expect(await exists(BOARDS_TABLE, pk, historyRowKey(kind, OLD))).toBe(false);
      expect(await exists(BOARDS_TABLE, pk, historyRowKey(kind, EDGE))).toBe(true);
      expect(await exists(BOARDS_TABLE, pk, historyRowKey(kind, RECENT))).toBe(true);
    }
    expect(await exists(BOARDS_TABLE, pk, schedRowKey(OLD))).toBe(false);
    expect(await exists(BOARDS_TABLE, pk, schedRowKey(EDGE))).toBe(true);
    expect(await exists(BOARDS_TABLE, pk, blockerRowKey({ occurrenceId: EDGE, line: 0 }))).toBe(true);
    for (const id of [EDGE, RECENT]) expect(await exists(BOARDS_TABLE, pk, id)).toBe(true);
    expect(await exists(BOARDS_TABLE, pk, 'careerGoal')).toBe(true);
  });

  it('deletes closed commitments closed before the cutoff, keeps open ones whatever their age, and refreshes the trend snapshot', async () => {
    const pk = partitionOf(PAIR);
    expect(await exists(BOARDS_TABLE, pk, `commitment~${COMMITMENT.expired}`)).toBe(false);
    expect(await exists(BOARDS_TABLE, pk, `commitment~${COMMITMENT.expired}~v1`)).toBe(false);
    expect(await exists(BOARDS_TABLE, pk, `commitment~${COMMITMENT.open}`)).toBe(true);
    expect(await exists(BOARDS_TABLE, pk, `commitment~${COMMITMENT.kept}`)).toBe(true);
    const snapshot = await trends.trendReader.pairRecords(PAIR, ['2026-11']);
    expect(snapshot.commitments.map((c) => c.id).sort()).toEqual([COMMITMENT.open, COMMITMENT.kept].sort());
    expect(first.pairsRefreshed).toBe(1);
  });

  it('deletes old status updates, status-request claims with their takeover markers, digest claims and private notes', async () => {
    expect((await keysOf(STATUS_UPDATES_TABLE)).filter((k) => k.includes(OLD))).toEqual([]);
    expect((await keysOf(STATUS_UPDATES_TABLE)).filter((k) => k.includes(EDGE)).length).toBe(2); // the update and its marker
    const claims = await keysOf(EMAIL_CLAIMS_TABLE);
    expect(claims).toHaveLength(1);
    expect(claims[0]).toContain(claimBaseOf(SERIES, originalStartOf(EDGE)!.toISOString()));
    expect(await keysOf(DIGEST_CLAIMS_TABLE)).toEqual([`${TENANT}|2025-10 ${MEGAN}`]);
    const notes = await keysOf(PRIVATE_NOTES_TABLE);
    expect(notes.filter((k) => k.includes(OLD))).toEqual([]);
    expect(notes).toContain(
      `${privateNoteKeys({ ...PAIR, authorId: ADELE, occurrenceId: EDGE }).partitionKey} ${privateNoteKeys({ ...PAIR, authorId: ADELE, occurrenceId: EDGE }).rowKey}`,
    );
  });

  it('deletes month rows wholly before the cutoff and keeps the cutoff month, the recent month, the pair row and the settings', async () => {
    const pk = monthlyPartitionKey(TENANT, MEGAN);
    expect(await exists(MONTHLY_TABLE, pk, monthRowKey('2025-09', ADELE))).toBe(false);
    expect((await keysOf(MONTHLY_TABLE)).filter((k) => k.includes('m|2025-09'))).toEqual([]);
    expect(await exists(MONTHLY_TABLE, pk, monthRowKey('2025-10', ADELE))).toBe(true);
    expect(await exists(MONTHLY_TABLE, pk, monthRowKey('2026-11', ADELE))).toBe(true);
    expect(await exists(MONTHLY_TABLE, pk, `p|${ADELE}`)).toBe(true);
    expect(await keysOf('enrolments')).toEqual(before['enrolments']);
    expect(await keysOf('trendSharing')).toEqual(before['trendSharing']);
  });

  it('deletes an old 1:1’s meeting chat id and recap-post claim, and keeps those at the edge', async () => {
    const pk = partitionOf(PAIR);
    expect(first.deleted.meetingChats).toBe(2);
    expect(await exists(MEETING_CHATS_TABLE, pk, OLD)).toBe(false);
    expect(await exists(MEETING_CHATS_TABLE, pk, `${OLD}~recap`)).toBe(false);
    expect(await exists(MEETING_CHATS_TABLE, pk, EDGE)).toBe(true);
    expect(await exists(MEETING_CHATS_TABLE, pk, `${EDGE}~recap`)).toBe(true);
  });

  it('deletes an old 1:1’s prep-message claim with its takeover marker, and keeps the one at the edge', async () => {
    const pk = `${TENANT}|${MEGAN}`;
    expect(first.deleted.prepClaims).toBe(2);
    expect(await keysOf(PREP_CLAIMS_TABLE)).toEqual([`${pk} ${EDGE}`]);
  });

  it('leaves no version or takeover marker without its row', async () => {
    for (const table of all) {
      const keys = new Set(await keysOf(table));
      for (const key of keys) {
        const marker = /~[vt]\d+$/.exec(key);
        if (marker) expect({ key, base: keys.has(key.slice(0, marker.index)) }).toEqual({ key, base: true });
      }
    }
  });

  it('changes nothing when run again', async () => {
    const after = Object.fromEntries(await Promise.all(all.map(async (t) => [t, await keysOf(t)] as const)));
    const again = await retention();
    expect(Object.values(again.deleted).every((n) => n === 0)).toBe(true);
    expect(again.pairsRefreshed).toBe(0);
    for (const table of all) expect(await keysOf(table)).toEqual(after[table]);
    // And the first run did delete something in every history table.
    for (const table of [
      BOARDS_TABLE,
      STATUS_UPDATES_TABLE,
      EMAIL_CLAIMS_TABLE,
      DIGEST_CLAIMS_TABLE,
      PRIVATE_NOTES_TABLE,
      MONTHLY_TABLE,
      MEETING_CHATS_TABLE,
    ]) {
      expect({ table, fewer: after[table]!.length < before[table]!.length }).toEqual({ table, fewer: true });
    }
  });
});
