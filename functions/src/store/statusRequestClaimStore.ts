import { odata, type TableClient, type TableEntity } from '@azure/data-tables';
import {
  claimFieldsEntity,
  claimFieldsOf,
  createClaimRow,
  mergeClaimPatch,
  takeOverClaimRow,
  type ClaimFields,
  type ClaimFieldsPatch,
  type ClaimState,
} from './claimRows';
import { compositeKey, keyPart, pairPartitionKey } from './keys';
import { rowNumber, rowText } from './rowValues';
import type { TableClientFactory } from './tables';

/** Named when only email was sent; it holds the chat cards' claims too, and keeps its name for the rows it has. */
export const STATUS_REQUEST_CLAIMS_TABLE = 'emailClaims';

export type { ClaimState };

/** Where the requests of one occurrence of a pair's 1:1 live. */
export interface ClaimAddress {
  tenantId: string;
  managerId: string;
  reportId: string;
  /** domain/statusRequests claimBaseOf: series hash + original start. */
  claimBase: string;
  /**
   * Absent: the email request (its keys are unchanged). `chat`: the Candor bot's card, claimed in its own
   * rows (`<claimBase>|chat|g001`), so an email and a chat card of one occurrence never take each other's claim.
   */
  channel?: 'chat';
}

/**
 * One status request (one generation: a meeting moved by more than the lead time gets a new one) and how far it
 * got. The row is created before anything is sent and survives a crash, so the next scan knows what happened.
 */
export interface StatusRequestClaim extends ClaimAddress, ClaimFields {
  generation: number;
  occurrenceId: string;
  subject: string;
  /** The start the request was made for, and the latest start a scan has seen since (small moves). */
  requestedStartUtc: string;
  latestStartUtc: string;
}

export type ClaimPatch = ClaimFieldsPatch &
  Partial<Pick<StatusRequestClaim, 'latestStartUtc' | 'requestedStartUtc' | 'subject'>>;

/** The claims of status requests, by email and by chat card, one row per occurrence, channel and generation. */
export interface StatusRequestClaimStore {
  /** The latest generation of an occurrence's requests, or null when none was ever claimed. */
  latest(address: ClaimAddress): Promise<StatusRequestClaim | null>;
  /** Create-if-absent: `exists` when another scan claimed the same generation first. */
  create(claim: StatusRequestClaim): Promise<'created' | 'exists'>;
  /**
   * Takes over a claim whose lease ran out. Exactly one of several scans racing for the same takeover wins (it
   * creates the marker row `…~t<n>`; the others get 409); the loser gets null.
   */
  takeOver(claim: StatusRequestClaim, owner: string, leaseUntil: string): Promise<StatusRequestClaim | null>;
  /** Writes what the owning scan learnt (merge). Only the owner calls this, within its lease. */
  update(claim: StatusRequestClaim, patch: ClaimPatch): Promise<StatusRequestClaim>;
  /** Occurrences of the pair whose status request went out (state `sent`); only `occurrenceId`'s when given. */
  sentOccurrenceIds(pair: Omit<ClaimAddress, 'claimBase'>, occurrenceId?: string): Promise<Set<string>>;
  /** The channels an occurrence's request went out on `email` rows carry no channel, `chat` rows do. */
  sentChannels(pair: Omit<ClaimAddress, 'claimBase' | 'channel'>, occurrenceId: string): Promise<Set<'email' | 'chat'>>;
}

const GENERATION_DIGITS = 3;

export function claimIdOf(address: ClaimAddress, generation: number): string {
  const channel = address.channel ? `:${address.channel}` : '';
  return `candor-status:${address.claimBase}:${address.managerId}:${address.reportId}:g${generation}${channel}`;
}

/*
 * Keys: PartitionKey = tenant|manager|report (one pair's requests together, like its boards), RowKey =
 * `<claimBase>|g001`. The design sketch partitioned by due date; a single meeting moved to another day would then
 * change partition and lose its claim, so the pair is the partition here and the occurrence is in the row key.
 * Only create (insert) is ever conditional, never an ETag-guarded update: Azurite may keep an entity's ETag across
 * two quick updates, while a failed insert (409) is reliable everywhere.
 */
