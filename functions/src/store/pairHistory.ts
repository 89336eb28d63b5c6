import { odata, type TableClient, type TransactionAction } from '@azure/data-tables';
import {
  recapCorrectionSchema,
  recapLineSchema,
  recapVersionOf,
  RECAP_TAGS,
  type OccurrenceId,
  type Recognition,
  type RecapLine,
  type RecapTag,
  type SavedRecap,
} from '../contract';
import type { Board } from '../domain/board';
import { rotationMark, type AskedBefore } from '../domain/goToQuestions';
import { keyPart } from './keys';
import { rowNumber, rowText } from './rowValues';

/*
 * A pair's history lives in the pair's partition of the boards table as small index rows, written in the same
 * transaction as the board change they reflect, so "the recap of the previous 1:1", "recognitions over time" and
 * "the go-to question offered last time" are each one short range query instead of a scan of old boards:
 *
 *   recap~<newest-first occurrence>    the recap that closed a board
 *   unseen~<newest-first occurrence>   the manager's recognition of unseen work on a board
 *   goto~<newest-first occurrence>     the go-to question a board offered (the rotation continues after it)
 *
 * Table Storage returns rows in ascending key order only; the newest-first key (each digit d of the occurrence's
 * start stamp written as 9-d) makes "the latest before this occurrence" the first row after it.
 */

export type HistoryKind = 'recap' | 'unseen' | 'goto';

/** `20261126T0900Z-…` → `79738873T9099Z-…`: ascending order of these is newest first. */
export function newestFirst(occurrenceId: OccurrenceId): string {
  const dash = occurrenceId.indexOf('-');
  const stamp = occurrenceId.slice(0, dash).replace(/\d/g, (d) => String(9 - Number(d)));
  return `${stamp}${occurrenceId.slice(dash)}`;
}

export function historyRowKey(kind: HistoryKind, occurrenceId: OccurrenceId): string {
  return `${kind}~${keyPart(newestFirst(occurrenceId))}`;
}

const encodeTags = (tags: readonly RecapTag[]): string => tags.join(',');
const decodeTags = (value: unknown): RecapTag[] =>
  (typeof value === 'string' ? value : '')
    .split(',')
    .filter((t): t is RecapTag => (RECAP_TAGS as readonly string[]).includes(t));

/** The index rows a board change needs, as upserts (never deletes, so the transaction cannot fail on them). */
export function historyActions(
  partitionKey: string,
  occurrenceId: OccurrenceId,
  before: Board | null,
  after: Board,
): TransactionAction[] {
  const actions: TransactionAction[] = [];
  const row = (kind: HistoryKind, props: Record<string, string | number>): TransactionAction => [
    'upsert',
    {
      partitionKey,
      rowKey: historyRowKey(kind, occurrenceId),
      kind,
      occurrenceId,
      meetingStart: after.meeting?.start ?? '',
      ...props,
    },
    'Replace',
  ];
  // The recap row follows the recap's latest version (a correction rewrites it, so "Last time" shows the amended one).
  if (after.recap && recapVersionOf(after.recap) !== (before?.recap ? recapVersionOf(before.recap) : 0)) {
    const [one, two] = after.recap.lines;
    const correction = after.recap.correction;
    actions.push(
      row('recap', {
        line1Text: one.text,
        line1Tags: encodeTags(one.tags),
        line2Text: two.text,
        line2Tags: encodeTags(two.tags),
        savedBy: after.recap.savedBy,
        savedAt: after.recap.savedAt,
        noBlocker: after.recap.noBlocker ? 1 : 0,
        ...(correction
          ? {
              version: correction.version,
              correctedBy: correction.correctedBy,
              correctedAt: correction.correctedAt,
            }
          : {}),
      }),
    );
  }
  if (after.fields.unseenWork.text !== (before?.fields.unseenWork.text ?? '')) {
    actions.push(row('unseen', { text: after.fields.unseenWork.text }));
  }
  // The go-to row also remembers whether the report answered, so the rotation can prefer unanswered questions.
  const mark = rotationMark(after.goTo);
  const answered = (board: Board | null) => (board?.fields.goToAnswer.text.trim() ?? '') !== '';
  if (mark !== null && (mark !== (before ? rotationMark(before.goTo) : null) || answered(after) !== answered(before))) {
    actions.push(row('goto', { questionId: mark, answered: answered(after) ? 1 : 0 }));
  }
  return actions;
}

