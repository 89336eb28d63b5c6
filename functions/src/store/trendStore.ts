import { odata, type TableClient, type TableEntity, type TransactionAction } from '@azure/data-tables';
import { storedTrendSharingSchema, type Month, type TrendSharing } from '../contract';
import type { CommitmentFact, MeetingFact, MonthRecord, WeekLoad } from '../domain/trendFacts';
import { emptyMonthRecord, storedMeetingFact } from '../domain/trends';
import { guardOf, markerRowKey, readRow, statusOf, type RowGuard } from './guardedRows';
import { compositeKey } from './keys';
import { rowText } from './rowValues';
import type { PairAddress } from './scheduledOccurrences';
import type { TableClientFactory } from './tables';

export const MONTHLY_TABLE = 'monthly';

/*
 * The monthly table: everything a manager's trend tab reads, in ONE partition per manager.
 *
 *   PartitionKey  tenant|manager
 *   RowKey        m|<YYYY-MM>|<report>   month row: the pair's MeetingFacts and WeekLoads of that month (JSON)
 *                 p|<report>             pair row: the pair's commitments (CommitmentFact[] JSON) and the report's sharing
 *                 <row key>~v<n>         version markers (guardedRows.ts), filtered out by `kind`
 *
 * Month rows sort by month before report, so "months A..B of every report plus every pair row" is one query over
 * two key ranges of one partition. Every row is guarded like a board row (a version plus a marker row, see
 * guardedRows.ts): Azurite may keep an ETag across two quick updates, and the version makes lost updates impossible
 * there too. Writers never delete rows (a month whose facts all moved away stays as an empty record, which readers
 * skip), so a deleted-then-recreated row can never be mistaken for the one a writer read; only the retention job
 * deletes month rows, and only of months older than the retention period, which no writer touches any more.
 */

/** A row as read for a write: `guard` null while the row does not exist. */
export interface Stored<T> {
  value: T;
  guard: RowGuard | null;
}

export interface PairRow {
  commitments: CommitmentFact[];
  /** The report's sharing as last mirrored into this manager's partition; null = never (read the sharing store). */
  sharing: TrendSharing | null;
}

export interface ManagerRows {
  records: MonthRecord[];
  commitments: CommitmentFact[];
  sharing: TrendSharing | null;
}

export type Change<T> = (current: T) => { value: T; changed: boolean };

export interface TrendStore {
  /**
   * Read-modify-write of the pair's rows of `months` (absent rows read as empty records): `change` gets them in
   * the order given and answers the new ones; only changed rows are written, all in one entity-group transaction
   * (a fact moving between months leaves one and enters the other atomically). Retried when a row moved on.
   */
  updateMonths(
    pair: PairAddress,
    months: readonly Month[],
    change: (records: MonthRecord[]) => Array<{ record: MonthRecord; changed: boolean }>,
  ): Promise<void>;
  /** Every month row of the pair, empty ones included (a rebuild must see them to empty them). */
  pairMonths(pair: PairAddress): Promise<MonthRecord[]>;
  readPair(pair: PairAddress): Promise<PairRow>;
  updatePair(pair: PairAddress, change: Change<PairRow>): Promise<void>;
  /** ONE query on the manager's partition: the month rows of `months` and every pair row, by report (lower-case). */
  managerRows(tenantId: string, managerId: string, months: readonly Month[]): Promise<Map<string, ManagerRows>>;
  /** The same for one report: still one query on the manager's partition, returning that report's rows only. */
  pairRows(pair: PairAddress, months: readonly Month[]): Promise<ManagerRows>;
}

/** Writers of one pair's month rows are a recap save, the daily job and a rebuild: a handful of re-reads suffices. */
export const MAX_TREND_WRITE_ATTEMPTS = 12;

/** A string property holds at most 64 KiB (32 K UTF-16 characters); commitments are split into chunks below that. */
const CHUNK_CHARS = 30_000;
const MAX_CHUNKS = 30;

/** A short random pause before a re-read keeps writers that lost the same race from colliding again in lockstep. */
function pauseBeforeRetry(attempt: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.round(Math.random() * 15 * attempt)));
}

export function monthlyPartitionKey(tenantId: string, managerId: string): string {
  return compositeKey(tenantId, managerId.toLowerCase());
}

export function monthRowKey(month: Month, reportId: string): string {
  return compositeKey('m', month, reportId.toLowerCase());
}

export function pairRowKey(reportId: string): string {
  return compositeKey('p', reportId.toLowerCase());
}

