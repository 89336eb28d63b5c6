import { randomUUID } from 'node:crypto';
import type { TableClient } from '@azure/data-tables';
import {
  DEFAULT_TREND_SHARING,
  NOT_SHARED,
  type Commitment,
  type TrendSharing,
  type Month,
  type OccurrenceId,
  type RatingValue,
  type RecapTag,
} from '@candor/functions/contract';
import { emptyBoard, type Board } from '@candor/functions/domain/board';
import { decideRecapCorrection } from '@candor/functions/domain/recap';
import type { MeetingFact, MonthRecord } from '@candor/functions/domain/trendFacts';
import { monthsEndingAt, pairTrendOf } from '@candor/functions/domain/trends';
import { createTableBoardStore, partitionOf } from '@candor/functions/store/boardStore';
import { createCommitmentStore } from '@candor/functions/store/commitmentStore';
import {
  claimIdOf,
  createTableStatusRequestClaimStore as createTableEmailClaimStore,
} from '@candor/functions/store/statusRequestClaimStore';
import { createTableStatusUpdateStore } from '@candor/functions/store/statusUpdateStore';
import { createTableClientFactory, type TableClientFactory } from '@candor/functions/store/tables';
import { MONTHLY_TABLE, createTrendStore, monthlyPartitionKey } from '@candor/functions/store/trendStore';
import { TREND_SHARING_TABLE } from '@candor/functions/store/trendSharingStore';
import { keyPart } from '@candor/functions/store/keys';
import type { PairKey } from '@candor/functions/application/trends';
import { trendStores, type TrendStores } from '@candor/functions/composition/trends';
import { rebuildTrends } from '@candor/functions/jobs/rebuildTrends';
import { startAzurite, type AzuriteHandle } from '@candor/local/azurite';

jest.setTimeout(60_000);

/*
 * Monthly aggregates against a real Azurite: the incremental path (one occurrence at a time, retried and raced)
 * and a rebuild from the stored boards give the same rows; concurrent writers lose nothing; a manager's trend load
 * is one table request.
 */

const NOW = new Date('2026-11-26T10:00:00.000Z');
const SERIES = '0123456789abcdef';
let azurite: AzuriteHandle;
let tables: TableClientFactory;
let trends: TrendStores;
let tenantNumber = 0;

beforeAll(async () => {
  azurite = await startAzurite();
  tables = createTableClientFactory({ kind: 'connectionString', connectionString: azurite.connectionString });
  trends = trendStores(tables, () => NOW);
});

afterAll(async () => {
  await azurite?.stop();
});

/** A fresh tenant per test, so tests never meet in the tables. */
function newPair(): PairKey {
  tenantNumber += 1;
  return { tenantId: `trend-tenant-${tenantNumber}`, managerId: randomUUID(), reportId: randomUUID() };
}

/** `2026-08-05T09:00` → `20260805T0900Z-<series>`: the occurrence's original start. */
function occurrence(originalStart: string): OccurrenceId {
  return `${originalStart.replace(/[-:]/g, '').slice(0, 13)}Z-${SERIES}`;
}

interface BoardSpec {
  start: string;
  energizing?: string;
  draining?: string;
  support?: string;
  unseenWork?: string;
  mood?: RatingValue;
  lifeLoad?: RatingValue;
  careerPulse?: RatingValue;
  energy?: RatingValue;
  drain?: RatingValue;
  nudges?: number;
  recap?: [RecapTag[], RecapTag[]];
}

