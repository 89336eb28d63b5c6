import {
  MAX_TREND_MONTHS,
  type DeleteMyAnswersResponse,
  type DeleteMyNotesResponse,
  type ExportedBoard,
  type ExportedPair,
  type MyDataExport,
  type Role,
} from '../../contract';
import type { Caller } from '../../auth/tokenValidator';
import { normalizeId } from '../../domain/pairs';
import { clearOwnPart, ownPartOf } from '../../domain/personalData';
import { monthsEndingAt, pairTrendOf } from '../../domain/trends';
import type { Services } from '../../composition';
import { BOARDS_TABLE, partitionOf } from '../../store/boardStore';
import { boardOccurrenceIds } from '../../store/pairOccurrences';
import { createPersonalDataStore, type PersonalDataStore } from '../../store/personalDataStore';
import type { PairAddress } from '../../store/scheduledOccurrences';
import type { AuthenticatedHandler } from '../pipeline/authenticate';
import { changeBoard, MAX_BOARD_WRITE_ATTEMPTS, pauseBeforeRetry } from '../../application/boardWrites';
import { ok, serviceUnavailable } from '../pipeline/responses';

/*
 * GET me/export, DELETE me/answers, DELETE me/notes (contract/privacy.ts). The caller is the only subject: nothing in
 * the request can name anyone else, and every pair is found from the stored keys with the caller in it (a former
 * manager's pair included: a report's answers there are still theirs). Deletion is synchronous: the answer comes
 * after the boards are cleared, the rows deleted and the pairs' monthly aggregates rebuilt, so the trend API no
 * longer shows anything derived from what was deleted (well inside the 24 hours PRIVACY.md promises).
 */

type PrivacyHttpServices = Pick<
  Services,
  | 'clock'
  | 'boards'
  | 'careerGoals'
  | 'commitments'
  | 'blockers'
  | 'statusUpdates'
  | 'trendReader'
  | 'trendRecorder'
  | 'trendSharing'
  | 'goToBanks'
  | 'goToExchange'
  | 'privacyTables'
  | 'statusChannels'
  | 'drafts'
>;

const personal = (services: PrivacyHttpServices): PersonalDataStore => createPersonalDataStore(services.privacyTables);

async function occurrencesOf(services: PrivacyHttpServices, pair: PairAddress) {
  return boardOccurrenceIds(await services.privacyTables(BOARDS_TABLE), pair);
}