export interface PairKey {
  tenantId: string;
  managerId: string;
  reportId: string;
}

export interface PairHistoryStore {
  /** The recap of the latest board before `occurrenceId` that has one. */
  lastRecapBefore(partitionKey: string, occurrenceId: OccurrenceId): Promise<SavedRecap | null>;
  /** Recognitions from boards before `occurrenceId`, newest first. */
  recognitionsBefore(partitionKey: string, occurrenceId: OccurrenceId, limit: number): Promise<Recognition[]>;
  /** The go-to questions of the boards before `occurrenceId`, newest first, and whether each was answered. */
  goToHistoryBefore(partitionKey: string, occurrenceId: OccurrenceId, limit: number): Promise<AskedBefore[]>;
}

export function createPairHistoryStore(table: () => Promise<TableClient>): PairHistoryStore {
  async function rowsBefore(
    partitionKey: string,
    kind: HistoryKind,
    occurrenceId: OccurrenceId,
    limit: number,
    extraFilter = '',
  ) {
    const client = await table();
    // Property names left of the operator: Azurite cannot read the other way round.
    const filter =
      odata`PartitionKey eq ${partitionKey} and RowKey gt ${historyRowKey(kind, occurrenceId)} and RowKey lt ${`${kind}~~`}` +
      extraFilter;
    const found: Record<string, unknown>[] = [];
    const pages = client
      .listEntities<Record<string, unknown>>({ queryOptions: { filter } })
      .byPage({ maxPageSize: limit });
    for await (const page of pages) {
      for (const entity of page) {
        found.push(entity);
        if (found.length >= limit) return found;
      }
    }
    return found;
  }

  return {
    async lastRecapBefore(partitionKey, occurrenceId) {
      const [row] = await rowsBefore(partitionKey, 'recap', occurrenceId, 1);
      if (!row) return null;
      const line = (n: 1 | 2): RecapLine =>
        recapLineSchema.parse({ text: row[`line${n}Text`], tags: decodeTags(row[`line${n}Tags`]) });
      return {
        occurrenceId: String(row['occurrenceId']),
        meetingStart: rowText(row, 'meetingStart') || null,
        lines: [line(1), line(2)],
        ...(row['noBlocker'] === 1 ? { noBlocker: true } : {}),
        savedBy: String(row['savedBy']),
        savedAt: String(row['savedAt']),
        ...(row['version'] === undefined
          ? {}
          : {
              correction: recapCorrectionSchema.parse({
                version: row['version'],
                correctedBy: row['correctedBy'],
                correctedAt: row['correctedAt'],
              }),
            }),
      };
    },

    async recognitionsBefore(partitionKey, occurrenceId, limit) {
      // A recognition cleared later stays as an empty row: skip those on read.
      const rows = await rowsBefore(partitionKey, 'unseen', occurrenceId, limit, " and text ne ''");
      return rows.map((row) => ({
        occurrenceId: String(row['occurrenceId']),
        meetingStart: rowText(row, 'meetingStart') || null,
        text: rowText(row, 'text'),
      }));
    },

    async goToHistoryBefore(partitionKey, occurrenceId, limit) {
      const rows = await rowsBefore(partitionKey, 'goto', occurrenceId, limit);
      return rows.map((row) => ({
        questionId: rowText(row, 'questionId'),
        answered: rowNumber(row, 'answered') === 1,
      }));
    },
  };
}