function boardOf(spec: BoardSpec, pair: PairKey): Board {
  const end = new Date(Date.parse(spec.start) + 30 * 60_000).toISOString();
  const board = emptyBoard({ subject: '1:1', start: new Date(spec.start).toISOString(), end });
  const at = new Date(spec.start).toISOString();
  const text = (value: string | undefined, by: string) =>
    value ? { text: value, revision: 1, updatedBy: by, updatedAt: at } : undefined;
  const rating = (value: RatingValue | undefined) =>
    value === undefined ? undefined : { value, revision: 1, updatedBy: pair.reportId, updatedAt: at };
  for (const [id, value, by] of [
    ['energizing', spec.energizing, pair.reportId],
    ['draining', spec.draining, pair.reportId],
    ['support', spec.support, pair.reportId],
    ['unseenWork', spec.unseenWork, pair.managerId],
  ] as const) {
    const field = text(value, by);
    if (field) board.fields[id] = field;
  }
  for (const [id, value] of [
    ['mood', spec.mood],
    ['lifeLoad', spec.lifeLoad],
    ['careerPulse', spec.careerPulse],
    ['energy', spec.energy],
    ['drain', spec.drain],
  ] as const) {
    const field = rating(value);
    if (field) board.ratings[id] = field;
  }
  board.statusGuard = { nudgedFields: spec.nudges ? ['energizing'] : [], nudgeCount: spec.nudges ?? 0 };
  if (spec.recap) {
    board.recap = {
      lines: [
        { text: 'First line of the recap', tags: spec.recap[0] },
        { text: 'Second line of the recap', tags: spec.recap[1] },
      ],
      savedBy: pair.managerId,
      savedAt: new Date(Date.parse(spec.start) + 40 * 60_000).toISOString(),
    };
  }
  return board;
}

async function writeBoard(pair: PairKey, occurrenceId: OccurrenceId, spec: BoardSpec): Promise<void> {
  await createTableBoardStore(tables).create({ ...pair, occurrenceId }, boardOf(spec, pair));
}

async function markStatusSent(pair: PairKey, occurrenceId: OccurrenceId): Promise<void> {
  const address = { ...pair, claimBase: `${SERIES}-${occurrenceId.slice(0, 14)}` };
  await createTableEmailClaimStore(tables).create({
    ...address,
    generation: 1,
    state: 'sent',
    owner: 'scan',
    leaseUntil: NOW.toISOString(),
    takeovers: 0,
    claimId: claimIdOf(address, 1),
    occurrenceId,
    subject: '1:1',
    requestedStartUtc: NOW.toISOString(),
    latestStartUtc: NOW.toISOString(),
    sender: null,
    attempts: 1,
    problem: null,
    sentAt: NOW.toISOString(),
  });
}

function commitment(
  createdIn: OccurrenceId,
  createdAt: string,
  status: Commitment['status'],
  managerId: string,
): Commitment {
  return {
    id: randomUUID(),
    text: 'Book the design review',
    dueDate: '2026-09-01',
    status,
    fromSupportAsk: true,
    createdIn,
    createdAt,
    createdBy: managerId,
    closedIn: status === 'open' ? null : createdIn,
    closedAt: status === 'open' ? null : createdAt,
    revision: status === 'open' ? 1 : 2,
  };
}

const WINDOW = monthsEndingAt(NOW, 24);

async function readPair(pair: PairKey) {
  return trends.trendReader.pairRecords(pair, WINDOW);
}

async function monthlyRows(pair: PairKey): Promise<Array<{ partitionKey: string; rowKey: string }>> {
  const client = await tables(MONTHLY_TABLE);
  const rows: Array<{ partitionKey: string; rowKey: string }> = [];
  const filter = `PartitionKey eq '${monthlyPartitionKey(pair.tenantId, pair.managerId)}'`;
  for await (const row of client.listEntities({ queryOptions: { filter } }))
    rows.push({ partitionKey: String(row.partitionKey), rowKey: String(row.rowKey) });
  return rows;
}

const byMonth = (records: readonly MonthRecord[], month: Month): MonthRecord | undefined =>
  records.find((r) => r.month === month);

