import type { Commitment, CommitmentStatus, CreateCommitmentRequest, OccurrenceId } from '../contract';

/*
 * Commitments belong to the pair, not to a meeting, and occurrence ids sort by the occurrence's original start.
 * So which commitments a board shows is decided from the commitments alone: nothing is copied from one board to
 * the next, and a moved, skipped or cancelled meeting (whose board may never exist) cannot lose one.
 */

/** Earlier by original start; occurrence ids begin with that start in UTC, so string order is time order. */
function isEarlier(a: OccurrenceId, b: OccurrenceId): boolean {
  return a < b;
}

/**
 * The commitments a board of `occurrenceId` shows: those still open from earlier meetings (carried forward, oldest
 * first), those closed in this meeting (so the tick stays visible), and those made in this meeting. Commitments
 * made in a later meeting belong to later boards.
 */
export function carryForwardCommitments(all: readonly Commitment[], occurrenceId: OccurrenceId): Commitment[] {
  const carried = all.filter(
    (c) => isEarlier(c.createdIn, occurrenceId) && (c.status === 'open' || c.closedIn === occurrenceId),
  );
  const madeHere = all.filter((c) => c.createdIn === occurrenceId);
  const byAge = (a: Commitment, b: Commitment): number =>
    a.createdIn === b.createdIn ? a.createdAt.localeCompare(b.createdAt) : a.createdIn < b.createdIn ? -1 : 1;
  return [...carried.sort(byAge), ...madeHere.sort(byAge)];
}

/** A commitment made by the manager in this meeting. */
export function newCommitment(
  request: CreateCommitmentRequest,
  context: { occurrenceId: OccurrenceId; managerId: string; now: Date },
): Commitment {
  return {
    id: request.id.toLowerCase(),
    text: request.text,
    dueDate: request.dueDate ?? null,
    status: 'open',
    fromSupportAsk: request.fromSupportAsk ?? false,
    createdIn: context.occurrenceId,
    createdAt: context.now.toISOString(),
    createdBy: context.managerId,
    closedIn: null,
    closedAt: null,
    revision: 1,
  };
}

export type CommitmentStatusDecision =
  { kind: 'saved'; commitment: Commitment; changed: boolean } | { kind: 'conflict'; current: Commitment };

/**
 * Done, dropped or reopened, from the board of `occurrenceId`. Asking for the status it already has is a success
 * (a retry, or the same click on two devices), whatever the revision.
 */
export function changeCommitmentStatus(
  current: Commitment,
  change: { status: CommitmentStatus; baseRevision: number; occurrenceId: OccurrenceId; now: Date },
): CommitmentStatusDecision {
  if (change.status === current.status) return { kind: 'saved', commitment: current, changed: false };
  if (change.baseRevision !== current.revision) return { kind: 'conflict', current };
  const open = change.status === 'open';
  return {
    kind: 'saved',
    changed: true,
    commitment: {
      ...current,
      status: change.status,
      closedIn: open ? null : change.occurrenceId,
      closedAt: open ? null : change.now.toISOString(),
      revision: current.revision + 1,
    },
  };
}
