import type { BoardDraftId, BoardRef } from '@candor/contract';
import type { ApiClient } from './client';

/*
 * Words a person typed and has not saved yet, kept in two places: on the server as the author's draft (it survives
 * a sign-out, denied storage, another host or device) and in device storage as a cache for offline. One keeper per
 * form: each change counts the draft's revision up, goes to the device at once and to the server debounced (sooner
 * on blur or pagehide), and on open the newer of the two comes back. When neither place kept the latest words, the
 * keeper says so and the form asks the person to keep the window open.
 */

/** A draft as either place holds it. */
export interface KeptDraft {
  value: unknown;
  revision: number;
}

export type ServerLoad = { kind: 'found'; draft: KeptDraft } | { kind: 'none' } | { kind: 'failed' };
/** `failed`: unreachable or a server error, worth retrying; `refused`: a 4xx that no retry changes (form closed). */
export type ServerSave =
  { kind: 'saved' } | { kind: 'stale'; revision: number } | { kind: 'failed' } | { kind: 'refused' };

/** One draft on the server (the board's routes with the Entra token, or the status form's with its link). */
export interface ServerDrafts {
  load(): Promise<ServerLoad>;
  save(draft: KeptDraft, options?: { keepalive?: boolean }): Promise<ServerSave>;
  remove(options?: { keepalive?: boolean }): Promise<boolean>;
}

/** The same draft in device storage; `save` answers false when the device did not keep it. */
export interface DeviceDrafts {
  load(): KeptDraft | null;
  save(draft: KeptDraft): boolean;
  remove(): void;
}

/**
 * `kept`: the server holds the latest words. `device`: only this device does (offline, or not sent yet).
 * `unkept`: neither does — the words live in this window alone.
 */
export type KeepState = 'kept' | 'device' | 'unkept';

/** What a form shows when neither the server nor the device could keep the words. */
export const UNKEPT_NOTE = 'Not saved yet — keep this window open.';

export interface DraftKeeperOptions {
  server: ServerDrafts;
  device: DeviceDrafts;
  debounceMs?: number;
  retryMs?: number;
}

export class DraftKeeper {
  private revision = 0;
  private latest: unknown;
  /** The server has not confirmed `latest` at `revision`. */
  private unsent = false;
  private deviceKept = true;
  private serverFailed = false;
  private inFlight = false;
  private cleared = false;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private readonly listeners = new Set<() => void>();
  private readonly debounceMs: number;
  private readonly retryMs: number;

  constructor(private readonly options: DraftKeeperOptions) {
    this.debounceMs = options.debounceMs ?? 800;
    this.retryMs = options.retryMs ?? 5000;
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly getState = (): KeepState => {
    if (!this.unsent) return 'kept';
    return this.deviceKept || !this.serverFailed ? 'device' : 'unkept';
  };

  /** What this device kept, at once (the first paint); the server's answer may replace it (restore). */
  fromDevice(): KeptDraft | null {
    const draft = this.options.device.load();
    if (draft) this.revision = Math.max(this.revision, draft.revision);
    return draft;
  }

  /**
   * The newest of server draft and device cache (by revision), or null when neither has one. A device draft newer
   * than the server's (typed offline) is sent on; a server draft newer than the device's refreshes the cache.
   */
  async restore(): Promise<KeptDraft | null> {
    const device = this.fromDevice();
    const server = await this.options.server.load();
    const remote = server.kind === 'found' ? server.draft : null;
    this.revision = Math.max(this.revision, remote?.revision ?? 0);
    if (remote && (!device || remote.revision > device.revision)) {
      this.options.device.save(remote);
      return remote;
    }
    if (device && server.kind !== 'failed' && (!remote || device.revision > remote.revision)) {
      this.latest = device.value;
      this.unsent = true;
      this.schedule(0);
    }
    return device;
  }

  /** The person changed the words: kept on the device now, on the server after a pause in typing. */
  change(value: unknown): void {
    this.cleared = false;
    this.revision += 1;
    this.latest = value;
    this.unsent = true;
    this.deviceKept = this.options.device.save({ value, revision: this.revision });
    this.schedule(this.debounceMs);
    this.emit();
  }

  /** Blur or pagehide: send what is waiting now, with keepalive so it outlives a closing page. */
  flush(): void {
    if (!this.unsent || this.cleared) return;
    this.schedule(-1);
    void this.send(true);
  }

  /** The real save succeeded (or the form was cancelled): the draft goes from both places. */
  clear(): void {
    this.cleared = true;
    this.unsent = false;
    this.schedule(-1);
    this.options.device.remove();
    void this.options.server.remove();
    this.emit();
  }

  /** The form closed: what is waiting goes now, and no timer outlives the form. */
  dispose(): void {
    this.flush();
    this.schedule(-1);
  }

  /** `ms` < 0 cancels. */
  private schedule(ms: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer =
      ms < 0
        ? null
        : setTimeout(() => {
            this.timer = null;
            void this.send(false);
          }, ms);
  }

  private async send(keepalive: boolean): Promise<void> {
    if (this.inFlight || !this.unsent || this.cleared) return;
    this.inFlight = true;
    const revision = this.revision;
    const outcome = await this.options.server.save({ value: this.latest, revision }, { keepalive });
    this.inFlight = false;
    if (this.cleared) {
      // Cleared while this write was on its way: it may have landed after the delete.
      if (outcome.kind === 'saved') void this.options.server.remove();
      return;
    }
    if (outcome.kind === 'stale') {
      // Another request or device kept a newer revision: these words are the latest typed here, so they go above it.
      this.revision = Math.max(this.revision, outcome.revision) + 1;
      this.options.device.save({ value: this.latest, revision: this.revision });
      return this.send(keepalive);
    }
    this.serverFailed = outcome.kind !== 'saved';
    if (outcome.kind === 'saved' && revision === this.revision) this.unsent = false;
    // Words changed while this write was on its way go after it at once; a failed write is retried after a while.
    else if (outcome.kind === 'failed') this.schedule(this.retryMs);
    else if (outcome.kind === 'refused') this.schedule(-1);
    else if (!this.timer) return this.send(keepalive);
    this.emit();
  }

  private emit(): void {
    for (const listener of this.listeners) listener();
  }
}

type BoardDraftsApi = Pick<ApiClient, 'getBoardDrafts' | 'saveBoardDraft' | 'deleteBoardDraft'>;

/** One of the board's drafts, through the board's API client (the caller's Entra token). */
export function boardServerDrafts(api: BoardDraftsApi, ref: BoardRef, draftId: BoardDraftId): ServerDrafts {
  return {
    async load() {
      const result = await api.getBoardDrafts(ref);
      if (!result.ok) return { kind: 'failed' };
      const draft = result.value.drafts[draftId];
      return draft ? { kind: 'found', draft: { value: draft.value, revision: draft.revision } } : { kind: 'none' };
    },
    async save(draft, options) {
      const result = await api.saveBoardDraft(ref, draftId, draft, options);
      if (result.ok) return { kind: 'saved' };
      if (result.kind === 'conflict') return { kind: 'stale', revision: result.current.revision };
      return result.kind === 'http' && result.status < 500 && result.status !== 429
        ? { kind: 'refused' }
        : { kind: 'failed' };
    },
    async remove(options) {
      return (await api.deleteBoardDraft(ref, draftId, options)).ok;
    },
  };
}
