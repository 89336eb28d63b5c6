import type { TableClient, TableEntity } from '@azure/data-tables';
import {
  boardFieldSchema,
  meetingSummarySchema,
  PREFER_NOT_TO_SAY,
  RATING_FIELD_IDS,
  ratingFieldSchema,
  recapCorrectionSchema,
  recapLineSchema,
  RECAP_TAGS,
  sharedRecapDraftSchema,
  TEXT_FIELD_IDS,
  textFieldIdSchema,
  type BoardField,
  type BoardRef,
  type RatingField,
  type RatingFieldId,
  type RecapLine,
  type RecapTag,
  type SharedRecapDraft,
  type TextFieldId,
} from '../contract';
import type { Board, BoardRecap, GoToState, RecapMail } from '../domain/board';
import { createGuarded, guardOf, readRow, replaceGuarded } from './guardedRows';
import { keyPart, pairPartitionKey } from './keys';
import { rowNumber, rowText } from './rowValues';
import { historyActions } from './pairHistory';
import type { TableClientFactory } from './tables';

export const BOARDS_TABLE = 'boards';

/** A board's address: the pair's ref plus the tenant, which is part of every partition key. */
export interface BoardKey extends BoardRef {
  tenantId: string;
}

/** A board as read: `etag` and `version` are what a later replace must present. */
export interface StoredBoard {
  board: Board;
  etag: string;
  version: number;
}

export type ReplaceOutcome = { kind: 'replaced'; stored: StoredBoard } | { kind: 'stale' };

export interface BoardStore {
  get(key: BoardKey): Promise<StoredBoard | null>;
  /** Creates the board if absent; when another request created it first, answers with that one. */
  create(key: BoardKey, board: Board): Promise<StoredBoard>;
  /**
   * Writes only if the board is still the one that was read; otherwise `stale` (re-read and re-apply). The pair's
   * history rows (recap, recognition, go-to question) change in the same transaction.
   */
  replace(key: BoardKey, board: Board, expected: StoredBoard): Promise<ReplaceOutcome>;
}

/**
 * Boards, one row per occurrence (PartitionKey = tenant|manager|report, RowKey = occurrenceId), guarded by a version
 * and marker rows (see guardedRows.ts). A save is one read and one transaction.
 */
export function createTableBoardStore(tables: TableClientFactory): BoardStore {
  const table = (): Promise<TableClient> => tables(BOARDS_TABLE);

  return {
    async get(key) {
      const entity = await readRow(await table(), partitionOf(key), keyPart(key.occurrenceId));
      return entity ? toStored(entity) : null;
    },

    async create(key, board) {
      const client = await table();
      const created = await createGuarded(
        client,
        toEntity(key, board),
        historyActions(partitionOf(key), key.occurrenceId, null, board),
      );
      if (created.kind === 'created') return { board, ...created.guard };
      // A racing create (the other person opened the board at the same moment) is not an error: use theirs.
      const stored = await this.get(key);
      if (!stored) throw new Error('board vanished right after it was created');
      return stored;
    },

    async replace(key, board, expected) {
      const client = await table();
      const extra = historyActions(partitionOf(key), key.occurrenceId, expected.board, board);
      const outcome = await replaceGuarded(client, toEntity(key, board), expected, extra);
      return outcome.kind === 'replaced' ? { kind: 'replaced', stored: { board, ...outcome.guard } } : outcome;
    },
  };
}

export function partitionOf(key: { tenantId: string; managerId: string; reportId: string }): string {
  return pairPartitionKey(key.tenantId, key.managerId, key.reportId);
}

type Props = Record<string, string | number | boolean>;

/** One property per field part keeps every string far below the service's 64 KiB property limit. */
function toEntity(key: BoardKey, board: Board): TableEntity<Props> {
  const entity: TableEntity<Props> = {
    partitionKey: partitionOf(key),
    rowKey: keyPart(key.occurrenceId),
    kind: 'board',
    managerId: key.managerId,
    reportId: key.reportId,
  };
  if (board.meeting) {
    entity.meetingSubject = board.meeting.subject;
    entity.meetingStart = board.meeting.start;
    entity.meetingEnd = board.meeting.end;
  }
  for (const id of TEXT_FIELD_IDS) writeField(entity, id, board.fields[id]);
  for (const id of RATING_FIELD_IDS) writeRating(entity, id, board.ratings[id]);
  entity.statusNudgedFields = board.statusGuard.nudgedFields.join(',');
  entity.statusNudgeCount = board.statusGuard.nudgeCount;
  writeGoTo(entity, board.goTo);
  if (board.recap) writeRecap(entity, board.recap);
  if (board.recapMail) writeRecapMail(entity, board.recapMail);
  writeRecapDraft(entity, board.recapDraft);
  return entity;
}

