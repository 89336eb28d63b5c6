import type { HttpResponseInit, InvocationContext } from '@azure/functions';
import type { Caller } from '../../auth/tokenValidator';
import { oneOnOnesOfResolution, resolutionOf, type BoardOccurrence } from '../../application/meetingResolution';
import type { MeetingResolution } from '../../store/meetingResolutionStore';
import { meetingChatIdFromJoinUrl, type CalendarEvent } from '../../domain/calendar';
import { chooseOccurrence, latestEnded } from '../../domain/occurrences';
import { sameMeetingLink } from '../../domain/seriesIdentity';
import { detectOneOnOne, type NotOneOnOneReason, type OneOnOneDecision } from '../../domain/oneOnOnes';
import { orgChartFactsAround } from '../../graph/orgChartGateway';
import type { Services } from '../../composition';
import type { AuthenticatedHandler } from '../pipeline/authenticate';
import type { BoardDataServices } from '../../application/pairBoardData';
import {
  afterMeetingOf,
  calendarOfCaller,
  confirmCallerAccess,
  LOOK_AHEAD_MS,
  LOOK_BACK_MS,
  lookupWindow,
  oneOnOnesOf,
  readCallerCalendar,
  withNextOccurrences,
} from '../../application/callerOneOnOnes';
import { occurrenceBoardView } from '../../application/occurrenceBoard';
import { fromGraph, UpstreamFailure } from '../pipeline/errors';
import { parseRouteParams } from '../pipeline/parse';
import { notFound, ok } from '../pipeline/responses';
import { meetingBoardParams } from '../pipeline/routeParams';
import { rememberMeetingChatSafely } from '../../application/recapChat';

const DAYS = 24 * 3600_000;
const NOT_IN_CALENDAR = `This chat's meeting is not in your calendar between ${LOOK_BACK_MS / DAYS} days ago and ${
  LOOK_AHEAD_MS / DAYS
} days from now.`;

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
    | 'boards'
    | 'orgChart'
    | 'calendar'
    | 'callerCalendar'
    | 'clock'
    | 'statusUpdates'
    | 'meetingChats'
    | 'teamsMeetings'
    | 'enrolments'
    | 'statusRequests'
    | 'meetingResolutions'
  > &
    BoardDataServices,
): AuthenticatedHandler {
  type Occurrence = BoardOccurrence & { startUtc: string; endUtc: string };
  const withTimes = (found: readonly BoardOccurrence[]): Occurrence[] =>
    found.map((o) => ({ ...o, startUtc: o.event.startUtc, endUtc: o.event.endUtc }));

  /** The board of the occurrence to show among the chat's 1:1 occurrences; null when none is to be shown. */
  const boardAmong = async (
    oneOnOnes: Occurrence[],
    chatId: string,
    caller: Caller,
    now: Date,
    context: InvocationContext,
  ): Promise<HttpResponseInit | null> => {
    const afterMeeting = await afterMeetingOf(services, caller.tenantId, oneOnOnes, now);
    const chosen = chooseOccurrence(oneOnOnes, now, afterMeeting);
    if (!chosen) return null;
    // A long link's series identity is this chat's id, as it always was; a short link's is its meeting id.
    // Once the next one comes first, the one that ended without a recap is still named, for Last time to offer it.
    const ended = latestEnded(oneOnOnes, now);
    const recapMissingOn =
      ended && ended !== chosen && afterMeeting?.recapMissing(ended)
        ? { occurrenceId: ended.ref.occurrenceId, meetingStart: ended.startUtc }
        : null;
    const view = await occurrenceBoardView(services, caller, chosen, now, {
      recapMissingOn,
      beforeView: async (key) => {
        // An assistant who booked it is in this chat: noted (as the scan does, which may never see it) before the chat
        // is recorded, and unguarded, so the recap can never reach a chat with someone besides the pair.
        if (chosen.othersInChat) await services.meetingChats.noteOthersInChat(key);
        // The bot posts the recap into this chat later; the board itself keeps only a hash of it.
        await rememberMeetingChatSafely(services, key, chatId, context);
      },
    });
    return ok(view);
  };

  return async (request, context, caller) => {
    const params = parseRouteParams(request.params, meetingBoardParams);
    if (!params.ok) return params.response;
    const { chatId } = params.value;
    const now = services.clock();
    const orgChartFacts = () => fromGraph('the org chart', () => orgChartFactsAround(services.orgChart, caller.userId));

    // The chat as resolved before: its occurrences without a calendar read, while the directory still agrees.
    const kept = await services.meetingResolutions.get(caller.tenantId, chatId);
    const fromKept = kept ? oneOnOnesOfResolution(kept, await orgChartFacts(), caller, now) : null;
    if (fromKept) {
      const refused = await confirmCallerAccess(services, request, caller);
      if (refused) return refused;
      const answer = await boardAmong(withTimes(fromKept), chatId, caller, now, context);
      if (answer) return answer;
    }

    const calendar = calendarOfCaller(services, request, caller);
    const window = lookupWindow(now);
    const read = await readCallerCalendar(calendar, caller, window.start, window.end);
    if (!read.ok) return read.response;
    const named = await eventsOfChat(services, chatId, read.events, context);
    if (named.length === 0) return notFound(NOT_IN_CALENDAR);
    // A series whose next occurrence lies past the window (a monthly 1:1 far ahead): its instances, and only then.
    const inChat = await withNextOccurrences(calendar, caller, named, now);

    const facts = await orgChartFacts();
    // Prefer an occurrence that is a 1:1 (a cancelled one in between must not hide the next real one); one that
    // ended without a recap stays first until the next one's lead time begins (domain/occurrences).
    const found = oneOnOnesOf(inChat, facts, caller.userId);
    await keepResolution(services, caller.tenantId, chatId, resolutionOf(found, now), context);
    const answer = await boardAmong(withTimes(found), chatId, caller, now, context);
    if (answer) return answer;
    const candidates: Candidate[] = inChat.map((event) => ({
      event,
      decision: detectOneOnOne(event, facts),
      startUtc: event.startUtc,
      endUtc: event.endUtc,
    }));
    const nearest = chooseOccurrence(candidates, now);
    const reason = nearest?.decision.kind === 'notOneOnOne' ? nearest.decision.reason : 'notManagerAndReport';
    return notFound(NOT_A_ONE_ON_ONE[reason]);
  };
}

/** Keeps (or, when there is nothing to keep, forgets) the chat's resolution; a failure costs only the next open. */
async function keepResolution(
  services: Pick<Services, 'meetingResolutions'>,
  tenantId: string,
  chatId: string,
  resolution: MeetingResolution | null,
  context: InvocationContext,
): Promise<void> {
  try {
    if (resolution) await services.meetingResolutions.put(tenantId, chatId, resolution);
    else await services.meetingResolutions.forget(tenantId, chatId);
  } catch (error) {
    context.warn(
      `${context.functionName}: the chat's resolution was not kept (${error instanceof Error ? error.name : 'error'})`,
    );
  }
}
