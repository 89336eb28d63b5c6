import { odata } from '@azure/data-tables';
import { occurrenceIdSchema, privateNoteSchema, type OccurrenceId, type PrivateNote } from '../contract';
import { BOARDS_TABLE } from './boardStore';
import { compositeKey } from './keys';
import { PRIVATE_NOTES_TABLE } from './privateNoteStore';
import { baseRowKey, deleteRows, listRows } from './rowDeletion';
import type { PairAddress } from './scheduledOccurrences';
import { STATUS_UPDATES_TABLE } from './statusUpdateStore';
import type { TableClientFactory } from './tables';
import { MONTHLY_TABLE } from './trendStore';

/*
 * Where one person's data lives, for export and deletion (http/privacy.ts). Pairs are found from the keys
 * themselves (`tenant|manager|report`), not from the directory: a report's boards with a FORMER manager are theirs to
 * export and delete too. As a manager, that is one key range; as a report, the report is the last part of the
 * partition key, which Table Storage cannot range over, so the tenant's keys are listed (keys only, never text).
 * That scan is fine for a request a person makes rarely; nothing on a hot path uses it.
 */

export interface MyPairs {
  asManager: PairAddress[];
  asReport: PairAddress[];
}

export interface OwnPrivateNote {
  managerId: string;
  reportId: string;
  occurrenceId: OccurrenceId;
  note: PrivateNote;
}

export interface PersonalDataStore {
  pairsOf(tenantId: string, userId: string): Promise<MyPairs>;
  privateNotesOf(tenantId: string, authorId: string): Promise<OwnPrivateNote[]>;
  /** Deletes the author's notes (with their markers) in the pairs `which` accepts; answers how many notes went. */
  deletePrivateNotes(
    tenantId: string,
    authorId: string,
    which: (note: { managerId: string; reportId: string }) => boolean,
  ): Promise<number>;
  /** Deletes every status update of the pair (with their markers); answers how many updates went. */
  deleteStatusUpdates(pair: PairAddress): Promise<number>;
}

export function createPersonalDataStore(tables: TableClientFactory): PersonalDataStore {
  const tenantRange = (tenantId: string) => {
    const prefix = `${compositeKey(tenantId)}|`;
    return odata`PartitionKey gt ${prefix} and PartitionKey lt ${`${prefix}~`}`;
  };

  async function pairPartitions(table: string, filter: string): Promise<PairAddress[]> {
    const rows = await listRows(await tables(table), filter);
    return rows.flatMap((row) => {
      const [tenantId, managerId, reportId] = row.partitionKey.split('|');
      return tenantId && managerId && reportId ? [{ tenantId, managerId, reportId }] : [];
    });
  }

  async function notesPartition(tenantId: string, authorId: string) {
    const client = await tables(PRIVATE_NOTES_TABLE);
    const partitionKey = compositeKey(tenantId, authorId.toLowerCase());
    return { client, filter: odata`PartitionKey eq ${partitionKey}` };
  }

  return {
    async pairsOf(tenantId, userId) {
      const me = userId.toLowerCase();
      const managerPrefix = `${compositeKey(tenantId, me)}|`;
      const asManager = await pairPartitions(
        BOARDS_TABLE,
        odata`PartitionKey gt ${managerPrefix} and PartitionKey lt ${`${managerPrefix}~`}`,
      );
      const inTenant = [
        ...(await pairPartitions(BOARDS_TABLE, tenantRange(tenantId))),
        ...(await pairPartitions(STATUS_UPDATES_TABLE, tenantRange(tenantId))),
      ];
      // Monthly rows are partitioned by manager and name the report in a property.
      const monthly = await listRows(
        await tables(MONTHLY_TABLE),
        tenantRange(tenantId) + odata` and reportId eq ${me}`,
      );
      const fromMonthly = monthly.flatMap((row) => {
        const [tenant, managerId] = row.partitionKey.split('|');
        return tenant && managerId ? [{ tenantId: tenant, managerId, reportId: me }] : [];
      });
      return {
        asManager: unique(asManager),
        asReport: unique([...inTenant.filter((p) => p.reportId === me), ...fromMonthly]),
      };
    },

    async privateNotesOf(tenantId, authorId) {
      const { client, filter } = await notesPartition(tenantId, authorId);
      const notes: OwnPrivateNote[] = [];
      for await (const row of client.listEntities<Record<string, unknown>>({
        queryOptions: { filter: filter + odata` and kind eq ${'privateNote'}` },
      })) {
        const [managerId, reportId, occurrence] = String(row.rowKey).split('|');
        const occurrenceId = occurrenceIdSchema.safeParse(occurrence);
        if (!managerId || !reportId || !occurrenceId.success) continue;
        const note = privateNoteSchema.parse({
          text: row['text'] ?? '',
          revision: row['revision'] ?? 0,
          updatedAt: row['updatedAt'] ?? null,
        });
        notes.push({ managerId, reportId, occurrenceId: occurrenceId.data, note });
      }
      return notes;
    },

    async deletePrivateNotes(tenantId, authorId, which) {
      const { client, filter } = await notesPartition(tenantId, authorId);
      const rows = (await listRows(client, filter, ['kind'])).filter((row) => {
        const [managerId, reportId] = baseRowKey(row.rowKey).split('|');
        return managerId !== undefined && reportId !== undefined && which({ managerId, reportId });
      });
      await deleteRows(client, rows);
      return rows.filter((row) => row['kind'] === 'privateNote').length;
    },

    async deleteStatusUpdates(pair) {
      const client = await tables(STATUS_UPDATES_TABLE);
      const partitionKey = compositeKey(pair.tenantId, pair.managerId.toLowerCase(), pair.reportId.toLowerCase());
      const rows = await listRows(client, odata`PartitionKey eq ${partitionKey}`, ['kind']);
      await deleteRows(client, rows);
      return rows.filter((row) => row['kind'] !== 'version').length;
    },
  };
}

function unique(pairs: PairAddress[]): PairAddress[] {
  const byKey = new Map(pairs.map((p) => [`${p.tenantId}|${p.managerId}|${p.reportId}`, p]));
  return [...byKey.values()];
}
