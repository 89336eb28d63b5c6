import type { TableClient } from '@azure/data-tables';
import { odata } from '@azure/data-tables';
import { statusOf } from './guardedRows';
import { keyPart } from './keys';
import { deleteRows, listRows, type RowRef } from './rowDeletion';
import { rowText } from './rowValues';
import type { TableClientFactory } from './tables';

export const GO_TO_EXCHANGE_TABLE = 'goToExchange';

/**
 * Go-to questions shared inside one organization: one partition per tenant, so no query can reach another tenant's.
 *   share~<shareId>              the question, its sharer (id, for withdrawal and erasure) and the name if shown
 *   adopt~<shareId>~<adopterId>  one row per adopter: adopting twice counts once
 * The sharer's name is stored only when they chose to show it; an anonymous share has no name to leak.
 */
export interface StoredShare {
  id: string;
  text: string;
  sharerId: string;
  sharerName: string | null;
  sharedAt: string;
}

export interface ShareWithAdopters extends StoredShare {
  adopterIds: string[];
}

export interface GoToExchangeStore {
  share(tenantId: string, share: StoredShare): Promise<'created' | 'exists'>;
  get(tenantId: string, shareId: string): Promise<StoredShare | null>;
  list(tenantId: string): Promise<ShareWithAdopters[]>;
  adopt(tenantId: string, shareId: string, adopterId: string, at: string): Promise<void>;
  /** Deletes a share and its adoptions; only the sharer's own. */
  withdraw(tenantId: string, shareId: string, sharerId: string): Promise<'withdrawn' | 'notFound'>;
  /** Erasure and export: the person's shares, and their adoption marks. */
  sharesOf(tenantId: string, personId: string): Promise<StoredShare[]>;
  erase(tenantId: string, personId: string): Promise<number>;
}

const shareRow = (shareId: string): string => `share~${keyPart(shareId.toLowerCase())}`;
const adoptPrefix = (shareId: string): string => `adopt~${keyPart(shareId.toLowerCase())}~`;

function shareOf(row: Record<string, unknown>): StoredShare {
  const name = rowText(row, 'sharerName');
  return {
    id: rowText(row, 'shareId'),
    text: rowText(row, 'text'),
    sharerId: rowText(row, 'sharerId'),
    sharerName: name === '' ? null : name,
    sharedAt: rowText(row, 'sharedAt'),
  };
}

export function createGoToExchangeStore(tables: TableClientFactory): GoToExchangeStore {
  const table = (): Promise<TableClient> => tables(GO_TO_EXCHANGE_TABLE);
  const partition = (tenantId: string): string => keyPart(tenantId);

  async function rowsOf(client: TableClient, filter: string): Promise<Record<string, unknown>[]> {
    const rows: Record<string, unknown>[] = [];
    for await (const row of client.listEntities<Record<string, unknown>>({ queryOptions: { filter } })) rows.push(row);
    return rows;
  }

  async function deleteShare(client: TableClient, tenantId: string, shareId: string): Promise<number> {
    const prefix = adoptPrefix(shareId);
    const pk = partition(tenantId);
    const adoptions = await listRows(
      client,
      odata`PartitionKey eq ${pk} and RowKey gt ${prefix} and RowKey lt ${`${prefix}~`}`,
    );
    return deleteRows(client, [...adoptions, { partitionKey: pk, rowKey: shareRow(shareId) }]);
  }

  return {
    async share(tenantId, share) {
      const client = await table();
      try {
        await client.createEntity({
          partitionKey: partition(tenantId),
          rowKey: shareRow(share.id),
          kind: 'share',
          shareId: share.id.toLowerCase(),
          text: share.text,
          sharerId: share.sharerId.toLowerCase(),
          sharerName: share.sharerName ?? '',
          sharedAt: share.sharedAt,
        });
        return 'created';
      } catch (error) {
        if (statusOf(error) === 409) return 'exists';
        throw error;
      }
    },

    async get(tenantId, shareId) {
      const client = await table();
      try {
        return shareOf(await client.getEntity<Record<string, unknown>>(partition(tenantId), shareRow(shareId)));
      } catch (error) {
        if (statusOf(error) === 404) return null;
        throw error;
      }
    },

    async list(tenantId) {
      const rows = await rowsOf(await table(), odata`PartitionKey eq ${partition(tenantId)}`);
      const adopters = new Map<string, string[]>();
      for (const row of rows) {
        if (row['kind'] !== 'adoption') continue;
        const shareId = rowText(row, 'shareId');
        adopters.set(shareId, [...(adopters.get(shareId) ?? []), rowText(row, 'adopterId')]);
      }
      return rows
        .filter((row) => row['kind'] === 'share')
        .map(shareOf)
        .map((share) => ({ ...share, adopterIds: adopters.get(share.id) ?? [] }));
    },

    async adopt(tenantId, shareId, adopterId, at) {
      const client = await table();
      const id = shareId.toLowerCase();
      await client.upsertEntity(
        {
          partitionKey: partition(tenantId),
          rowKey: `${adoptPrefix(id)}${keyPart(adopterId.toLowerCase())}`,
          kind: 'adoption',
          shareId: id,
          adopterId: adopterId.toLowerCase(),
          adoptedAt: at,
        },
        'Replace',
      );
    },

    async withdraw(tenantId, shareId, sharerId) {
      const client = await table();
      const share = await this.get(tenantId, shareId);
      if (!share || share.sharerId !== sharerId.toLowerCase()) return 'notFound';
      await deleteShare(client, tenantId, shareId);
      return 'withdrawn';
    },

    async sharesOf(tenantId, personId) {
      const rows = await rowsOf(
        await table(),
        odata`PartitionKey eq ${partition(tenantId)} and sharerId eq ${personId.toLowerCase()}`,
      );
      return rows.filter((row) => row['kind'] === 'share').map(shareOf);
    },

    async erase(tenantId, personId) {
      const client = await table();
      const me = personId.toLowerCase();
      let deleted = 0;
      for (const share of await this.sharesOf(tenantId, me)) deleted += await deleteShare(client, tenantId, share.id);
      const marks: RowRef[] = await listRows(
        client,
        odata`PartitionKey eq ${partition(tenantId)} and adopterId eq ${me}`,
      );
      return deleted + (await deleteRows(client, marks));
    },
  };
}
