import { MAX_TREND_MONTHS, type Month, type OccurrenceId, type TrendSharing } from '../contract';
import type { Board } from '../domain/board';
import type {
  CommitmentFact,
  MeetingFact,
  MonthRecord,
  ScheduledOccurrence,
  StatusFacts,
  WeekLoad,
} from '../domain/trendFacts';
import { commitmentFactOf, meetingFactOf, monthOf, withFact, withoutFact, withWeek } from '../domain/trends';
import { partitionOf, type BoardStore } from '../store/boardStore';
import type { BlockerStore } from '../store/blockerStore';
import type { CommitmentStore } from '../store/commitmentStore';
import type { StatusRequestClaimStore } from '../store/statusRequestClaimStore';
import type { ScheduledOccurrenceStore } from '../store/scheduledOccurrences';
import type { StatusUpdateStore } from '../store/statusUpdateStore';
import type { TrendSharingStore } from '../store/trendSharingStore';
import type { TrendStore } from '../store/trendStore';

export type { TrendSharingStore } from '../store/trendSharingStore';

/** Same as store/pairHistory PairKey. */
export interface PairKey {
  tenantId: string;
  managerId: string;
  reportId: string;
}

export interface TrendRecorder {
  /**
   * Re-derives one occurrence's MeetingFact from its sources (board, sched row, status request/answer) and sets it
   * in its month row (ETag-guarded read-modify-write, retried on 412). Idempotent.
   */
  recordOccurrence(pair: PairKey, occurrenceId: OccurrenceId): Promise<void>;
  /** Stores the calendar's record of a 1:1 (a `sched~<occurrenceId>` row in the pair's boards partition), then recordOccurrence. */
  recordScheduled(pair: PairKey, scheduled: ScheduledOccurrence): Promise<void>;
  /** Snapshot of the pair's commitments (as CommitmentFact[]) into the pair row of the monthly table. */
  recordCommitments(pair: PairKey): Promise<void>;
  /** Sets one week's calendar load of the report in the month row of (pair, month of weekStart). */
  recordWeek(pair: PairKey, week: WeekLoad): Promise<void>;
  /** Re-derives every month row of the pair from the pair's boards partition (keeps the Graph-sourced weeks). */
  rebuildPair(pair: PairKey): Promise<void>;
}

export interface PairRecords {
  records: MonthRecord[];
  commitments: CommitmentFact[];
  sharing: TrendSharing | null;
}

export interface TrendReader {
  /** ONE partition query on the monthly table (PartitionKey tenant|manager): every month row in `months` and every pair row. */
  managerRecords(tenantId: string, managerId: string, months: readonly Month[]): Promise<Map<string, PairRecords>>;
  /** Addition: the same for one pair — still one query on the manager's partition, answering that report's rows only. */
  pairRecords(pair: PairKey, months: readonly Month[]): Promise<PairRecords>;
}

/** The sources one occurrence's fact is derived from, read the same way by the incremental path and the rebuild. */
export interface FactSources {
  boards: Pick<BoardStore, 'get'>;
  scheduled: ScheduledOccurrenceStore;
  claims: Pick<StatusRequestClaimStore, 'sentOccurrenceIds'>;
  statusUpdates: Pick<StatusUpdateStore, 'get' | 'occurrenceIds'>;
  /** Which recap blocker lines were marked resolved (a blocker stays open until then). */
  blockers: Pick<BlockerStore, 'resolvedOfPair'>;
  boardIds(pair: PairKey): Promise<OccurrenceId[]>;
}

/** Commitments closed this long ago can no longer show in any trend window; the pair row drops them. */
const KEEP_CLOSED_MONTHS = MAX_TREND_MONTHS + 1;
/** Boards read at once by a rebuild (one pair at a time). */
const REBUILD_READS_IN_FLIGHT = 8;

const lower = (pair: PairKey): PairKey => ({
  tenantId: pair.tenantId,
  managerId: pair.managerId.toLowerCase(),
  reportId: pair.reportId.toLowerCase(),
});

