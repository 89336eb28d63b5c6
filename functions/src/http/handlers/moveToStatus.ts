import {
  appendStatusTextRequestSchema,
  MAX_STATUS_FIELD_LENGTH,
  STATUS_CLOSED_CODE,
  type AppendStatusTextResponse,
} from '../../contract';
import { appendToStatus } from '../../domain/statusMoves';
import type { Services } from '../../composition';
import type { AuthenticatedHandler } from '../pipeline/authenticate';
import { pauseBeforeRetry } from '../../application/boardWrites';
import { checkPairAccess } from '../../application/pairAccess';
import { parseJsonBody, parseRouteParams } from '../pipeline/parse';
import { badRequest, errorResponse, forbidden, notFound, ok, serviceUnavailable } from '../pipeline/responses';
import { boardParams } from '../pipeline/routeParams';

/** Two writers at most (the form and the panel, both the report's): a few re-reads always suffice. */
const MAX_MOVE_ATTEMPTS = 5;

/**
 * POST pairs/{managerId}/{reportId}/status/{occurrenceId}/moves: the status guard's "Move to status update" from the
 * side panel. Appends the report's words to one part of their status update (creating it), while the meeting has
 * not started: the same rule as the status form. The board keeps the words until this answers 200; the tab then
 * takes them off the board through the board's own save.
 */
export function moveToStatusHandler(
  services: Pick<Services, 'boards' | 'orgChart' | 'statusUpdates' | 'clock'>,
): AuthenticatedHandler {
  return async (request, _context, caller) => {
    const params = parseRouteParams(request.params, boardParams);
    if (!params.ok) return params.response;
    const body = await parseJsonBody(request, appendStatusTextRequestSchema);
    if (!body.ok) return body.response;

    const access = await checkPairAccess(services.orgChart, caller, params.value);
    if (!access.ok) return access.response;
    if (access.role !== 'report')
      return forbidden('The written status update is the report’s: only they can move words into it.');

    const key = { tenantId: caller.tenantId, ...params.value };
    // The board knows the meeting's start (the side panel opened it from the calendar); no board, no meeting.
    const board = await services.boards.get(key);
    if (!board) return notFound('There is no board for this meeting occurrence yet. Open it from the meeting.');
    const start = board.board.meeting?.start;
    if (!start || services.clock().getTime() >= Date.parse(start)) {
      return errorResponse(
        409,
        STATUS_CLOSED_CODE,
        'Your 1:1 has started, so the status update can no longer be changed. Your words stay on the board.',
      );
    }

    const move = { id: body.value.moveId, section: body.value.section, text: body.value.text };
    for (let attempt = 1; attempt <= MAX_MOVE_ATTEMPTS; attempt++) {
      if (attempt > 1) await pauseBeforeRetry(attempt);
      const stored = await services.statusUpdates.read(key);
      const decision = appendToStatus(stored?.update.fields ?? null, stored?.appliedMoves ?? [], move);
      if (decision.kind === 'alreadyApplied' && stored) {
        const answer: AppendStatusTextResponse = { update: stored.update, applied: false };
        return ok(answer);
      }
      if (decision.kind === 'tooLong') {
        return badRequest(
          `"${decision.section}" would be ${decision.length} characters; a status part holds at most ${MAX_STATUS_FIELD_LENGTH}. Your words stay on the board.`,
          decision.section,
        );
      }
      if (decision.kind !== 'appended') continue;
      // The same guarded write the form and the card go through: the appended part is stamped as changed on the board.
      const outcome = await services.statusUpdates.write(key, decision, stored, services.clock(), 'board');
      if (outcome.kind === 'written') {
        const answer: AppendStatusTextResponse = { update: outcome.update, applied: true };
        return ok(answer);
      }
    }
    return serviceUnavailable('The status update is busy right now; your words stay on the board. Try again.', 1);
  };
}
