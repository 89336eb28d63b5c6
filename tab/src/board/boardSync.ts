import {
  PROMPT_IDS,
  TEXT_FIELD_IDS,
  type BoardField,
  type BoardView,
  type Role,
  type TextFieldId,
} from '@candor/contract';
import type { ApiClient } from '../api/client';
import { backoffDelay } from './backoff';
import type { DraftStore } from './drafts';
import { mergeField } from './mergeField';
import { summarizeSave, type FieldStatus, type SaveSummary } from './saveStatus';

export interface FieldSnapshot {
  id: TextFieldId;
  /** What the textarea shows. */
  text: string;
  editable: boolean;
  status: FieldStatus;
  error: string | null;
  /** The newest server state known. */
  server: BoardField;
}

export interface BoardSnapshot {
  board: BoardView;
  fields: Readonly<Record<TextFieldId, FieldSnapshot>>;
  save: SaveSummary;
  connection: 'online' | 'offline';
}

export interface BoardSyncOptions {
  board: BoardView;
  api: Pick<ApiClient, 'getBoard' | 'saveBoardField'>;
  drafts: DraftStore;
  debounceMs?: number;
  pollMs?: number;
  /** Polling pauses while this says the page is hidden. */
  isHidden?: () => boolean;
  random?: () => number;
}

/** The fields a role types into: the report answers the prompts, the manager writes the shared notes. */
export function editableFields(role: Role): readonly TextFieldId[] {
  return role === 'report' ? PROMPT_IDS : PROMPT_IDS.map((p) => `${p}Note` as const);
}

const EMPTY_FIELD: BoardField = { text: '', revision: 0, updatedBy: null, updatedAt: null };

interface FieldState {
  id: TextFieldId;
  editable: boolean;
  /** The server text and revision the local text was typed against. */
  base: { text: string; revision: number };
  local: string;
  server: BoardField;
  focused: boolean;
  inFlight: boolean;
  timer: ReturnType<typeof setTimeout> | null;
  failures: number;
  conflicts: number;
  status: FieldStatus;
  error: string | null;
}

/**
 * Keeps one board in sync: debounced autosave of the viewer's own fields (PUT with `baseRevision`), three-way
 * merge on 409, drafts in local storage while the API is unreachable (retried with backoff, restored on load),
 * and polling so the other person's edits appear. UI-free: React reads it through `subscribe`/`getSnapshot`.
 */