/** `20261126T0900Z-…` → 2026-11: the month of the occurrence's original start. */
const originalMonthOf = (occurrenceId: OccurrenceId): Month =>
  `${occurrenceId.slice(0, 4)}-${occurrenceId.slice(4, 6)}`;

export function createTrendReader(store: Pick<TrendStore, 'managerRows' | 'pairRows'>): TrendReader {
  return {
    managerRecords: (tenantId, managerId, months) => store.managerRows(tenantId, managerId, months),
    pairRecords: (pair, months) => store.pairRows(lower(pair), months),
  };
}

export function createTrendRecorder(
  store: TrendStore,
  sources: FactSources,
  commitments: Pick<CommitmentStore, 'all'>,
  sharingStore: Pick<TrendSharingStore, 'get'>,
  now: () => Date,
): TrendRecorder {
  /**
   * Gives the pair row its copy of the report's sharing choices if it has none yet, so the manager's trend load
   * reads them from the same partition (one query) instead of one sharing lookup per report. Only ever fills an
   * absent copy, under the row's guard: a copy the report's own save wrote (it writes here first) always wins, so a
   * stale read here can never re-open what the report closed.
   */
  async function ensureSharingCopy(pair: PairKey): Promise<void> {
    const current = await store.readPair(pair);
    if (current.sharing) return;
    const sharing = await sharingStore.get(pair.tenantId, pair.reportId);
    await store.updatePair(pair, (row) =>
      row.sharing ? { value: row, changed: false } : { value: { ...row, sharing }, changed: true },
    );
  }

  async function recordOccurrence(pairIn: PairKey, occurrenceId: OccurrenceId): Promise<void> {
    const pair = lower(pairIn);
    const key = { ...pair, occurrenceId };
    const [stored, scheduled, sent, answered, resolved] = await Promise.all([
      sources.boards.get(key),
      sources.scheduled.get(pair, occurrenceId),
      sources.claims.sentOccurrenceIds(pair, occurrenceId),
      sources.statusUpdates.get(key),
      sources.blockers.resolvedOfPair(pair),
    ]);
    const board = stored?.board ?? null;
    const fact = meetingFactOf({
      occurrenceId,
      board,
      scheduled,
      status: { requested: sent.has(occurrenceId), answered: answered !== null },
      resolvedBlockerLines: resolved.get(occurrenceId) ?? [],
      now: now(),
    });
    // The fact lives in the month of its start. It may have been recorded under another start before (the meeting
    // moved across a month's end): the months of the original start, the board's and the calendar's start are read
    // too, and the occurrence leaves every one of them but its own, in the same transaction. A meeting moved twice
    // across month ends can leave a stale fact in the month in between; `npm run trends:rebuild` reconciles that.
    const months = [
      originalMonthOf(occurrenceId),
      ...(board?.meeting ? [monthOf(board.meeting.start)] : []),
      ...(scheduled ? [monthOf(scheduled.start)] : []),
      ...(fact ? [monthOf(fact.start)] : []),
    ];
    const home = fact ? monthOf(fact.start) : null;
    await store.updateMonths(pair, months, (records) =>
      records.map((record) =>
        fact && record.month === home ? withFact(record, fact) : withoutFact(record, occurrenceId),
      ),
    );
    await ensureSharingCopy(pair);
  }

  async function recordCommitments(pairIn: PairKey): Promise<void> {
    const pair = lower(pairIn);
    const cutoff = new Date(now());
    cutoff.setUTCMonth(cutoff.getUTCMonth() - KEEP_CLOSED_MONTHS);
    const facts = (await commitments.all(partitionOf(pair)))
      .map(commitmentFactOf)
      .filter((c) => c.status === 'open' || c.closedAt === null || Date.parse(c.closedAt) >= cutoff.getTime())
      .sort((a, b) => (a.createdAt === b.createdAt ? a.id.localeCompare(b.id) : a.createdAt < b.createdAt ? -1 : 1));
    await store.updatePair(pair, (row) => ({
      value: { ...row, commitments: facts },
      changed: JSON.stringify(row.commitments) !== JSON.stringify(facts),
    }));
    await ensureSharingCopy(pair);
  }

  return {
    recordOccurrence,

    async recordScheduled(pair, scheduled) {
      await sources.scheduled.put(lower(pair), scheduled);
      await recordOccurrence(pair, scheduled.occurrenceId);
    },

    recordCommitments,

    async recordWeek(pair, week) {
      await store.updateMonths(lower(pair), [week.weekStart.slice(0, 7)], (records) =>
        records.map((r) => withWeek(r, week)),
      );
      await ensureSharingCopy(lower(pair));
    },

    async rebuildPair(pairIn) {
      const pair = lower(pairIn);
      const facts = await rebuiltFacts(pair, sources, now());
      const byMonth = new Map<Month, MeetingFact[]>();
      for (const fact of facts) byMonth.set(monthOf(fact.start), [...(byMonth.get(monthOf(fact.start)) ?? []), fact]);
      const existing = (await store.pairMonths(pair)).map((r) => r.month);
      // Month by month: each row's facts become exactly the derived ones; its weeks (read from Graph, not
      // derivable from the boards) stay, and a concurrent recordWeek is retried into, never lost.
      for (const month of [...new Set([...existing, ...byMonth.keys()])].sort()) {
        const wanted = Object.fromEntries((byMonth.get(month) ?? []).map((fact) => [fact.occurrenceId, fact]));
        await store.updateMonths(pair, [month], (records) =>
          records.map((record) => {
            const changed = factsText(record.facts) !== factsText(wanted);
            return { record: changed ? { ...record, facts: wanted } : record, changed };
          }),
        );
      }
      await recordCommitments(pair);
    },
  };
}

