/**
 * A year of 1:1s for the demo tenant (`npm start`), so a newcomer opens the trend tab and sees real trends with
 * signals firing (the story is in demoStory.ts). Written through the product's own stores and domain rules: boards
 * built with the board's edit rules (so the status guard counts its nudges itself), commitments, the calendar's
 * record of skipped and cancelled 1:1s and the weeks of calendar load through the TrendRecorder, then each pair's
 * month rows rebuilt from its boards, as the admin rebuild does.
 *
 * What is written is planned in demoHistoryPlan.ts (pure): every weekly occurrence of Megan's four 1:1 series that
 * has ended, from the first day of the month eleven months back; the in-progress and upcoming 1:1s are never touched.
 *
 * Idempotent: what exists is never rewritten. A slot with a board or calendar record within half a week of it is
 * taken (the demo calendar is placed relative to the start time, so a later start sees its weekly slots shifted by
 * hours or days: those are the same weeks, not new 1:1s), a week of calendar load already recorded stays, a
 * commitment is created if absent, and Lynne's sharing is saved only while her manager has never seen a choice.
 */
import type { TableClient } from '@azure/data-tables';
import { odata } from '@azure/data-tables';
import { occurrenceIdSchema, type Month, type OccurrenceId } from '@candor/functions/contract';
import type { WeekLoad } from '@candor/functions/domain/trendFacts';
import { originalStartOf } from '@candor/functions/domain/trendRecords';
import { monthsEndingAt } from '@candor/functions/domain/trends';
import { BOARDS_TABLE, createTableBoardStore, partitionOf } from '@candor/functions/store/boardStore';
import { createBlockerStore } from '@candor/functions/store/blockerStore';
import { createCommitmentStore } from '@candor/functions/store/commitmentStore';
import { blockerLinesOf } from '@candor/functions/domain/blockers';
import type { TableClientFactory } from '@candor/functions/store/tables';
import type { PairKey } from '@candor/functions/application/trends';
import { trendStores } from '@candor/functions/composition/trends';
import { HISTORY_MONTHS, boardOf, planDemoHistory, type PairHistory } from './demoHistoryPlan';
import { demoTenantSeed } from './simulator/demoTenant';
import type { TenantSeed } from './simulator/types';

export {
  HISTORY_MONTHS,
  boardOf,
  planDemoHistory,
  planPairHistory,
  type HistorySlot,
  type PairHistory,
} from './demoHistoryPlan';

/** A slot this close to an existing 1:1 of the pair is that week's 1:1, already there. */
const SAME_WEEK_MS = 3.5 * 86_400_000;
const WRITES_IN_FLIGHT = 32;

export interface DemoHistoryResult {
  /** 1:1s in the history window (held, skipped and cancelled), whether written now or by an earlier start. */
  oneOnOnes: number;
  months: number;
  written: {
    boards: number;
    missed: number;
    weeks: number;
    commitments: number;
    rebuiltPairs: number;
    sharing: boolean;
  };
}

/** The 1:1s the pair already has: a board or a calendar record (keys only, never the boards' text). */
async function existingOccurrences(boards: TableClient, pair: PairKey): Promise<OccurrenceId[]> {
  const filter = odata`PartitionKey eq ${partitionOf(pair)} and (kind eq ${'board'} or kind eq ${'sched'})`;
  const ids: OccurrenceId[] = [];
  for await (const row of boards.listEntities<Record<string, unknown>>({
    queryOptions: { filter, select: ['RowKey'] },
  })) {
    const id = occurrenceIdSchema.safeParse(String(row.rowKey).replace(/^sched~/, ''));
    if (id.success) ids.push(id.data);
  }
  return ids;
}

async function inPool<T>(items: readonly T[], limit: number, work: (item: T) => Promise<unknown>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) await work(items[next++] as T);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

/** Seeds (or completes) the demo history; see the module comment for what a second run does (nothing). */
export async function seedDemoHistory(input: {
  tables: TableClientFactory;
  now: Date;
  tenant?: TenantSeed;
}): Promise<DemoHistoryResult> {
  const tenant = input.tenant ?? demoTenantSeed(input.now);
  const histories = planDemoHistory(input.now, tenant);
  const written = await writeHistories({
    tables: input.tables,
    now: input.now,
    months: monthsEndingAt(input.now, HISTORY_MONTHS),
    histories,
  });
  return { oneOnOnes: histories.reduce((n, h) => n + h.slots.length, 0), months: HISTORY_MONTHS, written };
}

/**
 * Writes what is missing of the histories (all of one manager, within `months`) through the product's stores,
 * then rebuilds the month rows of every pair that changed. Also used by `npm run bench:trends`.
 */
