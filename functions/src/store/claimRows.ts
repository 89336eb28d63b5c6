import type { TableClient, TableEntity } from '@azure/data-tables';

/*
 * The row mechanics every exactly-once sender's claims share (status requests, monthly digests, the recap card): a claim row created if
 * absent before anything is sent, takeovers of a claim whose lease ran out decided by an insert-only marker row
 * (`<claim row>~t<n>`: exactly one of several racing takers creates it), and merge writes of what the owner learnt.
 * Insert-only conditions are reliable on Azurite too (Azurite may keep an entity's ETag across two quick updates). The stores keep their own keys.
 */

/** claimed: nothing left yet; sending: it may have left; sent and rejected are final. */
export type ClaimState = 'claimed' | 'sending' | 'sent' | 'rejected';

export interface ClaimRowAddress {
  partitionKey: string;
  rowKey: string;
}

/** Creates the claim row unless one exists: `exists` means another run claimed first and must be left alone. */
export async function createClaimRow(client: TableClient, entity: TableEntity<object>): Promise<'created' | 'exists'> {
  try {
    await client.createEntity(entity);
    return 'created';
  } catch (error) {
    if (statusOf(error) === 409) return 'exists';
    throw error;
  }
}

/**
 * Takes over the claim at `address` as its `takeovers`-th new owner: false when another run created that marker
 * first (it won this takeover). The winner's owner and lease are merged into the claim row.
 */
export async function takeOverClaimRow(
  client: TableClient,
  address: ClaimRowAddress,
  takeover: { owner: string; leaseUntil: string; takeovers: number },
): Promise<boolean> {
  try {
    await client.createEntity({
      partitionKey: address.partitionKey,
      rowKey: `${address.rowKey}~t${takeover.takeovers}`,
      kind: 'takeover',
      owner: takeover.owner,
    });
  } catch (error) {
    if (statusOf(error) === 409) return false;
    throw error;
  }
  await client.updateEntity({ ...address, ...takeover }, 'Merge');
  return true;
}

/** Merges what the claim's owner learnt; Table Storage has no null, so a cleared value is stored as ''. */
export async function mergeClaimPatch(
  client: TableClient,
  address: ClaimRowAddress,
  patch: Record<string, string | number | null | undefined>,
): Promise<void> {
  const entity: TableEntity<Record<string, string | number>> = { ...address };
  for (const [name, value] of Object.entries(patch)) {
    if (value !== undefined) entity[name] = value === null ? '' : value;
  }
  await client.updateEntity(entity, 'Merge');
}

export function statusOf(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null || !('statusCode' in error)) return undefined;
  return typeof error.statusCode === 'number' ? error.statusCode : undefined;
}
