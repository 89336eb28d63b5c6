import type { DelegatingCaller, OnBehalfOf } from '../auth/onBehalfOf';
import { createGraphCalendarGateway, type CalendarGateway } from './calendarGateway';
import { createGraphClient } from './graphClient';

/**
 * The caller's OWN calendar, read with their delegated permission (On-Behalf-Of), for requests a person makes:
 * opening the board of the meeting they are in. Graph then enforces what Candor promises: a person's request can
 * only read that person's calendar, whatever id a bug or an attacker put in the path. Timers have no person and
 * keep app-only access (graphClient.ts createAppCredential), scoped by Exchange to the enrolled people.
 */
export type CallerCalendar = (caller: DelegatingCaller, assertion: string) => DelegatedCalendar;

/**
 * The caller's calendar, and the check of their delegated access alone: Entra ID exchanges their token (consent,
 * Conditional Access) without Graph reading anything, for opens that need no calendar read but must still be
 * refused exactly as one would be.
 */
export interface DelegatedCalendar extends CalendarGateway {
  confirmAccess(): Promise<void>;
}

/** Least privilege: reading one's own calendar needs nothing more than Calendars.Read. */
export const CALLER_CALENDAR_SCOPES = ['https://graph.microsoft.com/Calendars.Read'] as const;

export function createCallerCalendar(graphBaseUrl: string, onBehalfOf: OnBehalfOf): CallerCalendar {
  return (caller, assertion) => {
    const credential = onBehalfOf.credentialFor(caller, assertion, CALLER_CALENDAR_SCOPES);
    return {
      ...createGraphCalendarGateway(createGraphClient(graphBaseUrl, credential)),
      // msal keeps the exchanged token per assertion, so only the first check of a tab token reaches Entra ID.
      async confirmAccess() {
        await credential.getToken([...CALLER_CALENDAR_SCOPES]);
      },
    };
  };
}
