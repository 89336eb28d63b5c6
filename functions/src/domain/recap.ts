import { RECAP_TAGS, type RecapLine, type RecapTag, type SaveRecapRequest } from '../contract';
import { isFinalised, type Board, type BoardRecap, type RecapMail } from './board';

/** The three things a recap covers, in the words the board and the email use. */
export const RECAP_TAG_LABELS: Record<RecapTag, string> = {
  blocker: 'Blocker',
  supportNeed: 'Support need',
  learning: 'Learning',
};

/** Which of the three tags no line carries (empty when the recap covers them all). */
export function missingRecapTags(lines: readonly RecapLine[]): RecapTag[] {
  const covered = new Set(lines.flatMap((l) => l.tags));
  return RECAP_TAGS.filter((tag) => !covered.has(tag));
}

/** Lines as compared and stored: text trimmed, tags de-duplicated and in the canonical order. */
export function normalizeRecapLines(lines: SaveRecapRequest['lines']): [RecapLine, RecapLine] {
  const one = (line: RecapLine): RecapLine => ({
    text: line.text.trim(),
    tags: RECAP_TAGS.filter((tag) => line.tags.includes(tag)),
  });
  return [one(lines[0]), one(lines[1])];
}

export function sameRecapLines(a: readonly RecapLine[], b: readonly RecapLine[]): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

export type RecapDecision =
  /** The board is closed with this recap now; send the email. */
  | { kind: 'save'; board: Board }
  /** The board already holds exactly this recap (a retried save): make sure the email went, send nothing twice. */
  | { kind: 'alreadySaved' }
  /** The board was closed with a different recap (the other person saved first). */
  | { kind: 'conflict'; recap: BoardRecap }
  | { kind: 'invalid'; field: string; message: string };

/**
 * Closing a board: two lines covering a blocker, a support need and a learning. Saving finalises the board and
 * opens the email claim in the same write, so a crash between the two can never leave a recap without its email.
 */
export function decideRecapSave(
  board: Board,
  request: SaveRecapRequest,
  context: { savedBy: string; now: Date; claimId: string },
): RecapDecision {
  const lines = normalizeRecapLines(request.lines);
  if (isFinalised(board) && board.recap) {
    return sameRecapLines(board.recap.lines, lines)
      ? { kind: 'alreadySaved' }
      : { kind: 'conflict', recap: board.recap };
  }
  const missing = missingRecapTags(lines);
  if (missing.length > 0) {
    const names = missing.map((t) => RECAP_TAG_LABELS[t].toLowerCase()).join(', ');
    return {
      kind: 'invalid',
      field: 'lines',
      message: `"lines" must cover a blocker, a support need and a learning between them (missing: ${names})`,
    };
  }
  const recapMail: RecapMail = {
    claimId: context.claimId,
    senderId: context.savedBy,
    state: 'pending',
    attempts: 0,
    leaseUntil: null,
  };
  return {
    kind: 'save',
    board: { ...board, recap: { lines, savedBy: context.savedBy, savedAt: context.now.toISOString() }, recapMail },
  };
}

/** How long one request may spend sending before another may take over (after checking Sent Items). */
export const RECAP_MAIL_LEASE_MS = 60_000;
/** After this many sends whose outcome stayed unknown, stop and report the email as failed. */
export const MAX_RECAP_MAIL_ATTEMPTS = 5;

export type MailStep =
  | { kind: 'done'; state: 'sent' | 'failed' }
  /** Another request holds the lease and is sending right now. */
  | { kind: 'wait' }
  /** Take the lease and send; `checkSentFirst` when an earlier sender may have sent before it vanished. */
  | { kind: 'claim'; mail: RecapMail; checkSentFirst: boolean };

/** The next step for the recap email, decided from the claim stored with the board. */
export function nextMailStep(mail: RecapMail, now: Date, leaseMs: number = RECAP_MAIL_LEASE_MS): MailStep {
  if (mail.state === 'sent' || mail.state === 'failed') return { kind: 'done', state: mail.state };
  const leaseRunning =
    mail.state === 'sending' && mail.leaseUntil !== null && Date.parse(mail.leaseUntil) > now.getTime();
  if (leaseRunning) return { kind: 'wait' };
  if (mail.attempts >= MAX_RECAP_MAIL_ATTEMPTS) return { kind: 'done', state: 'failed' };
  return {
    kind: 'claim',
    checkSentFirst: mail.attempts > 0,
    mail: {
      ...mail,
      state: 'sending',
      attempts: mail.attempts + 1,
      leaseUntil: new Date(now.getTime() + leaseMs).toISOString(),
    },
  };
}

/** The email state people see: a lease or a not-yet-started send both read as "pending". */
export function visibleMailState(mail: RecapMail | null): 'pending' | 'sent' | 'failed' {
  if (!mail) return 'pending';
  return mail.state === 'sent' || mail.state === 'failed' ? mail.state : 'pending';
}
