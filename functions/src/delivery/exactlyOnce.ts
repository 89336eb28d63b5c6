import type { ClaimState } from '../store/claimRows';
import { forEachLimited } from './concurrency';
import type { PaceTicket, SendPacing } from './pacing';
import { DEFAULT_SETTLING, decidedUnsent, settlementOf, type SettlingBounds, type SettlingClaim } from './settling';

/*
 * The one exactly-once sender. Every outgoing message (the pre-meeting email and chat card, the monthly digest,
 * the recap email and the recap card) goes through these steps; only the policy differs per channel:
 *
 * 1. claim: a row is created if absent; only its creator goes on. A row whose lease ran out is taken over by one
 *    run (the store decides the winner); `claimed` means nothing left yet, `sending` means it may have.
 * 2. settle what may have left: the policy says how — look the claim id up (Sent Items) or never send again.
 *    A lookup is bounded (settling.ts): "not found" only counts once the settling window after the attempt is
 *    over, and the decision is recorded in the claim row.
 * 3. mark `sending` (with the sender and the time) before the send leaves, then send; a policy with a pacer sends
 *    each mailbox's messages in turns under Exchange's per-minute limit (pacing.ts), each marked when its turn comes.
 * 4. record by the outcome ladder: sent → `sent`; unknown → stays `sending` (or is looked up at once); not carried
 *    out (throttled) → back to `claimed` for a later run; refused → the fallback sender when the policy has one
 *    for that refusal, else `rejected`.
 */

/** A send must be able to finish well inside the lease, or another run could settle and resend meanwhile. */
export const SEND_SAFETY_MARGIN_MS = 120_000;

/** What the sender reads of a claim row; the stores' claims carry more. */
export interface DeliveryClaim extends SettlingClaim {
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
  sendingAt?: string | null;
  lookups?: number;
  decidedUnsentAttempt?: number;
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
  /** How long and how often a lookup may come back empty before it is decided; defaults to DEFAULT_SETTLING. */
  settling?: SettlingBounds;
  /** Paces each sender's messages (Exchange's message rate limit); absent: a round leaves at once. */
  pace?: SendPacing;
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
  /** Not found in Sent Items once the settling window was over: decided not sent, and sent again. */
  decidedUnsent: number;
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
    decidedUnsent: 0,
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
  const bounds = policy.settling ?? DEFAULT_SETTLING;
  // An attempt already decided not sent is not looked up again: the decision stands.
  const toLookUp = works.filter((w) => !decidedUnsent(w.claim));
  const found = toLookUp.length > 0 ? await settle.sentAlready(toLookUp) : new Map<string, boolean | null>();
  const unsent: Array<Work<C, T>> = [];
  await forEachLimited(
    works,
    async (work) => {
      const { claim } = work;
      const settlement = settlementOf(found.get(claim.claimId) ?? null, claim, now, bounds);
      switch (settlement.kind) {
        case 'sent':
          await policy.rows.update(claim, { state: 'sent', sentAt: now.toISOString(), problem: null });
          tally.settledAsSent++;
          return;
        case 'unsent':
          if (settlement.record) {
            work.claim = await policy.rows.update(claim, {
              decidedUnsentAttempt: claim.attempts,
              problem: 'not in Sent Items after the settling window: sent again',
            });
            tally.decidedUnsent++;
          }
          unsent.push(work);
          return;
        case 'wait':
          // Left `sending`: the next run past the lease looks again.
          await policy.rows.update(claim, { lookups: (claim.lookups ?? 0) + 1, problem: settlement.problem });
          tally.retryLater++;
          return;
        case 'giveUp':
          await policy.rows.update(claim, { state: 'rejected', problem: settlement.problem });
          tally.unknownOutcome++;
          return;
      }
    },
    policy.concurrency,
  );
  return unsent;
}

/**
 * Sends `works`, and once more from the fallback sender those that were refused where the policy has one. A channel
 * that can look a send up marks a wave `sending` and sends it at once (mail: one `$batch`); a channel that never
 * resends marks each message right before it leaves, so a crash mid-round strands only what was in flight. Without
 * a pacer a round is one wave; with one, each wave is what every mailbox may still send this minute, and the sender
 * waits for the next turn as long as the lease covers it (what it does not cover is left for a later run).
 */