export function createTableStatusRequestClaimStore(tables: TableClientFactory): StatusRequestClaimStore {
  const table = (): Promise<TableClient> => tables(STATUS_REQUEST_CLAIMS_TABLE);
  return {
    async latest(address) {
      const client = await table();
      const base = address.channel ? compositeKey(address.claimBase, address.channel) : keyPart(address.claimBase);
      const rows = client.listEntities<Record<string, unknown>>({
        queryOptions: {
          filter: `PartitionKey eq '${partitionOf(address)}' and RowKey ge '${base}|g' and RowKey lt '${base}|h'`,
        },
      });
      let latest: StatusRequestClaim | null = null;
      for await (const row of rows) {
        if (row['kind'] !== 'statusRequest') continue;
        const claim = fromEntity(address, row);
        if (!latest || claim.generation > latest.generation) latest = claim;
      }
      return latest;
    },
    async create(claim) {
      return createClaimRow(await table(), toEntity(claim));
    },
    async takeOver(claim, owner, leaseUntil) {
      const takeovers = claim.takeovers + 1;
      const address = { partitionKey: partitionOf(claim), rowKey: rowKeyOf(claim) };
      return (await takeOverClaimRow(await table(), address, { owner, leaseUntil, takeovers }))
        ? { ...claim, owner, leaseUntil, takeovers }
        : null;
    },
    async update(claim, patch) {
      await mergeClaimPatch(await table(), { partitionKey: partitionOf(claim), rowKey: rowKeyOf(claim) }, patch);
      return { ...claim, ...patch };
    },
    async sentOccurrenceIds(pair, occurrenceId) {
      const client = await table();
      const partition = pairPartitionKey(pair.tenantId, pair.managerId, pair.reportId);
      const filter =
        odata`PartitionKey eq ${partition} and kind eq ${'statusRequest'} and state eq ${'sent'}` +
        (occurrenceId === undefined ? '' : odata` and occurrenceId eq ${occurrenceId}`);
      const found = new Set<string>();
      const rows = client.listEntities<Record<string, unknown>>({ queryOptions: { filter, select: ['occurrenceId'] } });
      for await (const row of rows) if (typeof row['occurrenceId'] === 'string') found.add(row['occurrenceId']);
      return found;
    },
    async sentChannels(pair, occurrenceId) {
      const client = await table();
      const partition = pairPartitionKey(pair.tenantId, pair.managerId, pair.reportId);
      const filter = odata`PartitionKey eq ${partition} and kind eq ${'statusRequest'} and state eq ${'sent'} and occurrenceId eq ${occurrenceId}`;
      const found = new Set<'email' | 'chat'>();
      const rows = client.listEntities<Record<string, unknown>>({ queryOptions: { filter, select: ['channel'] } });
      for await (const row of rows) found.add(row['channel'] === 'chat' ? 'chat' : 'email');
      return found;
    },
  };
}

function partitionOf(address: ClaimAddress): string {
  return pairPartitionKey(address.tenantId, address.managerId, address.reportId);
}

function rowKeyOf(claim: Pick<StatusRequestClaim, 'claimBase' | 'generation' | 'channel'>): string {
  const generation = `g${String(claim.generation).padStart(GENERATION_DIGITS, '0')}`;
  return claim.channel
    ? compositeKey(claim.claimBase, claim.channel, generation)
    : compositeKey(claim.claimBase, generation);
}

function toEntity(claim: StatusRequestClaim): TableEntity<Record<string, string | number>> {
  return {
    partitionKey: partitionOf(claim),
    rowKey: rowKeyOf(claim),
    kind: 'statusRequest',
    generation: claim.generation,
    ...claimFieldsEntity(claim),
    occurrenceId: claim.occurrenceId,
    subject: claim.subject,
    requestedStartUtc: claim.requestedStartUtc,
    latestStartUtc: claim.latestStartUtc,
    ...(claim.channel ? { channel: claim.channel } : {}),
  };
}

function fromEntity(address: ClaimAddress, row: Record<string, unknown>): StatusRequestClaim {
  const text = (name: string): string => rowText(row, name);
  return {
    ...address,
    generation: rowNumber(row, 'generation'),
    ...claimFieldsOf(row),
    occurrenceId: text('occurrenceId'),
    subject: text('subject'),
    requestedStartUtc: text('requestedStartUtc'),
    latestStartUtc: text('latestStartUtc'),
  };
}
