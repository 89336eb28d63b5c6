import type { DelegatingCaller, OnBehalfOf } from '../auth/onBehalfOf';
import { createGraphCalendarGateway, type CalendarGateway } from './calendarGateway';
import { createGraphClient } from './graphClient';

/**
 * The caller's OWN calendar, read with their delegated permission (On-Behalf-Of), for requests a person makes:
 * opening the board of the meeting they are in. Graph then enforces what Candor promises: a person's request can
 * only read that person's calendar, whatever id a bug or an attacker put in the path. Timers have no person and
 * keep app-only access (graphClient.ts createAppCredential), scoped by Exchange to the enrolled people.
 */
export type CallerCalendar = (caller: DelegatingCaller, assertion: string) => CalendarGateway;

/** Least privilege: reading one's own calendar needs nothing more than Calendars.Read. */
export const CALLER_CALENDAR_SCOPES = ['https://graph.microsoft.com/Calendars.Read'] as const;

export function createCallerCalendar(graphBaseUrl: string, onBehalfOf: OnBehalfOf): CallerCalendar {
  return (caller, assertion) =>
    createGraphCalendarGateway(
      createGraphClient(graphBaseUrl, onBehalfOf.credentialFor(caller, assertion, CALLER_CALENDAR_SCOPES)),
    );
}
