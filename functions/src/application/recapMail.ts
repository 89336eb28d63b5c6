import type { InvocationContext } from '@azure/functions';
import type { Board, RecapMail } from '../domain/board';
import { carryForwardCommitments } from '../domain/commitments';
import { nextMailStep } from '../domain/recap';
import { recapEmail } from '../domain/recapEmail';
import type { Services } from '../composition';
import { deliverExactlyOnce, type ClaimWrites, type DeliveryClaim, type DeliveryPolicy } from '../delivery/exactlyOnce';
import type { MailMessage } from '../delivery/mail';
import type { SendOutcome } from '../graph/mailGateway';
import { partitionOf, type BoardKey, type StoredBoard } from '../store/boardStore';
import { changeBoard, MAX_BOARD_WRITE_ATTEMPTS } from './boardWrites';

export type RecapMailServices = Pick<Services, 'boards' | 'orgChart' | 'clock' | 'mail' | 'commitments'>;

/**
 * One claim id per version of a board's recap: what the sent mail carries and what Sent Items is searched for. The
 * close (version 1) keeps the id it always had, so boards closed before corrections existed settle as before.
 */
export function recapClaimId(key: BoardKey, version = 1): string {
  const base = `candor-recap:${key.tenantId}:${key.managerId}:${key.reportId}:${key.occurrenceId}`;
  return version === 1 ? base : `${base}:v${version}`;
}

/**
 * Sends the recap email of the board's current version to both people exactly once (each correction is a version
 * with its own claim, so its own email, once), through the one sender, however often the save is retried or raced:
 *  - the board row holds the claim; a request takes a short lease on it (a guarded write) before sending, so two
 *    concurrent saves never both send;
 *  - a send whose outcome is unknown (timeout, dropped connection) is settled by looking for the claim id in the
 *    sender's Sent Items, never by sending again blindly;
 *  - a lease that ran out (the sender died mid-send) is taken over only after the same Sent Items check.
 * Answers the state people see: sent, pending (another request is on it, or the outcome is still unknown), failed.
 */
export async function deliverRecapMail(
  services: RecapMailServices,
  key: BoardKey,
  stored: StoredBoard,
  context: InvocationContext,
): Promise<'sent' | 'pending' | 'failed'> {
  let current = stored;
  for (let attempt = 1; attempt <= MAX_BOARD_WRITE_ATTEMPTS; attempt++) {
    const mail = current.board.recapMail;
    if (!mail) return 'pending';
    const step = nextMailStep(mail, services.clock());
    if (step.kind === 'done') return step.state;
    if (step.kind === 'wait') return 'pending';

    const claimed = await services.boards.replace(key, { ...current.board, recapMail: step.mail }, current);
    if (claimed.kind === 'stale') {
      const reread = await services.boards.get(key);
      if (!reread) return 'pending';
      current = reread;
      continue;
    }
    return sendUnderLease(services, key, claimed.stored.board, step.mail, step.checkSentFirst, context);
  }
  return 'pending';
}

/** The recap mail's claim as the one sender reads it; the row itself is the board's `recapMail`. */
interface RecapMailClaim extends DeliveryClaim {
  senderId: string;
}

/**
 * The one sender with the recap's policy: the claim was taken in the board write (so it arrives `owned`), a send
 * that may have left is looked up in Sent Items (at once after an unknown outcome too, since people are waiting on
 * the answer), and any refusal is final: the mail goes from the person who saved, with no other mailbox to try.
 */
