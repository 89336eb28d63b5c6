import type { Services } from '../../composition';
import { checkPairAccess } from '../../application/pairAccess';
import { calendarOfCaller, oneOnOnesOf, readCallerCalendar } from '../../application/callerOneOnOnes';
import { occurrenceBoardView, type OccurrenceBoardServices } from '../../application/occurrenceBoard';
import { originalStartOfOccurrenceId } from '../../domain/occurrences';
import { orgChartFactsAround } from '../../graph/orgChartGateway';
import type { AuthenticatedHandler } from '../pipeline/authenticate';
import { fromGraph } from '../pipeline/errors';
import { parseRouteParams } from '../pipeline/parse';
import { notFound, ok } from '../pipeline/responses';
import { boardParams } from '../pipeline/routeParams';

/** How far from its original start an occurrence may have been moved and still be found. */
export const MOVED_WITHIN_MS = 7 * 24 * 3600_000;

const NOT_FOUND =
  'This 1:1 is not in your calendar: no meeting of yours within a week of that time is this 1:1 between you two.';

/**
 * POST pairs/{managerId}/{reportId}/boards/{occurrenceId}/open: opens (creating on first open) the board of one
 * occurrence outside any meeting — Home's full-width board, and the board of a 1:1 without a Teams meeting. Nothing
 * is stored to check it against: the occurrence id carries its original start, so the caller's own calendar around
 * that time must hold an event whose board id it is and which is this pair's 1:1 (detectOneOnOne).
 */
export function openOccurrenceBoardHandler(
  services: OccurrenceBoardServices & Pick<Services, 'clock' | 'calendar' | 'callerCalendar'>,
): AuthenticatedHandler {
  return async (request, _context, caller) => {
    const params = parseRouteParams(request.params, boardParams);
    if (!params.ok) return params.response;
    const access = await checkPairAccess(services.orgChart, caller, params.value);
    if (!access.ok) return access.response;
    const { managerId, reportId, occurrenceId } = params.value;
    const originalStart = originalStartOfOccurrenceId(occurrenceId);
    if (!originalStart) return notFound(NOT_FOUND);

    const calendar = calendarOfCaller(services, request, caller);
    const around = originalStart.getTime();
    const [read, facts] = await Promise.all([
      readCallerCalendar(calendar, caller, new Date(around - MOVED_WITHIN_MS), new Date(around + MOVED_WITHIN_MS)),
      fromGraph('the org chart', () => orgChartFactsAround(services.orgChart, caller.userId)),
    ]);
    if (!read.ok) return read.response;
    const found = oneOnOnesOf(read.events, facts, caller.userId).find(
      (o) => o.ref.occurrenceId === occurrenceId && o.pair.managerId === managerId && o.pair.reportId === reportId,
    );
    if (!found) return notFound(NOT_FOUND);
    return ok(await occurrenceBoardView(services, caller, found, services.clock()));
  };
}