export async function sendAll<C extends DeliveryClaim, T, M, O, P>(
  policy: DeliveryPolicy<C, T, M, O, P>,
  works: Array<Work<C, T>>,
  tally: DeliveryTally,
): Promise<void> {
  const margin = policy.safetyMarginMs ?? SEND_SAFETY_MARGIN_MS;
  let round = works;
  for (let attempt = 1; attempt <= 2 && round.length > 0; attempt++) {
    const compose = await policy.composer(round);
    const again: Array<Work<C, T>> = [];
    let pending = round;
    while (pending.length > 0) {
      const { wave, rest } = takeWave(policy, pending);
      again.push(...(await sendWave(policy, wave, compose, margin, tally)));
      pending = rest;
      const pace = policy.pace;
      if (!pace || pending.length === 0) break;
      const now = policy.clock().getTime();
      const waitMs = Math.min(...pending.map((w) => pace.pacer.waitMs(w.sender, now)));
      // Never wait for a turn the lease will not cover: those claims are taken over by a later run instead.
      if (
        (wave.length === 0 && waitMs === 0) ||
        pending.every((w) => Date.parse(w.claim.leaseUntil) - (now + waitMs) < margin)
      ) {
        tally.retryLater += pending.length;
        break;
      }
      if (waitMs > 0) await pace.sleep(waitMs);
    }
    round = again;
  }
}

type Paced<C, T> = { work: Work<C, T>; ticket: PaceTicket | null };

/** The works whose mailbox has a turn now (each with its place reserved), and the rest. */
function takeWave<C extends DeliveryClaim, T, M, O, P>(
  policy: DeliveryPolicy<C, T, M, O, P>,
  pending: Array<Work<C, T>>,
): { wave: Array<Paced<C, T>>; rest: Array<Work<C, T>> } {
  const pace = policy.pace;
  if (!pace) return { wave: pending.map((work) => ({ work, ticket: null })), rest: [] };
  const now = policy.clock().getTime();
  const wave: Array<Paced<C, T>> = [];
  const rest: Array<Work<C, T>> = [];
  for (const work of pending) {
    const ticket = pace.pacer.reserve(work.sender, now);
    if (ticket) wave.push({ work, ticket });
    else rest.push(work);
  }
  return { wave, rest };
}

/** Composes, marks `sending` and sends one wave; answers the works to try again from a fallback sender. */
async function sendWave<C extends DeliveryClaim, T, M, O, P>(
  policy: DeliveryPolicy<C, T, M, O, P>,
  wave: Array<Paced<C, T>>,
  compose: (work: Work<C, T>) => Promise<Composed<M, P>>,
  margin: number,
  tally: DeliveryTally,
): Promise<Array<Work<C, T>>> {
  const oneByOne = policy.settle.kind === 'neverResend';
  const ready: Array<{ work: Work<C, T>; message: M }> = [];
  const again: Array<Work<C, T>> = [];
  const used: PaceTicket[] = [];
  await forEachLimited(
    wave,
    async ({ work, ticket }) => {
      // Never start a send the lease might not cover: another run could then settle it while it is in flight.
      if (Date.parse(work.claim.leaseUntil) - policy.clock().getTime() < margin) {
        if (ticket) policy.pace?.pacer.release(ticket);
        tally.retryLater++;
        return;
      }
      const composed = await compose(work);
      if (composed.kind !== 'ready') {
        if (ticket) policy.pace?.pacer.release(ticket);
        await recordUnsent(policy, work, composed, tally);
        return;
      }
      // Recorded before the send leaves: from here on a crash means "maybe sent", settled by the policy; the
      // time bounds the Sent Items lookup that settles it.
      const sending: DeliveryPatch = {
        state: 'sending',
        sender: work.sender,
        attempts: work.claim.attempts + 1,
        sendingAt: policy.clock().toISOString(),
        lookups: 0,
        problem: null,
      };
      work.claim = await policy.rows.update(work.claim, composed.patch ? { ...sending, ...composed.patch } : sending);
      if (ticket) used.push(ticket);
      if (oneByOne) again.push(...(await sendAndRecord(policy, [{ work, message: composed.message }], tally)));
      else ready.push({ work, message: composed.message });
    },
    policy.concurrency,
  );
  if (ready.length > 0) again.push(...(await sendAndRecord(policy, ready, tally)));
  // A message may reach Exchange as late as its send answered: its place in the minute counts from then.
  const answeredAt = policy.clock().getTime();
  for (const ticket of used) ticket.at = Math.max(ticket.at, answeredAt);
  return again;
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
