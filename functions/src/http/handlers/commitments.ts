import { createCommitmentRequestSchema, updateCommitmentRequestSchema, type CommitmentResponse } from '../../contract';
import { isFinalised } from '../../domain/board';
import { changeCommitmentStatus, newCommitment } from '../../domain/commitments';
import type { Caller } from '../../auth/tokenValidator';
import type { Services } from '../../composition';
import { partitionOf, type BoardKey } from '../../store/boardStore';
import type { AuthenticatedHandler } from '../pipeline/authenticate';
import { MAX_BOARD_WRITE_ATTEMPTS } from '../../application/boardWrites';
import { checkPairAccess } from '../../application/pairAccess';
import { parseJsonBody, parseRouteParams } from '../pipeline/parse';
import { commitmentParams } from '../pipeline/promptBoardParams';
import { boardFinalised, commitmentConflict } from '../pipeline/promptBoardResponses';
import { forbidden, notFound, ok, serviceUnavailable } from '../pipeline/responses';
import { boardParams } from '../pipeline/routeParams';
import type { HttpResponseInit } from '@azure/functions';
import { recordTrendSafely } from '../../application/trendRecording';

type CommitmentServices = Pick<Services, 'boards' | 'commitments' | 'orgChart' | 'clock' | 'trendRecorder'>;

/** Commitments are the manager's "I will…", written from a board that is still open. */
async function checkManagerOnOpenBoard(
  services: CommitmentServices,
  caller: Caller,
  key: BoardKey,
): Promise<HttpResponseInit | null> {
  const access = await checkPairAccess(services.orgChart, caller, key);
  if (!access.ok) return access.response;
  if (access.role !== 'manager')
    return forbidden('Commitments are the manager’s: only the manager makes and closes them.');
  const stored = await services.boards.get(key);
  if (!stored) return notFound('There is no board for this meeting occurrence yet. Open it from the meeting.');
  if (isFinalised(stored.board)) return boardFinalised();
  return null;
}

/**
 * POST pairs/{managerId}/{reportId}/boards/{occurrenceId}/commitments: the manager makes a commitment in this meeting.
 * The client picks the id, so a retried POST answers with the commitment it already made (200) instead of a second.
 */
export function createCommitmentHandler(services: CommitmentServices): AuthenticatedHandler {
  return async (request, context, caller) => {
    const params = parseRouteParams(request.params, boardParams);
    if (!params.ok) return params.response;
    const body = await parseJsonBody(request, createCommitmentRequestSchema);
    if (!body.ok) return body.response;
    const key = { tenantId: caller.tenantId, ...params.value };
    const refused = await checkManagerOnOpenBoard(services, caller, key);
    if (refused) return refused;

    const commitment = newCommitment(body.value, {
      occurrenceId: key.occurrenceId,
      managerId: caller.userId,
      now: services.clock(),
    });
    const created = await services.commitments.create(partitionOf(key), commitment);
    await recordTrendSafely(context, 'commitment', () => services.trendRecorder.recordCommitments(key));
    const response: CommitmentResponse = {
      commitment: created.kind === 'created' ? commitment : created.stored.commitment,
    };
    return created.kind === 'created' ? { ...ok(response), status: 201 } : ok(response);
  };
}

/**
 * PUT pairs/{managerId}/{reportId}/boards/{occurrenceId}/commitments/{commitmentId}: done, dropped or reopened, from the
 * board it shows on. A commitment made in a later meeting is not on this board (404).
 */
export function updateCommitmentHandler(services: CommitmentServices): AuthenticatedHandler {
  return async (request, context, caller) => {
    const params = parseRouteParams(request.params, commitmentParams);
    if (!params.ok) return params.response;
    const body = await parseJsonBody(request, updateCommitmentRequestSchema);
    if (!body.ok) return body.response;
    const { commitmentId, ...ref } = params.value;
    const key = { tenantId: caller.tenantId, ...ref };
    const refused = await checkManagerOnOpenBoard(services, caller, key);
    if (refused) return refused;

    const partition = partitionOf(key);
    for (let attempt = 1; attempt <= MAX_BOARD_WRITE_ATTEMPTS; attempt++) {
      const stored = await services.commitments.get(partition, commitmentId);
      if (!stored || stored.commitment.createdIn > key.occurrenceId) {
        return notFound('This commitment is not on this board.');
      }
      const decision = changeCommitmentStatus(stored.commitment, {
        status: body.value.status,
        baseRevision: body.value.baseRevision,
        occurrenceId: key.occurrenceId,
        now: services.clock(),
      });
      if (decision.kind === 'conflict') return commitmentConflict(decision.current);
      const response: CommitmentResponse = { commitment: decision.commitment };
      if (!decision.changed) return ok(response);
      if ((await services.commitments.replace(partition, decision.commitment, stored.guard)) === 'replaced') {
        await recordTrendSafely(context, 'commitment', () => services.trendRecorder.recordCommitments(key));
        return ok(response);
      }
    }
    return serviceUnavailable('This commitment is very busy right now; it was not saved yet. Try again.', 1);
  };
}
