import type {
  BoardView,
  Commitment,
  CommitmentStatus,
  GoToOffer,
  RecapLine,
  SavedRecap,
  StatusFieldId,
} from '@candor/contract';
import type { ApiClient } from '../api/client';
import type { ApiFailure } from '../api/result';
import { backoffDelay } from './backoff';
import type { BoardSync, SyncFieldId } from './boardSync';
import { STATUS_SECTION_LABELS, textAfterMove } from './statusMove';

/** What a one-click action (not an autosaved field) tells the UI. The UI keeps the person's input on failure. */
export type ActionResult = { ok: true } | { ok: false; message: string };

export type RecapResult = ActionResult | { ok: false; message: string; existing: SavedRecap };

type ActionsApi = Pick<
  ApiClient,
  'createCommitment' | 'updateCommitment' | 'saveRecap' | 'correctRecap' | 'skipGoToQuestion' | 'appendStatusText'
>;

/** The recap as either person closes or corrects it: the two lines and the "no blocker this week" choice. */
export interface RecapContent {
  lines: [RecapLine, RecapLine];
  noBlocker: boolean;
}

type RecapWrite = ReturnType<ActionsApi['saveRecap']>;

/** A move that reached the status update: whether the words also left the board (false when edited meanwhile). */
export type MoveResult = { ok: true; removed: boolean } | { ok: false; message: string };

function failure(result: ApiFailure<unknown>): { ok: false; message: string } {
  if (result.kind === 'network')
    return { ok: false, message: 'Can’t reach Candor right now. Your words are kept here; try again.' };
  if (result.kind === 'conflict') return { ok: false, message: 'This changed meanwhile. Have a look and try again.' };
  return { ok: false, message: result.message };
}

const upsert = (list: Commitment[], c: Commitment): Commitment[] =>
  list.some((x) => x.id === c.id) ? list.map((x) => (x.id === c.id ? c : x)) : [...list, c];

/** How often a saved recap whose email is still pending is saved again (idempotent) to settle the email. */
const MAIL_RETRIES = 4;

/**
 * The board's one-click actions: commitments, the recap and skipping the go-to question. Each calls its endpoint and
 * puts the answer on the shown board at once, so the person sees the result without waiting for the next poll.
 */
export class BoardActions {
  private mailRetry: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly api: ActionsApi,
    private readonly sync: Pick<BoardSync, 'patchView' | 'view' | 'getSnapshot' | 'edit'>,
    private readonly random: () => number = Math.random,
  ) {}

  async createCommitment(input: {
    id: string;
    text: string;
    dueDate: string | null;
    fromSupportAsk: boolean;
  }): Promise<ActionResult> {
    const result = await this.api.createCommitment(this.sync.view.ref, {
      id: input.id,
      text: input.text,
      dueDate: input.dueDate,
      fromSupportAsk: input.fromSupportAsk,
    });
    if (!result.ok) return failure(result);
    const made = result.value.commitment;
    this.sync.patchView((view) => ({ ...view, commitments: upsert(view.commitments, made) }));
    return { ok: true };
  }

  async setCommitmentStatus(commitment: Commitment, status: CommitmentStatus): Promise<ActionResult> {
    const ref = this.sync.view.ref;
    let result = await this.api.updateCommitment(ref, commitment.id, { status, baseRevision: commitment.revision });
    // Changed on another device meanwhile: this click is the latest word, so apply it on top once.
    if (!result.ok && result.kind === 'conflict') {
      result = await this.api.updateCommitment(ref, commitment.id, { status, baseRevision: result.current.revision });
    }
    if (!result.ok) return failure(result);
    const saved = result.value.commitment;
    this.sync.patchView((view) => ({ ...view, commitments: upsert(view.commitments, saved) }));
    return { ok: true };
  }

  /** Closes the board with this recap (the lines as this person sees them, the shared draft's words included). */
  saveRecap(content: RecapContent): Promise<RecapResult> {
    const ref = this.sync.view.ref;
    return this.writeRecap(
      () => this.api.saveRecap(ref, content),
      'The other person closed this 1:1 with their recap first.',
    );
  }

  /** A correction of the closed recap, typed against the version this person saw. */
  correctRecap(content: RecapContent, baseVersion: number): Promise<RecapResult> {
    const ref = this.sync.view.ref;
    return this.writeRecap(
      () => this.api.correctRecap(ref, { ...content, baseVersion }),
      'The other person corrected the recap meanwhile; their version is shown.',
    );
  }

  private async writeRecap(send: () => RecapWrite, conflictMessage: string): Promise<RecapResult> {
    const result = await send();
    if (!result.ok && result.kind === 'conflict') {
      const existing = result.current;
      this.sync.patchView((view) => ({
        ...view,
        recap: { ...view.recap, ...existing, mail: view.recap?.mail ?? 'pending' },
      }));
      return { ok: false, message: conflictMessage, existing };
    }
    if (!result.ok) return failure(result);
    const { recap, mail } = result.value;
    this.sync.patchView((view) => ({ ...view, recap: { ...view.recap, ...recap, mail } }));
    if (mail === 'pending') this.settleMail(send, 1);
    return { ok: true };
  }

  async skipGoToQuestion(offer: Extract<GoToOffer, { state: 'offered' }>): Promise<ActionResult> {
    const result = await this.api.skipGoToQuestion(this.sync.view.ref, { questionId: offer.questionId });
    if (!result.ok) return failure(result);
    const next = result.value.goToQuestion;
    this.sync.patchView((view: BoardView) => ({ ...view, goToQuestion: next }));
    return { ok: true };
  }

  /**
   * The status guard's move: the words go into the report's status update first, and leave the board only once the
   * API has them, through the board's own save (so revisions and conflicts work as for typing). On any failure the
   * board is untouched. `moveId` is the caller's, kept across retries of the same move, so it lands once.
   */
  async moveToStatus(input: {
    fieldId: SyncFieldId;
    section: StatusFieldId;
    text: string;
    moveId: string;
  }): Promise<MoveResult> {
    const result = await this.api.appendStatusText(this.sync.view.ref, {
      moveId: input.moveId,
      section: input.section,
      text: input.text,
    });
    if (!result.ok) {
      if (result.kind === 'http' && result.status === 400 && result.code === 'badRequest') {
        const label = STATUS_SECTION_LABELS[input.section];
        return {
          ok: false,
          message: `That would make “${label}” too long for the status update. Your words stay here.`,
        };
      }
      return failure(result);
    }
    const { updatedAt } = result.value.update;
    this.sync.patchView((view) => ({ ...view, statusUpdate: { state: 'received', updatedAt } }));
    const after = textAfterMove(this.sync.getSnapshot().fields[input.fieldId].text, input.text);
    if (after.removed) this.sync.edit(input.fieldId, after.text);
    return { ok: true, removed: after.removed };
  }

  dispose(): void {
    if (this.mailRetry) clearTimeout(this.mailRetry);
  }

  /** The recap is saved; its email is still on its way. Saving again is idempotent and settles it. */
  private settleMail(send: () => RecapWrite, attempt: number): void {
    if (attempt > MAIL_RETRIES) return;
    this.mailRetry = setTimeout(
      () => {
        void send().then((result) => {
          if (!result.ok) return this.settleMail(send, attempt + 1);
          const { mail } = result.value;
          this.sync.patchView((view) => (view.recap ? { ...view, recap: { ...view.recap, mail } } : view));
          if (mail === 'pending') this.settleMail(send, attempt + 1);
        });
      },
      backoffDelay(attempt + 2, this.random),
    );
  }
}
