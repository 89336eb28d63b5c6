/*
 * How a send whose outcome is unknown is settled, bounded in time and in lookups. Exchange saves a sent message in
 * Sent Items a little after sendMail answers (later still when the mailbox was over its rate limit and the message
 * waited in the Outbox), so "not found" right after the attempt is no answer yet. The decision, once taken, is
 * recorded in the claim row (for that attempt), so a later run never decides again.
 */

/** The bounds of settling one attempt. */
export interface SettlingBounds {
  /** Until this long after the attempt, "not in Sent Items" only means "not there yet". */
  windowMs: number;
  /** Lookups Graph could not answer (and the window over) before the claim is given up. */
  maxInconclusive: number;
}

export const DEFAULT_SETTLING: SettlingBounds = { windowMs: 15 * 60_000, maxInconclusive: 4 };

/** How far a message's `sentDateTime` may lie before the recorded attempt: Exchange's clock is not ours. */
export const SENT_TIME_SKEW_MS = 5 * 60_000;

/** What settling reads of a claim: the attempt, when it was marked `sending`, and what was learnt since. */
export interface SettlingClaim {
  attempts: number;
  /** When the current attempt was marked `sending`; absent on rows written before it was recorded. */
  sendingAt?: string | null;
  /** Lookups of the current attempt that did not find it (or could not tell). */
  lookups?: number;
  /** The attempt that was decided not sent: it is sent again without another lookup. */
  decidedUnsentAttempt?: number;
}

export type Settlement =
  | { kind: 'sent' }
  /** Not sent: send it (again). `record` when this is the moment it was decided. */
  | { kind: 'unsent'; record: boolean }
  /** No answer yet: a later run looks again. */
  | { kind: 'wait'; problem: string }
  /** Graph never told: given up (at most once rather than maybe twice). */
  | { kind: 'giveUp'; problem: string };

/** True when the current attempt was already decided not sent (no lookup is needed). */
export function decidedUnsent(claim: SettlingClaim): boolean {
  return claim.attempts > 0 && claim.decidedUnsentAttempt === claim.attempts;
}

/** The `sentDateTime` range the attempt's message can have; null when the attempt's time was never recorded. */
export function sentWindowOf(claim: SettlingClaim, bounds: SettlingBounds): { from: Date; to: Date } | null {
  const at = claim.sendingAt ? Date.parse(claim.sendingAt) : NaN;
  if (Number.isNaN(at)) return null;
  return { from: new Date(at - SENT_TIME_SKEW_MS), to: new Date(at + bounds.windowMs + SENT_TIME_SKEW_MS) };
}

/**
 * The decision on one lookup's answer (true: found, false: not found, null: Graph could not tell). Not found once
 * the window is over means it never left: it is sent again. Graph failing to answer `maxInconclusive` times (and
 * the window over) gives the claim up, as chat does, rather than risking a second mail.
 */
export function settlementOf(
  found: boolean | null,
  claim: SettlingClaim,
  now: Date,
  bounds: SettlingBounds,
): Settlement {
  if (found === true) return { kind: 'sent' };
  if (decidedUnsent(claim)) return { kind: 'unsent', record: false };
  const at = claim.sendingAt ? Date.parse(claim.sendingAt) : NaN;
  // A row from before attempts were timed: its lease has long run out, which is all the waiting it gets.
  const windowOver = Number.isNaN(at) || now.getTime() - at >= bounds.windowMs;
  if (found === false) {
    return windowOver ? { kind: 'unsent', record: true } : { kind: 'wait', problem: 'not in Sent Items yet' };
  }
  const lookups = (claim.lookups ?? 0) + 1;
  if (windowOver && lookups >= bounds.maxInconclusive) {
    return { kind: 'giveUp', problem: `outcome unknown: Sent Items could not be searched ${lookups} times` };
  }
  return { kind: 'wait', problem: 'Sent Items could not be searched' };
}