export class BoardSync {
  private board: BoardView;
  private readonly fields = new Map<TextFieldId, FieldState>();
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
    this.debounceMs = options.debounceMs ?? 700;
    this.pollMs = options.pollMs ?? 4000;
    const mine = editableFields(options.board.viewer.role);
    for (const id of TEXT_FIELD_IDS) {
      const server = options.board.fields[id] ?? EMPTY_FIELD;
      const state: FieldState = {
        id,
        editable: mine.includes(id),
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
      if (state.editable) {
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

  /** Starts polling and sends unsaved text (including drafts restored from a previous visit). Restartable. */
  start(): void {
    if (this.running) return;
    this.running = true;
    for (const f of this.fields.values()) if (this.isDirty(f) && !f.inFlight) this.schedule(f, 0);
    this.schedulePoll();
  }

  /** Stops every timer; unsaved text stays in memory and in the drafts, and start() picks it up again. */
  stop(): void {
    this.running = false;
    if (this.pollTimer) clearTimeout(this.pollTimer);
    this.pollTimer = null;
    for (const f of this.fields.values()) this.clearTimer(f);
  }

  edit(id: TextFieldId, text: string): void {
    const f = this.fields.get(id);
    if (!f || !f.editable || text === f.local) return;
    f.local = text;
    this.persistDraft(f);
    if (this.isDirty(f)) {
      if (f.status !== 'offline' && f.status !== 'retrying') f.status = 'pending';
      if (!f.inFlight) this.schedule(f, this.debounceMs);
    } else if (!f.inFlight) {
      this.clearTimer(f);
      f.status = f.status === 'idle' ? 'idle' : 'saved';
      f.error = null;
    }
    this.emit();
  }

  focus(id: TextFieldId): void {
    const f = this.fields.get(id);
    if (f) f.focused = true;
  }

  /** Leaving a field saves it at once and lets remote changes that waited for the blur in. */
  blur(id: TextFieldId): void {
    const f = this.fields.get(id);
    if (!f) return;
    f.focused = false;
    if (this.isDirty(f) && f.timer && f.status === 'pending') this.schedule(f, 0);
    this.adoptServer(f);
    this.emit();
  }

  /** Retry every unsaved field now (the browser came back online, or the user asked). */
  retryNow(): void {
    for (const f of this.fields.values()) if (this.isDirty(f) && !f.inFlight) this.schedule(f, 0);
    if (this.running) {
      if (this.pollTimer) clearTimeout(this.pollTimer);
      this.pollTimer = setTimeout(() => void this.poll(), 0);
    }
  }

  /** Fetches the board once and merges in what changed on the server. */
  async poll(): Promise<void> {
    this.pollTimer = null;
    if (!this.running) return;
    if (!this.options.isHidden?.()) {
      const result = await this.options.api.getBoard(this.board.ref);
      if (!this.running) return;
      if (result.ok) {
        this.connection = 'online';
        this.applyRemote(result.value);
      } else if (result.kind === 'network') {
        this.connection = 'offline';
      }
      this.emit();
    }
    this.schedulePoll();
  }

  private schedulePoll(): void {
    if (!this.running) return;
    if (this.pollTimer) clearTimeout(this.pollTimer);
    this.pollTimer = setTimeout(() => void this.poll(), this.pollMs);
  }

  private applyRemote(view: BoardView): void {
    this.board = view;
    for (const f of this.fields.values()) {
      const remote = view.fields[f.id];
      if (remote && remote.revision > f.server.revision) f.server = remote;
      this.adoptServer(f);
    }
  }

  /** Shows the newest server text unless that would clobber unsaved or focused text. */
  private adoptServer(f: FieldState): void {
    if (f.server.revision <= f.base.revision) return;
    if (this.isDirty(f) || f.inFlight || (f.editable && f.focused)) return;
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
    if (!f.editable) return;
    if (this.isDirty(f)) {
      this.options.drafts.save(f.id, { text: f.local, baseText: f.base.text, baseRevision: f.base.revision });
    } else {
      this.options.drafts.remove(f.id);
    }
  }

  private async flush(f: FieldState): Promise<void> {
    if (!this.running || f.inFlight || !this.isDirty(f)) return;
    this.clearTimer(f);
    const sent = f.local;
    const basedOn = f.base;
    f.inFlight = true;
    if (f.status !== 'offline' && f.status !== 'retrying') f.status = 'saving';
    this.emit();
    const result = await this.options.api.saveBoardField(this.board.ref, f.id, {
      text: sent,
      baseRevision: basedOn.revision,
    });
    f.inFlight = false;

    let delayIfDirty = this.debounceMs;
    if (result.ok) {
      const saved = result.value.field;
      f.failures = 0;
      f.conflicts = 0;
      f.error = null;
      this.connection = 'online';
      if (saved.revision >= f.server.revision) f.server = saved;
      f.base = { text: saved.text, revision: saved.revision };
      if (f.local === sent) f.local = saved.text;
    } else if (result.kind === 'conflict') {
      // Someone (this user on another device) saved first: keep both texts and save again at the new revision.
      f.conflicts++;
      f.failures = 0;
      f.error = null;
      f.server = result.current;
      f.local = mergeField({ base: basedOn.text, local: f.local, server: result.current.text });
      f.base = { text: result.current.text, revision: result.current.revision };
      delayIfDirty = f.conflicts > 3 ? backoffDelay(f.conflicts - 3, this.options.random) : 0;
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
    const fields = {} as Record<TextFieldId, FieldSnapshot>;
    for (const f of this.fields.values()) {
      fields[f.id] = { id: f.id, text: f.local, editable: f.editable, status: f.status, error: f.error, server: f.server };
    }
    const mine = [...this.fields.values()].filter((f) => f.editable);
    return { board: this.board, fields, save: summarizeSave(mine, this.connection), connection: this.connection };
  }

  private emit(): void {
    this.snapshot = this.buildSnapshot();
    for (const listener of this.listeners) listener();
  }
}
