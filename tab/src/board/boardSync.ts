import {
  NOT_SHARED,
  PREFER_NOT_TO_SAY,
  RATING_FIELD_IDS,
  TEXT_FIELD_IDS,
  TEXT_FIELD_OWNERS,
  type BoardField,
  type BoardView,
  type RatingFieldView,
  type RatingFieldId,
  type RatingValue,
  type Role,
  type TextFieldId,
} from '@candor/contract';
import type { ApiClient } from '../api/client';
import type { ApiResult } from '../api/result';
import { backoffDelay } from './backoff';
import type { DraftStore } from './drafts';
import { FIELD_LABELS } from './labels';
import { mergeField } from './mergeField';
import {
  isRecapSyncId,
  mergeRecapPart,
  RECAP_SYNC_IDS,
  recapDraftRequest,
  recapServerField,
  type RecapSyncId,
} from './recapDraftField';
import { summarizeSave, type FieldStatus, type SaveSummary } from './saveStatus';

/**
 * Everything a person types or picks on the board is a field with its own revision: the text fields, the ratings,
 * the pair's career goal, the viewer's private notes and the parts of the recap both write. Each travels to its own
 * endpoint.
 */
export type SyncFieldId = TextFieldId | RatingFieldId | 'careerGoal' | 'privateNote' | RecapSyncId;
export const SYNC_FIELD_IDS: readonly SyncFieldId[] = [
  ...TEXT_FIELD_IDS,
  ...RATING_FIELD_IDS,
  'careerGoal',
  'privateNote',
  ...RECAP_SYNC_IDS,
];

type Channel = 'text' | 'rating' | 'careerGoal' | 'privateNote' | 'recapDraft';

function channelOf(id: SyncFieldId): Channel {
  if (id === 'careerGoal' || id === 'privateNote') return id;
  if (isRecapSyncId(id)) return 'recapDraft';
  return (RATING_FIELD_IDS as readonly string[]).includes(id) ? 'rating' : 'text';
}

function isRating(id: SyncFieldId): id is RatingFieldId {
  return channelOf(id) === 'rating';
}

/**
 * Ratings travel as strings inside the sync ('' = not answered), so drafts, dirtiness and retries treat every field
 * alike. A rating the report did not share travels as `notShared`: only the manager gets it, and the manager never
 * writes a rating, so it is shown and never saved.
 */
export function encodeRating(value: RatingFieldView['value']): string {
  return value === null ? '' : String(value);
}

export function decodeRating(text: string): RatingValue | null {
  if (text === PREFER_NOT_TO_SAY) return PREFER_NOT_TO_SAY;
  const n = Number(text);
  return text !== '' && Number.isInteger(n) && n >= 1 && n <= 5 ? n : null;
}

/** A field as the server holds it, in the sync's string form. */
export interface ServerField {
  text: string;
  revision: number;
  updatedBy: string | null;
  updatedAt: string | null;
}

const EMPTY: ServerField = { text: '', revision: 0, updatedBy: null, updatedAt: null };

const fromRating = ({ value, revision, updatedBy, updatedAt }: RatingFieldView): ServerField => ({
  text: encodeRating(value),
  revision,
  updatedBy,
  updatedAt,
});

export interface FieldSnapshot {
  id: SyncFieldId;
  /** What the input shows (a rating's encoded value for rating fields). */
  text: string;
  editable: boolean;
  status: FieldStatus;
  error: string | null;
  /** The newest server state known. */
  server: ServerField;
  /** The field's text reads like a status update: from the last save's answer, else the meeting's record. */
  statusNudge: boolean;
  /** The status guard did not read the last saved text (a language it is not measured in). */
  statusGuardOff?: boolean;
}

export interface BoardSnapshot {
  board: BoardView;
  fields: Readonly<Record<SyncFieldId, FieldSnapshot>>;
  save: SaveSummary;
  connection: 'online' | 'offline';
  /** Closed with a recap: answers are read-only (private notes stay editable). */
  finalised: boolean;
  /** A one-off message worth showing (e.g. text moved to private notes after the board closed). */
  notice: string | null;
}

type SyncApi = Pick<
  ApiClient,
  | 'pollBoard'
  | 'saveBoardField'
  | 'saveBoardRating'
  | 'saveCareerGoal'
  | 'getPrivateNote'
  | 'savePrivateNote'
  | 'saveRecapDraft'
