/**
 * The two clients `npm run bench:save` drives on one open-loop schedule:
 *   - `HttpSaver`: a person's tab saving one text field through the API (PUT …/fields/{fieldId} with baseRevision);
 *     on 409 it re-bases on `current` as the tab does, on a network error or 5xx it retries with the tab's backoff.
 *     Every save is sent at its scheduled instant even when an earlier save of the same field is still on its way.
 *   - `BareSaver`: the floor, a bare @azure/data-tables getEntity + upsertEntity of one row per board.
 * Latency is from the scheduled instant to the acknowledgement, retries and re-bases included.
 */
import http from 'node:http';
import { TableClient } from '@azure/data-tables';
import {
  apiPaths,
  fieldConflictSchema,
  saveFieldResponseSchema,
  type BoardRef,
  type Role,
} from '@candor/functions/contract';
import { backoffDelay, markerOf, markersIn, rebase, withMarker, type PlannedSave } from './saveLoad';

/** The tab gives up on a request after 15 s (tab/src/api/client.ts) and retries it with backoff. */
const REQUEST_TIMEOUT_MS = 15_000;
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export interface BenchBoard {
  ref: BoardRef;
  tokens: Record<Role, string>;
}

interface Edit {
  marker: string;
  /** performance.now() of the scheduled instant. */
  due: number;
  concurrent: boolean;
  acked: boolean;
  /** False for warm-up edits: acknowledged and checked at the end, not counted or timed. */
  measured: boolean;
}

interface FieldClient {
  /** Everything this person has typed into the field, as the tab's input shows it. */
  local: string;
  /** The newest server state known (what the next save is typed against). */
  base: { text: string; revision: number };
  seq: number;
  edits: Edit[];
}

export interface SaveCounts {
  sent: number;
  acknowledged: number;
  conflictsRebased: number;
  retried: number;
  failed: number;
  requests: number;
}

export const fieldKey = (board: number, field: string): string => `${board}/${field}`;

type PutOutcome =
  | { kind: 'saved'; text: string; revision: number }
  | { kind: 'conflict'; text: string; revision: number }
  | { kind: 'retry'; why: string }
  | { kind: 'refused'; why: string };

export class HttpSaver {
  readonly counts: SaveCounts = { sent: 0, acknowledged: 0, conflictsRebased: 0, retried: 0, failed: 0, requests: 0 };
  /** Latencies of acknowledged saves (ms), and of those that were one of a concurrent pair. */
  readonly latencies: number[] = [];
  readonly concurrentLatencies: number[] = [];
  readonly refusals = new Map<string, number>();
  /** Why saves were retried: an HTTP status, or the network error (timeout, connection refused …). */
  readonly retryReasons = new Map<string, number>();
  private readonly fields = new Map<string, FieldClient>();
  private readonly inFlight = new Set<Promise<void>>();
  private readonly agent = new http.Agent({ keepAlive: true });
  /** Saves still unacknowledged at this performance.now() give up (the run's drain deadline). */
  giveUpAt = Number.POSITIVE_INFINITY;
  measuring = true;

  constructor(
    private readonly apiBaseUrl: string,
    private readonly boards: readonly BenchBoard[],
  ) {}

  fire(save: PlannedSave, due: number): void {
    const key = fieldKey(save.board, save.field);
    const f = this.fields.get(key) ?? { local: '', base: { text: '', revision: 0 }, seq: 0, edits: [] };
    this.fields.set(key, f);
    f.seq++;
    f.local = withMarker(f.local, f.seq);
    const measuring = this.measuring;
    const edit: Edit = { marker: markerOf(f.seq), due, concurrent: save.concurrent, acked: false, measured: measuring };
    f.edits.push(edit);
    if (measuring) this.counts.sent++;
    const work = this.deliver(save, f, edit, measuring).finally(() => this.inFlight.delete(work));
    this.inFlight.add(work);
  }

