import { odata, type TableClient } from '@azure/data-tables';
import {
  cutoffMonth,
  isClosedCommitmentExpired,
  isMonthExpired,
  isOccurrenceExpired,
  occurrenceStampOf,
} from '../domain/retention';
import { BLOCKER_PREFIX } from './blockerStore';
import { BOARDS_TABLE } from './boardStore';
import { DIGEST_CLAIMS_TABLE } from './digestClaimStore';
import { DRAFTS_TABLE, draftOccurrenceOf } from './draftStore';
import { STATUS_REQUEST_CLAIMS_TABLE as EMAIL_CLAIMS_TABLE } from './statusRequestClaimStore';
import { MEETING_CHATS_TABLE } from './meetingChatStore';
import { MEETING_RESOLUTIONS_TABLE } from './meetingResolutionStore';
import { PREP_CLAIMS_TABLE } from './prepClaimStore';
import { newestFirst } from './pairHistory';
import { PRIVATE_NOTES_TABLE } from './privateNoteStore';
import { baseRowKey, deleteRows, listRows, type RowRef } from './rowDeletion';
import { rowText } from './rowValues';
import type { PairAddress } from './scheduledOccurrences';
import { STATUS_UPDATES_TABLE } from './statusUpdateStore';
import type { TableClientFactory } from './tables';
import { MONTHLY_TABLE } from './trendStore';

/*
 * The retention sweep: every row of a 1:1 whose original start lies before the cutoff, and every month row and
 * digest claim of a month wholly before it, in every tenant. Queries select keys and the few properties that date a
 * row, never text. Kept (settings, not history): careerGoal rows, open commitments, enrolments, trend sharing
 * choices, go-to banks and asks, the go-to exchange (erased with its sharer), and each series' attach row (what Candor did in its meeting chat, and whether a person took it out).
 *
 * Guarded rows go together with their version markers, so a writer that read a row before it was deleted finds its
 * marker gone and re-reads (guardedRows.ts); nobody writes a 1:1 older than the period, and a rebuild that raced the
 * sweep into an old month can only leave an empty month row, which the next run deletes.
 */

/** Rows deleted, per table (markers included). */
export interface RetentionCounts {
  boards: number;
  statusUpdates: number;
  emailClaims: number;
  digestClaims: number;
  privateNotes: number;
  /** Unsaved drafts of 1:1s out of the period (a draft is never kept longer than what it was for). */
  drafts: number;
  monthly: number;
  /** A 1:1 occurrence's Teams chat id and its recap post's claim (the recap in the meeting chat). */
  meetingChats: number;
  /** A meeting chat's kept resolution (its pair, occurrences and subject), long stale by then. */
  meetingResolutions: number;
  /** A manager's prep message claim of one 1:1 (with its takeover markers). */
  prepClaims: number;
}

export interface RetentionOutcome {
  deleted: RetentionCounts;
  /** Pairs that lost closed commitments: their trend snapshot of commitments must be refreshed. */
  pairsWithCommitmentsRemoved: PairAddress[];
}

/** `20251026T0905Z`: occurrence ids (and their markers) below this one are out of the period. */
const occurrenceRange = (cutoff: Date) => odata`RowKey ge ${'0'} and RowKey lt ${occurrenceStampOf(cutoff)}`;

export async function purgeExpired(tables: TableClientFactory, cutoff: Date): Promise<RetentionOutcome> {
  const boards = await purgeBoards(await tables(BOARDS_TABLE), cutoff);
  const deleted: RetentionCounts = {
    boards: boards.deleted,
    statusUpdates: await purgeByOccurrenceKey(await tables(STATUS_UPDATES_TABLE), cutoff),
    emailClaims: await purgeEmailClaims(await tables(EMAIL_CLAIMS_TABLE), cutoff),
    digestClaims: await purgeDigestClaims(await tables(DIGEST_CLAIMS_TABLE), cutoff),
    privateNotes: await purgePrivateNotes(await tables(PRIVATE_NOTES_TABLE), cutoff),
    drafts: await purgeDrafts(await tables(DRAFTS_TABLE), cutoff),
    monthly: await purgeMonthRows(await tables(MONTHLY_TABLE), cutoff),
    meetingChats: await purgeMeetingChats(await tables(MEETING_CHATS_TABLE), cutoff),
    meetingResolutions: await deleteRows(
      await tables(MEETING_RESOLUTIONS_TABLE),
      await listRows(await tables(MEETING_RESOLUTIONS_TABLE), odata`freshUntil lt ${cutoff.toISOString()}`),
    ),
    prepClaims: await purgeByOccurrenceKey(await tables(PREP_CLAIMS_TABLE), cutoff),
  };
  return { deleted, pairsWithCommitmentsRemoved: boards.pairsWithCommitmentsRemoved };
}

/** Rows keyed by occurrence id (and their `~v<n>` markers): one key range, checked again row by row. */
async function purgeByOccurrenceKey(client: TableClient, cutoff: Date): Promise<number> {
  const rows = await listRows(client, occurrenceRange(cutoff));
  return deleteRows(
    client,
    rows.filter((row) => isOccurrenceExpired(baseRowKey(row.rowKey), cutoff)),
  );
}

/** `<occurrence>` (the chat id) and `<occurrence>~recap` (the recap post's claim) rows of each pair. */
async function purgeMeetingChats(client: TableClient, cutoff: Date): Promise<number> {
  const rows = await listRows(client, occurrenceRange(cutoff));
  return deleteRows(
    client,
    rows.filter((row) => isOccurrenceExpired(row.rowKey.split('~')[0] ?? '', cutoff)),
  );
}