>;

export interface BoardSyncOptions {
  board: BoardView;
  api: SyncApi;
  drafts: DraftStore;
  debounceMs?: number;
  pollMs?: number;
  /** Polling pauses while this says the page is hidden. */
  isHidden?: () => boolean;
  random?: () => number;
}

/** Who may change a field right now. */
export function canEdit(id: SyncFieldId, role: Role, finalised: boolean): boolean {
  switch (channelOf(id)) {
    case 'privateNote':
      return true;
    case 'careerGoal':
      return role === 'report';
    case 'rating':
      return role === 'report' && !finalised;
    case 'text':
      return TEXT_FIELD_OWNERS[id as TextFieldId] === role && !finalised;
    case 'recapDraft':
      return !finalised; // both people write the recap
  }
}

/** The fields a role types into on an open board. */
export function editableFields(role: Role): readonly SyncFieldId[] {
  return SYNC_FIELD_IDS.filter((id) => canEdit(id, role, false));
}

interface FieldState {
  id: SyncFieldId;
  editable: boolean;
  /** The server text and revision the local text was typed against. */
  base: { text: string; revision: number };
  local: string;
  server: ServerField;
  focused: boolean;
  inFlight: boolean;
  timer: ReturnType<typeof setTimeout> | null;
  failures: number;
  conflicts: number;
  status: FieldStatus;
  error: string | null;
}

/** What the status guard made of a saved text. */
interface GuardReading {
  statusNudge: boolean;
  off: boolean;
}

type SaveOutcome =
  | { kind: 'saved'; field: ServerField; guard: GuardReading | null }
  | { kind: 'conflict'; current: ServerField }
  | { kind: 'finalised' }
  | { kind: 'network' }
  | { kind: 'http'; status: number; message: string };

function outcomeOf<T, C>(
  result: ApiResult<T, C>,
  saved: (value: T) => ServerField,
  current: (c: C) => ServerField,
  guard?: (value: T) => GuardReading,
): SaveOutcome {
  if (result.ok) return { kind: 'saved', field: saved(result.value), guard: guard?.(result.value) ?? null };
  if (result.kind === 'conflict') return { kind: 'conflict', current: current(result.current) };
  if (result.kind === 'network') return { kind: 'network' };
  if (result.status === 409 && result.code === 'finalised') return { kind: 'finalised' };
  return { kind: 'http', status: result.status, message: result.message };
}

/**
 * Keeps one board in sync: debounced autosave of the viewer's own fields (PUT with `baseRevision`), three-way
 * merge on 409, drafts in local storage while the API is unreachable (retried with backoff, restored on load),
 * and conditional polling (ETag) so the other person's edits appear. UI-free: React reads it through
 * `subscribe`/`getSnapshot`.
 */
export class BoardSync {
  private board: BoardView;
  private etag: string | null = null;
  private finalised: boolean;
  private privateNoteLoaded = false;
  private notice: string | null = null;
  private readonly nudged = new Set<TextFieldId>();
  /** The guard's answer to this device's last save of a field: newer than the meeting's record of nudges. */
  private readonly guardReadings = new Map<TextFieldId, GuardReading>();
  private readonly fields = new Map<SyncFieldId, FieldState>();
  private readonly listeners = new Set<() => void>();
  private snapshot: BoardSnapshot;
  private connection: 'online' | 'offline' = 'online';
  private pollTimer: ReturnType<typeof setTimeout> | null = null;
  /** Timers (autosave, retries, polling) only run between start() and stop(). */
  private running = false;
  private readonly debounceMs: number;
  private readonly pollMs: number;