export async function writeHistories(input: {
  tables: TableClientFactory;
  now: Date;
  months: readonly Month[];
  histories: readonly PairHistory[];
}): Promise<DemoHistoryResult['written']> {
  const { tables, now, months, histories } = input;
  const first = histories[0];
  if (!first) throw new Error('demo history: nothing to write');
  const trends = trendStores(tables, () => now);
  const boardStore = createTableBoardStore(tables);
  const boardsTable = await tables(BOARDS_TABLE);
  const commitmentStore = createCommitmentStore(() => tables(BOARDS_TABLE));

  const [recorded, ...existing] = await Promise.all([
    trends.trendReader.managerRecords(first.pair.tenantId, first.pair.managerId, months),
    ...histories.map((h) => existingOccurrences(boardsTable, h.pair)),
  ]);
  const written = { boards: 0, missed: 0, weeks: 0, commitments: 0, rebuiltPairs: 0, sharing: false };

  const perPair = histories.map((history, i) => {
    const ids = new Set(existing[i] ?? []);
    const taken = [...ids].map((id) => Date.parse(originalStartOf(id)));
    const have = recorded.get(history.pair.reportId.toLowerCase());
    const facts = new Set(have?.records.flatMap((r) => Object.keys(r.facts)) ?? []);
    const weeks = new Set(have?.records.flatMap((r) => Object.keys(r.weeks)) ?? []);
    const commitments = new Set(have?.commitments.map((c) => c.id) ?? []);
    const fresh = history.slots.filter(
      (s) => !taken.some((t) => Math.abs(t - Date.parse(originalStartOf(s.occurrenceId))) < SAME_WEEK_MS),
    );
    return {
      history,
      fresh,
      newWeeks: history.weeks.filter((w) => !weeks.has(w.weekStart)),
      newCommitments: history.commitments.filter((c) => !commitments.has(c.id)),
      // An earlier start that stopped before its rebuild left 1:1s without their facts.
      unrecorded: history.slots.some((s) => ids.has(s.occurrenceId) && !facts.has(s.occurrenceId)),
      sharingUnset: have?.sharing === undefined || have.sharing === null,
    };
  });

  // Everything the rebuild reads (boards, commitments, the calendar's record of the 1:1s that did not take place)
  // and the weeks of calendar load (which the rebuild keeps) go in together; Azurite is the limit, not the order.
  const boardWrites = perPair.flatMap((p) => p.fresh.filter((s) => s.outcome === 'held').map((slot) => ({ p, slot })));
  const commitmentWrites = perPair.flatMap((p) => p.newCommitments.map((c) => ({ p, c })));
  const missed = perPair.flatMap((p) => p.fresh.filter((s) => s.outcome !== 'held').map((slot) => ({ p, slot })));
  // One writer per month row: the weeks of a month go one after the other.
  const weekGroups = perPair.flatMap((p) => {
    const byMonth = new Map<string, WeekLoad[]>();
    for (const w of p.newWeeks)
      byMonth.set(w.weekStart.slice(0, 7), [...(byMonth.get(w.weekStart.slice(0, 7)) ?? []), w]);
    return [...byMonth.values()].map((weeks) => ({ p, weeks }));
  });
  await Promise.all([
    inPool(boardWrites, WRITES_IN_FLIGHT, async ({ p, slot }) => {
      await boardStore.create({ ...p.history.pair, occurrenceId: slot.occurrenceId }, boardOf(p.history, slot));
      written.boards++;
    }),
    inPool(commitmentWrites, 4, async ({ p, c }) => {
      if ((await commitmentStore.create(partitionOf(p.history.pair), c)).kind === 'created') written.commitments++;
    }),
    inPool(missed, 4, async ({ p, slot }) => {
      await trends.trendRecorder.recordScheduled(p.history.pair, {
        occurrenceId: slot.occurrenceId,
        start: slot.start.toISOString(),
        end: slot.end.toISOString(),
        cancelled: slot.outcome === 'cancelled',
      });
      written.missed++;
    }),
    inPool(weekGroups, WRITES_IN_FLIGHT, async ({ p, weeks }) => {
      for (const week of weeks) {
        await trends.trendRecorder.recordWeek(p.history.pair, week);
        written.weeks++;
      }
    }),
  ]);
  // Each blocker a recap named was dealt with by the next 1:1 and marked resolved then; the latest recap's stays open
  // (named within the week, so not overdue), for the board and the trend tab to offer "Mark resolved".
  const blockerStore = createBlockerStore(() => tables(BOARDS_TABLE));
  const resolutions = perPair.flatMap((p) => {
    const held = p.history.slots.filter((s) => s.outcome === 'held');
    const named = held.flatMap((slot) => {
      const lines = blockerLinesOf(boardOf(p.history, slot).recap);
      return lines.length > 0 ? [{ slot, lines }] : [];
    });
    const fresh = new Set(p.fresh.map((s) => s.occurrenceId));
    return named.slice(0, -1).flatMap(({ slot, lines }) => {
      const next = held.find((s) => s.start > slot.start);
      if (!next || !fresh.has(slot.occurrenceId)) return [];
      return lines.map((line) => ({ p, slot, line, at: next.start }));
    });
  });
  await inPool(resolutions, WRITES_IN_FLIGHT, async ({ p, slot, line, at }) => {
    const resolution = {
      resolved: true,
      resolvedBy: p.history.pair.managerId,
      resolvedAt: at.toISOString(),
      revision: 1,
    };
    // Created only if absent: a resolution (or a reopening) made since is never overwritten.
    await blockerStore.save(p.history.pair, { occurrenceId: slot.occurrenceId, line }, resolution, null);
  });
  const rebuild = perPair.filter((p) => p.fresh.length > 0 || p.newCommitments.length > 0 || p.unrecorded);
  await Promise.all(rebuild.map((p) => trends.trendRecorder.rebuildPair(p.history.pair)));
  written.rebuiltPairs = rebuild.length;

  // Lynne keeps her mood and life load to herself; a choice she (or anyone) made since is never overwritten.
  for (const p of perPair.filter((q) => q.history.report === 'lynne' && q.sharingUnset)) {
    const { tenantId, managerId, reportId } = p.history.pair;
    await trends.trendSharing.save(
      tenantId,
      reportId,
      { shareMood: false, shareLifeLoad: false, shareEnergy: true, shareDrain: true, calendarLoad: true },
      managerId,
    );
    written.sharing = true;
  }
  return written;
}