describe('incremental aggregates and a rebuild from the boards', () => {
  it('give the same month rows, whatever the retries, races and moves of the incremental path', async () => {
    const pair = newPair();
    const A = occurrence('2026-08-05T09:00');
    const B = occurrence('2026-08-19T09:00');
    const C = occurrence('2026-09-02T09:00'); // cancelled in the calendar, no board
    const D = occurrence('2026-09-16T09:00'); // scheduled, ended, no board: skipped
    const E = occurrence('2026-10-07T09:00'); // held, moved a day within the month
    const F = occurrence('2026-10-28T09:00'); // moved across the month's end, to 2 November
    const G = occurrence('2026-11-18T09:00'); // held, only the career pulse answered
    const H = occurrence('2026-12-02T09:00'); // still ahead: nothing known yet
    const I = occurrence('2026-11-11T09:00'); // a board opened and left empty: nothing known

    await writeBoard(pair, A, {
      start: '2026-08-05T09:00Z',
      energizing: 'Design work',
      draining: 'Pager',
      mood: 4,
      lifeLoad: 'preferNot',
      careerPulse: 3,
      nudges: 1,
      recap: [['blocker', 'supportNeed'], ['learning']],
    });
    await writeBoard(pair, B, {
      start: '2026-08-19T09:00Z',
      support: 'Cover Friday',
      unseenWork: 'Wrote the guide',
      mood: 'preferNot',
      lifeLoad: 2,
      recap: [['supportNeed'], ['learning', 'blocker']],
    });
    await writeBoard(pair, E, {
      start: '2026-10-08T09:00Z',
      energizing: 'Mentoring',
      mood: 2,
      lifeLoad: 5,
      careerPulse: 2,
      nudges: 2,
    });
    await writeBoard(pair, G, { start: '2026-11-18T09:00Z', careerPulse: 5 });
    await writeBoard(pair, I, { start: '2026-11-11T09:00Z' });
    await markStatusSent(pair, A);
    await markStatusSent(pair, E);
    await createTableStatusUpdateStore(tables).save(
      { ...pair, occurrenceId: A },
      { baseRevision: 0, parts: { finished: 'Shipped' }, via: 'form' },
      NOW,
    );
    const commitments = createCommitmentStore(async () => tables('boards'));
    await commitments.create(partitionOf(pair), commitment(A, '2026-08-05T09:30:00.000Z', 'done', pair.managerId));
    await commitments.create(partitionOf(pair), commitment(B, '2026-08-19T09:30:00.000Z', 'open', pair.managerId));

    const { trendRecorder: recorder } = trends;
    // Two occurrences of one month at once on a row that does not exist yet (create race), and retries.
    await Promise.all([
      recorder.recordOccurrence(pair, A),
      recorder.recordOccurrence(pair, B),
      recorder.recordOccurrence(pair, A),
    ]);
    await recorder.recordOccurrence(pair, B);
    await recorder.recordScheduled(pair, {
      occurrenceId: C,
      start: '2026-09-02T09:00:00.000Z',
      end: '2026-09-02T09:30:00.000Z',
      cancelled: true,
    });
    await Promise.all([
      recorder.recordScheduled(pair, {
        occurrenceId: D,
        start: '2026-09-16T09:00:00.000Z',
        end: '2026-09-16T09:30:00.000Z',
        cancelled: false,
      }),
      recorder.recordScheduled(pair, {
        occurrenceId: D,
        start: '2026-09-16T09:00:00.000Z',
        end: '2026-09-16T09:30:00.000Z',
        cancelled: false,
      }),
    ]);
    await recorder.recordScheduled(pair, {
      occurrenceId: E,
      start: '2026-10-08T09:00:00.000Z',
      end: '2026-10-08T09:30:00.000Z',
      cancelled: false,
    });
    // F: first seen by the calendar at its original time (ended, no board: skipped in October)…
    await recorder.recordScheduled(pair, {
      occurrenceId: F,
      start: '2026-10-28T09:00:00.000Z',
      end: '2026-10-28T09:30:00.000Z',
      cancelled: false,
    });
    expect(byMonth((await readPair(pair)).records, '2026-10')?.facts[F]?.outcome).toBe('skipped');
    // …then moved to 2 November and held there: it leaves October.
    await writeBoard(pair, F, {
      start: '2026-11-02T09:00Z',
      draining: 'Reorg',
      lifeLoad: 4,
      recap: [['blocker'], ['supportNeed', 'learning']],
    });
    await recorder.recordScheduled(pair, {
      occurrenceId: F,
      start: '2026-11-02T09:00:00.000Z',
      end: '2026-11-02T09:30:00.000Z',
      cancelled: false,
    });
    await Promise.all([
      recorder.recordOccurrence(pair, G),
      recorder.recordOccurrence(pair, I),
      recorder.recordOccurrence(pair, G),
    ]);
    await recorder.recordScheduled(pair, {
      occurrenceId: H,
      start: '2026-12-02T09:00:00.000Z',
      end: '2026-12-02T09:30:00.000Z',
      cancelled: false,
    });
    await recorder.recordCommitments(pair);

    const incremental = await readPair(pair);
    expect(incremental.records.map((r) => [r.month, Object.keys(r.facts).sort()])).toEqual([
      ['2026-08', [A, B]],
      ['2026-09', [C, D]],
      ['2026-10', [E]],
      ['2026-11', [F, G]],
    ]);
    expect(incremental.commitments).toHaveLength(2);

    // The figures the manager sees from them.
    const person = (id: string) => ({ id, displayName: '' });
    const trend = pairTrendOf({
      manager: person(pair.managerId),
      report: person(pair.reportId),
      audience: 'report',
      sharing: { shareMood: true, shareLifeLoad: true, shareEnergy: true, shareDrain: true, calendarLoad: true },
      months: ['2026-08', '2026-09', '2026-10', '2026-11'],
      records: incremental.records,
      commitments: incremental.commitments,
      now: NOW,
    });
    expect(trend.months.map((m) => [m.month, m.held, m.skipped, m.cancelled, m.scheduled])).toEqual([
      ['2026-08', 2, 0, 0, 2],
      ['2026-09', 0, 1, 1, 2],
      ['2026-10', 1, 0, 0, 1],
      ['2026-11', 2, 0, 0, 2],
    ]);
    const august = trend.months[0]!;
    expect(august).toMatchObject({
      mood: { average: 4, answered: 1, preferNot: 1 },
      lifeLoad: { average: 2, answered: 1, preferNot: 1 },
      statusNudges: 1,
      statusRequested: 1,
      statusAnswered: 1,
      recognitions: 1,
      blockersNamed: 2,
      commitmentsOpened: 2,
      commitmentsDone: 1,
    });
    expect(trend.months[2]).toMatchObject({ statusRequested: 1, statusAnswered: 0, statusNudges: 2 });

    // Throw the monthly rows away and rebuild them from the boards: the same rows.
    const client = await tables(MONTHLY_TABLE);
    for (const row of await monthlyRows(pair)) await client.deleteEntity(row.partitionKey, row.rowKey);
    expect(await readPair(pair)).toEqual({ records: [], commitments: [], sharing: null });
    await trends.trendRecorder.rebuildPair(pair);
    expect(await readPair(pair)).toEqual(incremental);

    // And a rebuild over the rows the incremental path wrote changes nothing either.
    await trends.trendRecorder.rebuildPair(pair);
    expect(await readPair(pair)).toEqual(incremental);
  });

  it('follow a corrected recap’s latest version, and count "no blocker this week" as no blocker named', async () => {
    const pair = newPair();
    const A = occurrence('2026-08-05T09:00');
    const key = { ...pair, occurrenceId: A };
    await writeBoard(pair, A, {
      start: '2026-08-05T09:00Z',
      energizing: 'Design',
      recap: [['blocker', 'supportNeed'], ['learning']],
    });
    await trends.trendRecorder.recordOccurrence(pair, A);
    const blockerOf = async () => byMonth((await readPair(pair)).records, '2026-08')?.facts[A]?.blockerNamed;
    expect(await blockerOf()).toBe(true);

    // Corrected within the day to "no blocker this week": the fact follows the new version.
    const boards = createTableBoardStore(tables);
    const stored = (await boards.get(key))!;
    const corrected = decideRecapCorrection(
      stored.board,
      {
        baseVersion: 1,
        lines: [
          { text: 'Needs a reviewer', tags: ['supportNeed'] },
          { text: 'Pairing helps', tags: ['learning'] },
        ],
        noBlocker: true,
      },
      { by: pair.reportId, now: new Date('2026-08-05T12:00:00.000Z'), claimIdFor: (v) => `c:${v}` },
    );
    if (corrected.kind !== 'save') throw new Error(corrected.kind);
    expect((await boards.replace(key, corrected.board, stored)).kind).toBe('replaced');
    await trends.trendRecorder.recordOccurrence(pair, A);
    expect(await blockerOf()).toBe(false);

    const incremental = await readPair(pair);
    const client = await tables(MONTHLY_TABLE);
    for (const row of await monthlyRows(pair)) await client.deleteEntity(row.partitionKey, row.rowKey);
    await trends.trendRecorder.rebuildPair(pair);
    expect(await readPair(pair)).toEqual(incremental);
  });

  it('rebuilds every pair of the tenant through the admin job, keeping the weeks read from the calendar', async () => {
    const pair = newPair();
    const other = { ...pair, reportId: randomUUID() };
    const A = occurrence('2026-10-14T09:00');
    await writeBoard(pair, A, { start: '2026-10-14T09:00Z', energizing: 'The launch', mood: 3 });
    await writeBoard(other, A, { start: '2026-10-14T09:00Z', draining: 'Travel' });
    const week = { weekStart: '2026-10-12', meetings: 14, meetingHours: 11.5, afterHoursMeetings: 2 };
    await trends.trendRecorder.recordWeek(pair, week);
    // The boards were written without the recorder (as after an outage): only the rebuild finds them.
    expect(byMonth((await readPair(pair)).records, '2026-10')?.facts).toEqual({});

    const report = await rebuildTrends({ tables, recorder: trends.trendRecorder, tenantId: pair.tenantId });
    expect(report).toEqual({ pairs: 2, occurrences: 2, failed: 0 });
    const october = byMonth((await readPair(pair)).records, '2026-10');
    expect(Object.keys(october?.facts ?? {})).toEqual([A]);
    expect(october?.weeks).toEqual({ '2026-10-12': week });
    expect(Object.keys(byMonth((await readPair(other)).records, '2026-10')?.facts ?? {})).toEqual([A]);

    // One manager only: the other tenant's and other managers' pairs are not touched.
    const elsewhere = newPair();
    await writeBoard(elsewhere, A, { start: '2026-10-14T09:00Z', energizing: 'x' });
    expect(
      await rebuildTrends(
        { tables, recorder: trends.trendRecorder, tenantId: pair.tenantId },
        { managerId: pair.managerId },
      ),
    ).toEqual({ pairs: 2, occurrences: 2, failed: 0 });
    expect((await readPair(elsewhere)).records).toEqual([]);
  });
});

