import type { TableClient, TableEntity } from '@azure/data-tables';
import { createClaimRow, mergeClaimPatch, takeOverClaimRow } from './claimRows';
import { readRow } from './guardedRows';
import { keyPart, pairPartitionKey } from './keys';
import { rowNumber, rowText } from './rowValues';
import type { TableClientFactory } from './tables';

export const SERIES_ATTACH_TABLE = 'seriesAttach';

/**
 * How far Candor got attaching itself to a 1:1 series' meeting chat. `claimed`: nothing done yet that is recorded;
 * `installed`: the app is in the chat, the tab not yet; `attached`: both, final; `removedByPerson`: a person took
 * the app or its tab out of the chat after Candor put them there, final — Candor never adds itself there again.
 */
export type AttachStep = 'claimed' | 'installed' | 'attached' | 'removedByPerson';

export interface SeriesAttachKey {
  tenantId: string;
  managerId: string;
  reportId: string;
  /** A hash of the series identity (ids only, safe in a table key). */
  series: string;
}

/** One row per series, a claim like the one sender's (store/claimRows): created if absent, taken over by marker rows. */
export interface SeriesAttach extends SeriesAttachKey {
  step: AttachStep;
  owner: string;
  /** Until when `owner` may work on it; after a 429 also the earliest time anyone tries again (Retry-After). */
  leaseUntil: string;
  takeovers: number;
  chatId: string | null;
  attempts: number;
  /** Why the last attempt did not finish (a status code), never content. */
  problem: string | null;
  /** When an attached series was last found with Candor's tab still pinned (or attached): at most one look a day. */
  checkedAt: string | null;
}

export type SeriesAttachPatch = Partial<
  Pick<SeriesAttach, 'step' | 'leaseUntil' | 'chatId' | 'attempts' | 'problem' | 'checkedAt'>
>;

export interface SeriesAttachStore {
  get(key: SeriesAttachKey): Promise<SeriesAttach | null>;
  /** Creates the row unless one exists: `exists` means another run claimed it first. */
  create(row: SeriesAttach): Promise<'created' | 'exists'>;
  /** The row under a new owner, or null when another run won this takeover. */
  takeOver(row: SeriesAttach, owner: string, leaseUntil: string): Promise<SeriesAttach | null>;
  update(row: SeriesAttach, patch: SeriesAttachPatch): Promise<SeriesAttach>;
}

export function createTableSeriesAttachStore(tables: TableClientFactory): SeriesAttachStore {
  const table = (): Promise<TableClient> => tables(SERIES_ATTACH_TABLE);
  const address = (key: SeriesAttachKey) => ({
    partitionKey: pairPartitionKey(key.tenantId, key.managerId, key.reportId),
    rowKey: `${keyPart(key.series)}~attach`,
  });
  return {
    async get(key) {
      const at = address(key);
      const row = await readRow(await table(), at.partitionKey, at.rowKey);
      return row ? fromEntity(key, row) : null;
    },
    async create(row) {
      const entity: TableEntity<Record<string, string | number>> = {
        ...address(row),
        step: row.step,
        owner: row.owner,
        leaseUntil: row.leaseUntil,
        takeovers: row.takeovers,
        chatId: row.chatId ?? '',
        attempts: row.attempts,
        problem: row.problem ?? '',
        checkedAt: row.checkedAt ?? '',
      };
      return createClaimRow(await table(), entity);
    },
    async takeOver(row, owner, leaseUntil) {
      const takeovers = row.takeovers + 1;
      return (await takeOverClaimRow(await table(), address(row), { owner, leaseUntil, takeovers }))
        ? { ...row, owner, leaseUntil, takeovers }
        : null;
    },
    async update(row, patch) {
      await mergeClaimPatch(await table(), address(row), patch);
      return { ...row, ...patch };
    },
  };
}

function fromEntity(key: SeriesAttachKey, row: Record<string, unknown>): SeriesAttach {
  const step = rowText(row, 'step');
  return {
    ...key,
    step: step === 'installed' || step === 'attached' || step === 'removedByPerson' ? step : 'claimed',
    owner: rowText(row, 'owner'),
    leaseUntil: rowText(row, 'leaseUntil'),
    takeovers: rowNumber(row, 'takeovers'),
    chatId: rowText(row, 'chatId') || null,
    attempts: rowNumber(row, 'attempts'),
    problem: rowText(row, 'problem') || null,
    checkedAt: rowText(row, 'checkedAt') || null,
  };
}
