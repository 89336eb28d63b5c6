import type { TableClient } from '@azure/data-tables';
import { z } from 'zod';
import { compositeKey, keyPart } from './keys';
import { DEFAULT_PREP_MINUTES } from '../contract';
import { rowNumber, rowText } from './rowValues';
import type { TableClientFactory } from './tables';

export const ENROLMENTS_TABLE = 'enrolments';

/** A manager's own choices about status requests (the enrolment API writes them; configuration is the fallback). */
export interface Enrolment {
  managerId: string;
  enrolled: boolean;
  leadTimeMinutes: number | null;
  sendFromManagerMailbox: boolean;
  /** Lead time per direct report (lower-case object id → minutes). */
  pairLeadTimeMinutes: Record<string, number>;
  /** Candor adds itself to the meeting chat of each of the manager's 1:1 series (the attach job reads this). */
  attachToOneOnOnes: boolean;
  /** The manager's own prep message before each 1:1 (the prep job reads these). */
  prepEnabled: boolean;
  prepMinutesBefore: number;
  updatedAt: string;
}

export interface EnrolmentStore {
  get(tenantId: string, managerId: string): Promise<Enrolment | null>;
  /** Every manager who chose something, enrolled or not (one partition query per tenant). */
  list(tenantId: string): Promise<Enrolment[]>;
  save(tenantId: string, enrolment: Enrolment): Promise<void>;
}

const pairLeadTimes = z.record(z.string(), z.number().positive());

/** PartitionKey = tenant, RowKey = manager id: the scan lists a tenant's managers in one (paged) query. */
export function createTableEnrolmentStore(tables: TableClientFactory): EnrolmentStore {
  const table = (): Promise<TableClient> => tables(ENROLMENTS_TABLE);
  return {
    async get(tenantId, managerId) {
      const client = await table();
      try {
        return fromEntity(
          await client.getEntity<Record<string, unknown>>(compositeKey(tenantId), keyPart(managerId.toLowerCase())),
        );
      } catch (error) {
        if (statusOf(error) === 404) return null;
        throw error;
      }
    },
    async list(tenantId) {
      const client = await table();
      const found: Enrolment[] = [];
      const rows = client.listEntities<Record<string, unknown>>({
        queryOptions: { filter: `PartitionKey eq '${compositeKey(tenantId)}'` },
      });
      for await (const row of rows) found.push(fromEntity(row));
      return found;
    },
    async save(tenantId, enrolment) {
      const client = await table();
      await client.upsertEntity(
        {
          partitionKey: compositeKey(tenantId),
          rowKey: keyPart(enrolment.managerId.toLowerCase()),
          enrolled: enrolment.enrolled,
          // Table Storage has no null; -1 stands for "the default".
          leadTimeMinutes: enrolment.leadTimeMinutes ?? -1,
          sendFromManagerMailbox: enrolment.sendFromManagerMailbox,
          pairLeadTimeMinutes: JSON.stringify(enrolment.pairLeadTimeMinutes),
          attachToOneOnOnes: enrolment.attachToOneOnOnes,
          prepEnabled: enrolment.prepEnabled,
          prepMinutesBefore: enrolment.prepMinutesBefore,
          updatedAt: enrolment.updatedAt,
        },
        'Replace',
      );
    },
  };
}

function fromEntity(row: Record<string, unknown>): Enrolment {
  const lead = typeof row['leadTimeMinutes'] === 'number' && row['leadTimeMinutes'] > 0 ? row['leadTimeMinutes'] : null;
  let pairs: Record<string, number>;
  try {
    pairs = pairLeadTimes.parse(
      JSON.parse(typeof row['pairLeadTimeMinutes'] === 'string' ? row['pairLeadTimeMinutes'] : '{}'),
    );
  } catch {
    pairs = {};
  }
  return {
    managerId: rowText(row, 'rowKey'),
    enrolled: row['enrolled'] === true,
    leadTimeMinutes: lead,
    sendFromManagerMailbox: row['sendFromManagerMailbox'] === true,
    pairLeadTimeMinutes: pairs,
    // Rows written before these choices existed read as "not chosen": no attaching, no prep message.
    attachToOneOnOnes: row['attachToOneOnOnes'] === true,
    prepEnabled: row['prepEnabled'] === true,
    prepMinutesBefore: rowNumber(row, 'prepMinutesBefore', DEFAULT_PREP_MINUTES),
    updatedAt: typeof row['updatedAt'] === 'string' ? row['updatedAt'] : '',
  };
}

function statusOf(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null || !('statusCode' in error)) return undefined;
  return typeof error.statusCode === 'number' ? error.statusCode : undefined;
}