  /** Resolves once every save has been acknowledged or given up. */
  async drain(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.all([...this.inFlight]);
  }

  /** Starts a new phase's figures; the edits themselves are kept for the end-of-run check. */
  resetMeasures(): void {
    for (const name of Object.keys(this.counts) as Array<keyof SaveCounts>) this.counts[name] = 0;
    this.latencies.length = 0;
    this.concurrentLatencies.length = 0;
  }

  /** Markers the server acknowledged, by field key: what the end-of-run check expects to find. */
  acknowledged(): Map<string, string[]> {
    return new Map([...this.fields].map(([key, f]) => [key, f.edits.filter((e) => e.acked).map((e) => e.marker)]));
  }

  private async deliver(save: PlannedSave, f: FieldClient, edit: Edit, measuring: boolean): Promise<void> {
    let failures = 0;
    let conflicts = 0;
    while (!edit.acked) {
      if (performance.now() >= this.giveUpAt) {
        if (measuring) this.counts.failed++;
        return;
      }
      const outcome = await this.put(save, f.local, f.base.revision);
      if (measuring) this.counts.requests++;
      if (outcome.kind === 'saved' || outcome.kind === 'conflict') {
        // Several saves of one field may be on their way: keep the newest server state whichever answer comes last.
        // A 409's `current` is adopted as is, as the tab does: it is what the server holds now, even when that is an
        // older revision (storage that lost its last writes in a crash).
        if (outcome.kind === 'conflict' || outcome.revision >= f.base.revision)
          f.base = { text: outcome.text, revision: outcome.revision };
        if (outcome.kind === 'conflict') {
          if (measuring) this.counts.conflictsRebased++;
          conflicts++;
          f.local = rebase(f.local, outcome.text);
        }
        // Both answers are the server's text: every edit of this field it holds is acknowledged now.
        this.acknowledge(f, outcome.text);
        // Like the tab: the first three conflicts in a row are re-sent at once, then with backoff.
        if (!edit.acked && conflicts > 3) await sleep(backoffDelay(conflicts - 3));
      } else if (outcome.kind === 'retry') {
        if (measuring) {
          this.counts.retried++;
          this.retryReasons.set(outcome.why, (this.retryReasons.get(outcome.why) ?? 0) + 1);
        }
        failures++;
        await sleep(backoffDelay(failures));
      } else {
        // A refusal (400, 403 …) is a bug of the bench or the API: count it and stop; the tab would keep the text.
        this.refusals.set(outcome.why, (this.refusals.get(outcome.why) ?? 0) + 1);
        if (measuring) this.counts.failed++;
        return;
      }
    }
  }

  private acknowledge(f: FieldClient, serverText: string): void {
    const held = markersIn(serverText);
    const now = performance.now();
    for (const e of f.edits) {
      if (e.acked || !held.has(e.marker)) continue;
      e.acked = true;
      if (!e.measured) continue;
      this.counts.acknowledged++;
      this.latencies.push(now - e.due);
      if (e.concurrent) this.concurrentLatencies.push(now - e.due);
    }
  }

  private async put(save: PlannedSave, text: string, baseRevision: number): Promise<PutOutcome> {
    const board = this.boards[save.board];
    if (!board) throw new Error(`no board ${save.board}`);
    let answer: { status: number; body: string };
    try {
      answer = await this.request(
        `${this.apiBaseUrl}/${apiPaths.boardField(board.ref, save.field)}`,
        board.tokens[save.role],
        JSON.stringify({ text, baseRevision }),
      );
    } catch (error) {
      return { kind: 'retry', why: error instanceof Error ? error.message : 'network' };
    }
    if (answer.status === 200) {
      const { field } = saveFieldResponseSchema.parse(JSON.parse(answer.body));
      return { kind: 'saved', text: field.text, revision: field.revision };
    }
    if (answer.status === 409) {
      const conflict = fieldConflictSchema.safeParse(JSON.parse(answer.body));
      if (conflict.success)
        return { kind: 'conflict', text: conflict.data.current.text, revision: conflict.data.current.revision };
    }
    if (answer.status >= 500 || answer.status === 408 || answer.status === 429)
      return { kind: 'retry', why: String(answer.status) };
    return { kind: 'refused', why: `${answer.status} ${answer.body.slice(0, 200)}` };
  }