describe('concurrent writers of one month row', () => {
  it('lose no fact when many occurrences of the same month are recorded at once', async () => {
    const pair = newPair();
    const days = ['02', '05', '09', '12', '16', '19', '23', '26'];
    const ids = days.map((d) => occurrence(`2026-06-${d}T09:00`));
    await Promise.all(
      days.map((d, i) => writeBoard(pair, ids[i]!, { start: `2026-06-${d}T09:00Z`, energizing: `Day ${d}` })),
    );
    await Promise.all(ids.map((id) => trends.trendRecorder.recordOccurrence(pair, id)));
    expect(Object.keys(byMonth((await readPair(pair)).records, '2026-06')?.facts ?? {}).sort()).toEqual(
      [...ids].sort(),
    );
  });

  it('keep both a week written by the daily job and a fact written by a recap at the same moment', async () => {
    const pair = newPair();
    const id = occurrence('2026-07-08T09:00');
    await writeBoard(pair, id, { start: '2026-07-08T09:00Z', mood: 5 });
    const weeks = ['2026-07-06', '2026-07-13', '2026-07-20'].map((weekStart) => ({
      weekStart,
      meetings: 10,
      meetingHours: 8,
      afterHoursMeetings: 1,
    }));
    await Promise.all([
      trends.trendRecorder.recordOccurrence(pair, id),
      ...weeks.map((w) => trends.trendRecorder.recordWeek(pair, w)),
    ]);
    const july = byMonth((await readPair(pair)).records, '2026-07');
    expect(Object.keys(july?.facts ?? {})).toEqual([id]);
    expect(Object.keys(july?.weeks ?? {}).sort()).toEqual(weeks.map((w) => w.weekStart));
  });
});