/** GET me/export: everything stored that the caller owns, as one JSON document. */
export function exportMyDataHandler(services: PrivacyHttpServices): AuthenticatedHandler {
  return async (_request, _context, caller) => {
    const me = normalizeId(caller.userId);
    const now = services.clock();
    const store = personal(services);
    const pairs = await store.pairsOf(caller.tenantId, me);
    const roles: Array<[PairAddress, Role]> = [
      ...pairs.asManager.map((p): [PairAddress, Role] => [p, 'manager']),
      ...pairs.asReport.map((p): [PairAddress, Role] => [p, 'report']),
    ];

    const boards: ExportedBoard[] = [];
    const pairRows: ExportedPair[] = [];
    for (const [pair, role] of roles) {
      for (const occurrenceId of await occurrencesOf(services, pair)) {
        const stored = await services.boards.get({ ...pair, occurrenceId });
        if (stored)
          boards.push({
            managerId: pair.managerId,
            reportId: pair.reportId,
            occurrenceId,
            role,
            meeting: stored.board.meeting,
            ...ownPartOf(stored.board, role),
          });
      }
      const goal = role === 'report' ? (await services.careerGoals.get(partitionOf(pair))).field : null;
      pairRows.push({
        managerId: pair.managerId,
        reportId: pair.reportId,
        role,
        careerGoal: goal && goal.text !== '' ? { text: goal.text, updatedAt: goal.updatedAt } : null,
        commitments: await services.commitments.all(partitionOf(pair)),
        blockers: await services.blockers.allOfPair(pair),
      });
    }

    const statusUpdates: MyDataExport['statusUpdates'] = [];
    for (const pair of pairs.asReport) {
      for (const occurrenceId of [...(await services.statusUpdates.occurrenceIds(pair))].sort()) {
        const update = await services.statusUpdates.get({ ...pair, occurrenceId });
        if (update) statusUpdates.push({ managerId: pair.managerId, reportId: pair.reportId, occurrenceId, update });
      }
    }

    const sharing = await services.trendSharing.get(caller.tenantId, me);
    const channel = await services.statusChannels.get(caller.tenantId, me);
    const months = monthsEndingAt(now, MAX_TREND_MONTHS);
    const trends = await Promise.all(
      pairs.asReport.map(async (pair) => {
        const rows = await services.trendReader.pairRecords(pair, months);
        return pairTrendOf({
          manager: { id: pair.managerId, displayName: '' },
          report: { id: me, displayName: '' },
          audience: 'report',
          sharing,
          months,
          records: rows.records,
          commitments: rows.commitments,
          now,
        });
      }),
    );

    const body: MyDataExport = {
      exportedAt: now.toISOString(),
      tenantId: caller.tenantId,
      userId: me,
      boards,
      pairs: pairRows,
      statusUpdates,
      privateNotes: await store.privateNotesOf(caller.tenantId, me),
      drafts: await services.drafts.allOf(caller.tenantId, me),
      sharing,
      statusChannel: {
        channel: channel.channel,
        chosen: channel.chosen,
        botChatKnown: channel.chatConversationId !== null,
      },
      goToQuestions: (await services.goToBanks.get(caller.tenantId, me)).bank,
      goToAsks: await goToAsksOf(services, caller.tenantId, pairs.asReport),
      goToShares: (await services.goToExchange.sharesOf(caller.tenantId, me)).map((share) => ({
        id: share.id,
        text: share.text,
        nameShown: share.sharerName !== null,
        sharedAt: share.sharedAt,
      })),
      trends,
    };
    return ok(body, { 'Content-Disposition': 'attachment; filename="candor-export.json"' });
  };
}

async function goToAsksOf(services: PrivacyHttpServices, tenantId: string, asReport: PairAddress[]) {
  const asks = await Promise.all(
    asReport.map(async (pair) => ({
      managerId: pair.managerId,
      questions: (await services.goToBanks.getAsks(tenantId, pair.managerId, pair.reportId)).bank.questions,
    })),
  );
  return asks.filter((a) => a.questions.length > 0);
}

/** Clears the role's own part of every board of the pairs; answers how many boards changed, or null when one stayed busy. */
async function clearBoards(
  services: PrivacyHttpServices,
  caller: Caller,
  pairs: PairAddress[],
  role: Role,
): Promise<number | null> {
  let cleared = 0;
  let busy = false;
  for (const pair of pairs) {
    for (const occurrenceId of await occurrencesOf(services, pair)) {
      const outcome = await changeBoard(services.boards, { ...pair, occurrenceId }, (board) => {
        const next = clearOwnPart(board, role, normalizeId(caller.userId), services.clock());
        return next.changed ? { write: next.board, result: true } : { result: false };
      });
      if (outcome.kind === 'busy') busy = true;
      else if (outcome.kind === 'done' && outcome.result) cleared += 1;
    }
  }
  return busy ? null : cleared;
}

/** Empties the pair's career goal (the report's own words); false when it kept changing. */
async function clearCareerGoal(
  services: PrivacyHttpServices,
  caller: Caller,
  pair: PairAddress,
): Promise<'cleared' | 'empty' | 'busy'> {
  for (let attempt = 1; attempt <= MAX_BOARD_WRITE_ATTEMPTS; attempt++) {
    if (attempt > 1) await pauseBeforeRetry(attempt);
    const stored = await services.careerGoals.get(partitionOf(pair));
    if (stored.field.text === '') return 'empty';
    const field = {
      text: '',
      revision: stored.field.revision + 1,
      updatedBy: normalizeId(caller.userId),
      updatedAt: services.clock().toISOString(),
    };
    if ((await services.careerGoals.save(partitionOf(pair), field, stored.guard)) === 'saved') return 'cleared';
  }
  return 'busy';
}

