import type { HomeStatus } from '../contract';

/** What is known about one occurrence's status request, for Home's line about it. */
export interface HomeStatusFacts {
  /** When the report's update was last written; null when there is none. */
  updatedAt: string | null;
  /** When a request (email or chat card) went out; null when none did. */
  askedAt: string | null;
  /** The manager has status requests on (by their own choice or by configuration). */
  requestsOn: boolean;
  startUtc: string;
  leadTimeMinutes: number;
  now: Date;
}

/** Where the status request of one occurrence stands, in words for whoever reads Home. */
export function homeStatusOf(facts: HomeStatusFacts): HomeStatus {
  if (facts.updatedAt) return { state: 'received', updatedAt: facts.updatedAt };
  if (facts.askedAt) return { state: 'asked', askedAt: facts.askedAt };
  if (!facts.requestsOn) return { state: 'notAsked', why: 'Status requests are off.' };
  const untilStart = Date.parse(facts.startUtc) - facts.now.getTime();
  if (untilStart <= 0) return { state: 'notAsked', why: 'No request went out before the 1:1 started.' };
  if (untilStart > facts.leadTimeMinutes * 60_000) {
    return { state: 'notAsked', why: `Goes out ${durationText(facts.leadTimeMinutes)} before the 1:1.` };
  }
  return { state: 'notAsked', why: 'Goes out within minutes.' };
}

/** A lead time in words: "24 hours", "1 hour", "90 minutes". */
export function durationText(minutes: number): string {
  if (minutes % 60 !== 0) return minutes === 1 ? '1 minute' : `${minutes} minutes`;
  const hours = minutes / 60;
  return hours === 1 ? '1 hour' : `${hours} hours`;
}
