import type { ClaimState } from '../store/claimRows';
import { forEachLimited } from './concurrency';

/*
 * The one exactly-once sender. Every outgoing message (the pre-meeting email and chat card, the monthly digest,
 * the recap email and the recap card) goes through these steps; only the policy differs per channel:
 *
 * 1. claim: a row is created if absent; only its creator goes on. A row whose lease ran out is taken over by one
 *    run (the store decides the winner); `claimed` means nothing left yet, `sending` means it may have.
 * 2. settle what may have left: the policy says how — look the claim id up (Sent Items) or never send again.
 * 3. mark `sending` (with the sender) before the send leaves, then send.
 * 4. record by the outcome ladder: sent → `sent`; unknown → stays `sending` (or is looked up at once); not carried
 *    out (throttled) → back to `claimed` for a later run; refused → the fallback sender when the policy has one
 *    for that refusal, else `rejected`.
 */

/** A send must be able to finish well inside the lease, or another run could settle and resend meanwhile. */
export const SEND_SAFETY_MARGIN_MS = 120_000;

/** What the sender reads of a claim row; the stores' claims carry more. */
export interface DeliveryClaim {
  claimId: string;
  state: ClaimState;
  leaseUntil: string;
  sender: string | null;
  attempts: number;
}

export interface DeliveryPatch {
  state?: ClaimState;
  leaseUntil?: string;
  sender?: string | null;
  attempts?: number;
  problem?: string | null;
  sentAt?: string | null;
}

/** Writes to the claim rows; `P` is what a channel records besides (e.g. the meeting start a request was made for). */
export interface ClaimWrites<C extends DeliveryClaim, P = DeliveryPatch> {
  /** Merges what the owning run learnt; only the owner calls this, within its lease. */
  update(claim: C, patch: DeliveryPatch | P): Promise<C>;
}

export interface ClaimRows<C extends DeliveryClaim, P = DeliveryPatch> extends ClaimWrites<C, P> {
  /** Create-if-absent: `exists` when another run claimed first. */
  create(claim: C): Promise<'created' | 'exists'>;
  /** Takes over a claim whose lease ran out: of several racing runs exactly one gets it, the others null. */
  takeOver(claim: C, owner: string, leaseUntil: string): Promise<C | null>;
}

/** One message and the claim it is sent under. `item` is the channel's own (the occurrence, the manager …). */
export interface Work<C, T> {
  claim: C;
  item: T;
  /** The mailbox (or `bot`) it is sent from. */
  sender: string;
}

/** What a decision hands the sender, per message. */
export type DeliveryStep<C, T> =
  /** A new claim row to create. */
  | { kind: 'claim'; claim: C; item: T; sender: string; fresh?: boolean }
  /** An expired claim to take over; `settle` when the send may have left already. */
  | { kind: 'takeOver'; claim: C; item: T; sender: string; settle: boolean }
  /** A claim this run already holds (its store took the lease in its own write). */
  | { kind: 'owned'; claim: C; item: T; sender: string; settle: boolean };

/** The outcome ladder, in one vocabulary for every channel. */
export type Verdict =
  | { kind: 'sent' }
  /** It may or may not have left (a timeout, a lost connection). */
  | { kind: 'unknown'; detail: string }
  /** Not carried out (throttled): a later run may send it straight away. */
  | { kind: 'retryLater'; problem: string }
  /** Refused for good, unless the policy has a fallback sender for this refusal. */
  | { kind: 'refused'; status: number };

/** What composing one message came to. */
export type Composed<M, P> =
  | { kind: 'ready'; message: M; patch?: P }
  /** It can never be sent (no address, nobody to write to): recorded `rejected`. */
  | { kind: 'reject'; problem: string }
  /** Nothing left and something outside was not ready: the claim is given back at once for the next run. */
  | { kind: 'release'; problem: string }
  /** Not this time; the claim stays as it is and is taken over once its lease runs out. */
  | { kind: 'later' };

