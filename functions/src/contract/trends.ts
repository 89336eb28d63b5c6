import { z } from 'zod';
import { objectIdSchema, occurrenceIdSchema } from './ids';
import { NOT_SHARED, personSchema } from './board';
import { dueDateSchema } from './commitments';

/*
 * Monthly trends. What a manager sees per direct report, and what a report sees of themself. Numbers
 * only, and only what a person stated: Candor never scores the words people type (no sentiment analysis) and never
 * reads meaning into a box left empty, so energy, drain, mood, life load and career pulse are the report's own 1–5
 * ratings, and "support asked" is the recap lines the pair tagged as a support need.
 */

/** A calendar month, e.g. 2026-11 (months are UTC months of the meeting's original start). */
export const monthSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month like 2026-11');
export type Month = z.infer<typeof monthSchema>;

/** How many months a trend answer covers when the request names none, and the most it may ask for. */
export const DEFAULT_TREND_MONTHS = 12;
export const MAX_TREND_MONTHS = 24;

/** `?months=` on every trend read: 1–24, default 12. */
export const trendQuerySchema = z.strictObject({
  months: z.coerce
    .number({ error: 'must be a whole number of months' })
    .int('must be a whole number of months')
    .min(1, 'must be at least 1')
    .max(MAX_TREND_MONTHS, `must be at most ${MAX_TREND_MONTHS}`)
    .default(DEFAULT_TREND_MONTHS),
});
export type TrendQuery = z.infer<typeof trendQuerySchema>;

export const MEETING_OUTCOMES = ['held', 'skipped', 'cancelled'] as const;
export const meetingOutcomeSchema = z.enum(MEETING_OUTCOMES);
export type MeetingOutcome = z.infer<typeof meetingOutcomeSchema>;

/**
 * A rating over a month: the average of the numeric answers; "prefer not to say" is counted apart and never
 * becomes a number. `average` is null when there was no numeric answer (not stated: never shown as a zero).
 * `ratedIn` names the 1:1s whose numeric answer the average rests on, in meeting order: what a signal links to.
 */
export const ratingSummarySchema = z.object({
  average: z.number().nullable(),
  answered: z.number().int().nonnegative(),
  preferNot: z.number().int().nonnegative(),
  ratedIn: z.array(occurrenceIdSchema),
});
export type RatingSummary = z.infer<typeof ratingSummarySchema>;

/** In the manager's view, a rating the report chose not to share is the word `notShared`, nothing else. */
export const sharedRatingSummarySchema = z.union([ratingSummarySchema, z.literal(NOT_SHARED)]);
export type SharedRatingSummary = z.infer<typeof sharedRatingSummarySchema>;

/** Calendar load of the report (counts only, never subjects): summed over the weeks that begin in the month. */
export const calendarLoadSchema = z.object({
  weeks: z.number().int().nonnegative(),
  meetingHours: z.number().nonnegative(),
  meetings: z.number().int().nonnegative(),
  afterHoursMeetings: z.number().int().nonnegative(),
  /** After-hours meetings booked under 24 hours ahead: the scrambles. */
  shortNoticeAfterHours: z.number().int().nonnegative(),
  /** Meetings starting at or after the working day's end, or on a day off, in the report's zone. */
  eveningOrWeekendMeetings: z.number().int().nonnegative(),
});
export type CalendarLoad = z.infer<typeof calendarLoadSchema>;

/** One 1:1 behind a month's figures; what a signal links to. */
export const meetingRefSchema = z.object({
  occurrenceId: occurrenceIdSchema,
  start: z.iso.datetime(),
  outcome: meetingOutcomeSchema,
});
export type MeetingRef = z.infer<typeof meetingRefSchema>;

export const monthTrendSchema = z.object({
  month: monthSchema,
  /** Every 1:1 the calendar had (held + skipped + cancelled). */
  scheduled: z.number().int().nonnegative(),
  held: z.number().int().nonnegative(),
  skipped: z.number().int().nonnegative(),
  cancelled: z.number().int().nonnegative(),
  /** How energized / how drained the weeks felt, as the report rated them (a board without the rating is not stated). */
  energy: sharedRatingSummarySchema,
  drain: sharedRatingSummarySchema,
  mood: sharedRatingSummarySchema,
  lifeLoad: sharedRatingSummarySchema,
  careerPulse: ratingSummarySchema,
  recognitions: z.number().int().nonnegative(),
  statusNudges: z.number().int().nonnegative(),
  /** statusNudges / held; null with no 1:1 held. */
  nudgesPerMeeting: z.number().nonnegative().nullable(),
  statusRequested: z.number().int().nonnegative(),
  statusAnswered: z.number().int().nonnegative(),
  blockersNamed: z.number().int().nonnegative(),
  /** Support asked: 1:1s whose recap has a line the pair tagged "support need" (a statement, not a filled-in box). */
  supportNeedsNamed: z.number().int().nonnegative(),
  /** Commitments (support given) made and closed as done in the month. */
  commitmentsOpened: z.number().int().nonnegative(),
  commitmentsDone: z.number().int().nonnegative(),
  /** null: the report switched calendar load off, or no week of it was read. */
  calendar: calendarLoadSchema.nullable(),
  meetings: z.array(meetingRefSchema),
});
export type MonthTrend = z.infer<typeof monthTrendSchema>;

export const openCommitmentSchema = z.object({
  id: z.string(),
  text: z.string(),
  createdIn: occurrenceIdSchema,
  createdAt: z.iso.datetime(),
  dueDate: dueDateSchema.nullable(),
  fromSupportAsk: z.boolean(),
  ageDays: z.number().int().nonnegative(),
  overdue: z.boolean(),
});
export type OpenCommitment = z.infer<typeof openCommitmentSchema>;