function writeField(entity: Props, id: TextFieldId, field: BoardField): void {
  entity[`${id}Text`] = field.text;
  entity[`${id}Revision`] = field.revision;
  // Absent properties read back as null; Table Storage has no null values to write.
  if (field.updatedBy !== null) entity[`${id}UpdatedBy`] = field.updatedBy;
  if (field.updatedAt !== null) entity[`${id}UpdatedAt`] = field.updatedAt;
}

/** A number stays a number and "prefer not to say" stays those words; an unanswered rating has no value property. */
function writeRating(entity: Props, id: RatingFieldId, field: RatingField): void {
  if (field.value !== null) entity[`${id}Value`] = field.value;
  entity[`${id}Revision`] = field.revision;
  if (field.updatedBy !== null) entity[`${id}UpdatedBy`] = field.updatedBy;
  if (field.updatedAt !== null) entity[`${id}UpdatedAt`] = field.updatedAt;
}

function writeGoTo(entity: Props, goTo: GoToState): void {
  entity.goToState = goTo.kind;
  if (goTo.kind === 'offered') {
    entity.goToQuestionId = goTo.questionId;
    entity.goToText = goTo.text;
    entity.goToSkips = goTo.skips;
  } else if (goTo.kind === 'skipped') {
    entity.goToQuestionId = goTo.lastQuestionId;
    entity.goToSkips = goTo.skips;
  }
}

function writeRecap(entity: Props, recap: BoardRecap): void {
  recap.lines.forEach((line, i) => {
    entity[`recapLine${i + 1}Text`] = line.text;
    entity[`recapLine${i + 1}Tags`] = line.tags.join(',');
  });
  entity.recapSavedBy = recap.savedBy;
  entity.recapSavedAt = recap.savedAt;
  if (recap.noBlocker) entity.recapNoBlocker = true;
  if (recap.correction) {
    entity.recapVersion = recap.correction.version;
    entity.recapCorrectedBy = recap.correction.correctedBy;
    entity.recapCorrectedAt = recap.correction.correctedAt;
  }
}

/** The shared draft: each part's words and revision (a board stored before it existed reads as an empty draft). */
function writeRecapDraft(entity: Props, draft: SharedRecapDraft): void {
  draft.lines.forEach((line, i) => {
    const at = `recapDraft${i + 1}`;
    entity[`${at}Text`] = line.text;
    entity[`${at}Tags`] = line.tags.join(',');
    entity[`${at}Revision`] = line.revision;
    if (line.updatedBy !== null) entity[`${at}UpdatedBy`] = line.updatedBy;
    if (line.updatedAt !== null) entity[`${at}UpdatedAt`] = line.updatedAt;
  });
  entity.recapDraftNoBlocker = draft.noBlocker.value;
  entity.recapDraftNoBlockerRevision = draft.noBlocker.revision;
  if (draft.noBlocker.updatedBy !== null) entity.recapDraftNoBlockerUpdatedBy = draft.noBlocker.updatedBy;
  if (draft.noBlocker.updatedAt !== null) entity.recapDraftNoBlockerUpdatedAt = draft.noBlocker.updatedAt;
}

function writeRecapMail(entity: Props, mail: RecapMail): void {
  entity.recapMailClaimId = mail.claimId;
  entity.recapMailSender = mail.senderId;
  entity.recapMailState = mail.state;
  entity.recapMailAttempts = mail.attempts;
  if (mail.version !== undefined) entity.recapMailVersion = mail.version;
  if (mail.leaseUntil) entity.recapMailLeaseUntil = mail.leaseUntil;
}

function toStored(entity: Record<string, unknown>): StoredBoard {
  const meeting =
    entity['meetingSubject'] === undefined
      ? null
      : meetingSummarySchema.parse({
          subject: entity['meetingSubject'],
          start: entity['meetingStart'],
          end: entity['meetingEnd'],
        });
  const fields = Object.fromEntries(TEXT_FIELD_IDS.map((id) => [id, fieldOf(entity, id)])) as Record<
    TextFieldId,
    BoardField
  >;
  const ratings = Object.fromEntries(RATING_FIELD_IDS.map((id) => [id, ratingOf(entity, id)])) as Record<
    RatingFieldId,
    RatingField
  >;
  const nudgedFields = rowText(entity, 'statusNudgedFields')
    .split(',')
    .flatMap((id) => {
      const parsed = textFieldIdSchema.safeParse(id);
      return parsed.success ? [parsed.data] : [];
    });
  const board: Board = {
    meeting,
    fields,
    ratings,
    statusGuard: { nudgedFields, nudgeCount: Number(entity['statusNudgeCount'] ?? 0) },
    goTo: goToOf(entity),
    recap: recapOf(entity),
    recapMail: recapMailOf(entity),
    recapDraft: recapDraftOf(entity),
  };
  return { board, ...guardOf(entity) };
}