export function createTrendStore(tables: TableClientFactory): TrendStore {
  const table = (): Promise<TableClient> => tables(MONTHLY_TABLE);

  async function readMonth(client: TableClient, pair: PairAddress, month: Month): Promise<Stored<MonthRecord>> {
    const row = await readRow(
      client,
      monthlyPartitionKey(pair.tenantId, pair.managerId),
      monthRowKey(month, pair.reportId),
    );
    return row ? { value: monthOf(row), guard: guardOf(row) } : { value: emptyMonthRecord(month), guard: null };
  }

  async function query(filter: string): Promise<Record<string, unknown>[]> {
    const client = await table();
    const rows: Record<string, unknown>[] = [];
    for await (const row of client.listEntities<Record<string, unknown>>({ queryOptions: { filter } })) rows.push(row);
    return rows;
  }

  async function rowsOf(
    partitionKey: string,
    months: readonly Month[],
    reportId: string | null,
  ): Promise<Map<string, ManagerRows>> {
    const byReport = new Map<string, ManagerRows>();
    const entry = (report: string): ManagerRows => {
      let found = byReport.get(report);
      if (!found) byReport.set(report, (found = { records: [], commitments: [], sharing: null }));
      return found;
    };
    const sorted = [...months].sort();
    const first = sorted[0];
    const last = sorted.at(-1);
    const pairRange = reportId
      ? odata`RowKey eq ${pairRowKey(reportId)}`
      : odata`(RowKey gt ${'p|'} and RowKey lt ${'p|~'})`;
    const monthRange =
      first && last
        ? odata`(RowKey gt ${`m|${first}|`} and RowKey lt ${`m|${last}|~`} and kind eq ${'month'}` +
          (reportId ? odata` and reportId eq ${reportId.toLowerCase()})` : ')')
        : null;
    // Property names left of the operator: Azurite cannot read the other way round.
    const filter =
      odata`PartitionKey eq ${partitionKey} and ` +
      (monthRange ? `(${monthRange} or (${pairRange} and kind eq 'pair'))` : `(${pairRange} and kind eq 'pair')`);
    const wanted = new Set(months);
    for (const row of await query(filter)) {
      const report = String(row['reportId']);
      if (row['kind'] === 'pair') {
        const pairRow = pairOf(row);
        Object.assign(entry(report), { commitments: pairRow.commitments, sharing: pairRow.sharing });
      } else if (row['kind'] === 'month') {
        const record = monthOf(row);
        if (wanted.has(record.month) && !isEmpty(record)) entry(report).records.push(record);
      }
    }
    for (const rows of byReport.values()) rows.records.sort((a, b) => a.month.localeCompare(b.month));
    return byReport;
  }

  return {
    async updateMonths(pair, months, change) {
      const unique = [...new Set(months)];
      const partitionKey = monthlyPartitionKey(pair.tenantId, pair.managerId);
      for (let attempt = 1; attempt <= MAX_TREND_WRITE_ATTEMPTS; attempt++) {
        const client = await table();
        const stored = await Promise.all(unique.map((month) => readMonth(client, pair, month)));
        const next = change(stored.map((s) => s.value));
        const writes = stored.flatMap((before, i) => {
          const after = next[i];
          if (!after?.changed) return [];
          if (after.record.month !== before.value.month) throw new Error('a month record changed its month');
          return [{ entity: monthEntity(partitionKey, pair.reportId, after.record), guard: before.guard }];
        });
        if (writes.length === 0) return;
        if ((await writeGuarded(client, writes)) === 'written') return;
        await pauseBeforeRetry(attempt);
      }
      throw new Error('the month rows of this pair kept changing; the trend update was not written');
    },

    async pairMonths(pair) {
      const filter = odata`PartitionKey eq ${monthlyPartitionKey(pair.tenantId, pair.managerId)} and RowKey gt ${'m|'} and RowKey lt ${'m|~'} and kind eq ${'month'} and reportId eq ${pair.reportId.toLowerCase()}`;
      return (await query(filter)).map(monthOf).sort((a, b) => a.month.localeCompare(b.month));
    },

    async readPair(pair) {
      const row = await readRow(
        await table(),
        monthlyPartitionKey(pair.tenantId, pair.managerId),
        pairRowKey(pair.reportId),
      );
      return row ? pairOf(row) : { commitments: [], sharing: null };
    },

    async updatePair(pair, change) {
      const partitionKey = monthlyPartitionKey(pair.tenantId, pair.managerId);
      for (let attempt = 1; attempt <= MAX_TREND_WRITE_ATTEMPTS; attempt++) {
        const client = await table();
        const row = await readRow(client, partitionKey, pairRowKey(pair.reportId));
        const before: Stored<PairRow> = row
          ? { value: pairOf(row), guard: guardOf(row) }
          : { value: { commitments: [], sharing: null }, guard: null };
        const after = change(before.value);
        if (!after.changed) return;
        const entity = pairEntity(partitionKey, pair.reportId, after.value);
        if ((await writeGuarded(client, [{ entity, guard: before.guard }])) === 'written') return;
        await pauseBeforeRetry(attempt);
      }
      throw new Error('the pair row kept changing; the trend update was not written');
    },

    managerRows: (tenantId, managerId, months) => rowsOf(monthlyPartitionKey(tenantId, managerId), months, null),

    async pairRows(pair, months) {
      const rows = await rowsOf(monthlyPartitionKey(pair.tenantId, pair.managerId), months, pair.reportId);
      return rows.get(pair.reportId.toLowerCase()) ?? { records: [], commitments: [], sharing: null };
    },
  };
}

