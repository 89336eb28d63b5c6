import type { TableClient, TableEntity } from '@azure/data-tables';
import { rowNumber, rowText } from './rowValues';

/*
 * The row mechanics every exactly-once sender's claims share (status requests, monthly digests, the recap card): a claim row created if
 * absent before anything is sent, takeovers of a claim whose lease ran out decided by an insert-only marker row
 * (`<claim row>~t<n>`: exactly one of several racing takers creates it), and merge writes of what the owner learnt.
 * Insert-only conditions are reliable on Azurite too (Azurite may keep an entity's ETag across two quick updates). The stores keep their own keys.
 */

/** claimed: nothing left yet; sending: it may have left; sent and rejected are final. */
export type ClaimState = 'claimed' | 'sending' | 'sent' | 'rejected';

/** The fields every claim row carries, whatever it claims (a status request, a digest, a recap card). */
export interface ClaimFields {
  state: ClaimState;
  /** The run that works on it, and until when it may. */
  owner: string;
  leaseUntil: string;
  /** How often another run took it over; each takeover inserts a marker row, so only one run wins each. */
  takeovers: number;
  /** What the message carries where the channel can find it again (a mail's extended property). */
  claimId: string;
  /** Who it is (being) sent from: a mailbox, or the bot. */
  sender: string | null;
  attempts: number;
  /** Why the last attempt did not finish (a status code, "no answer"), never message content. */
  problem: string | null;
  sentAt: string | null;
  /** Settling (delivery/settling.ts): when the current attempt was marked `sending`, bounding its Sent Items lookup. */
  sendingAt?: string | null;
  /** Lookups of the current attempt that did not find it. */
  lookups?: number;
  /** The attempt decided not sent (0: none); recorded so that no later run decides it again. */
  decidedUnsentAttempt?: number;
}

/** What an owner may write back about its claim. */
export type ClaimFieldsPatch = Partial<
  Pick<
    ClaimFields,
    | 'state'
    | 'leaseUntil'
    | 'sender'
    | 'attempts'
    | 'problem'
    | 'sentAt'
    | 'sendingAt'
    | 'lookups'
    | 'decidedUnsentAttempt'
  >
>;

/** The claim fields as row properties; Table Storage has no null, so an absent value is stored as ''. */
export function claimFieldsEntity(claim: ClaimFields): Record<string, string | number> {
  return {
    state: claim.state,
    owner: claim.owner,
    leaseUntil: claim.leaseUntil,
    takeovers: claim.takeovers,
    claimId: claim.claimId,
    sender: claim.sender ?? '',
    attempts: claim.attempts,
    problem: claim.problem ?? '',
    sentAt: claim.sentAt ?? '',
    sendingAt: claim.sendingAt ?? '',
    lookups: claim.lookups ?? 0,
    decidedUnsentAttempt: claim.decidedUnsentAttempt ?? 0,
  };
}

/** The claim fields of a row; an unknown state reads as `claimed` (a store with older states maps them first). */
export function claimFieldsOf(row: Record<string, unknown>): ClaimFields {
  const text = (name: string): string => rowText(row, name);
  const state = text('state');
  return {
    state: state === 'sending' || state === 'sent' || state === 'rejected' ? state : 'claimed',
    owner: text('owner'),
    leaseUntil: text('leaseUntil'),
    takeovers: rowNumber(row, 'takeovers'),
    claimId: text('claimId'),
    sender: text('sender') || null,
    attempts: rowNumber(row, 'attempts'),
    problem: text('problem') || null,
    sentAt: text('sentAt') || null,
    sendingAt: text('sendingAt') || null,
    lookups: rowNumber(row, 'lookups'),
    decidedUnsentAttempt: rowNumber(row, 'decidedUnsentAttempt'),
  };
}

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