function fieldOf(entity: Record<string, unknown>, id: TextFieldId): BoardField {
  return boardFieldSchema.parse({
    text: entity[`${id}Text`] ?? '',
    revision: entity[`${id}Revision`] ?? 0,
    updatedBy: entity[`${id}UpdatedBy`] ?? null,
    updatedAt: entity[`${id}UpdatedAt`] ?? null,
  });
}

function ratingOf(entity: Record<string, unknown>, id: RatingFieldId): RatingField {
  const raw = entity[`${id}Value`];
  return ratingFieldSchema.parse({
    value: raw === undefined || raw === null ? null : raw === PREFER_NOT_TO_SAY ? PREFER_NOT_TO_SAY : Number(raw),
    revision: entity[`${id}Revision`] ?? 0,
    updatedBy: entity[`${id}UpdatedBy`] ?? null,
    updatedAt: entity[`${id}UpdatedAt`] ?? null,
  });
}

function goToOf(entity: Record<string, unknown>): GoToState {
  const questionId = rowText(entity, 'goToQuestionId');
  const skips = Number(entity['goToSkips'] ?? 0);
  switch (entity['goToState']) {
    case 'offered':
      return { kind: 'offered', questionId, text: rowText(entity, 'goToText'), skips };
    case 'skipped':
      return { kind: 'skipped', lastQuestionId: questionId, skips };
    default:
      return { kind: 'notOffered' };
  }
}

function recapOf(entity: Record<string, unknown>): BoardRecap | null {
  if (entity['recapSavedAt'] === undefined) return null;
  const tags = (name: string): RecapTag[] =>
    rowText(entity, name)
      .split(',')
      .filter((t): t is RecapTag => (RECAP_TAGS as readonly string[]).includes(t));
  const line = (n: 1 | 2): RecapLine =>
    recapLineSchema.parse({ text: entity[`recapLine${n}Text`], tags: tags(`recapLine${n}Tags`) });
  return {
    lines: [line(1), line(2)],
    ...(entity['recapNoBlocker'] === true ? { noBlocker: true } : {}),
    savedBy: rowText(entity, 'recapSavedBy'),
    savedAt: rowText(entity, 'recapSavedAt'),
    ...(entity['recapVersion'] === undefined
      ? {}
      : {
          correction: recapCorrectionSchema.parse({
            version: entity['recapVersion'],
            correctedBy: entity['recapCorrectedBy'],
            correctedAt: entity['recapCorrectedAt'],
          }),
        }),
  };
}

function recapDraftOf(entity: Record<string, unknown>): SharedRecapDraft {
  const meta = (at: string) => ({
    revision: rowNumber(entity, `${at}Revision`),
    updatedBy: rowText(entity, `${at}UpdatedBy`) || null,
    updatedAt: rowText(entity, `${at}UpdatedAt`) || null,
  });
  const line = (n: 1 | 2) => ({
    text: rowText(entity, `recapDraft${n}Text`),
    tags: rowText(entity, `recapDraft${n}Tags`)
      .split(',')
      .filter((t): t is RecapTag => (RECAP_TAGS as readonly string[]).includes(t)),
    ...meta(`recapDraft${n}`),
  });
  return sharedRecapDraftSchema.parse({
    lines: [line(1), line(2)],
    noBlocker: { value: entity['recapDraftNoBlocker'] === true, ...meta('recapDraftNoBlocker') },
  });
}

function recapMailOf(entity: Record<string, unknown>): RecapMail | null {
  if (entity['recapMailClaimId'] === undefined) return null;
  const state = entity['recapMailState'];
  return {
    claimId: rowText(entity, 'recapMailClaimId'),
    senderId: rowText(entity, 'recapMailSender'),
    state: state === 'sending' || state === 'sent' || state === 'failed' ? state : 'pending',
    ...(typeof entity['recapMailVersion'] === 'number' ? { version: entity['recapMailVersion'] } : {}),
    attempts: Number(entity['recapMailAttempts'] ?? 0),
    leaseUntil: typeof entity['recapMailLeaseUntil'] === 'string' ? entity['recapMailLeaseUntil'] : null,
  };
}
