import type { InvocationContext } from '@azure/functions';
import type { MeetingSummary } from '../../contract';
import { emptyBoard } from '../../domain/board';
import { meetingChatIdFromJoinUrl, type CalendarEvent } from '../../domain/calendar';
import { chooseOccurrence } from '../../domain/occurrences';
import { boardOccurrenceIdOf, sameMeetingLink } from '../../domain/seriesIdentity';
import { detectOneOnOne, type NotOneOnOneReason, type OneOnOneDecision } from '../../domain/oneOnOnes';
import { roleInPair } from '../../domain/pairs';
import { orgChartFactsAround } from '../../graph/orgChartGateway';
import type { Services } from '../../composition';
import type { AuthenticatedHandler } from '../pipeline/authenticate';
import { boardViewOf } from '../../application/boardView';
import { openBoard, type BoardDataServices } from '../../application/pairBoardData';
import { fromGraph, UpstreamFailure } from '../pipeline/errors';
import { bearerTokenOf } from '../../auth/tokenValidator';
import { delegatedAccessAnswer } from '../pipeline/delegatedAccess';
import { parseRouteParams } from '../pipeline/parse';
import { notFound, ok } from '../pipeline/responses';
import { meetingBoardParams } from '../pipeline/routeParams';
import { rememberMeetingChatSafely } from '../../application/recapChat';

/** How far around "now" a meeting chat is looked up in the caller's calendar. */
export const LOOK_BACK_MS = 12 * 3600_000;
export const LOOK_AHEAD_MS = 14 * 24 * 3600_000;

const NOT_A_ONE_ON_ONE: Record<NotOneOnOneReason, string> = {
  cancelled: 'This meeting is cancelled.',
  allDay: 'All-day events do not get a Candor board.',
  notTwoPeople: 'Candor boards are for 1:1s, and this meeting does not have exactly two people.',
  optionalAttendee: 'Candor boards are for 1:1s where both people are required attendees.',
  declined: 'One of you declined this meeting.',
  notManagerAndReport:
    'Candor boards are for 1:1s between a manager and a direct report, and the directory does not show that for this meeting.',
};

interface Candidate {
  event: CalendarEvent;
  decision: OneOnOneDecision;
  startUtc: string;
  endUtc: string;
}

/**
 * The caller's events of the meeting this chat belongs to. A long join link names the chat itself; a short one
 * (`/meet/<id>?p=…`) does not, so the chat's own onlineMeetingInfo (Graph, app-only with the chat's
 * resource-specific consent) says which join link is this chat's meeting. Graph is asked only when no event
 * names the chat and some event has a link that names no chat; a chat Graph will not describe matches nothing.
 */
async function eventsOfChat(
  services: Pick<Services, 'teamsMeetings'>,
  chatId: string,
  events: readonly CalendarEvent[],
  context: InvocationContext,
): Promise<CalendarEvent[]> {
  const named = events.filter((e) => meetingChatIdFromJoinUrl(e.joinUrl) === chatId);
  if (named.length > 0 || !services.teamsMeetings) return named;
  const unnamed = events.filter((e) => e.joinUrl && !meetingChatIdFromJoinUrl(e.joinUrl));
  if (unnamed.length === 0) return [];
  let joinWebUrl: string | null;
  try {
    joinWebUrl = (await services.teamsMeetings.meetingOfChat(chatId))?.joinWebUrl ?? null;
  } catch (error) {
    const status = statusOf(error);
    // Not a chat Graph shows Candor (not installed there, or no such chat): no meeting of it, as for an unknown chat.
    if (status === 403 || status === 404) {
      context.warn(`${context.functionName}: the chat's meeting could not be read (status ${status})`);
      return [];
    }
    throw new UpstreamFailure('Microsoft Graph could not be reached to read this chat. Try again in a moment.', {
      cause: error,
    });
  }
  return joinWebUrl ? unnamed.filter((e) => sameMeetingLink(e.joinUrl, joinWebUrl)) : [];
}

function statusOf(error: unknown): number | undefined {
  return typeof error === 'object' && error !== null && 'statusCode' in error && typeof error.statusCode === 'number'
    ? error.statusCode
    : undefined;
}

