/**
 * The pure parts of `npm run bench:save`: the open-loop schedule, the edit texts, the tab's re-base after a 409,
 * its retry backoff, percentiles and the lost-edit check. No I/O, so they are unit-tested (saveLoad.test.ts).
 */
import { TEXT_FIELD_IDS, TEXT_FIELD_OWNERS, type Role, type TextFieldId } from '@candor/functions/contract';

export interface PlannedSave {
  /** Milliseconds after the run's start at which the save is due, whatever happened to earlier ones. */
  at: number;
  board: number;
  role: Role;
  field: TextFieldId;
  /** Sent at the same instant as the other person's save on the same board. */
  concurrent: boolean;
}

export interface PlanOptions {
  rate: number;
  seconds: number;
  boards: number;
  /** Share of saves that are one of a pair: both people saving their own field of one board at the same instant. */
  concurrentShare: number;
  random: () => number;
}

const FIELDS_OF: Record<Role, TextFieldId[]> = {
  manager: TEXT_FIELD_IDS.filter((id) => TEXT_FIELD_OWNERS[id] === 'manager'),
  report: TEXT_FIELD_IDS.filter((id) => TEXT_FIELD_OWNERS[id] === 'report'),
};

const pick = <T>(items: readonly T[], random: () => number): T => {
  const item = items[Math.floor(random() * items.length)];
  if (item === undefined) throw new Error('pick from an empty list');
  return item;
};

/**
 * Save i is due at i / rate seconds. Pairs take two consecutive slots (the second moves up to the first's instant),
 * so the average rate stays `rate` and `concurrentShare` of all saves are in pairs. Which board and field is random.
 */
export function planSaves(options: PlanOptions): PlannedSave[] {
  const total = Math.round(options.rate * options.seconds);
  const interval = 1000 / options.rate;
  // A pair is two saves: choose pairs with probability q so that 2q / (1 + q) = share.
  const pairChance = options.concurrentShare / (2 - options.concurrentShare);
  const plan: PlannedSave[] = [];
  while (plan.length < total) {
    const at = plan.length * interval;
    const board = Math.floor(options.random() * options.boards);
    if (plan.length + 1 < total && options.random() < pairChance) {
      plan.push({ at, board, role: 'manager', field: pick(FIELDS_OF.manager, options.random), concurrent: true });
      plan.push({ at, board, role: 'report', field: pick(FIELDS_OF.report, options.random), concurrent: true });
    } else {
      const role: Role = options.random() < 0.5 ? 'manager' : 'report';
      plan.push({ at, board, role, field: pick(FIELDS_OF[role], options.random), concurrent: false });
    }
  }
  return plan;
}

/** A deterministic generator (mulberry32), so two runs edit the same boards in the same order. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Each edit types one more word at the end of the field: its marker, unique within the field. `e<n>.` never occurs
 * inside another marker, so "the server text contains this text" cannot be fooled by a longer number.
 */
export const markerOf = (seq: number): string => `e${seq}.`;

export const withMarker = (text: string, seq: number): string =>
  text === '' ? markerOf(seq) : `${text} ${markerOf(seq)}`;

export const markersIn = (text: string): Set<string> => new Set(text.split(/\s+/).filter((w) => w !== ''));

/**
 * What the tab does with its field after a 409 (tab/src/board/mergeField.ts, the cases an append-only writer meets):
 * when one side already holds everything the other has, keep that side; otherwise keep both, the server's first.
 * Returns the text the field should hold; equal to `server` means nothing is left to send.
 */
export function rebase(local: string, server: string): string {
  if (local === server || server.includes(local)) return server;
  if (local.includes(server)) return local;
  return `${server.replace(/\s+$/, '')}\n\n${local}`;
}

/** The tab's retry delay (tab/src/board/backoff.ts): 1 s, 2 s, 4 s … capped at 30 s, ±20 % jitter. */
export function backoffDelay(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(30_000, 1000 * 2 ** Math.max(0, attempt - 1));
  return Math.round(base * (1 + (random() * 0.4 - 0.2)));
}

/** Nearest-rank percentile of an ascending sample. */
export function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN;
}

export interface LostEdit {
  field: string;
  marker: string;
}

/**
 * Every acknowledged edit must be in its field's final text: `acknowledged` maps a field's key to the markers the
 * server acknowledged for it, `final` to the text read back at the end (absent: the board could not be read).
 */
export function lostEdits(
  acknowledged: ReadonlyMap<string, readonly string[]>,
  final: ReadonlyMap<string, string>,
): LostEdit[] {
  const lost: LostEdit[] = [];
  for (const [field, markers] of acknowledged) {
    const held = markersIn(final.get(field) ?? '');
    for (const marker of markers) if (!held.has(marker)) lost.push({ field, marker });
  }
  return lost;
}

/** One try of one load at one rate in the capacity search. */
export interface CapacityAttempt {
  rate: number;
  p99Ms: number;
  failed: number;
}

const held = (a: CapacityAttempt, goalP99Ms: number): boolean => a.p99Ms <= goalP99Ms && a.failed === 0;

/**
 * Capacity from a stepped search's attempts, in the order run: a rate holds when one of its (at most two) tries kept
 * p99 within the goal with nothing failed — a second try, because other processes on a small machine can spoil one
 * slice; the capacity is the last rate that held before the first that did not (0 when none did).
 */
export function capacityFrom(attempts: readonly CapacityAttempt[], goalP99Ms: number): number {
  let capacity = 0;
  const rates = [...new Set(attempts.map((a) => a.rate))];
  for (const rate of rates) {
    if (!attempts.some((a) => a.rate === rate && held(a, goalP99Ms))) break;
    capacity = rate;
  }
  return capacity;
}

/** The search stops once one rate has missed on both of its tries. */
export function searchDone(attempts: readonly CapacityAttempt[], goalP99Ms: number): boolean {
  const last = attempts.at(-1);
  if (!last || held(last, goalP99Ms)) return false;
  return attempts.filter((a) => a.rate === last.rate && !held(a, goalP99Ms)).length >= 2;
}