export function isEmpty(record: MonthRecord): boolean {
  return Object.keys(record.facts).length === 0 && Object.keys(record.weeks).length === 0;
}

/**
 * Creates or replaces guarded rows of one partition in one entity-group transaction (guardedRows.ts semantics,
 * several rows at once): every row moves from marker v(n) to v(n+1), a new row is created at v1. Any row that moved
 * on since it was read makes the whole transaction fail (404 marker gone, 409 marker taken, 412 ETag), so nothing
 * is half-written and the caller re-reads.
 */
async function writeGuarded(
  client: TableClient,
  writes: Array<{ entity: TableEntity; guard: RowGuard | null }>,
): Promise<'written' | 'stale'> {
  const actions: TransactionAction[] = writes.flatMap(({ entity, guard }): TransactionAction[] => {
    const marker = (version: number): TableEntity => ({
      partitionKey: entity.partitionKey,
      rowKey: markerRowKey(entity.rowKey, version),
      kind: 'version',
    });
    if (!guard)
      return [
        ['create', { ...entity, version: 1 }],
        ['create', marker(1)],
      ];
    const version = guard.version + 1;
    return [
      ['delete', marker(guard.version)],
      ['create', marker(version)],
      ['update', { ...entity, version }, 'Replace', { etag: guard.etag }],
    ];
  });
  try {
    await client.submitTransaction(actions);
    return 'written';
  } catch (error) {
    const status = statusOf(error);
    if (status === 404 || status === 409 || status === 412) return 'stale';
    throw error;
  }
}

/** Facts and weeks with sorted keys, so the same record is always the same text. */
function sortedJson<T>(record: Record<string, T>): string {
  return JSON.stringify(Object.fromEntries(Object.entries(record).sort(([a], [b]) => a.localeCompare(b))));
}

function monthEntity(
  partitionKey: string,
  reportId: string,
  record: MonthRecord,
): TableEntity<Record<string, string | number>> {
  const facts = Object.values(record.facts);
  return {
    partitionKey,
    rowKey: monthRowKey(record.month, reportId),
    kind: 'month',
    reportId: reportId.toLowerCase(),
    month: record.month,
    // A month holds a handful of 1:1s (≈ 400 characters each) and at most 5 weeks: far below the 64 KiB limit.
    facts: sortedJson(record.facts),
    weeks: sortedJson(record.weeks),
    // Plain columns for whoever looks at the table; readers derive everything from the facts.
    held: facts.filter((f) => f.outcome === 'held').length,
    scheduled: facts.length,
  };
}

/** Facts as stored; one written before energy and drain were rated reads those as not stated (domain/trendRecords). */
function factsOf(json: string): Record<string, MeetingFact> {
  const stored = JSON.parse(json) as Record<string, Parameters<typeof storedMeetingFact>[0]>;
  return Object.fromEntries(Object.entries(stored).map(([id, fact]) => [id, storedMeetingFact(fact)]));
}

function monthOf(row: Record<string, unknown>): MonthRecord {
  return {
    month: String(row['month']),
    facts: factsOf(rowText(row, 'facts', '{}')),
    weeks: JSON.parse(rowText(row, 'weeks', '{}')) as Record<string, WeekLoad>,
  };
}

function pairEntity(
  partitionKey: string,
  reportId: string,
  row: PairRow,
): TableEntity<Record<string, string | number>> {
  const json = JSON.stringify(row.commitments);
  const chunks: string[] = [];
  for (let at = 0; at < json.length; at += CHUNK_CHARS) chunks.push(json.slice(at, at + CHUNK_CHARS));
  if (chunks.length > MAX_CHUNKS) throw new Error('too many commitments for one pair row');
  const entity: TableEntity<Record<string, string | number>> = {
    partitionKey,
    rowKey: pairRowKey(reportId),
    kind: 'pair',
    reportId: reportId.toLowerCase(),
    commitmentChunks: chunks.length,
    // Table Storage has no null: an empty string is "never mirrored".
    sharing: row.sharing ? JSON.stringify(row.sharing) : '',
  };
  chunks.forEach((chunk, i) => (entity[`commitments${i}`] = chunk));
  return entity;
}

function pairOf(row: Record<string, unknown>): PairRow {
  const chunks = Number(row['commitmentChunks'] ?? 0);
  let json = '';
  for (let i = 0; i < chunks; i++) json += rowText(row, `commitments${i}`);
  const sharingText = rowText(row, 'sharing');
  return {
    commitments: json ? (JSON.parse(json) as CommitmentFact[]) : [],
    // A copy mirrored before a choice existed reads that choice as its default, like the sharing row itself.
    sharing: sharingText ? storedTrendSharingSchema.parse(JSON.parse(sharingText)) : null,
  };
}