async function purgeBoards(
  client: TableClient,
  cutoff: Date,
): Promise<{ deleted: number; pairsWithCommitmentsRemoved: PairAddress[] }> {
  let deleted = await purgeByOccurrenceKey(client, cutoff);

  // Pair-history index rows are keyed newest first: expired occurrences sort AFTER the cutoff's key.
  const newestFirstCutoff = newestFirst(`${occurrenceStampOf(cutoff)}-`).slice(0, -1);
  for (const kind of ['recap', 'unseen', 'goto'] as const) {
    const filter = odata`RowKey gt ${`${kind}~${newestFirstCutoff}`} and RowKey lt ${`${kind}~~`}`;
    const rows = await listRows(client, filter, ['occurrenceId']);
    deleted += await deleteRows(
      client,
      rows.filter((row) => isOccurrenceExpired(rowText(row, 'occurrenceId'), cutoff)),
    );
  }

  // The calendar's records of 1:1s (`sched~<occurrenceId>`).
  const sched = await listRows(
    client,
    odata`RowKey ge ${'sched~0'} and RowKey lt ${`sched~${occurrenceStampOf(cutoff)}`}`,
    ['occurrenceId'],
  );
  deleted += await deleteRows(
    client,
    sched.filter((row) => isOccurrenceExpired(rowText(row, 'occurrenceId'), cutoff)),
  );

  // Blocker resolutions (`blocker~<occurrenceId>~<line>` and their `~v<n>` markers) go with the recap that named them.
  const blockers = await listRows(
    client,
    odata`RowKey ge ${`${BLOCKER_PREFIX}0`} and RowKey lt ${`${BLOCKER_PREFIX}${occurrenceStampOf(cutoff)}`}`,
  );
  deleted += await deleteRows(
    client,
    blockers.filter((row) => isOccurrenceExpired(row.rowKey.slice(BLOCKER_PREFIX.length).split('~')[0] ?? '', cutoff)),
  );

  // Closed commitments closed before the cutoff, with their markers; open ones are still live.
  const closed = await listRows(
    client,
    odata`RowKey gt ${'commitment~'} and RowKey lt ${'commitment~~'} and kind eq ${'commitment'} and status ne ${'open'}`,
    ['status', 'closedAt'],
  );
  const expired = closed.filter((row) =>
    isClosedCommitmentExpired(
      {
        status: String(row['status']),
        closedAt: typeof row['closedAt'] === 'string' && row['closedAt'] !== '' ? row['closedAt'] : null,
      },
      cutoff,
    ),
  );
  const withMarkers: RowRef[] = [];
  for (const row of expired) {
    withMarkers.push(
      row,
      ...(await listRows(
        client,
        odata`PartitionKey eq ${row.partitionKey} and RowKey gt ${`${row.rowKey}~v`} and RowKey lt ${`${row.rowKey}~w`}`,
      )),
    );
  }
  deleted += await deleteRows(client, withMarkers);
  const pairs = new Map<string, PairAddress>();
  for (const row of expired) {
    const [tenantId, managerId, reportId] = row.partitionKey.split('|');
    if (tenantId && managerId && reportId) pairs.set(row.partitionKey, { tenantId, managerId, reportId });
  }
  return { deleted, pairsWithCommitmentsRemoved: [...pairs.values()] };
}

/** Status-request claims of expired occurrences, with their takeover markers (`…~t<n>`); the keys hold no date. */
async function purgeEmailClaims(client: TableClient, cutoff: Date): Promise<number> {
  const rows = await listRows(client, odata`PartitionKey ne ${''}`, ['kind', 'occurrenceId']);
  const expired = new Set(
    rows
      .filter((row) => row['kind'] === 'statusRequest' && isOccurrenceExpired(rowText(row, 'occurrenceId'), cutoff))
      .map((row) => `${row.partitionKey}\n${row.rowKey}`),
  );
  return deleteRows(
    client,
    rows.filter((row) => expired.has(`${row.partitionKey}\n${baseRowKey(row.rowKey)}`)),
  );
}

/** Digest claims live in one partition per tenant and month (`tenant|YYYY-MM`): whole partitions go. */
async function purgeDigestClaims(client: TableClient, cutoff: Date): Promise<number> {
  const rows = await listRows(client, odata`PartitionKey ne ${''}`);
  return deleteRows(
    client,
    rows.filter((row) => isMonthExpired(row.partitionKey.split('|').at(-1) ?? '', cutoff)),
  );
}

/** Private notes: RowKey `manager|report|occurrence` (markers `…~v<n>`), in the author's partition. */
async function purgePrivateNotes(client: TableClient, cutoff: Date): Promise<number> {
  const rows = await listRows(client, odata`PartitionKey ne ${''}`);
  return deleteRows(
    client,
    rows.filter((row) => isOccurrenceExpired(baseRowKey(row.rowKey).split('|').at(-1) ?? '', cutoff)),
  );
}

/** Drafts: RowKey `manager|report|occurrence|draftId` (markers `…~v<n>`), in the author's partition. */
async function purgeDrafts(client: TableClient, cutoff: Date): Promise<number> {
  const rows = await listRows(client, odata`PartitionKey ne ${''}`);
  return deleteRows(
    client,
    rows.filter((row) => isOccurrenceExpired(draftOccurrenceOf(row.rowKey), cutoff)),
  );
}

/** Month rows `m|<YYYY-MM>|<report>` (and markers) of months wholly before the cutoff; pair rows stay. */
async function purgeMonthRows(client: TableClient, cutoff: Date): Promise<number> {
  const rows = await listRows(client, odata`RowKey gt ${'m|'} and RowKey lt ${`m|${cutoffMonth(cutoff)}`}`);
  return deleteRows(
    client,
    rows.filter((row) => isMonthExpired(row.rowKey.split('|')[1] ?? '', cutoff)),
  );
}