describe("a report's sharing choices", () => {
  it('default to everything shared, and every save reaches every manager partition they were ever mirrored into', async () => {
    const first = newPair();
    const reportId = first.reportId;
    const second = { ...first, managerId: randomUUID() };
    expect(await trends.trendSharing.get(first.tenantId, reportId)).toEqual(DEFAULT_TREND_SHARING);
    expect((await readPair(first)).sharing).toBeNull();

    await trends.trendSharing.save(
      first.tenantId,
      reportId,
      { shareMood: true, shareLifeLoad: true, shareEnergy: true, shareDrain: true, calendarLoad: false },
      first.managerId,
    );
    expect((await readPair(first)).sharing).toEqual({
      shareMood: true,
      shareLifeLoad: true,
      shareEnergy: true,
      shareDrain: true,
      calendarLoad: false,
    });

    // The report moves to another manager and hides their mood there. Should they ever move back, the first
    // manager's copy must not still say "shared".
    await trends.trendSharing.save(
      first.tenantId,
      reportId,
      { shareMood: false, shareLifeLoad: true, shareEnergy: true, shareDrain: true, calendarLoad: false },
      second.managerId,
    );
    const hidden = { shareMood: false, shareLifeLoad: true, shareEnergy: true, shareDrain: true, calendarLoad: false };
    expect((await readPair(second)).sharing).toEqual(hidden);
    expect((await readPair(first)).sharing).toEqual(hidden);
    expect(await trends.trendSharing.get(first.tenantId, reportId.toUpperCase())).toEqual(hidden);

    // Saving keeps the pair row's commitments, and a commitment snapshot keeps the sharing.
    await trends.trendRecorder.recordCommitments(first);
    expect((await readPair(first)).sharing).toEqual(hidden);
  });
});

