import type { InvocationContext } from '@azure/functions';
import type { Board, RecapMail } from '../domain/board';
import { carryForwardCommitments } from '../domain/commitments';
import { nextMailStep } from '../domain/recap';
import { recapEmail } from '../domain/recapEmail';
import type { Services } from '../services';
import { partitionOf, type BoardKey, type StoredBoard } from '../store/boardStore';
import { changeBoard, MAX_BOARD_WRITE_ATTEMPTS } from './boardWrites';

export type RecapMailServices = Pick<Services, 'boards' | 'orgChart' | 'clock' | 'mail' | 'commitments'>;

/** One claim id per board's recap: what the sent mail carries and what Sent Items is searched for. */
export function recapClaimId(key: BoardKey): string {
  return `candor-recap:${key.tenantId}:${key.managerId}:${key.reportId}:${key.occurrenceId}`;
}

/**
 * Sends the recap email to both people exactly once, however often the save is retried or raced:
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

async function sendUnderLease(
  services: RecapMailServices,
  key: BoardKey,
  board: Board,
  mail: RecapMail,
  checkSentFirst: boolean,
  context: InvocationContext,
): Promise<'sent' | 'pending' | 'failed'> {
  const settle = (state: 'sent' | 'failed') => markMail(services, key, mail.claimId, state).then(() => state);
  if (checkSentFirst && (await sentAlready(services, mail, context))) return settle('sent');

  const outgoing = await composeRecapMail(services, key, board, mail);
  if (!outgoing) {
    context.warn('recap mail: a participant has no mail address in the directory');
    return settle('failed');
  }
  const outcome = await services.mail.send(mail.senderId, outgoing);
  switch (outcome.kind) {
    case 'sent':
      return settle('sent');
    case 'rejected':
      context.warn(`recap mail rejected by Graph (status ${outcome.status})`);
      return settle('failed');
    case 'unknown':
      context.warn(`recap mail outcome unknown (${outcome.detail}); settling through Sent Items`);
      // Still unknown: keep the lease; once it runs out a retried save checks Sent Items again before resending.
      return (await sentAlready(services, mail, context)) ? settle('sent') : 'pending';
  }
}

async function sentAlready(services: RecapMailServices, mail: RecapMail, context: InvocationContext): Promise<boolean> {
  try {
    return await services.mail.wasSent(mail.senderId, mail.claimId);
  } catch (error) {
    context.warn(`recap mail: Sent Items could not be searched (${error instanceof Error ? error.name : 'error'})`);
    return false;
  }
}

async function markMail(services: RecapMailServices, key: BoardKey, claimId: string, state: 'sent' | 'failed'): Promise<void> {
  await changeBoard(services.boards, key, (board) =>
    board.recapMail?.claimId === claimId && board.recapMail.state !== state
      ? { write: { ...board, recapMail: { ...board.recapMail, state, leaseUntil: null } }, result: null }
      : { result: null },
  );
}

async function composeRecapMail(services: RecapMailServices, key: BoardKey, board: Board, mail: RecapMail) {
  if (!board.recap) return null;
  const [manager, report, commitments] = await Promise.all([
    services.orgChart.person(key.managerId),
    services.orgChart.person(key.reportId),
    services.commitments.relevantTo(partitionOf(key), key.occurrenceId),
  ]);
  const managerAddress = manager?.addresses[0];
  const reportAddress = report?.addresses[0];
  if (!manager || !report || !managerAddress || !reportAddress) return null;
  return {
    claimId: mail.claimId,
    to: [
      { address: managerAddress, name: manager.displayName },
      { address: reportAddress, name: report.displayName },
    ],
    email: recapEmail({
      managerName: manager.displayName,
      reportName: report.displayName,
      meetingStart: board.meeting?.start ?? null,
      lines: board.recap.lines,
      openCommitments: carryForwardCommitments(commitments, key.occurrenceId).filter((c) => c.status === 'open'),
    }),
  };
}
