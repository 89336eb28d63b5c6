import { randomUUID } from 'node:crypto';
import type { TableClient, TableEntity } from '@azure/data-tables';
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
import { readRow } from './guardedRows';
import { keyPart, pairPartitionKey } from './keys';
import { rowText } from './rowValues';
import type { TableClientFactory } from './tables';

export const MEETING_CHATS_TABLE = 'meetingChats';

/** How long one request may spend posting the recap card before another may take its claim over. */
export const RECAP_POST_LEASE_MS = 60_000;

export interface MeetingChatKey {
  tenantId: string;
  managerId: string;
  reportId: string;
  occurrenceId: string;
}

/** The recap card's claim: one per occurrence, a row like every exactly-once sender's (store/claimRows). */
export interface RecapPostClaim extends MeetingChatKey, ClaimFields {}

export type RecapPostPatch = ClaimFieldsPatch;

/**
 * The Teams chat of a 1:1's occurrence: the board knows only a hash of it, so the meeting board route records it
 * when the board is opened, and the recap card is posted there once. The card's claim is the row
 * `<occurrence>~recap`, created if absent before anything is posted, taken over through `~recap~t<n>` markers.
 */
export interface MeetingChatStore {
  remember(key: MeetingChatKey, chatId: string): Promise<void>;
  chatOf(key: MeetingChatKey): Promise<string | null>;
  /** Records that someone besides the pair is in the occurrence's meeting, and so in its chat (an assistant). */
  noteOthersInChat(key: MeetingChatKey): Promise<void>;
  othersInChat(key: MeetingChatKey): Promise<boolean>;
  /** The recap card's claim, or null when nobody claimed it yet. */
  recapPost(key: MeetingChatKey): Promise<RecapPostClaim | null>;
  /** Creates a fresh claim taken at `at` (create-if-absent): `exists` when another request claimed it first. */
  claimRecapPost(key: MeetingChatKey, at: Date, owner?: string): Promise<'claimed' | 'exists'>;
  createRecapPost(claim: RecapPostClaim): Promise<'created' | 'exists'>;
  takeOverRecapPost(claim: RecapPostClaim, owner: string, leaseUntil: string): Promise<RecapPostClaim | null>;
  updateRecapPost(claim: RecapPostClaim, patch: RecapPostPatch): Promise<RecapPostClaim>;
}

export function recapPostClaimIdOf(key: MeetingChatKey): string {
  return `candor-recap-card:${key.tenantId}:${key.managerId}:${key.reportId}:${key.occurrenceId}`;
}

/** A claim as its creator writes it: `claimed`, its lease from `at`. */
export function freshRecapPost(key: MeetingChatKey, at: Date, owner: string): RecapPostClaim {
  return {
    ...key,
    state: 'claimed',
    owner,
    leaseUntil: new Date(at.getTime() + RECAP_POST_LEASE_MS).toISOString(),
    takeovers: 0,
    claimId: recapPostClaimIdOf(key),
    sender: null,
    attempts: 0,
    problem: null,
    sentAt: null,
  };
}

export function createTableMeetingChatStore(tables: TableClientFactory): MeetingChatStore {
  const table = (): Promise<TableClient> => tables(MEETING_CHATS_TABLE);
  const partition = (key: MeetingChatKey) => pairPartitionKey(key.tenantId, key.managerId, key.reportId);
  const recapRow = (key: MeetingChatKey) => `${keyPart(key.occurrenceId)}~recap`;
  const address = (key: MeetingChatKey) => ({ partitionKey: partition(key), rowKey: recapRow(key) });
  const store: MeetingChatStore = {
    async remember(key, chatId) {
      await (
        await table()
      ).upsertEntity({ partitionKey: partition(key), rowKey: keyPart(key.occurrenceId), chatId }, 'Merge');
    },
    async chatOf(key) {
      const row = await readRow(await table(), partition(key), keyPart(key.occurrenceId));
      const chatId = row?.['chatId'];
      return typeof chatId === 'string' && chatId !== '' ? chatId : null;
    },
    async noteOthersInChat(key) {
      await (
        await table()
      ).upsertEntity({ partitionKey: partition(key), rowKey: keyPart(key.occurrenceId), othersInChat: true }, 'Merge');
    },
    async othersInChat(key) {
      const row = await readRow(await table(), partition(key), keyPart(key.occurrenceId));
      return row?.['othersInChat'] === true;
    },
    async recapPost(key) {
      const row = await readRow(await table(), partition(key), recapRow(key));
      return row ? fromEntity(key, row) : null;
    },
    async claimRecapPost(key, at, owner = randomUUID()) {
      return (await store.createRecapPost(freshRecapPost(key, at, owner))) === 'created' ? 'claimed' : 'exists';
    },
    async createRecapPost(claim) {
      return createClaimRow(await table(), toEntity(claim, address(claim)));
    },
    async takeOverRecapPost(claim, owner, leaseUntil) {
      const takeovers = claim.takeovers + 1;
      return (await takeOverClaimRow(await table(), address(claim), { owner, leaseUntil, takeovers }))
        ? { ...claim, owner, leaseUntil, takeovers }
        : null;
    },
    async updateRecapPost(claim, patch) {
      await mergeClaimPatch(await table(), address(claim), patch);
      return { ...claim, ...patch };
    },
  };
  return store;
}

function toEntity(
  claim: RecapPostClaim,
  at: { partitionKey: string; rowKey: string },
): TableEntity<Record<string, string | number>> {
  return { ...at, ...claimFieldsEntity(claim) };
}

function fromEntity(key: MeetingChatKey, row: Record<string, unknown>): RecapPostClaim {
  const fields = claimFieldsOf(row);
  return {
    ...key,
    ...fields,
    state: stateOf(rowText(row, 'state'), fields.owner),
    claimId: fields.claimId || recapPostClaimIdOf(key),
  };
}

/**
 * Rows written before the card had a full claim said `posted` or `failed`, and a bare `claimed` row (no owner) may
 * have been posted before its writer stopped: read as `sending`, so it is never posted a second time.
 */
function stateOf(state: string, owner: string): ClaimState {
  if (state === 'sent' || state === 'posted') return 'sent';
  if (state === 'rejected' || state === 'failed') return 'rejected';
  if (state === 'sending' || !owner) return 'sending';
  return 'claimed';
}