  /**
   * One PUT over node:http with a keep-alive agent: the load generator shares the machine with the API and Azurite,
   * and fetch costs it several times the CPU per request (web streams), which would slow the very stack it measures.
   */
  private request(url: string, token: string, body: string): Promise<{ status: number; body: string }> {
    return new Promise((resolve, reject) => {
      const req = http.request(
        url,
        {
          method: 'PUT',
          agent: this.agent,
          timeout: REQUEST_TIMEOUT_MS,
          headers: {
            authorization: `Bearer ${token}`,
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(body),
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
          res.on('error', reject);
        },
      );
      req.on('timeout', () => req.destroy(new Error('timeout')));
      req.on('error', reject);
      req.end(body);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}

/** What getEntity adds to a row's own properties. */
const META = new Set(['partitionKey', 'rowKey', 'etag', 'timestamp', 'odata.metadata']);

export class BareSaver {
  readonly counts = { sent: 0, acknowledged: 0, retried: 0, failed: 0 };
  readonly latencies: number[] = [];
  private readonly texts = new Map<string, { text: string; seq: number }>();
  private readonly inFlight = new Set<Promise<void>>();
  giveUpAt = Number.POSITIVE_INFINITY;
  measuring = true;
  private readonly client: TableClient;

  constructor(
    connectionString: string,
    private readonly table: string,
  ) {
    this.client = TableClient.fromConnectionString(connectionString, table, { allowInsecureConnection: true });
  }

  /** One row per board, as the boards table has. */
  async seed(boards: number): Promise<void> {
    await this.client.createTable();
    for (let b = 0; b < boards; b++)
      await this.client.upsertEntity({ partitionKey: 'bench', rowKey: `b${b}` }, 'Replace');
  }

  fire(save: PlannedSave, due: number): void {
    const key = fieldKey(save.board, save.field);
    const last = this.texts.get(key) ?? { text: '', seq: 0 };
    const text = withMarker(last.text, last.seq + 1);
    this.texts.set(key, { text, seq: last.seq + 1 });
    const measuring = this.measuring;
    if (measuring) this.counts.sent++;
    const work = this.deliver(save, text, due, measuring).finally(() => this.inFlight.delete(work));
    this.inFlight.add(work);
  }

  async drain(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.all([...this.inFlight]);
  }

  /** Starts a new phase's figures. */
  resetMeasures(): void {
    for (const name of Object.keys(this.counts) as Array<keyof BareSaver['counts']>) this.counts[name] = 0;
    this.latencies.length = 0;
  }

  private async deliver(save: PlannedSave, text: string, due: number, measuring: boolean): Promise<void> {
    for (let failures = 0; ;) {
      if (performance.now() >= this.giveUpAt) {
        if (measuring) this.counts.failed++;
        return;
      }
      try {
        // Read the whole row and write it back with the one field changed, as a board save does with its row.
        const row = await this.client.getEntity<Record<string, string>>('bench', `b${save.board}`);
        const fields = Object.fromEntries(Object.entries(row).filter(([name]) => !META.has(name)));
        await this.client.upsertEntity(
          { ...fields, partitionKey: 'bench', rowKey: `b${save.board}`, [save.field]: text },
          'Replace',
        );
        if (measuring) {
          this.counts.acknowledged++;
          this.latencies.push(performance.now() - due);
        }
        return;
      } catch {
        if (measuring) this.counts.retried++;
        failures++;
        await sleep(backoffDelay(failures));
      }
    }
  }
}
