import { odata, type TableClient, type TableEntity } from '@azure/data-tables';
import type { Month } from '../contract';
import {
  claimFieldsEntity,
  claimFieldsOf,
  createClaimRow,
  mergeClaimPatch,
  takeOverClaimRow,
  type ClaimFields,
  type ClaimFieldsPatch,
} from './claimRows';
import { compositeKey, keyPart } from './keys';
import { rowText } from './rowValues';
import type { TableClientFactory } from './tables';

export const DIGEST_CLAIMS_TABLE = 'digestClaims';

/**
 * The monthly digest of one manager for one month, and how far its email got. The same mechanism as the status
 * requests' claims (store/statusRequestClaimStore): the row is created if absent before anything is sent, the run that
 * created it holds a lease, `sending` is written before the send leaves, and a later run takes an expired row over
 * by inserting a marker row (one winner). Only one generation exists: a month's digest is never sent again.
 */
export interface DigestClaim extends ClaimFields {
  tenantId: string;
  managerId: string;
  month: Month;
}

export type DigestClaimPatch = ClaimFieldsPatch;

export interface DigestClaimStore {
  /** Every manager's claim of a month, by lower-case manager id: one partition query for the whole run. */
  ofMonth(tenantId: string, month: Month): Promise<Map<string, DigestClaim>>;
  /** Create-if-absent: `exists` when another run claimed the same manager and month first. */
  create(claim: DigestClaim): Promise<'created' | 'exists'>;
  /** Takes over a claim whose lease ran out; of several runs racing, exactly one gets it, the others null. */
  takeOver(claim: DigestClaim, owner: string, leaseUntil: string): Promise<DigestClaim | null>;
  /** Writes what the owning run learnt (merge); only the owner calls this, within its lease. */
  update(claim: DigestClaim, patch: DigestClaimPatch): Promise<DigestClaim>;
}

export function digestClaimIdOf(managerId: string, month: Month): string {
  return `candor-digest:${month}:${managerId.toLowerCase()}`;
}

/*
 * Keys: PartitionKey = tenant|month, RowKey = manager id (lower-case), takeover markers `<manager>~t<n>`. A run
 * works on one month for every manager, so one partition holds everything it needs to read. As in the status
 * requests' claims, only inserts are conditional (Azurite may keep an entity's ETag across two quick updates).
 */
export function createTableDigestClaimStore(tables: TableClientFactory): DigestClaimStore {
  const table = (): Promise<TableClient> => tables(DIGEST_CLAIMS_TABLE);
  return {
    async ofMonth(tenantId, month) {
      const client = await table();
      const claims = new Map<string, DigestClaim>();
      const rows = client.listEntities<Record<string, unknown>>({
        queryOptions: { filter: odata`PartitionKey eq ${partitionOf(tenantId, month)}` },
      });
      for await (const row of rows) {
        if (row['kind'] !== 'digest') continue;
        const claim = fromEntity(tenantId, month, row);
        claims.set(claim.managerId, claim);
      }
      return claims;
    },
    async create(claim) {
      return createClaimRow(await table(), toEntity(claim));
    },
    async takeOver(claim, owner, leaseUntil) {
      const takeovers = claim.takeovers + 1;
      const address = { partitionKey: partitionOf(claim.tenantId, claim.month), rowKey: rowKeyOf(claim.managerId) };
      return (await takeOverClaimRow(await table(), address, { owner, leaseUntil, takeovers }))
        ? { ...claim, owner, leaseUntil, takeovers }
        : null;
    },
    async update(claim, patch) {
      await mergeClaimPatch(
        await table(),
        { partitionKey: partitionOf(claim.tenantId, claim.month), rowKey: rowKeyOf(claim.managerId) },
        patch,
      );
      return { ...claim, ...patch };
    },
  };
}

function partitionOf(tenantId: string, month: Month): string {
  return compositeKey(tenantId, month);
}

function rowKeyOf(managerId: string): string {
  return keyPart(managerId.toLowerCase());
}

function toEntity(claim: DigestClaim): TableEntity<Record<string, string | number>> {
  return {
    partitionKey: partitionOf(claim.tenantId, claim.month),
    rowKey: rowKeyOf(claim.managerId),
    kind: 'digest',
    ...claimFieldsEntity(claim),
  };
}

function fromEntity(tenantId: string, month: Month, row: Record<string, unknown>): DigestClaim {
  return { tenantId, managerId: rowText(row, 'rowKey'), month, ...claimFieldsOf(row) };
}
