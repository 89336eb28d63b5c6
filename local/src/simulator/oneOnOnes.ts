import type { TenantSeed } from './types';
import { meetingChatIdOf } from './ids';

/** A manager–report 1:1 Teams meeting, as the local host page lists them to open. */
export interface OneOnOneMeeting {
  chatId: string;
  /** What Teams gives a meeting app as `context.meeting.id`: base64 of `0#{chatId}#0`. */
  meetingId: string;
  subject: string;
  managerId: string;
  reportId: string;
  /** Seed key of the meeting (series). */
  meetingKey: string;
}

export function teamsMeetingId(chatId: string): string {
  return Buffer.from(`0#${chatId}#0`).toString('base64');
}

/**
 * The tenant's 1:1s: Teams meetings whose only people are a user and their direct manager (rooms aside), whoever
 * organized them. Derived from the seed so the host page and the calendar can never disagree.
 */
export function oneOnOnes(seed: TenantSeed): OneOnOneMeeting[] {
  const managerOf = new Map(seed.users.map((u) => [u.id, u.managerId]));
  const found: OneOnOneMeeting[] = [];
  for (const meeting of seed.meetings) {
    const chatId = meetingChatIdOf(meeting);
    if (!chatId) continue;
    const people = [
      meeting.organizerId,
      ...meeting.attendees.filter((a) => a.type !== 'resource' && a.userId).map((a) => a.userId ?? ''),
    ];
    const unique = [...new Set(people)];
    if (unique.length !== 2) continue;
    const [a, b] = unique as [string, string];
    const pair =
      managerOf.get(b) === a
        ? { managerId: a, reportId: b }
        : managerOf.get(a) === b
          ? { managerId: b, reportId: a }
          : undefined;
    if (pair)
      found.push({
        chatId,
        meetingId: teamsMeetingId(chatId),
        subject: meeting.subject,
        ...pair,
        meetingKey: meeting.key,
      });
  }
  return found;
}
