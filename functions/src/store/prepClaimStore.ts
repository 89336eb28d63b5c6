import type { TableClient, TableEntity } from '@azure/data-tables';
import {
  claimFieldsEntity,
  claimFieldsOf,
  createClaimRow,
  mergeClaimPatch,
  statusOf,
  takeOverClaimRow,
  type ClaimFields,
  type ClaimFieldsPatch,
} from './claimRows';
import { compositeKey, keyPart } from './keys';
import type { TableClientFactory } from './tables';

export const PREP_CLAIMS_TABLE = 'prepClaims';

/**
 * The prep message of one manager for one 1:1 occurrence, and how far it got: the same claim rows as every other
 * exactly-once message (store/claimRows). One generation: a 1:1 moved after its prep went out gets no second one.
 * `sender` says the channel once a send may have left: `bot` (never resent) or the mailbox (Sent Items settles it).
 */
export interface PrepClaim extends ClaimFields {
  tenantId: string;
  managerId: string;
  occurrenceId: string;
}

export interface PrepClaimStore {
  get(tenantId: string, managerId: string, occurrenceId: string): Promise<PrepClaim | null>;
  create(claim: PrepClaim): Promise<'created' | 'exists'>;
  takeOver(claim: PrepClaim, owner: string, leaseUntil: string): Promise<PrepClaim | null>;
  update(claim: PrepClaim, patch: ClaimFieldsPatch): Promise<PrepClaim>;
}

export function prepClaimIdOf(managerId: string, occurrenceId: string): string {
  return `candor-prep:${occurrenceId}:${managerId.toLowerCase()}`;
}

/** PartitionKey = tenant|manager, RowKey = occurrence id (takeover markers `<occurrence>~t<n>`): one point read each. */
export function createTablePrepClaimStore(tables: TableClientFactory): PrepClaimStore {
  const table = (): Promise<TableClient> => tables(PREP_CLAIMS_TABLE);
  const addressOf = (claim: Pick<PrepClaim, 'tenantId' | 'managerId' | 'occurrenceId'>) => ({
    partitionKey: compositeKey(claim.tenantId, claim.managerId.toLowerCase()),
    rowKey: keyPart(claim.occurrenceId),
  });
  return {
    async get(tenantId, managerId, occurrenceId) {
      const address = addressOf({ tenantId, managerId, occurrenceId });
      try {
        const row = await (await table()).getEntity<Record<string, unknown>>(address.partitionKey, address.rowKey);
        return { tenantId, managerId: managerId.toLowerCase(), occurrenceId, ...claimFieldsOf(row) };
      } catch (error) {
        if (statusOf(error) === 404) return null;
        throw error;
      }
    },
    async create(claim) {
      const entity: TableEntity<Record<string, string | number>> = {
        ...addressOf(claim),
        kind: 'prep',
        ...claimFieldsEntity(claim),
      };
      return createClaimRow(await table(), entity);
    },
    async takeOver(claim, owner, leaseUntil) {
      const takeovers = claim.takeovers + 1;
      return (await takeOverClaimRow(await table(), addressOf(claim), { owner, leaseUntil, takeovers }))
        ? { ...claim, owner, leaseUntil, takeovers }
        : null;
    },
    async update(claim, patch) {
      await mergeClaimPatch(await table(), addressOf(claim), patch);
      return { ...claim, ...patch };
    },
  };
}
