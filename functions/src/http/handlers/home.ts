import type { Services } from '../../composition';
import { calendarOfCaller } from '../../application/callerOneOnOnes';
import { homeViewOf, type HomeServices } from '../../application/homeView';
import type { AuthenticatedHandler } from '../pipeline/authenticate';
import { ok } from '../pipeline/responses';

/**
 * GET me/home: the caller's coming 1:1s as manager and as report, each with its state in words, an ended one whose
 * recap is missing first; and whether the caller still has a first-run choice to make. Caller-only by construction:
 * the route names nobody, and the calendar is read with the caller's own permission.
 */
export function homeHandler(
  services: HomeServices & Pick<Services, 'clock' | 'calendar' | 'callerCalendar'>,
): AuthenticatedHandler {
  return async (request, _context, caller) => {
    const home = await homeViewOf(services, calendarOfCaller(services, request, caller), caller, services.clock());
    return home.ok ? ok(home.view) : home.response;
  };
}