/** A blocker named in a recap stays open until either person marks it resolved; past BLOCKER_REVIEW_DAYS it is overdue. */
export const BLOCKER_REVIEW_DAYS = 21;
export const openBlockerSchema = z.object({
  occurrenceId: occurrenceIdSchema,
  /** Which recap line (0, 1) names it. */
  line: z.number().int().min(0).max(1),
  namedAt: z.iso.datetime(),
  ageDays: z.number().int().nonnegative(),
  overdue: z.boolean(),
});
export type OpenBlocker = z.infer<typeof openBlockerSchema>;

export const SIGNAL_KINDS = [
  'energyFalling',
  'drainRising',
  'moodFalling',
  'lifeLoadHighEnergyFalling',
  'openPastDue',
  'skippedRepeatedly',
  'statusDriftRising',
  'afterHoursRising',
] as const;
export const signalKindSchema = z.enum(SIGNAL_KINDS);
export type SignalKind = z.infer<typeof signalKindSchema>;

/** An early signal: what fired, why (the numbers, in words), the months it read and the 1:1s behind it. */
export const signalSchema = z.object({
  kind: signalKindSchema,
  title: z.string(),
  why: z.string(),
  months: z.array(monthSchema),
  occurrenceIds: z.array(occurrenceIdSchema),
});
export type Signal = z.infer<typeof signalSchema>;

/** The report's choices about their trends. Defaults: everything shared, calendar load counted. */
export const trendSharingSchema = z.object({
  shareMood: z.boolean(),
  shareLifeLoad: z.boolean(),
  shareEnergy: z.boolean(),
  shareDrain: z.boolean(),
  calendarLoad: z.boolean(),
});
export type TrendSharing = z.infer<typeof trendSharingSchema>;
export const DEFAULT_TREND_SHARING: TrendSharing = {
  shareMood: true,
  shareLifeLoad: true,
  shareEnergy: true,
  shareDrain: true,
  calendarLoad: true,
};

/**
 * Sharing as stored before a choice existed: a missing choice reads as its default, as a row written before the
 * choice existed means (never as "not shared", never as a failed read).
 */
export const storedTrendSharingSchema = z.object({
  shareMood: z.boolean().default(DEFAULT_TREND_SHARING.shareMood),
  shareLifeLoad: z.boolean().default(DEFAULT_TREND_SHARING.shareLifeLoad),
  shareEnergy: z.boolean().default(DEFAULT_TREND_SHARING.shareEnergy),
  shareDrain: z.boolean().default(DEFAULT_TREND_SHARING.shareDrain),
  calendarLoad: z.boolean().default(DEFAULT_TREND_SHARING.calendarLoad),
});

/**
 * PUT body of the report's sharing choices: every choice, nothing else. A body missing one is refused rather than
 * defaulted, so an older tab that does not know a choice can never turn a "not shared" back into "shared".
 */
export const saveTrendSharingRequestSchema = z.strictObject({
  shareMood: z.boolean(),
  shareLifeLoad: z.boolean(),
  shareEnergy: z.boolean(),
  shareDrain: z.boolean(),
  calendarLoad: z.boolean(),
});
export type SaveTrendSharingRequest = z.infer<typeof saveTrendSharingRequestSchema>;

export const trendSharingResponseSchema = z.object({ sharing: trendSharingSchema });
export type TrendSharingResponse = z.infer<typeof trendSharingResponseSchema>;

/** One pair's trend over the window, oldest month first, as one viewer may see it. */
export const pairTrendSchema = z.object({
  manager: personSchema,
  report: personSchema,
  /** Whose eyes this is filtered for: the manager's view omits what the report did not share. */
  audience: z.enum(['manager', 'report']),
  months: z.array(monthTrendSchema),
  signals: z.array(signalSchema),
  openCommitments: z.array(openCommitmentSchema),
  openBlockers: z.array(openBlockerSchema),
  sharing: trendSharingSchema,
  lastHeld: z.iso.datetime().nullable(),
});
export type PairTrend = z.infer<typeof pairTrendSchema>;

/** GET trends/team: the caller's current direct reports, one row each. */
export const teamTrendsResponseSchema = z.object({
  manager: personSchema,
  months: z.array(monthSchema),
  reports: z.array(pairTrendSchema),
});
export type TeamTrendsResponse = z.infer<typeof teamTrendsResponseSchema>;

/**
 * GET trends/pairs/{managerId}/{reportId} and GET trends/me. For the report, `managerView` is exactly what their
 * manager's answer holds for them (null for the manager, who already sees that).
 */
export const pairTrendResponseSchema = z.object({
  viewer: z.object({ userId: objectIdSchema, role: z.enum(['manager', 'report']) }),
  trend: pairTrendSchema,
  managerView: pairTrendSchema.nullable(),
});
export type PairTrendResponse = z.infer<typeof pairTrendResponseSchema>;

export const trendRouteTemplates = {
  team: 'trends/team',
  pair: 'trends/pairs/{managerId}/{reportId}',
  me: 'trends/me',
  sharing: 'trends/sharing',
} as const;

export const trendApiPaths = {
  team: (months?: number): string => `trends/team${months ? `?months=${months}` : ''}`,
  pair: (pair: { managerId: string; reportId: string }, months?: number): string =>
    `trends/pairs/${pair.managerId}/${pair.reportId}${months ? `?months=${months}` : ''}`,
  me: (months?: number): string => `trends/me${months ? `?months=${months}` : ''}`,
  sharing: (): string => 'trends/sharing',
};
