/**
 * The phases `npm run bench:save` runs: one load alone on its open-loop schedule, the CPU each process spent on it, and
 * the stepped capacity search.
 */
import type { BareSaver, HttpSaver } from './saveClients';
import { capacityFrom, percentile, searchDone, type CapacityAttempt, type PlannedSave } from './saveLoad';

/** How long saves still unacknowledged when the schedule ends may keep retrying. */
const DRAIN_MS = 60_000;
/** Capacity is the highest rate at which p99 stays within this. */
const CAPACITY_P99_MS = 100;

export const round = (n: number, digits = 2): number => Math.round(n * 10 ** digits) / 10 ** digits;

export const sortedCopy = (values: readonly number[]): number[] => [...values].sort((a, b) => a - b);

export interface CpuTotals {
  apiMs: number;
  azuriteMs: number | null;
}

/** CPU time per acknowledged save (ms) of each process, over one phase: unlike latency, other processes barely move it. */
export interface CpuPerSave {
  api: number;
  azurite: number | null;
  load: number;
}

export interface CapacityStep extends CapacityAttempt {
  load: 'http' | 'bare';
}

export interface Capacity {
  goalP99Ms: number;
  /** Highest stepped rate with p99 within the goal and nothing failed; 0 when even the first step missed it. */
  httpSavesPerSecond: number;
  bareSavesPerSecond: number;
  steps: CapacityStep[];
}

interface Saver {
  fire(save: PlannedSave, due: number): void;
  drain(): Promise<void>;
  resetMeasures(): void;
  giveUpAt: number;
  measuring: boolean;
}

/** Fires each planned save at its instant (open loop); resolves when the last one is fired, with how late each was. */
function runSchedule(plan: readonly PlannedSave[], to: Saver): Promise<number[]> {
  const lags: number[] = [];
  const start = performance.now();
  let next = 0;
  return new Promise((resolve) => {
    const tick = (): void => {
      const now = performance.now();
      while (next < plan.length && (plan[next]?.at ?? Infinity) <= now - start) {
        const save = plan[next++];
        if (!save) break;
        lags.push(now - start - save.at);
        to.fire(save, start + save.at);
      }
      if (next >= plan.length) resolve(lags);
      else setTimeout(tick, Math.max(0, (plan[next]?.at ?? 0) - (performance.now() - start)));
    };
    tick();
  });
}

/** One load alone: fires the plan, waits for every save (at most DRAIN_MS after the last is fired). */
export async function runPhase(plan: readonly PlannedSave[], to: Saver): Promise<number[]> {
  to.resetMeasures();
  to.giveUpAt = Number.POSITIVE_INFINITY;
  const lags = await runSchedule(plan, to);
  to.giveUpAt = performance.now() + DRAIN_MS;
  await to.drain();
  return lags.sort((a, b) => a - b);
}

/** A phase with the CPU time each process spent on it, per acknowledged save. */
export async function measuredPhase(
  plan: readonly PlannedSave[],
  to: HttpSaver | BareSaver,
  cpu: () => Promise<CpuTotals>,
  azuriteRestarts: boolean,
): Promise<{ lags: number[]; cpu: CpuPerSave }> {
  const before = await cpu();
  const load = process.cpuUsage();
  const lags = await runPhase(plan, to);
  const used = process.cpuUsage(load);
  const after = await cpu();
  const saves = Math.max(1, to.counts.acknowledged);
  const perSave = (ms: number): number => round(ms / saves, 3);
  return {
    lags,
    cpu: {
      api: perSave(after.apiMs - before.apiMs),
      // A restart replaces Azurite's process, whose CPU time then starts again from 0: no figure for that phase.
      azurite:
        azuriteRestarts || after.azuriteMs === null || before.azuriteMs === null
          ? null
          : perSave(after.azuriteMs - before.azuriteMs),
      load: perSave((used.user + used.system) / 1000),
    },
  };
}

/**
 * Steps each load up the rates alone until one rate misses p99 ≤ CAPACITY_P99_MS (or has a failed save) on two tries
 * (capacityFrom). The HTTP load's edits stay in the end-of-run lost-edit check.
 */
export async function searchCapacity(
  plans: ReadonlyMap<number, readonly PlannedSave[]>,
  http: HttpSaver,
  bare: BareSaver,
  print: (line: string) => void,
): Promise<Capacity> {
  const steps: CapacityStep[] = [];
  const highest = async (load: CapacityStep['load'], to: HttpSaver | BareSaver): Promise<number> => {
    const attempts: CapacityAttempt[] = [];
    for (const [rate, plan] of plans) {
      for (let tries = 0; tries < 2; tries++) {
        await runPhase(plan, to);
        const attempt = { rate, p99Ms: round(percentile(sortedCopy(to.latencies), 99)), failed: to.counts.failed };
        attempts.push(attempt);
        steps.push({ load, ...attempt });
        if (attempt.p99Ms <= CAPACITY_P99_MS && attempt.failed === 0) break;
      }
      if (searchDone(attempts, CAPACITY_P99_MS)) break;
    }
    return capacityFrom(attempts, CAPACITY_P99_MS);
  };
  const httpSavesPerSecond = await highest('http', http);
  const bareSavesPerSecond = await highest('bare', bare);
  for (const load of ['http', 'bare'] as const) {
    const tried = steps.filter((s) => s.load === load).map((s) => `${s.rate}/s ${s.p99Ms.toFixed(0)}`);
    print(`capacity steps ${load.padEnd(4)} (rate p99 ms)     ${tried.join(' · ')}`);
  }
  print(
    `capacity at p99 ≤ ${CAPACITY_P99_MS} ms             HTTP ${httpSavesPerSecond} saves/s | bare pair ${bareSavesPerSecond} saves/s`,
  );
  return { goalP99Ms: CAPACITY_P99_MS, httpSavesPerSecond, bareSavesPerSecond, steps };
}
