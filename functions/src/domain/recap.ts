import {
  RECAP_CORRECTION_WINDOW_MS,
  RECAP_TAGS,
  recapLineSchema,
  recapVersionOf,
  type CorrectRecapRequest,
  type RecapLine,
  type RecapTag,
  type SaveRecapRequest,
  type SharedRecapDraft,
} from '../contract';
import { isFinalised, type Board, type BoardRecap, type RecapMail } from './board';

/** The three things a recap covers, in the words the board and the email use. */
export const RECAP_TAG_LABELS: Record<RecapTag, string> = {
  blocker: 'Blocker',
  supportNeed: 'Support need',
  learning: 'Learning',
};

/** Which tags the recap must still cover: all three, or support need and learning on "no blocker this week". */
export function missingRecapTags(lines: readonly RecapLine[], noBlocker = false): RecapTag[] {
  const covered = new Set(lines.flatMap((l) => l.tags));
  return RECAP_TAGS.filter((tag) => !covered.has(tag) && !(noBlocker && tag === 'blocker'));
}

/** Lines as compared and stored: text trimmed, tags de-duplicated and in the canonical order. */
export function normalizeRecapLines(lines: readonly [RecapLine, RecapLine]): [RecapLine, RecapLine] {
  const one = (line: RecapLine): RecapLine => ({
    text: line.text.trim(),
    tags: RECAP_TAGS.filter((tag) => line.tags.includes(tag)),
  });
  return [one(lines[0]), one(lines[1])];
}

export function sameRecapLines(a: readonly RecapLine[], b: readonly RecapLine[]): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** What a recap says: its two lines and whether it names no blocker on purpose. */
export interface RecapContent {
  lines: [RecapLine, RecapLine];
  noBlocker: boolean;
}

function sameContent(recap: BoardRecap, content: RecapContent): boolean {
  return sameRecapLines(recap.lines, content.lines) && (recap.noBlocker ?? false) === content.noBlocker;
}

type Invalid = { kind: 'invalid'; field: string; message: string };

/** The rules a recap keeps whoever writes it: each line said and tagged, the tags covering what the week needs. */
function checkContent(content: RecapContent): Invalid | null {
  for (const [i, line] of content.lines.entries()) {
    const parsed = recapLineSchema.safeParse(line);
    if (!parsed.success) {
      const problem = parsed.error.issues[0]?.message ?? 'is not a recap line';
      return { kind: 'invalid', field: `lines.${i}`, message: `Line ${i + 1} ${problem}` };
    }
  }
  if (content.noBlocker && content.lines.some((l) => l.tags.includes('blocker'))) {
    return {
      kind: 'invalid',
      field: 'noBlocker',
      message: '"no blocker this week" was chosen, so no line may be tagged as a blocker',
    };
  }
  const missing = missingRecapTags(content.lines, content.noBlocker);
  if (missing.length === 0) return null;
  const names = missing.map((t) => RECAP_TAG_LABELS[t].toLowerCase()).join(', ');
  return {
    kind: 'invalid',
    field: 'lines',
    message: content.noBlocker
      ? `"lines" must cover a support need and a learning between them (missing: ${names})`
      : `"lines" must cover a blocker, a support need and a learning between them, or choose "no blocker this week" (missing: ${names})`,
  };
}

/** The recap as closed: the lines in the request, or else the shared draft as both people wrote it. */
export function recapToClose(board: Board, request: SaveRecapRequest): RecapContent {
  if (request.lines) return { lines: normalizeRecapLines(request.lines), noBlocker: request.noBlocker ?? false };
  const [one, two] = board.recapDraft.lines;
  return {
    lines: normalizeRecapLines([
      { text: one.text, tags: one.tags },
      { text: two.text, tags: two.tags },
    ]),
    noBlocker: board.recapDraft.noBlocker.value,
  };
}

/** The claim of one version's email: opened in the same write as the version, so none is ever left without. */
function openMail(version: number, claimIdFor: (version: number) => string, senderId: string): RecapMail {
  return { version, claimId: claimIdFor(version), senderId, state: 'pending', attempts: 0, leaseUntil: null };
}

export interface RecapWriteContext {
  by: string;
  now: Date;
  /** The email claim id of a recap version (each version's email is sent once). */
  claimIdFor: (version: number) => string;
}

export type RecapDecision =
  /** The board is closed (or corrected) with this recap now; send its email. */
  | { kind: 'save'; board: Board }
  /** The board already holds exactly this recap (a retried save): make sure the email went, send nothing twice. */
  | { kind: 'alreadySaved' }
  /** The board holds a different recap: the other person closed first, or corrected since `baseVersion`. */
  | { kind: 'conflict'; recap: BoardRecap }
  | Invalid;

/**
 * Closing a board: two lines covering a blocker, a support need and a learning, or only the latter two when both
 * chose "no blocker this week". Saving finalises the board and opens the email claim in the same write, so a crash
 * between the two can never leave a recap without its email.
 */
