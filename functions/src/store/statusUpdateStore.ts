import type { TableClient } from '@azure/data-tables';
import { STATUS_FIELD_IDS, statusUpdateSchema, type StatusFields, type StatusUpdate } from '../contract';
import { keyPart, pairPartitionKey } from './keys';
import type { TableClientFactory } from './tables';

export const STATUS_UPDATES_TABLE = 'statusUpdates';

export interface StatusUpdateKey {
  tenantId: string;
  managerId: string;
  reportId: string;
  occurrenceId: string;
}

export interface StatusUpdateStore {
  get(key: StatusUpdateKey): Promise<StatusUpdate | null>;
  /** Saves the whole update (the report is its only author): one read, one upsert. */
  save(key: StatusUpdateKey, fields: StatusFields, now: Date): Promise<StatusUpdate>;
}

/** PartitionKey = tenant|manager|report, RowKey = occurrence id: the prep view reads exactly one row. */
export function createTableStatusUpdateStore(tables: TableClientFactory): StatusUpdateStore {
  const table = (): Promise<TableClient> => tables(STATUS_UPDATES_TABLE);
  const get = async (key: StatusUpdateKey): Promise<StatusUpdate | null> => {
    const client = await table();
    try {
      const row = await client.getEntity<Record<string, unknown>>(partitionOf(key), keyPart(key.occurrenceId));
      return statusUpdateSchema.parse({
        fields: Object.fromEntries(STATUS_FIELD_IDS.map((id) => [id, typeof row[id] === 'string' ? row[id] : ''])),
        revision: row['revision'],
        firstSubmittedAt: row['firstSubmittedAt'],
        updatedAt: row['updatedAt'],
      });
    } catch (error) {
      if (statusOf(error) === 404) return null;
      throw error;
    }
  };
  return {
    get,
    async save(key, fields, now) {
      const client = await table();
      const previous = await get(key);
      const update: StatusUpdate = {
        fields,
        revision: (previous?.revision ?? 0) + 1,
        firstSubmittedAt: previous?.firstSubmittedAt ?? now.toISOString(),
        updatedAt: now.toISOString(),
      };
      await client.upsertEntity(
        {
          partitionKey: partitionOf(key),
          rowKey: keyPart(key.occurrenceId),
          ...fields,
          revision: update.revision,
          firstSubmittedAt: update.firstSubmittedAt,
          updatedAt: update.updatedAt,
        },
        'Replace',
      );
      return update;
    },
  };
}

function partitionOf(key: StatusUpdateKey): string {
  return pairPartitionKey(key.tenantId, key.managerId, key.reportId);
}

function statusOf(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null || !('statusCode' in error)) return undefined;
  return typeof error.statusCode === 'number' ? error.statusCode : undefined;
}
