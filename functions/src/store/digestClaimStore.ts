import { odata, type TableClient, type TableEntity } from '@azure/data-tables';
import type { Month } from '../contract';
import { createClaimRow, mergeClaimPatch, takeOverClaimRow, type ClaimState } from './claimRows';
import { compositeKey, keyPart } from './keys';
import { rowNumber, rowText } from './rowValues';
import type { TableClientFactory } from './tables';

export const DIGEST_CLAIMS_TABLE = 'digestClaims';

/**
 * The monthly digest of one manager for one month, and how far its email got. The same mechanism as the status
 * requests' claims (store/statusRequestClaimStore): the row is created if absent before anything is sent, the run that
 * created it holds a lease, `sending` is written before the send leaves, and a later run takes an expired row over
 * by inserting a marker row (one winner). Only one generation exists: a month's digest is never sent again.
 */
export interface DigestClaim {
  tenantId: string;
  managerId: string;
  month: Month;
  state: ClaimState;
  owner: string;
  leaseUntil: string;
  takeovers: number;
  /** Carried in the mail's extended property; a takeover looks for it in Sent Items before sending again. */
  claimId: string;
  sender: string | null;
  attempts: number;
  /** Why the last attempt did not finish (a status code, "no answer", "no direct reports"), never content. */
  problem: string | null;
  sentAt: string | null;
}

export type DigestClaimPatch = Partial<
  Pick<DigestClaim, 'state' | 'leaseUntil' | 'sender' | 'attempts' | 'problem' | 'sentAt'>
>;

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
    state: claim.state,
    owner: claim.owner,
    leaseUntil: claim.leaseUntil,
    takeovers: claim.takeovers,
    claimId: claim.claimId,
    sender: claim.sender ?? '',
    attempts: claim.attempts,
    problem: claim.problem ?? '',
    sentAt: claim.sentAt ?? '',
  };
}

function fromEntity(tenantId: string, month: Month, row: Record<string, unknown>): DigestClaim {
  const text = (name: string): string => rowText(row, name);
  const number = (name: string): number => rowNumber(row, name);
  const state = text('state');
  return {
    tenantId,
    managerId: text('rowKey'),
    month,
    state: state === 'sending' || state === 'sent' || state === 'rejected' ? state : 'claimed',
    owner: text('owner'),
    leaseUntil: text('leaseUntil'),
    takeovers: number('takeovers'),
    claimId: text('claimId'),
    sender: text('sender') || null,
    attempts: number('attempts'),
    problem: text('problem') || null,
    sentAt: text('sentAt') || null,
  };
}