export interface DeliveryPolicy<C extends DeliveryClaim, T, M, O, P = DeliveryPatch> {
  rows: ClaimWrites<C, P>;
  clock: () => Date;
  /** How a send that may have left is settled: by looking its claim id up, or never by sending again. */
  settle:
    | { kind: 'lookUp'; sentAlready(works: ReadonlyArray<Work<C, T>>): Promise<ReadonlyMap<string, boolean | null>> }
    | { kind: 'neverResend'; problem: string };
  /** Look an unknown outcome up straight away instead of leaving it to a later run's takeover. */
  settleUnknownAtOnce?: boolean;
  /** Another sender to try when this one was refused (a manager's mailbox closed to Candor → the service mailbox). */
  fallbackSender?(sender: string, status: number): string | null;
  /** How long before the lease ends a send may still start; defaults to SEND_SAFETY_MARGIN_MS. */
  safetyMarginMs?: number;
  /** Loads what the round needs at once (directories, time zones), then composes each message. */
  composer(works: ReadonlyArray<Work<C, T>>): Promise<(work: Work<C, T>) => Promise<Composed<M, P>>>;
  /** Sends a round; answers by claim id (a missing answer counts as unknown). */
  send(ready: ReadonlyArray<{ work: Work<C, T>; message: M }>): Promise<ReadonlyMap<string, O>>;
  verdictOf(outcome: O): Verdict;
  hooks?: {
    /** The claims are written; nothing of this run has been marked `sending` or sent yet. */
    afterClaim?(claims: C[]): void | Promise<void>;
    /** The sends have answered; their outcome is not recorded yet. */
    afterSend?(outcomes: ReadonlyMap<string, O>): void | Promise<void>;
  };
  /** Told of refusals and unknown outcomes, for the channel's own log line (never content). */
  note?(event: { kind: 'refused'; status: number } | { kind: 'unknown'; detail: string }): void;
  /** Operations in flight at once. */
  concurrency?: number;
}

/** What one delivery did, in counts only. */
export interface DeliveryTally {
  claimed: number;
  freshAfterMove: number;
  sent: number;
  settledAsSent: number;
  busyElsewhere: number;
  unknownOutcome: number;
  retryLater: number;
  rejected: number;
}

export function emptyTally(): DeliveryTally {
  return {
    claimed: 0,
    freshAfterMove: 0,
    sent: 0,
    settledAsSent: 0,
    busyElsewhere: 0,
    unknownOutcome: 0,
    retryLater: 0,
    rejected: 0,
  };
}

/** Claims, settles and sends `steps` under the policy; adds what happened to a fresh tally. */
export async function deliverExactlyOnce<C extends DeliveryClaim, T, M, O, P>(
  policy: DeliveryPolicy<C, T, M, O, P>,
  rows: ClaimRows<C, P> | null,
  run: { owner: string; leaseUntil: string },
  steps: ReadonlyArray<DeliveryStep<C, T>>,
): Promise<DeliveryTally> {
  const tally = emptyTally();
  const toSend: Array<Work<C, T>> = [];
  const toSettle: Array<Work<C, T>> = [];
  await forEachLimited(
    steps,
    async (step) => {
      const work = await claimStep(rows, run, step, tally);
      if (work) (work.settle ? toSettle : toSend).push(work.work);
    },
    policy.concurrency,
  );
  toSend.push(...(await settleAll(policy, toSettle, tally)));
  await policy.hooks?.afterClaim?.(toSend.map((w) => w.claim));
  await sendAll(policy, toSend, tally);
  return tally;
}

