import { MAX_CAREER_GOAL_LENGTH, saveFieldRequestSchema, type SaveFieldResponse } from '../../contract';
import { applyCareerGoalEdit } from '../../domain/board';
import type { Services } from '../../composition';
import { partitionOf } from '../../store/boardStore';
import type { AuthenticatedHandler } from '../pipeline/authenticate';
import { MAX_BOARD_WRITE_ATTEMPTS } from '../../application/boardWrites';
import { checkPairAccess } from '../../application/pairAccess';
import { parseJsonBody, parseRouteParams } from '../pipeline/parse';
import { pairParams } from '../pipeline/promptBoardParams';
import { badRequest, conflict, forbidden, ok, serviceUnavailable } from '../pipeline/responses';

/**
 * PUT pairs/{managerId}/{reportId}/career-goal: the report's career goal, which belongs to the pair and carries from
 * meeting to meeting. Body and answers as for a board text field.
 */
export function saveCareerGoalHandler(
  services: Pick<Services, 'careerGoals' | 'orgChart' | 'clock'>,
): AuthenticatedHandler {
  return async (request, _context, caller) => {
    const params = parseRouteParams(request.params, pairParams);
    if (!params.ok) return params.response;
    const body = await parseJsonBody(request, saveFieldRequestSchema);
    if (!body.ok) return body.response;
    if (body.value.text.length > MAX_CAREER_GOAL_LENGTH) {
      return badRequest(`"text" must be at most ${MAX_CAREER_GOAL_LENGTH} characters for the career goal`, 'text');
    }
    const pair = params.value;
    const access = await checkPairAccess(services.orgChart, caller, pair);
    if (!access.ok) return access.response;

    const partition = partitionOf({ tenantId: caller.tenantId, ...pair });
    for (let attempt = 1; attempt <= MAX_BOARD_WRITE_ATTEMPTS; attempt++) {
      const stored = await services.careerGoals.get(partition);
      const decision = applyCareerGoalEdit(stored.field, {
        text: body.value.text,
        baseRevision: body.value.baseRevision,
        editorId: caller.userId,
        editorRole: access.role,
        now: services.clock(),
      });
      if (decision.kind === 'forbidden') return forbidden(decision.reason);
      if (decision.kind === 'conflict') return conflict(decision.current);
      const saved: SaveFieldResponse = { field: decision.field };
      if (!decision.changed) return ok(saved);
      if ((await services.careerGoals.save(partition, decision.field, stored.guard)) === 'saved') return ok(saved);
    }
    return serviceUnavailable('The career goal is very busy right now; it was not saved yet. Try again.', 1);
  };
}