async function sendUnderLease(
  services: RecapMailServices,
  key: BoardKey,
  board: Board,
  mail: RecapMail,
  checkSentFirst: boolean,
  context: InvocationContext,
): Promise<'sent' | 'pending' | 'failed'> {
  const now = services.clock();
  const claim: RecapMailClaim = {
    claimId: mail.claimId,
    senderId: mail.senderId,
    state: 'sending',
    leaseUntil: mail.leaseUntil ?? now.toISOString(),
    sender: mail.senderId,
    attempts: mail.attempts,
  };
  const policy: DeliveryPolicy<RecapMailClaim, Board, MailMessage, SendOutcome> = {
    rows: boardMailRows(services, key),
    clock: services.clock,
    settle: {
      kind: 'lookUp',
      sentAlready: async (works) =>
        new Map(
          await Promise.all(
            works.map(async (w) => [w.claim.claimId, await sentAlready(services, w.claim, context)] as const),
          ),
        ),
    },
    settleUnknownAtOnce: true,
    // The lease is the board's own (domain/recap), short and taken just now.
    safetyMarginMs: 0,
    composer: () =>
      Promise.resolve(async ({ item }) => {
        const outgoing = await composeRecapMail(services, key, item);
        if (outgoing) return { kind: 'ready', message: outgoing };
        context.warn('recap mail: a participant has no mail address in the directory');
        return { kind: 'reject', problem: 'a participant has no mail address' };
      }),
    send: async (ready) =>
      new Map(
        await Promise.all(
          ready.map(
            async ({ work, message }) =>
              [
                work.claim.claimId,
                await services.mail.send(work.sender, { ...message, claimId: work.claim.claimId }),
              ] as const,
          ),
        ),
      ),
    verdictOf: (outcome) => (outcome.kind === 'rejected' ? { kind: 'refused', status: outcome.status } : outcome),
    note: (event) =>
      context.warn(
        event.kind === 'refused'
          ? `recap mail rejected by Graph (status ${event.status})`
          : `recap mail outcome unknown (${event.detail}); settling through Sent Items`,
      ),
  };
  const tally = await deliverExactlyOnce(policy, null, { owner: mail.senderId, leaseUntil: claim.leaseUntil }, [
    { kind: 'owned', claim, item: board, sender: mail.senderId, settle: checkSentFirst },
  ]);
  if (tally.sent + tally.settledAsSent > 0) return 'sent';
  return tally.rejected > 0 ? 'failed' : 'pending';
}

/**
 * The board row as the recap mail's claim: taking the lease already marked it sending and counted the attempt, so
 * only the final states are written (`sent`, or `failed` for a refusal); anything else keeps the lease, and once
 * it runs out a retried save settles through Sent Items before sending again.
 */
function boardMailRows(services: RecapMailServices, key: BoardKey): ClaimWrites<RecapMailClaim> {
  return {
    async update(claim, patch) {
      if (patch.state === 'sent' || patch.state === 'rejected')
        await markMail(services, key, claim.claimId, patch.state === 'sent' ? 'sent' : 'failed');
      return patch.state ? { ...claim, state: patch.state } : claim;
    },
  };
}

async function sentAlready(
  services: RecapMailServices,
  claim: RecapMailClaim,
  context: InvocationContext,
): Promise<boolean> {
  try {
    return await services.mail.wasSent(claim.senderId, claim.claimId);
  } catch (error) {
    context.warn(`recap mail: Sent Items could not be searched (${error instanceof Error ? error.name : 'error'})`);
    return false;
  }
}

async function markMail(
  services: RecapMailServices,
  key: BoardKey,
  claimId: string,
  state: 'sent' | 'failed',
): Promise<void> {
  await changeBoard(services.boards, key, (board) =>
    board.recapMail?.claimId === claimId && board.recapMail.state !== state
      ? { write: { ...board, recapMail: { ...board.recapMail, state, leaseUntil: null } }, result: null }
      : { result: null },
  );
}

async function composeRecapMail(services: RecapMailServices, key: BoardKey, board: Board): Promise<MailMessage | null> {
  if (!board.recap) return null;
  const [manager, report, commitments] = await Promise.all([
    services.orgChart.person(key.managerId),
    services.orgChart.person(key.reportId),
    services.commitments.relevantTo(partitionOf(key), key.occurrenceId),
  ]);
  const managerAddress = manager?.addresses[0];
  const reportAddress = report?.addresses[0];
  if (!manager || !report || !managerAddress || !reportAddress) return null;
  const correction = board.recap.correction;
  const amended = correction
    ? {
        version: correction.version,
        byName: correction.correctedBy === key.managerId ? manager.displayName : report.displayName,
      }
    : undefined;
  return {
    to: [
      { address: managerAddress, name: manager.displayName },
      { address: reportAddress, name: report.displayName },
    ],
    email: recapEmail({
      managerName: manager.displayName,
      reportName: report.displayName,
      meetingStart: board.meeting?.start ?? null,
      lines: board.recap.lines,
      noBlocker: board.recap.noBlocker ?? false,
      ...(amended ? { amended } : {}),
      openCommitments: carryForwardCommitments(commitments, key.occurrenceId).filter((c) => c.status === 'open'),
    }),
  };
}