/**
 * GET meetings/{chatId}/board: the board of the meeting whose chat the tab was opened in. The meeting is found in
 * the caller's own calendar (app-only Graph), the occurrence in progress or else the next (else the latest past) is
 * chosen, and it must be a 1:1 of the caller with their manager or a direct report. The board is created on first
 * open. Occurrence ids hash the series identity (domain/seriesIdentity.ts: the chat thread id of a long link, the
 * meeting id of a short one), which (unlike event ids) is the same in both people's calendars.
 */
export function getMeetingBoardHandler(
  services: Pick<
    Services,
    'boards' | 'orgChart' | 'calendar' | 'callerCalendar' | 'clock' | 'statusUpdates' | 'meetingChats' | 'teamsMeetings'
  > &
    BoardDataServices,
): AuthenticatedHandler {
  return async (request, context, caller) => {
    const params = parseRouteParams(request.params, meetingBoardParams);
    if (!params.ok) return params.response;
    const { chatId } = params.value;

    const now = services.clock();
    // The caller's own calendar with THEIR permission (On-Behalf-Of, their token as the assertion), not app-only.
    const assertion = bearerTokenOf(request.headers.get('authorization'));
    const calendar =
      services.callerCalendar && assertion ? services.callerCalendar(caller, assertion) : services.calendar;
    let events: CalendarEvent[];
    try {
      events = await fromGraph('your calendar', () =>
        calendar.eventsBetween(
          caller.userId,
          new Date(now.getTime() - LOOK_BACK_MS),
          new Date(now.getTime() + LOOK_AHEAD_MS),
        ),
      );
    } catch (error) {
      // Consent, Conditional Access or an unreachable mailbox: the one shared answer the tab knows (pipeline).
      const refused = delegatedAccessAnswer(error, 'your calendar');
      if (refused) return refused;
      throw error;
    }
    const inChat = await eventsOfChat(services, chatId, events, context);
    if (inChat.length === 0) {
      return notFound("This chat's meeting is not in your calendar between 12 hours ago and 14 days from now.");
    }

    const facts = await fromGraph('the org chart', () => orgChartFactsAround(services.orgChart, caller.userId));
    const candidates: Candidate[] = inChat.map((event) => ({
      event,
      decision: detectOneOnOne(event, facts),
      startUtc: event.startUtc,
      endUtc: event.endUtc,
    }));
    // Prefer an occurrence that is a 1:1 (a cancelled one in between must not hide the next real one).
    const chosen = chooseOccurrence(
      candidates.filter((c) => c.decision.kind === 'oneOnOne'),
      now,
    );
    if (!chosen || chosen.decision.kind !== 'oneOnOne') {
      const nearest = chooseOccurrence(candidates, now);
      const reason = nearest?.decision.kind === 'notOneOnOne' ? nearest.decision.reason : 'notManagerAndReport';
      return notFound(NOT_A_ONE_ON_ONE[reason]);
    }
    const { pair, manager, report } = chosen.decision;
    const role = roleInPair(pair, caller.userId);
    if (!role) return notFound(NOT_A_ONE_ON_ONE.notManagerAndReport);

    const { event } = chosen;
    const meeting: MeetingSummary = { subject: event.subject, start: event.startUtc, end: event.endUtc };
    // A long link's series identity is this chat's id, as it always was; a short link's is its meeting id.
    const ref = { ...pair, occurrenceId: boardOccurrenceIdOf(event) };
    const key = { tenantId: caller.tenantId, ...ref };
    const stored = (await services.boards.get(key)) ?? (await services.boards.create(key, emptyBoard(meeting)));
    // An assistant who booked it is in this chat: noted (as the scan does, which may never see it) before the chat
    // is recorded, and unguarded, so the recap can never reach a chat with someone besides the pair.
    if (chosen.decision.othersInChat) await services.meetingChats.noteOthersInChat(key);
    // The bot posts the recap into this chat later; the board itself keeps only a hash of it.
    await rememberMeetingChatSafely(services, key, chatId, context);

    // The detection already has both people's names from the directory.
    const participants = {
      manager: { id: pair.managerId, displayName: manager.displayName },
      report: { id: pair.reportId, displayName: report.displayName },
    };
    const { board, pairData } = await openBoard(services, key, stored);
    return ok(
      await boardViewOf(services.orgChart, {
        ref,
        caller,
        role,
        board,
        meeting,
        participants,
        statusUpdates: services.statusUpdates,
        now,
        pairData,
      }),
    );
  };
}