const stillBusy = () =>
  serviceUnavailable(
    'Someone was writing on one of your boards at the same moment; nothing was lost. Send the request again.',
    2,
  );

/**
 * DELETE me/answers: as a report, on every board of every pair the caller is the report of — answers, ratings,
 * career note and go-to answer cleared (closed boards too), career goals emptied, status updates and the caller's
 * private notes in those pairs deleted; then each pair's aggregates are rebuilt from what is left.
 */
export function deleteMyAnswersHandler(services: PrivacyHttpServices): AuthenticatedHandler {
  return async (_request, context, caller) => {
    const me = normalizeId(caller.userId);
    const store = personal(services);
    const { asReport } = await store.pairsOf(caller.tenantId, me);
    const boardsCleared = await clearBoards(services, caller, asReport, 'report');
    let careerGoalsCleared = 0;
    let busy = boardsCleared === null;
    let statusUpdatesDeleted = 0;
    for (const pair of asReport) {
      const goal = await clearCareerGoal(services, caller, pair);
      if (goal === 'cleared') careerGoalsCleared += 1;
      if (goal === 'busy') busy = true;
      statusUpdatesDeleted += await store.deleteStatusUpdates(pair);
      // The report's "ask me this" go-to questions are their words too.
      await services.goToBanks.deleteAsks(caller.tenantId, pair.managerId, pair.reportId);
    }
    const privateNotesDeleted = await store.deletePrivateNotes(caller.tenantId, me, (note) => note.reportId === me);
    // Unsaved words are the writer's too: the report's drafts in those pairs go with the answers.
    const draftsDeleted = await services.drafts.deleteWhere(caller.tenantId, me, (pair) => pair.reportId === me);
    for (const pair of asReport) await services.trendRecorder.rebuildPair(pair);
    // Counts only, never ids or text.
    context.log(
      `answers deleted: ${boardsCleared ?? 'some'} boards, ${statusUpdatesDeleted} status updates, ${privateNotesDeleted} notes, ${draftsDeleted} drafts, ${asReport.length} pairs rebuilt`,
    );
    if (busy) return stillBusy();
    const body: DeleteMyAnswersResponse = {
      boardsCleared: boardsCleared ?? 0,
      careerGoalsCleared,
      statusUpdatesDeleted,
      privateNotesDeleted,
      trendsRebuilt: asReport.length,
    };
    return ok(body);
  };
}

/**
 * DELETE me/notes: as a manager, on every board of every pair the caller manages (or managed) — shared notes and
 * recognitions cleared, the caller's private notes in those pairs deleted, the pairs' aggregates rebuilt.
 * Commitments stay: they are promises to the report, part of the pair's shared record. The go-to questions the
 * caller shared with the organization are withdrawn, with their adoption marks.
 */
export function deleteMyNotesHandler(services: PrivacyHttpServices): AuthenticatedHandler {
  return async (_request, context, caller) => {
    const me = normalizeId(caller.userId);
    const store = personal(services);
    const { asManager } = await store.pairsOf(caller.tenantId, me);
    const boardsCleared = await clearBoards(services, caller, asManager, 'manager');
    const privateNotesDeleted = await store.deletePrivateNotes(caller.tenantId, me, (note) => note.managerId === me);
    const draftsDeleted = await services.drafts.deleteWhere(caller.tenantId, me, (pair) => pair.managerId === me);
    // Go-to questions the caller shared with the organization stop showing, with their adoption counts.
    await services.goToExchange.erase(caller.tenantId, me);
    for (const pair of asManager) await services.trendRecorder.rebuildPair(pair);
    context.log(
      `notes deleted: ${boardsCleared ?? 'some'} boards, ${privateNotesDeleted} notes, ${draftsDeleted} drafts, ${asManager.length} pairs rebuilt`,
    );
    if (boardsCleared === null) return stillBusy();
    const body: DeleteMyNotesResponse = { boardsCleared, privateNotesDeleted, trendsRebuilt: asManager.length };
    return ok(body);
  };
}