async function claimStep<C extends DeliveryClaim, T, P>(
  rows: ClaimRows<C, P> | null,
  run: { owner: string; leaseUntil: string },
  step: DeliveryStep<C, T>,
  tally: DeliveryTally,
): Promise<{ work: Work<C, T>; settle: boolean } | null> {
  switch (step.kind) {
    case 'owned':
      return { work: { claim: step.claim, item: step.item, sender: step.sender }, settle: step.settle };
    case 'claim': {
      if (!rows) throw new Error('a new claim needs the claim rows');
      if ((await rows.create(step.claim)) === 'exists') {
        tally.busyElsewhere++;
        return null;
      }
      tally.claimed++;
      if (step.fresh) tally.freshAfterMove++;
      return { work: { claim: step.claim, item: step.item, sender: step.sender }, settle: false };
    }
    case 'takeOver': {
      if (!rows) throw new Error('a takeover needs the claim rows');
      const taken = await rows.takeOver(step.claim, run.owner, run.leaseUntil);
      if (!taken) {
        tally.busyElsewhere++;
        return null;
      }
      // A maybe-sent message is settled in the mailbox it may have left from.
      const sender = step.settle ? (taken.sender ?? step.sender) : step.sender;
      return { work: { claim: taken, item: step.item, sender }, settle: step.settle };
    }
  }
}

/** What an earlier run may have sent: proven sent is recorded, proven unsent goes back to sending. */
async function settleAll<C extends DeliveryClaim, T, M, O, P>(
  policy: DeliveryPolicy<C, T, M, O, P>,
  works: Array<Work<C, T>>,
  tally: DeliveryTally,
): Promise<Array<Work<C, T>>> {
  if (works.length === 0) return [];
  const { settle } = policy;
  if (settle.kind === 'neverResend') {
    await forEachLimited(
      works,
      async (work) => {
        await policy.rows.update(work.claim, { state: 'rejected', problem: settle.problem });
        tally.unknownOutcome++;
      },
      policy.concurrency,
    );
    return [];
  }
  const now = policy.clock();
  const found = await settle.sentAlready(works);
  const unsent: Array<Work<C, T>> = [];
  await forEachLimited(
    works,
    async (work) => {
      const sent = found.get(work.claim.claimId);
      if (sent === true) {
        await policy.rows.update(work.claim, { state: 'sent', sentAt: now.toISOString(), problem: null });
        tally.settledAsSent++;
      } else if (sent === false) {
        unsent.push(work);
      } else {
        tally.retryLater++;
      }
    },
    policy.concurrency,
  );
  return unsent;
}

/**
 * Sends `works`, and once more from the fallback sender those that were refused where the policy has one. A channel
 * that can look a send up marks the whole round `sending` and sends it at once (mail: one `$batch`); a channel that
 * never resends marks each message right before it leaves, so a crash mid-round strands only what was in flight.
 */
export async function sendAll<C extends DeliveryClaim, T, M, O, P>(
  policy: DeliveryPolicy<C, T, M, O, P>,
  works: Array<Work<C, T>>,
  tally: DeliveryTally,
): Promise<void> {
  const margin = policy.safetyMarginMs ?? SEND_SAFETY_MARGIN_MS;
  const oneByOne = policy.settle.kind === 'neverResend';
  let round = works;
  for (let attempt = 1; attempt <= 2 && round.length > 0; attempt++) {
    const compose = await policy.composer(round);
    const ready: Array<{ work: Work<C, T>; message: M }> = [];
    const again: Array<Work<C, T>> = [];
    await forEachLimited(
      round,
      async (work) => {
        // Never start a send the lease might not cover: another run could then settle it while it is in flight.
        if (Date.parse(work.claim.leaseUntil) - policy.clock().getTime() < margin) {
          tally.retryLater++;
          return;
        }
        const composed = await compose(work);
        if (composed.kind !== 'ready') {
          await recordUnsent(policy, work, composed, tally);
          return;
        }
        // Recorded before the send leaves: from here on a crash means "maybe sent", settled by the policy.
        const sending: DeliveryPatch = {
          state: 'sending',
          sender: work.sender,
          attempts: work.claim.attempts + 1,
          problem: null,
        };
        work.claim = await policy.rows.update(work.claim, composed.patch ? { ...sending, ...composed.patch } : sending);
        if (oneByOne) again.push(...(await sendAndRecord(policy, [{ work, message: composed.message }], tally)));
        else ready.push({ work, message: composed.message });
      },
      policy.concurrency,
    );
    if (ready.length > 0) again.push(...(await sendAndRecord(policy, ready, tally)));
    round = again;
  }
}