/** Facts as text with every key sorted: a fact read back from storage compares equal to the one derived again. */
function factsText(facts: Record<string, MeetingFact>): string {
  const sorted = Object.entries(facts)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([id, fact]) => [id, Object.entries(fact).sort(([a], [b]) => a.localeCompare(b))]);
  return JSON.stringify(sorted);
}

/**
 * Every fact of a pair, derived from the boards partition: every occurrence with a board or a sched row, with the
 * status facts read once per pair. The same meetingFactOf as the incremental path, so both agree by construction.
 */
async function rebuiltFacts(pair: PairKey, sources: FactSources, now: Date): Promise<MeetingFact[]> {
  const [scheduled, sent, answered, boardIds, resolved] = await Promise.all([
    sources.scheduled.list(pair),
    sources.claims.sentOccurrenceIds(pair),
    sources.statusUpdates.occurrenceIds(pair),
    sources.boardIds(pair),
    sources.blockers.resolvedOfPair(pair),
  ]);
  const schedById = new Map(scheduled.map((s) => [s.occurrenceId, s]));
  const ids = [...new Set([...boardIds, ...schedById.keys()])].sort();
  const facts: MeetingFact[] = [];
  for (let at = 0; at < ids.length; at += REBUILD_READS_IN_FLIGHT) {
    const batch = ids.slice(at, at + REBUILD_READS_IN_FLIGHT);
    const boards = await Promise.all(batch.map((occurrenceId) => sources.boards.get({ ...pair, occurrenceId })));
    batch.forEach((occurrenceId, i) => {
      const board: Board | null = boards[i]?.board ?? null;
      const status: StatusFacts = { requested: sent.has(occurrenceId), answered: answered.has(occurrenceId) };
      const fact = meetingFactOf({
        occurrenceId,
        board,
        scheduled: schedById.get(occurrenceId) ?? null,
        status,
        resolvedBlockerLines: resolved.get(occurrenceId) ?? [],
        now,
      });
      if (fact) facts.push(fact);
    });
  }
  return facts;
}