export function decideRecapSave(board: Board, request: SaveRecapRequest, context: RecapWriteContext): RecapDecision {
  const content = recapToClose(board, request);
  if (isFinalised(board) && board.recap) {
    return sameContent(board.recap, content) ? { kind: 'alreadySaved' } : { kind: 'conflict', recap: board.recap };
  }
  const invalid = checkContent(content);
  if (invalid) return invalid;
  const recap: BoardRecap = {
    lines: content.lines,
    ...(content.noBlocker ? { noBlocker: true } : {}),
    savedBy: context.by,
    savedAt: context.now.toISOString(),
  };
  return { kind: 'save', board: { ...board, recap, recapMail: openMail(1, context.claimIdFor, context.by) } };
}

/** Until when a closed recap may be corrected: 24 hours after its first close. */
export function correctableUntil(recap: BoardRecap): Date {
  return new Date(Date.parse(recap.savedAt) + RECAP_CORRECTION_WINDOW_MS);
}

export type CorrectionDecision =
  | RecapDecision
  | { kind: 'notClosed' }
  /** The 24 hours after the close are over: the recap stays as it is. */
  | { kind: 'windowClosed'; until: Date };

/**
 * A correction after the close: the whole recap as it should read, typed against the version the writer saw. Each
 * change is a new version with its own email claim (written together); the same recap again (a retry, or both
 * people making the same fix) changes nothing; a change typed against an older version is a conflict.
 */
export function decideRecapCorrection(
  board: Board,
  request: CorrectRecapRequest,
  context: RecapWriteContext,
): CorrectionDecision {
  const recap = board.recap;
  if (!recap) return { kind: 'notClosed' };
  const current = recapVersionOf(recap);
  if (request.baseVersion > current) {
    return {
      kind: 'invalid',
      field: 'baseVersion',
      message: `"baseVersion" names version ${request.baseVersion}, but this recap is at version ${current}`,
    };
  }
  const content = { lines: normalizeRecapLines(request.lines), noBlocker: request.noBlocker ?? false };
  if (sameContent(recap, content)) return { kind: 'alreadySaved' };
  const until = correctableUntil(recap);
  if (context.now.getTime() > until.getTime()) return { kind: 'windowClosed', until };
  if (request.baseVersion !== current) return { kind: 'conflict', recap };
  const invalid = checkContent(content);
  if (invalid) return invalid;
  const version = current + 1;
  const corrected: BoardRecap = {
    lines: content.lines,
    ...(content.noBlocker ? { noBlocker: true } : {}),
    savedBy: recap.savedBy,
    savedAt: recap.savedAt,
    correction: { version, correctedBy: context.by, correctedAt: context.now.toISOString() },
  };
  return {
    kind: 'save',
    board: { ...board, recap: corrected, recapMail: openMail(version, context.claimIdFor, context.by) },
  };
}

export type RecapDraftEdit =
  | { part: 'line1' | 'line2'; text: string; tags: RecapTag[]; baseRevision: number; editorId: string; now: Date }
  | { part: 'noBlocker'; value: boolean; baseRevision: number; editorId: string; now: Date };

export type RecapDraftDecision =
  /** `changed` is false when the draft already reads so (a retry): nothing needs writing. */
  | { kind: 'saved'; board: Board; changed: boolean }
  | { kind: 'conflict'; draft: SharedRecapDraft }
  | { kind: 'finalised' };

/**
 * One write to the shared recap draft, by either person: the same revision rules as an answer field (a write typed
 * against an older revision is a conflict only if it would change that part). Closed boards take no draft writes.
 */
export function applyRecapDraftEdit(board: Board, edit: RecapDraftEdit): RecapDraftDecision {
  const draft = board.recapDraft;
  const meta = (revision: number) => ({
    revision: revision + 1,
    updatedBy: edit.editorId,
    updatedAt: edit.now.toISOString(),
  });
  if (edit.part === 'noBlocker') {
    const current = draft.noBlocker;
    if (current.value === edit.value) return { kind: 'saved', board, changed: false };
    if (isFinalised(board)) return { kind: 'finalised' };
    if (edit.baseRevision !== current.revision) return { kind: 'conflict', draft };
    const next = { ...draft, noBlocker: { value: edit.value, ...meta(current.revision) } };
    return { kind: 'saved', board: { ...board, recapDraft: next }, changed: true };
  }
  const index = edit.part === 'line1' ? 0 : 1;
  const current = draft.lines[index];
  const tags = RECAP_TAGS.filter((tag) => edit.tags.includes(tag));
  if (current.text === edit.text && sameRecapLines([{ text: '', tags: current.tags }], [{ text: '', tags }])) {
    return { kind: 'saved', board, changed: false };
  }
  if (isFinalised(board)) return { kind: 'finalised' };
  if (edit.baseRevision !== current.revision) return { kind: 'conflict', draft };
  const line = { text: edit.text, tags, ...meta(current.revision) };
  const lines: SharedRecapDraft['lines'] = index === 0 ? [line, draft.lines[1]] : [draft.lines[0], line];
  return { kind: 'saved', board: { ...board, recapDraft: { ...draft, lines } }, changed: true };
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
