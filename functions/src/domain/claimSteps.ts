/** What a claim row needs for the next step to be decided: its state and, while it is worked on, its lease. */
export interface ClaimFacts {
  state: 'claimed' | 'sending' | 'sent' | 'rejected';
  leaseUntil: string;
}

export type ClaimStep =
  | { kind: 'claim' }
  | { kind: 'done' }
  | { kind: 'rejected' }
  /** Another run holds the lease and is working on it right now. */
  | { kind: 'busy' }
  /** The lease ran out; `settle` when the send may have left before its owner vanished. */
  | { kind: 'takeOver'; settle: boolean };

/**
 * The next step for a message that is sent once and never again (a monthly digest, the recap card): no row means
 * nobody claimed it yet. A claim is marked `sending` before the send leaves, so `claimed` alone means nothing went out.
 */
export function nextClaimStep(claim: ClaimFacts | null, now: Date): ClaimStep {
  if (!claim) return { kind: 'claim' };
  if (claim.state === 'sent') return { kind: 'done' };
  if (claim.state === 'rejected') return { kind: 'rejected' };
  if (Date.parse(claim.leaseUntil) > now.getTime()) return { kind: 'busy' };
  return { kind: 'takeOver', settle: claim.state === 'sending' };
}