describe("a manager's trend load", () => {
  it('is one request to Table Storage, whatever the number of reports and months', async () => {
    const manager = randomUUID();
    tenantNumber += 1;
    const tenantId = `trend-tenant-${tenantNumber}`;
    const reports = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
    const months = monthsEndingAt(NOW, 12);
    for (const reportId of reports) {
      const pair = { tenantId, managerId: manager, reportId };
      await Promise.all(
        months.map((m) =>
          trends.trendRecorder.recordWeek(pair, {
            weekStart: `${m}-07`,
            meetings: 5,
            meetingHours: 4,
            afterHoursMeetings: 0,
          }),
        ),
      );
      await trends.trendSharing.save(
        tenantId,
        reportId,
        { shareMood: false, shareLifeLoad: true, shareEnergy: true, shareDrain: true, calendarLoad: true },
        manager,
      );
    }

    const requests: string[] = [];
    const counted = new Set<TableClient>();
    const base = createTableClientFactory({ kind: 'connectionString', connectionString: azurite.connectionString });
    const counting: TableClientFactory = async (name) => {
      const client = await base(name);
      if (!counted.has(client)) {
        counted.add(client);
        client.pipeline.addPolicy({
          name: 'countRequests',
          sendRequest: (request, next) => {
            requests.push(`${request.method} ${new URL(request.url).pathname}`);
            return next(request);
          },
        });
      }
      return client;
    };
    // Table creation (once per process) happens before the first request of a load is counted.
    await counting(MONTHLY_TABLE);
    const reader = trendStores(counting, () => NOW).trendReader;

    const rows = await reader.managerRecords(tenantId, manager, months);
    expect(requests).toEqual([`GET /devstoreaccount1/${MONTHLY_TABLE}()`]);
    expect([...rows.keys()].sort()).toEqual(reports.map((r) => r.toLowerCase()).sort());
    for (const found of rows.values()) {
      expect(found.records.map((r) => r.month)).toEqual(months);
      expect(found.sharing).toEqual({
        shareMood: false,
        shareLifeLoad: true,
        shareEnergy: true,
        shareDrain: true,
        calendarLoad: true,
      });
    }
  });

  it('gives a pair recorded before the report ever chose a copy of the defaults, so no load needs the sharing table', async () => {
    tenantNumber += 1;
    const pair = { tenantId: `trend-tenant-${tenantNumber}`, managerId: randomUUID(), reportId: randomUUID() };
    const [month] = monthsEndingAt(NOW, 1) as [Month];
    await trends.trendRecorder.recordWeek(pair, {
      weekStart: `${month}-07`,
      meetings: 3,
      meetingHours: 2,
      afterHoursMeetings: 0,
    });

    const rows = await trends.trendReader.managerRecords(pair.tenantId, pair.managerId, [month]);
    expect(rows.get(pair.reportId.toLowerCase())?.sharing).toEqual(DEFAULT_TREND_SHARING);
  });

  it('never lets a later record re-open what the report chose not to share', async () => {
    tenantNumber += 1;
    const pair = { tenantId: `trend-tenant-${tenantNumber}`, managerId: randomUUID(), reportId: randomUUID() };
    const [month] = monthsEndingAt(NOW, 1) as [Month];
    const hidden = { shareMood: false, shareLifeLoad: false, shareEnergy: true, shareDrain: true, calendarLoad: true };
    await trends.trendSharing.save(pair.tenantId, pair.reportId, hidden, pair.managerId);
    await trends.trendRecorder.recordWeek(pair, {
      weekStart: `${month}-07`,
      meetings: 3,
      meetingHours: 2,
      afterHoursMeetings: 0,
    });
    await trends.trendRecorder.recordCommitments(pair);

    const rows = await trends.trendReader.managerRecords(pair.tenantId, pair.managerId, [month]);
    expect(rows.get(pair.reportId.toLowerCase())?.sharing).toEqual(hidden);
  });
});

