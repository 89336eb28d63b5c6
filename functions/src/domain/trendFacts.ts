import type { CommitmentStatus, MeetingOutcome, Month, OccurrenceId, RatingValue } from '../contract';

/*
 * The raw material of monthly trends. Every figure of a month is derived (domain/trends.ts) from facts that are
 * *set*, never added: one fact per occurrence, one load per week. Setting the same fact twice changes nothing, so a
 * retried recap, a re-run timer or a rebuild can never double-count, and a rebuild from the stored boards gives the
 * same numbers as the incremental path because both derive each fact with the same function.
 */

/** What one scheduled 1:1 contributes to its month. Numbers and flags only; no text anybody typed. */
export interface MeetingFact {
  occurrenceId: OccurrenceId;
  /** The meeting's start (as the board or the calendar saw it), ISO UTC. Its UTC month is the fact's month. */
  start: string;
  outcome: MeetingOutcome;
  /**
   * How energized / how drained the week felt, as rated (null: not stated, which is all a board saved before these
   * ratings existed can say). Whether the "energizing" or "draining" box holds text is deliberately not a fact.
   */
  energy: RatingValue | null;
  drain: RatingValue | null;
  mood: RatingValue | null;
  lifeLoad: RatingValue | null;
  careerPulse: RatingValue | null;
  recognition: boolean;
  statusNudges: number;
  statusRequested: boolean;
  statusAnswered: boolean;
  blockerNamed: boolean;
  supportNeedNamed: boolean;
  /** When the recap was saved (null: none). */
  recapSavedAt: string | null;
  /**
   * The recap's blocker lines (0, 1) nobody has marked resolved yet: a blocker stays open until then. Absent in
   * facts recorded before resolutions were kept; `npm run trends:rebuild` derives it for those.
   */
  openBlockerLines?: number[];
}

/** The calendar's record that a pair's 1:1 occurred (written by the daily trends job from the manager's calendar). */
export interface ScheduledOccurrence {
  occurrenceId: OccurrenceId;
  start: string;
  end: string;
  cancelled: boolean;
}

/** Whether the report was asked for a written status before this 1:1, and whether they answered. */
export interface StatusFacts {
  requested: boolean;
  answered: boolean;
}

/** One week of the report's calendar (counts only). `weekStart` is the Monday, YYYY-MM-DD, in the report's zone. */
export interface WeekLoad {
  weekStart: string;
  meetings: number;
  meetingHours: number;
  afterHoursMeetings: number;
  /**
   * Of those, booked under 24 hours ahead, and starting in the evening or on a day off (domain/calendarLoad.ts).
   * Absent in weeks recorded before they were counted, which read as 0.
   */
  shortNoticeAfterHours?: number;
  eveningOrWeekend?: number;
}

/** A commitment as trends keep it: enough for opened/done per month, age and overdue. */
export interface CommitmentFact {
  id: string;
  text: string;
  createdIn: OccurrenceId;
  createdAt: string;
  dueDate: string | null;
  status: CommitmentStatus;
  closedAt: string | null;
  fromSupportAsk: boolean;
}

/** What the monthly table keeps per pair and month. */
export interface MonthRecord {
  month: Month;
  facts: Record<OccurrenceId, MeetingFact>;
  /** Keyed by `weekStart`; a week belongs to the month its Monday falls in. */
  weeks: Record<string, WeekLoad>;
}