/** Sends what is marked `sending` and records each outcome; answers the works to try again from a fallback sender. */
async function sendAndRecord<C extends DeliveryClaim, T, M, O, P>(
  policy: DeliveryPolicy<C, T, M, O, P>,
  ready: ReadonlyArray<{ work: Work<C, T>; message: M }>,
  tally: DeliveryTally,
): Promise<Array<Work<C, T>>> {
  const outcomes = await policy.send(ready);
  await policy.hooks?.afterSend?.(outcomes);
  const again: Array<Work<C, T>> = [];
  await forEachLimited(
    ready,
    async ({ work }) => {
      const outcome = outcomes.get(work.claim.claimId);
      const verdict: Verdict =
        outcome === undefined ? { kind: 'unknown', detail: 'no answer' } : policy.verdictOf(outcome);
      const fallback =
        verdict.kind === 'refused' ? (policy.fallbackSender?.(work.sender, verdict.status) ?? null) : null;
      if (fallback && fallback !== work.sender) again.push({ ...work, sender: fallback });
      else await record(policy, work, verdict, tally);
    },
    policy.concurrency,
  );
  return again;
}

async function recordUnsent<C extends DeliveryClaim, T, M, O, P>(
  policy: DeliveryPolicy<C, T, M, O, P>,
  work: Work<C, T>,
  composed: Exclude<Composed<M, P>, { kind: 'ready' }>,
  tally: DeliveryTally,
): Promise<void> {
  if (composed.kind === 'reject') {
    work.claim = await policy.rows.update(work.claim, { state: 'rejected', problem: composed.problem });
    tally.rejected++;
    return;
  }
  if (composed.kind === 'release') {
    await policy.rows.update(work.claim, {
      state: 'claimed',
      leaseUntil: policy.clock().toISOString(),
      problem: composed.problem,
    });
  }
  tally.retryLater++;
}

async function record<C extends DeliveryClaim, T, M, O, P>(
  policy: DeliveryPolicy<C, T, M, O, P>,
  work: Work<C, T>,
  verdict: Verdict,
  tally: DeliveryTally,
): Promise<void> {
  switch (verdict.kind) {
    case 'sent':
      await policy.rows.update(work.claim, { state: 'sent', sentAt: policy.clock().toISOString() });
      tally.sent++;
      return;
    case 'unknown': {
      policy.note?.({ kind: 'unknown', detail: verdict.detail });
      if (policy.settleUnknownAtOnce && policy.settle.kind === 'lookUp') {
        const found = await policy.settle.sentAlready([work]);
        if (found.get(work.claim.claimId) === true) {
          await policy.rows.update(work.claim, { state: 'sent', sentAt: policy.clock().toISOString(), problem: null });
          tally.settledAsSent++;
          return;
        }
      }
      // Left `sending`: a later run past the lease settles it by the policy before anything is sent again.
      await policy.rows.update(work.claim, { problem: `unknown outcome: ${verdict.detail}` });
      tally.unknownOutcome++;
      return;
    }
    case 'retryLater':
      // Not carried out: the next run may send it straight away.
      await policy.rows.update(work.claim, {
        state: 'claimed',
        leaseUntil: policy.clock().toISOString(),
        problem: verdict.problem,
      });
      tally.retryLater++;
      return;
    case 'refused':
      await policy.rows.update(work.claim, { state: 'rejected', problem: `refused: status ${verdict.status}` });
      tally.rejected++;
      policy.note?.({ kind: 'refused', status: verdict.status });
      return;
  }
}
