import type { Board } from '../domain/board';
import type { BoardKey, BoardStore, StoredBoard } from './boardStore';

/**
 * A BoardStore in process memory with the same optimistic-concurrency contract as the table store
 * (version-checked replace, create-if-absent). For unit tests of the handlers; not for the running app.
 */
export function createMemoryBoardStore(): BoardStore & { readonly size: number } {
  const rows = new Map<string, StoredBoard>();
  const id = (key: BoardKey): string => [key.tenantId, key.managerId, key.reportId, key.occurrenceId].join('|');
  const copy = (board: Board): Board => structuredClone(board);
  const stored = (board: Board, version: number): StoredBoard => ({ board: copy(board), etag: `W/"${version}"`, version });

  return {
    get size() {
      return rows.size;
    },
    async get(key) {
      const row = rows.get(id(key));
      return row ? stored(row.board, row.version) : null;
    },
    async create(key, board) {
      const existing = rows.get(id(key));
      if (existing) return stored(existing.board, existing.version);
      rows.set(id(key), stored(board, 1));
      return stored(board, 1);
    },
    async replace(key, board, expected) {
      const current = rows.get(id(key));
      if (!current || current.version !== expected.version || current.etag !== expected.etag) return { kind: 'stale' };
      const next = stored(board, current.version + 1);
      rows.set(id(key), next);
      return { kind: 'replaced', stored: stored(board, next.version) };
    },
  };
}
