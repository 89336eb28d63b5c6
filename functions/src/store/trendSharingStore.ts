import type { TableClient, TableEntity } from '@azure/data-tables';
import { DEFAULT_TREND_SHARING, type TrendSharing } from '../contract';
import { createGuarded, guardOf, readRow, replaceGuarded } from './guardedRows';
import { keyPart } from './keys';
import { rowText } from './rowValues';
import type { TableClientFactory } from './tables';
import type { TrendStore } from './trendStore';

export const TREND_SHARING_TABLE = 'trendSharing';

export interface TrendSharingStore {
  /** The report's own choices; DEFAULT_TREND_SHARING when never saved. */
  get(tenantId: string, userId: string): Promise<TrendSharing>;
  /**
   * Saves the choices and mirrors them into the pair row of `currentManagerId`'s partition of the monthly table, so
   * a manager's trend load stays ONE partition query (the pair row carries the report's sharing).
   */
  save(tenantId: string, userId: string, sharing: TrendSharing, currentManagerId: string | null): Promise<void>;
}

const MAX_SAVE_ATTEMPTS = 8;

/*
 * PartitionKey = tenant, RowKey = user id (lower-case), a guarded row. Besides the choices it lists every
 * manager partition the choices were mirrored into (`mirroredTo`), and every save rewrites all of them: a report who
 * moves to another manager and later back must never find an old, more open copy of their choices in the first
 * manager's partition.
 *
 * Order matters for privacy: the current manager's copy is written first, so from the moment a save succeeds — or
 * even fails halfway — a "not shared" is already in force where the manager reads; the tab's retry completes the rest.
 */
export function createTrendSharingStore(
  tables: TableClientFactory,
  trends: Pick<TrendStore, 'updatePair'>,
): TrendSharingStore {
  const table = (): Promise<TableClient> => tables(TREND_SHARING_TABLE);
  const mirror = (tenantId: string, managerId: string, reportId: string, sharing: TrendSharing): Promise<void> =>
    trends.updatePair({ tenantId, managerId, reportId }, (row) => ({
      value: { ...row, sharing },
      changed: JSON.stringify(row.sharing) !== JSON.stringify(sharing),
    }));

  return {
    async get(tenantId, userId) {
      const row = await readRow(await table(), keyPart(tenantId), keyPart(userId.toLowerCase()));
      return row ? sharingOf(row) : { ...DEFAULT_TREND_SHARING };
    },

    async save(tenantId, userId, sharing, currentManagerId) {
      const current = currentManagerId?.toLowerCase() ?? null;
      if (current) await mirror(tenantId, current, userId, sharing);
      const client = await table();
      let earlier: string[];
      for (let attempt = 1; ; attempt++) {
        const row = await readRow(client, keyPart(tenantId), keyPart(userId.toLowerCase()));
        earlier = row ? mirroredOf(row) : [];
        const mirroredTo = [...new Set([...earlier, ...(current ? [current] : [])])].sort();
        const entity = toEntity(tenantId, userId, sharing, mirroredTo);
        const written = row
          ? (await replaceGuarded(client, entity, guardOf(row))).kind === 'replaced'
          : (await createGuarded(client, entity)).kind === 'created';
        if (written) break;
        if (attempt >= MAX_SAVE_ATTEMPTS) throw new Error('the trend sharing row kept changing; not saved');
      }
      await Promise.all(
        earlier.filter((m) => m !== current).map((managerId) => mirror(tenantId, managerId, userId, sharing)),
      );
    },
  };
}

function toEntity(
  tenantId: string,
  userId: string,
  sharing: TrendSharing,
  mirroredTo: string[],
): TableEntity<Record<string, string | boolean>> {
  return {
    partitionKey: keyPart(tenantId),
    rowKey: keyPart(userId.toLowerCase()),
    kind: 'trendSharing',
    shareMood: sharing.shareMood,
    shareLifeLoad: sharing.shareLifeLoad,
    shareEnergy: sharing.shareEnergy,
    shareDrain: sharing.shareDrain,
    calendarLoad: sharing.calendarLoad,
    // Manager object ids only (GUIDs), a handful at most over a career.
    mirroredTo: mirroredTo.join(','),
  };
}

/** A missing choice reads as the default (shared), as a row written before the choice existed would mean. */
function sharingOf(row: Record<string, unknown>): TrendSharing {
  const flag = (name: keyof TrendSharing): boolean =>
    typeof row[name] === 'boolean' ? row[name] : DEFAULT_TREND_SHARING[name];
  return {
    shareMood: flag('shareMood'),
    shareLifeLoad: flag('shareLifeLoad'),
    shareEnergy: flag('shareEnergy'),
    shareDrain: flag('shareDrain'),
    calendarLoad: flag('calendarLoad'),
  };
}

function mirroredOf(row: Record<string, unknown>): string[] {
  return rowText(row, 'mirroredTo')
    .split(',')
    .filter((id) => id !== '');
}