/*
 * Energy and drain are ratings the report states. Whatever happens to a rating after the recap (saved, changed,
 * cleared, "prefer not to say") and to its sharing switch, the incremental rows and a rebuild from the boards agree;
 * and rows written before these ratings existed read as "not stated" and "shared", never as zero or as a failure.
 */
describe('stated energy and drain ratings', () => {
  const person = (id: string) => ({ id, displayName: '' });
  const monthOfPair = async (pair: PairKey, month: Month, audience: 'manager' | 'report' = 'report') => {
    const rows = await readPair(pair);
    const trend = pairTrendOf({
      manager: person(pair.managerId),
      report: person(pair.reportId),
      audience,
      sharing: rows.sharing ?? DEFAULT_TREND_SHARING,
      months: [month],
      records: rows.records,
      commitments: rows.commitments,
      now: NOW,
    });
    return trend.months[0]!;
  };

  /** Throws the pair's monthly rows away, rebuilds them from the boards, and expects exactly what was there. */
  async function expectRebuildToMatch(pair: PairKey): Promise<void> {
    const incremental = await readPair(pair);
    const client = await tables(MONTHLY_TABLE);
    for (const row of await monthlyRows(pair)) await client.deleteEntity(row.partitionKey, row.rowKey);
    await trends.trendRecorder.rebuildPair(pair);
    expect(await readPair(pair)).toEqual(incremental);
  }

  async function rate(pair: PairKey, occurrenceId: OccurrenceId, change: Partial<Board['ratings']>): Promise<void> {
    const boards = createTableBoardStore(tables);
    const key = { ...pair, occurrenceId };
    const stored = (await boards.get(key))!;
    const board = { ...stored.board, ratings: { ...stored.board.ratings, ...change } };
    expect((await boards.replace(key, board, stored)).kind).toBe('replaced');
    await trends.trendRecorder.recordOccurrence(pair, occurrenceId);
  }
  const rated = (value: RatingValue | null, revision: number, by: string) => ({
    value,
    revision,
    updatedBy: by,
    updatedAt: '2026-09-02T09:20:00.000Z',
  });

  it('agree with a rebuild after a rating is saved, changed, cleared and answered "prefer not to say"', async () => {
    const pair = newPair();
    const A = occurrence('2026-09-02T09:00');
    await writeBoard(pair, A, {
      start: '2026-09-02T09:00Z',
      energizing: 'Nothing energizes me right now',
      energy: 4,
      drain: 2,
      recap: [['supportNeed'], ['learning']],
    });
    await trends.trendRecorder.recordOccurrence(pair, A);
    expect(await monthOfPair(pair, '2026-09')).toMatchObject({
      energy: { average: 4, answered: 1, preferNot: 0, ratedIn: [A] },
      drain: { average: 2, answered: 1, preferNot: 0, ratedIn: [A] },
      supportNeedsNamed: 1,
    });
    await expectRebuildToMatch(pair);

    await rate(pair, A, { energy: rated(2, 2, pair.reportId) });
    expect((await monthOfPair(pair, '2026-09')).energy).toMatchObject({ average: 2, answered: 1 });
    await expectRebuildToMatch(pair);

    // Cleared: not stated, never a zero (the typed "nothing energizes me" is no rating either).
    await rate(pair, A, { energy: rated(null, 3, pair.reportId) });
    expect((await monthOfPair(pair, '2026-09')).energy).toEqual({
      average: null,
      answered: 0,
      preferNot: 0,
      ratedIn: [],
    });
    await expectRebuildToMatch(pair);

    await rate(pair, A, { drain: rated('preferNot', 2, pair.reportId) });
    expect((await monthOfPair(pair, '2026-09')).drain).toEqual({
      average: null,
      answered: 0,
      preferNot: 1,
      ratedIn: [],
    });
    await expectRebuildToMatch(pair);
  });

  it('agree with a rebuild after the report switches energy and drain off, and the manager sees "notShared"', async () => {
    const pair = newPair();
    const A = occurrence('2026-10-07T09:00');
    await writeBoard(pair, A, { start: '2026-10-07T09:00Z', energy: 1, drain: 5, mood: 3 });
    await trends.trendRecorder.recordOccurrence(pair, A);
    expect((await monthOfPair(pair, '2026-10', 'manager')).energy).toMatchObject({ average: 1 });

    const keeps: TrendSharing = { ...DEFAULT_TREND_SHARING, shareEnergy: false, shareDrain: false };
    await trends.trendSharing.save(pair.tenantId, pair.reportId, keeps, pair.managerId);
    const managerMonth = await monthOfPair(pair, '2026-10', 'manager');
    expect(managerMonth).toMatchObject({ energy: NOT_SHARED, drain: NOT_SHARED, mood: { average: 3 } });
    expect(JSON.stringify(managerMonth)).not.toContain(A.slice(0, 14).concat('"')); // no ratedIn leaks out
    expect((await monthOfPair(pair, '2026-10', 'report')).drain).toMatchObject({ average: 5 });
    await expectRebuildToMatch(pair);
    expect((await readPair(pair)).sharing).toEqual(keeps);
  });

  it('read a fact stored before energy and drain were rated as not stated, until a rebuild derives them', async () => {
    const pair = newPair();
    const A = occurrence('2026-08-05T09:00');
    await writeBoard(pair, A, { start: '2026-08-05T09:00Z', energizing: 'Design work', energy: 5, mood: 4 });
    await trends.trendRecorder.recordOccurrence(pair, A);
    const current = byMonth((await readPair(pair)).records, '2026-08')!.facts[A]!;
    // As the facts were written before: "a box was filled" flags, and no energy or drain key at all.
    const rest = Object.entries(current).filter(([key]) => key !== 'energy' && key !== 'drain');
    const legacy = {
      ...Object.fromEntries(rest),
      energizing: true,
      draining: false,
      support: false,
    } as unknown as MeetingFact;
    await createTrendStore(tables).updateMonths(pair, ['2026-08'], ([record]) => [
      { record: { ...record!, facts: { [A]: legacy } }, changed: true },
    ]);
    const old = byMonth((await readPair(pair)).records, '2026-08')!.facts[A]!;
    expect(old).toMatchObject({ energy: null, drain: null, mood: 4 });
    expect(old).not.toHaveProperty('energizing');
    expect((await monthOfPair(pair, '2026-08')).energy).toEqual({
      average: null,
      answered: 0,
      preferNot: 0,
      ratedIn: [],
    });

    await trends.trendRecorder.rebuildPair(pair);
    expect((await monthOfPair(pair, '2026-08')).energy).toMatchObject({ average: 5, answered: 1 });
  });

  it('read sharing stored before energy and drain had switches as shared, the default', async () => {
    const pair = newPair();
    const hidesMood = { ...DEFAULT_TREND_SHARING, shareMood: false };
    await trends.trendSharing.save(pair.tenantId, pair.reportId, hidesMood, pair.managerId);
    // The sharing row and its copy in the manager's partition, as written before the two switches existed.
    const sharingTable = await tables(TREND_SHARING_TABLE);
    const [partitionKey, rowKey] = [keyPart(pair.tenantId), keyPart(pair.reportId.toLowerCase())];
    const row = await sharingTable.getEntity<Record<string, unknown>>(partitionKey, rowKey);
    const dropped = ['shareEnergy', 'shareDrain', 'etag', 'timestamp', 'partitionKey', 'rowKey'];
    const older = Object.fromEntries(Object.entries(row).filter(([key]) => !dropped.includes(key)));
    await sharingTable.upsertEntity({ ...older, partitionKey, rowKey }, 'Replace');
    const threeChoices = { shareMood: false, shareLifeLoad: true, calendarLoad: true } as unknown as TrendSharing;
    await createTrendStore(tables).updatePair(pair, (pairRow) => ({
      value: { ...pairRow, sharing: threeChoices },
      changed: true,
    }));

    expect(await trends.trendSharing.get(pair.tenantId, pair.reportId)).toEqual(hidesMood);
    expect((await readPair(pair)).sharing).toEqual(hidesMood);
  });
});
