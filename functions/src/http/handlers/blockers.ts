import type { HttpResponseInit } from '@azure/functions';
import {
  blockerLineSchema,
  saveBlockerRequestSchema,
  type Blocker,
  type BlockerResolution,
  type BlockerConflict,
  type BlockerResponse,
  type OpenBlockersResponse,
} from '../../contract';
import { blockerLinesOf, markBlocker } from '../../domain/blockers';
import type { Services } from '../../composition';
import { checkPairAccess } from '../../application/pairAccess';
import { MAX_BOARD_WRITE_ATTEMPTS } from '../../application/boardWrites';
import { blockerViewOf, openBlockersOfPair } from '../../application/openBlockers';
import { recordTrendSafely } from '../../application/trendRecording';
import type { AuthenticatedHandler } from '../pipeline/authenticate';
import { parseJsonBody, parseRouteParams } from '../pipeline/parse';
import { pairParams } from '../pipeline/promptBoardParams';
import { boardParams } from '../pipeline/routeParams';
import { notFound, ok, serviceUnavailable } from '../pipeline/responses';

/*
 * GET pairs/{managerId}/{reportId}/blockers and PUT …/blockers/{occurrenceId}/{line} (contract/blockers.ts): the
 * pair's open blockers, and marking one resolved or open again. Either person of the pair may; access is checked as
 * for the pair's boards (application/pairAccess.ts).
 */

type BlockerServices = Pick<Services, 'boards' | 'blockers' | 'orgChart' | 'clock' | 'trendReader' | 'trendRecorder'>;

const PRIVATE = { 'Cache-Control': 'no-store' } as const;
const blockerParams = boardParams.extend({ line: blockerLineSchema });

export function getOpenBlockersHandler(services: BlockerServices): AuthenticatedHandler {
  return async (request, _context, caller) => {
    const params = parseRouteParams(request.params, pairParams);
    if (!params.ok) return params.response;
    const pair = { tenantId: caller.tenantId, ...params.value };
    const access = await checkPairAccess(services.orgChart, caller, pair);
    if (!access.ok) return access.response;
    const body: OpenBlockersResponse = { blockers: await openBlockersOfPair(services, pair, services.clock()) };
    return ok(body, PRIVATE);
  };
}

export function saveBlockerHandler(services: BlockerServices): AuthenticatedHandler {
  return async (request, context, caller) => {
    const params = parseRouteParams(request.params, blockerParams);
    if (!params.ok) return params.response;
    const body = await parseJsonBody(request, saveBlockerRequestSchema);
    if (!body.ok) return body.response;
    const { line, ...ref } = params.value;
    const key = { tenantId: caller.tenantId, ...ref };
    const access = await checkPairAccess(services.orgChart, caller, key);
    if (!access.ok) return access.response;
    const recap = (await services.boards.get(key))?.board.recap ?? null;
    if (!recap || !blockerLinesOf(recap).includes(line)) {
      return notFound('This recap line names no blocker: only a line tagged blocker can be marked resolved.');
    }

    const blocker = { occurrenceId: key.occurrenceId, line };
    for (let attempt = 1; attempt <= MAX_BOARD_WRITE_ATTEMPTS; attempt++) {
      const now = services.clock();
      const stored = await services.blockers.get(key, blocker);
      const decision = markBlocker(stored.resolution, body.value, { userId: caller.userId.toLowerCase(), now });
      const view = (resolution: BlockerResolution): Blocker =>
        blockerViewOf({ occurrenceId: key.occurrenceId, line, recap, resolution, now });
      if (decision.kind === 'conflict') return blockerConflict(view(decision.current));
      const response: BlockerResponse = { blocker: view(decision.resolution) };
      if (decision.kind === 'unchanged') return ok(response, PRIVATE);
      if ((await services.blockers.save(key, blocker, decision.resolution, stored.guard)) === 'saved') {
        await recordTrendSafely(context, 'blocker', () =>
          services.trendRecorder.recordOccurrence(key, key.occurrenceId),
        );
        return ok(response, PRIVATE);
      }
    }
    return serviceUnavailable('This blocker is very busy right now; it was not saved yet. Try again.', 1);
  };
}

function blockerConflict(current: Blocker): HttpResponseInit {
  const body: BlockerConflict = {
    error: { code: 'conflict', message: 'This changed since you last saw it; the current value is attached.' },
    current,
  };
  return { status: 409, jsonBody: body, headers: { ...PRIVATE } };
}
