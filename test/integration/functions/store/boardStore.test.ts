import { applyFieldEdit, emptyBoard, type Board } from '@candor/functions/domain/board';
import {
  createTableBoardStore,
  type BoardKey,
  type BoardStore,
  type StoredBoard,
} from '@candor/functions/store/boardStore';
import { createTableClientFactory } from '@candor/functions/store/tables';
import { startAzurite, type AzuriteHandle } from '@candor/local/azurite';

jest.setTimeout(30_000);

/* Runs against a real Azurite, started by the same launcher the local stack uses. */

const MANAGER = '11111111-1111-1111-1111-111111111111';
const REPORT = '22222222-2222-2222-2222-222222222222';
let azurite: AzuriteHandle;
let store: BoardStore;
let occurrence = 0;

beforeAll(async () => {
  azurite = await startAzurite();
  store = createTableBoardStore(
    createTableClientFactory({ kind: 'connectionString', connectionString: azurite.connectionString }),
  );
});

afterAll(async () => {
  await azurite?.stop();
});

/** A fresh board address per test. */
function newKey(tenantId = 'tenant-a'): BoardKey {
  occurrence++;
  return {
    tenantId,
    managerId: MANAGER,
    reportId: REPORT,
    occurrenceId: `20261126T${String(occurrence).padStart(4, '0')}Z-0123456789abcdef`,
  };
}

function edited(board: Board, fieldId: 'energizing' | 'supportNote', text: string): Board {
  const decision = applyFieldEdit(board, {
    fieldId,
    text,
    baseRevision: board.fields[fieldId].revision,
    editorId: fieldId === 'supportNote' ? MANAGER : REPORT,
    editorRole: fieldId === 'supportNote' ? 'manager' : 'report',
    now: new Date('2026-11-26T09:10:00.000Z'),
  });
  if (decision.kind !== 'saved') throw new Error(decision.kind);
  return decision.board;
}

/** What saveBoardField does: read, apply, replace; on stale re-read and re-apply. */
async function save(key: BoardKey, fieldId: 'energizing' | 'supportNote', text: string): Promise<number> {
  for (let attempt = 1; attempt <= 10; attempt++) {
    const stored = (await store.get(key)) as StoredBoard;
    const outcome = await store.replace(key, edited(stored.board, fieldId, text), stored);
    if (outcome.kind === 'replaced') return attempt;
  }
  throw new Error('too many attempts');
}

describe('BoardStore on Azurite', () => {
  it('answers null for a board that does not exist', async () => {
    await expect(store.get(newKey())).resolves.toBeNull();
  });

  it('creates a board and reads it back unchanged', async () => {
    const key = newKey();
    const meeting = { subject: 'Megan / Adele', start: '2026-11-26T09:00:00.000Z', end: '2026-11-26T09:30:00.000Z' };
    const board = edited(emptyBoard(meeting), 'energizing', 'Line one\nLine "two" — ✓');
    const created = await store.create(key, board);
    expect(created.version).toBe(1);
    const read = await store.get(key);
    expect(read).toEqual({ board, etag: created.etag, version: 1 });
  });

  it('treats a racing create as success and returns the board that won', async () => {
    const key = newKey();
    const first = await store.create(key, edited(emptyBoard(), 'energizing', 'first'));
    const second = await store.create(key, emptyBoard());
    expect(second.board.fields.energizing.text).toBe('first');
    expect(second.etag).toBe(first.etag);
  });

  it('creates concurrently without error', async () => {
    const key = newKey();
    const results = await Promise.all([store.create(key, emptyBoard()), store.create(key, emptyBoard())]);
    expect(results.map((r) => r.version)).toEqual([1, 1]);
  });

  it('replaces with the read etag and version, bumping the version', async () => {
    const key = newKey();
    const created = await store.create(key, emptyBoard());
    const outcome = await store.replace(key, edited(created.board, 'energizing', 'hello'), created);
    expect(outcome).toMatchObject({ kind: 'replaced', stored: { version: 2 } });
    expect((await store.get(key))?.board.fields.energizing.text).toBe('hello');
  });

  it('reports a stale etag as stale, and keeps the newer write', async () => {
    const key = newKey();
    const created = await store.create(key, emptyBoard());
    await store.replace(key, edited(created.board, 'energizing', 'newer'), created);
    const late = await store.replace(key, edited(created.board, 'supportNote', 'based on the old board'), created);
    expect(late).toEqual({ kind: 'stale' });
    const now = await store.get(key);
    expect(now?.board.fields.energizing.text).toBe('newer');
    expect(now?.board.fields.supportNote.text).toBe('');
    expect(now?.version).toBe(2);
  });

  it('reports stale by version even when Azurite keeps the etag across two quick updates', async () => {
    const key = newKey();
    const created = await store.create(key, emptyBoard());
    const moved = await store.replace(key, edited(created.board, 'energizing', 'v2'), created);
    if (moved.kind !== 'replaced') throw new Error('setup');
    // Simulate the quirk: the current etag, but the version of an older read.
    const forged: StoredBoard = { ...created, etag: moved.stored.etag };
    await expect(store.replace(key, edited(created.board, 'supportNote', 'x'), forged)).resolves.toEqual({
      kind: 'stale',
    });
    expect((await store.get(key))?.board.fields.energizing.text).toBe('v2');
  });

  it('keeps both of two concurrent saves of different fields (stale → re-read → re-apply)', async () => {
    const key = newKey();
    await store.create(key, emptyBoard());
    // Both people read version 1, then both write at once: exactly one write wins, the other is stale.
    const [forReport, forManager] = (await Promise.all([store.get(key), store.get(key)])) as [StoredBoard, StoredBoard];
    const outcomes = await Promise.all([
      store.replace(key, edited(forReport.board, 'energizing', 'from the report'), forReport),
      store.replace(key, edited(forManager.board, 'supportNote', 'from the manager'), forManager),
    ]);
    expect(outcomes.map((o) => o.kind).sort()).toEqual(['replaced', 'stale']);

    const [fieldId, text] =
      outcomes[0].kind === 'stale'
        ? (['energizing', 'from the report'] as const)
        : (['supportNote', 'from the manager'] as const);
    const fresh = (await store.get(key)) as StoredBoard;
    await expect(store.replace(key, edited(fresh.board, fieldId, text), fresh)).resolves.toMatchObject({
      kind: 'replaced',
    });

    const final = await store.get(key);
    expect(final?.board.fields.energizing.text).toBe('from the report');
    expect(final?.board.fields.supportNote.text).toBe('from the manager');
    expect(final?.version).toBe(3);
  });

  it('keeps every write under a burst of concurrent saves', async () => {
    const key = newKey();
    await store.create(key, emptyBoard());
    await Promise.all(
      Array.from({ length: 6 }, (_, i) => save(key, i % 2 === 0 ? 'energizing' : 'supportNote', `write ${i}`)),
    );
    const final = await store.get(key);
    expect(final?.version).toBe(7);
    expect(final?.board.fields.energizing.revision).toBe(3);
    expect(final?.board.fields.supportNote.revision).toBe(3);
  });

  it('keeps tenants apart', async () => {
    const key = newKey('tenant-a');
    await store.create(key, edited(emptyBoard(), 'energizing', 'tenant a'));
    await expect(store.get({ ...key, tenantId: 'tenant-b' })).resolves.toBeNull();
  });

  it('stores a field of the maximum length', async () => {
    const key = newKey();
    const text = '✓'.repeat(4000);
    await store.create(key, edited(emptyBoard(), 'energizing', text));
    expect((await store.get(key))?.board.fields.energizing.text).toBe(text);
  });
});