  constructor(private readonly options: BoardSyncOptions) {
    this.board = options.board;
    this.finalised = options.board.recap !== null;
    for (const id of options.board.statusGuard.nudgedFields) this.nudged.add(id);
    this.debounceMs = options.debounceMs ?? 700;
    this.pollMs = options.pollMs ?? 4000;
    for (const id of SYNC_FIELD_IDS) {
      const server = this.serverFieldOf(options.board, id) ?? EMPTY;
      const state: FieldState = {
        id,
        editable: this.computeEditable(id),
        base: { text: server.text, revision: server.revision },
        local: server.text,
        server,
        focused: false,
        inFlight: false,
        timer: null,
        failures: 0,
        conflicts: 0,
        status: 'idle',
        error: null,
      };
      // Drafts come back for anything the viewer may write, even a board closed meanwhile (then they move to notes).
      if (canEdit(id, options.board.viewer.role, false)) {
        const draft = options.drafts.load(id);
        if (draft && draft.text !== server.text) {
          state.local = draft.text;
          state.base = { text: draft.baseText, revision: draft.baseRevision };
          state.status = 'pending';
        } else if (draft) {
          options.drafts.remove(id);
        }
      }
      this.fields.set(id, state);
    }
    this.snapshot = this.buildSnapshot();
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly getSnapshot = (): BoardSnapshot => this.snapshot;

  /** The ref and viewer of the board being synced. */
  get view(): BoardView {
    return this.board;
  }

  /**
   * The board as last confirmed by the server: the last answer with the texts saved since (a save confirms a field
   * before the next poll brings the whole board). Unsent words are not in it; they stay in the drafts.
   */
  confirmedView(): BoardView {
    const fields = { ...this.board.fields };
    let careerGoal = this.board.careerGoal;
    for (const f of this.fields.values()) {
      const channel = channelOf(f.id);
      if (channel === 'text' && f.server.revision > (fields[f.id as TextFieldId]?.revision ?? -1))
        fields[f.id as TextFieldId] = f.server;
      else if (channel === 'careerGoal' && f.server.revision > careerGoal.revision) careerGoal = f.server;
    }
    return { ...this.board, fields, careerGoal };
  }

  /** Starts polling, loads the private notes, and sends unsaved text (including restored drafts). Restartable. */
  start(): void {
    if (this.running) return;
    this.running = true;
    for (const f of this.fields.values()) if (this.isDirty(f) && !f.inFlight && this.mayFlush(f)) this.schedule(f, 0);
    if (!this.privateNoteLoaded) void this.loadPrivateNote();
    if (this.finalised) this.closeOpenDrafts();
    this.schedulePoll();
  }

  /** Stops every timer; unsaved text stays in memory and in the drafts, and start() picks it up again. */
  stop(): void {
    this.running = false;
    if (this.pollTimer) clearTimeout(this.pollTimer);
    this.pollTimer = null;
    for (const f of this.fields.values()) this.clearTimer(f);
  }

  edit(id: SyncFieldId, text: string): void {
    const f = this.fields.get(id);
    if (!f || !f.editable || text === f.local) return;
    f.local = text;
    this.persistDraft(f);
    if (this.isDirty(f)) {
      if (f.status !== 'offline' && f.status !== 'retrying') f.status = 'pending';
      // A rating (or the recap's "no blocker" choice) is one click: send it at once.
      if (!f.inFlight) this.schedule(f, isRating(id) || id === 'recapNoBlocker' ? 0 : this.debounceMs);
    } else if (!f.inFlight) {
      this.clearTimer(f);
      f.status = f.status === 'idle' ? 'idle' : 'saved';
      f.error = null;
    }
    this.emit();
  }

  focus(id: SyncFieldId): void {
    const f = this.fields.get(id);
    if (f) f.focused = true;
  }

  /** Leaving a field saves it at once and lets remote changes that waited for the blur in. */
  blur(id: SyncFieldId): void {
    const f = this.fields.get(id);
    if (!f) return;
    f.focused = false;
    if (this.isDirty(f) && f.timer && f.status === 'pending') this.schedule(f, 0);
    this.adoptServer(f);
    this.emit();
  }

  /** Retry every unsaved field now and poll (the browser came back online, or the user asked). */
  retryNow(): void {
    for (const f of this.fields.values()) if (this.isDirty(f) && !f.inFlight && this.mayFlush(f)) this.schedule(f, 0);
    if (!this.privateNoteLoaded && this.running) void this.loadPrivateNote();
    if (this.running) {
      if (this.pollTimer) clearTimeout(this.pollTimer);
      this.pollTimer = setTimeout(() => void this.poll(), 0);
    }
  }

  /** Applies a change the UI made through another endpoint (a commitment, the recap, a skip) to the shown board. */
  patchView(update: (view: BoardView) => BoardView): void {
    this.board = update(this.board);
    this.etag = null;
    this.noteFinalisation();
    this.emit();
  }

  /**
   * The API's answer to the open, replacing the device's copy this sync was built from (painted before the API
   * answered). The answer is the truth even where its revisions are lower (data deleted meanwhile); words typed on
   * the copy stay as unsent text over their base, so start() sends them and a moved field merges as on a 409.
   */
  adoptAnswer(view: BoardView): void {
    this.board = view;
    this.etag = null;
    for (const id of view.statusGuard.nudgedFields) this.nudged.add(id);
    this.noteFinalisation();
    for (const f of this.fields.values()) {
      if (f.id === 'privateNote') continue;
      f.server = this.serverFieldOf(view, f.id) ?? EMPTY;
      f.editable = this.computeEditable(f.id);
      if (!this.isDirty(f) && !f.inFlight) {
        f.base = { text: f.server.text, revision: f.server.revision };
        f.local = f.server.text;
      }
    }
    this.emit();
  }

  dismissNotice(): void {
    this.notice = null;
    this.emit();
  }

  /** Fetches the board (conditionally) and merges in what changed on the server. */
  async poll(): Promise<void> {
    this.pollTimer = null;
    if (!this.running) return;
    if (!this.options.isHidden?.()) {
      const result = await this.options.api.pollBoard(this.board.ref, this.etag);
      if (!this.running) return;
      if (result.ok) {
        this.connection = 'online';
        if (result.value.changed) {
          this.etag = result.value.etag;
          this.applyRemote(result.value.board);
        }
      } else if (result.kind === 'network') {
        this.connection = 'offline';
      }
      if (!this.privateNoteLoaded) void this.loadPrivateNote();
      this.emit();
    }
    this.schedulePoll();
  }

  private async loadPrivateNote(): Promise<void> {
    const result = await this.options.api.getPrivateNote(this.board.ref);
    if (!result.ok || this.privateNoteLoaded) return;
    const f = this.fields.get('privateNote');
    if (!f) return;
    this.privateNoteLoaded = true;
    f.server = {
      text: result.value.note.text,
      revision: result.value.note.revision,
      updatedBy: null,
      updatedAt: result.value.note.updatedAt,
    };
    f.editable = true;
    if (this.isDirty(f)) {
      // A draft from an earlier visit (or text moved here after the close): send it, merging if needed.
      if (this.running && !f.inFlight) this.schedule(f, 0);
    } else {
      f.base = { text: f.server.text, revision: f.server.revision };
      f.local = f.server.text;
    }
    this.emit();
  }

  private schedulePoll(): void {
    if (!this.running) return;
    if (this.pollTimer) clearTimeout(this.pollTimer);
    this.pollTimer = setTimeout(() => void this.poll(), this.pollMs);
  }

  private serverFieldOf(view: BoardView, id: SyncFieldId): ServerField | null {
    switch (channelOf(id)) {
      case 'text':
        return view.fields[id as TextFieldId] ?? null;
      case 'rating': {
        const rating = view.ratings[id as RatingFieldId];
        return rating ? fromRating(rating) : null;
      }
      case 'careerGoal':
        return view.careerGoal;
      case 'privateNote':
        return null; // never part of the board: loaded from its own endpoint
      case 'recapDraft':
        return view.recapDraft ? recapServerField(view.recapDraft, id as RecapSyncId) : null;
    }
  }

  private computeEditable(id: SyncFieldId): boolean {
    if (id === 'privateNote') return this.privateNoteLoaded;
    return canEdit(id, this.board.viewer.role, this.finalised);
  }

  private applyRemote(view: BoardView): void {
    this.board = view;
    for (const id of view.statusGuard.nudgedFields) this.nudged.add(id);
    this.noteFinalisation();
    for (const f of this.fields.values()) {
      const remote = this.serverFieldOf(view, f.id);
      if (remote && this.sharingChanged(f, remote)) {
        f.server = remote;
        // Only the report picks ratings, so the manager's copy holds nothing unsent: shown as the API says.
        if (!f.editable) {
          f.base = { text: remote.text, revision: remote.revision };
          f.local = remote.text;
        }
      } else if (remote && remote.revision > f.server.revision) {
        f.server = remote;
      }
      this.adoptServer(f);
    }
  }

  /**
   * A rating the report stops sharing comes back as `notShared` at revision 0, below what the manager saw: revisions
   * cannot order that change, so a rating moving into or out of "not shared" is always taken.
   */
  private sharingChanged(f: FieldState, remote: ServerField): boolean {
    return isRating(f.id) && (f.server.text === NOT_SHARED) !== (remote.text === NOT_SHARED);
  }

  /** When the board got closed (by either person), answers become read-only and unsent words move to private notes. */
  private noteFinalisation(): void {
    const closed = this.board.recap !== null;
    if (closed === this.finalised) return;
    this.finalised = closed;
    for (const f of this.fields.values()) f.editable = this.computeEditable(f.id);
    if (closed && this.running) this.closeOpenDrafts();
  }

  private closeOpenDrafts(): void {
    for (const f of this.fields.values()) {
      if (this.isBoardAnswer(f) && this.isDirty(f) && !f.inFlight) this.keepAfterClose(f);
    }
  }

  private isBoardAnswer(f: FieldState): boolean {
    const channel = channelOf(f.id);
    return channel === 'text' || channel === 'rating' || channel === 'recapDraft';
  }

  /** Answers of a closed board cannot be saved; typed words are kept in the author's private notes instead. */
  private mayFlush(f: FieldState): boolean {
    return !(this.finalised && this.isBoardAnswer(f));
  }

  private keepAfterClose(f: FieldState): void {
    const unsaved = f.local;
    this.clearTimer(f);
    f.local = f.server.text;
    f.base = { text: f.server.text, revision: f.server.revision };
    f.status = 'idle';
    f.error = null;
    this.options.drafts.remove(f.id);
    if (channelOf(f.id) !== 'text' || unsaved.trim() === '' || unsaved === f.server.text) return;
    const note = this.fields.get('privateNote');
    if (!note) return;
    const label = FIELD_LABELS[f.id as TextFieldId];
    note.local = `${note.local.replace(/\s+$/, '')}${note.local.trim() ? '\n\n' : ''}${label}: ${unsaved}`;
    this.persistDraft(note);
    if (note.status !== 'offline' && note.status !== 'retrying') note.status = 'pending';
    if (this.privateNoteLoaded && !note.inFlight && this.running) this.schedule(note, 0);
    this.notice =
      'This 1:1 was closed with a recap while you were typing. Your words were moved to your private notes.';
  }

  /** Shows the newest server text unless that would clobber unsaved or focused text. */
  private adoptServer(f: FieldState): void {
    if (f.server.revision <= f.base.revision) return;
    // The recap is written by both at once: the other person's words show even in the focused line (never over
    // unsent typing, which is dirty).
    if (this.isDirty(f) || f.inFlight || (f.editable && f.focused && !isRecapSyncId(f.id))) return;
    f.base = { text: f.server.text, revision: f.server.revision };
    f.local = f.server.text;
  }

  private isDirty(f: FieldState): boolean {
    return f.local !== f.base.text;
  }

  private clearTimer(f: FieldState): void {
    if (f.timer) clearTimeout(f.timer);
    f.timer = null;
  }

  private schedule(f: FieldState, ms: number): void {
    this.clearTimer(f);
    if (!this.running) return;
    f.timer = setTimeout(() => {
      f.timer = null;
      void this.flush(f);
    }, ms);
  }

  private persistDraft(f: FieldState): void {
    if (this.isDirty(f)) {
      this.options.drafts.save(f.id, { text: f.local, baseText: f.base.text, baseRevision: f.base.revision });
    } else {
      this.options.drafts.remove(f.id);
    }
  }

  private async send(f: FieldState, text: string, baseRevision: number): Promise<SaveOutcome> {
    const { api } = this.options;
    const ref = this.board.ref;
    const plain = (field: BoardField): ServerField => field;
    switch (channelOf(f.id)) {
      case 'text':
        return outcomeOf(
          await api.saveBoardField(ref, f.id as TextFieldId, { text, baseRevision }),
          (v) => v.field,
          plain,
          (v) => ({ statusNudge: v.statusNudge ?? false, off: v.statusGuard?.state === 'off' }),
        );
      case 'rating':
        return outcomeOf(
          await api.saveBoardRating(ref, f.id as RatingFieldId, { value: decodeRating(text), baseRevision }),
          (v) => fromRating(v.field),
          fromRating,
        );
      case 'careerGoal':
        return outcomeOf(await api.saveCareerGoal(ref, { text, baseRevision }), (v) => v.field, plain);
      case 'privateNote':
        return outcomeOf(
          await api.savePrivateNote(ref, { text, baseRevision }),
          (v) => ({ ...EMPTY, ...v.note }),
          (c) => ({ ...EMPTY, ...c }),
        );
      case 'recapDraft': {
        const id = f.id as RecapSyncId;
        const { part, body } = recapDraftRequest(id, text, baseRevision);
        return outcomeOf(
          await api.saveRecapDraft(ref, part, body),
          (v) => recapServerField(v.draft, id),
          (c) => recapServerField(c, id),
        );
      }
    }
  }

  private async flush(f: FieldState): Promise<void> {
    if (!this.running || f.inFlight || !this.isDirty(f)) return;
    if (!this.mayFlush(f)) {
      this.keepAfterClose(f);
      this.emit();
      return;
    }
    this.clearTimer(f);
    const sent = f.local;
    const basedOn = f.base;
    f.inFlight = true;
    if (f.status !== 'offline' && f.status !== 'retrying') f.status = 'saving';
    this.emit();
    const result = await this.send(f, sent, basedOn.revision);
    f.inFlight = false;

    let delayIfDirty = this.debounceMs;
    if (result.kind === 'saved') {
      const saved = result.field;
      f.failures = 0;
      f.conflicts = 0;
      f.error = null;
      this.connection = 'online';
      if (result.guard && channelOf(f.id) === 'text') this.guardReadings.set(f.id as TextFieldId, result.guard);
      if (saved.revision >= f.server.revision) f.server = saved;
      f.base = { text: saved.text, revision: saved.revision };
      if (f.local === sent) f.local = saved.text;
    } else if (result.kind === 'conflict') {
      // Someone (this user on another device) saved first: keep both texts and save again at the new revision.
      // A rating has no text to merge: the latest click is what the person means.
      f.conflicts++;
      f.failures = 0;
      f.error = null;
      f.server = result.current;
      const merge = { base: basedOn.text, local: f.local, server: result.current.text };
      if (isRecapSyncId(f.id)) f.local = mergeRecapPart(f.id, merge);
      else if (!isRating(f.id)) f.local = mergeField(merge);
      f.base = { text: result.current.text, revision: result.current.revision };
      delayIfDirty = f.conflicts > 3 ? backoffDelay(f.conflicts - 3, this.options.random) : 0;
    } else if (result.kind === 'finalised') {
      // The other person closed the board while this was on its way.
      this.finalised = true;
      for (const g of this.fields.values()) g.editable = this.computeEditable(g.id);
      this.keepAfterClose(f);
      this.closeOpenDrafts();
      this.retryNow();
      this.emit();
      return;
    } else if (result.kind === 'network') {
      f.failures++;
      f.status = 'offline';
      this.connection = 'offline';
      this.persistDraft(f);
      this.schedule(f, backoffDelay(f.failures, this.options.random));
      this.emit();
      return;
    } else {
      f.error = result.message;
      if (result.status >= 500 || result.status === 408 || result.status === 429) {
        f.failures++;
        f.status = 'retrying';
        this.schedule(f, backoffDelay(f.failures, this.options.random));
      } else {
        // Refused (400 too long, 403 …): keep the text here and on this device; the next edit tries again.
        f.status = 'error';
      }
      this.emit();
      return;
    }

    this.persistDraft(f);
    if (this.isDirty(f)) {
      f.status = 'pending';
      this.schedule(f, delayIfDirty);
    } else {
      f.status = 'saved';
      this.adoptServer(f);
    }
    this.emit();
  }

  private buildSnapshot(): BoardSnapshot {
    const fields = {} as Record<SyncFieldId, FieldSnapshot>;
    for (const f of this.fields.values()) {
      const reading = this.guardReadings.get(f.id as TextFieldId);
      fields[f.id] = {
        id: f.id,
        text: f.local,
        editable: f.editable,
        status: f.status,
        error: f.error,
        server: f.server,
        statusNudge: reading ? reading.statusNudge : this.nudged.has(f.id as TextFieldId),
        statusGuardOff: reading?.off ?? false,
      };
    }
    const mine = [...this.fields.values()].filter((f) => f.editable || f.status !== 'idle');
    return {
      board: this.board,
      fields,
      save: summarizeSave(mine, this.connection),
      connection: this.connection,
      finalised: this.finalised,
      notice: this.notice,
    };
  }

  private emit(): void {
    this.snapshot = this.buildSnapshot();
    for (const listener of this.listeners) listener();
  }
}
