import { z } from 'zod';
import { boardRefSchema, objectIdSchema, occurrenceIdSchema } from './ids';
import { statusUpdateSummarySchema } from './statusUpdates';
import { commitmentSchema } from './commitments';
import { goToOfferSchema } from './goToQuestions';
import { recapMailStateSchema, savedRecapSchema, sharedRecapDraftSchema } from './recap';

/** The three core prompts of the live 1:1, in the order the board shows them. */
export const PROMPT_IDS = ['energizing', 'draining', 'support'] as const;
export const promptIdSchema = z.enum(PROMPT_IDS);
export type PromptId = z.infer<typeof promptIdSchema>;

/**
 * Text fields of a board. `<prompt>` is the report's answer; `<prompt>Note` is the manager's shared note under it;
 * `careerNote` goes with the career pulse, `unseenWork` is the manager's recognition, `goToAnswer` the report's
 * words on this meeting's go-to question. Each field has one owner role (TEXT_FIELD_OWNERS), so the two people
 * never type into the same field.
 */
export const TEXT_FIELD_IDS = [
  'energizing',
  'draining',
  'support',
  'energizingNote',
  'drainingNote',
  'supportNote',
  'careerNote',
  'unseenWork',
  'goToAnswer',
] as const;
export const textFieldIdSchema = z.enum(TEXT_FIELD_IDS);
export type TextFieldId = z.infer<typeof textFieldIdSchema>;

export const roleSchema = z.enum(['manager', 'report']);
export type Role = z.infer<typeof roleSchema>;

/** Who writes each text field. */
export const TEXT_FIELD_OWNERS: Readonly<Record<TextFieldId, Role>> = {
  energizing: 'report',
  draining: 'report',
  support: 'report',
  energizingNote: 'manager',
  drainingNote: 'manager',
  supportNote: 'manager',
  careerNote: 'report',
  unseenWork: 'manager',
  goToAnswer: 'report',
};

/** Longest text any board field accepts (the prompts and their notes); the API answers 400 above it. */
export const MAX_FIELD_TEXT_LENGTH = 4000;

/** Each text field's documented maximum length; the API answers 400 naming `text` above it. */
export const TEXT_FIELD_MAX_LENGTH: Readonly<Record<TextFieldId, number>> = {
  energizing: MAX_FIELD_TEXT_LENGTH,
  draining: MAX_FIELD_TEXT_LENGTH,
  support: MAX_FIELD_TEXT_LENGTH,
  energizingNote: MAX_FIELD_TEXT_LENGTH,
  drainingNote: MAX_FIELD_TEXT_LENGTH,
  supportNote: MAX_FIELD_TEXT_LENGTH,
  careerNote: 1000,
  unseenWork: 1000,
  goToAnswer: 2000,
};

/**
 * Ratings are fields too (own revision, own owner): the career pulse against the report's goal, the personal
 * check's mood and life load, and how energized and how drained the week felt (stated beside the "energizing" and
 * "draining" prompts, so trends rest on a rating, never on whether a box was empty). All are the report's, all
 * optional.
 */
export const RATING_FIELD_IDS = ['careerPulse', 'mood', 'lifeLoad', 'energy', 'drain'] as const;
export const ratingFieldIdSchema = z.enum(RATING_FIELD_IDS);
export type RatingFieldId = z.infer<typeof ratingFieldIdSchema>;

/** 1–5, or the explicit "prefer not to say", which is stored as that word and never turned into a number. */
export const PREFER_NOT_TO_SAY = 'preferNot';
export const ratingValueSchema = z.union([
  z.number().int('must be a whole number from 1 to 5').min(1, 'must be from 1 to 5').max(5, 'must be from 1 to 5'),
  z.literal(PREFER_NOT_TO_SAY),
]);
export type RatingValue = z.infer<typeof ratingValueSchema>;

export const boardFieldSchema = z.object({
  text: z.string(),
  /** Increases by one on every accepted write; a write names the revision it was typed against. */
  revision: z.number().int().nonnegative(),
  updatedBy: objectIdSchema.nullable(),
  updatedAt: z.iso.datetime().nullable(),
});
export type BoardField = z.infer<typeof boardFieldSchema>;

export const ratingFieldSchema = z.object({
  /** null: not answered (nothing on the board is required). */
  value: ratingValueSchema.nullable(),
  revision: z.number().int().nonnegative(),
  updatedBy: objectIdSchema.nullable(),
  updatedAt: z.iso.datetime().nullable(),
});
export type RatingField = z.infer<typeof ratingFieldSchema>;

/**
 * In the manager's view, a mood or life load the report chose not to share is the word `notShared`, nothing else:
 * not its value, not "prefer not to say", not null (which would say it is unanswered).
 */
export const NOT_SHARED = 'notShared';

/**
 * A rating as one viewer sees it on a board. An unshared rating reads `notShared` with revision 0 and no author or
 * time, so the manager cannot tell whether (or when) it was answered. The report's view alone carries
 * `visibleToManager`: whether their manager sees this rating right now.
 */
export const ratingFieldViewSchema = ratingFieldSchema.extend({
  value: z.union([ratingValueSchema, z.literal(NOT_SHARED)]).nullable(),
  visibleToManager: z.boolean().optional(),
});
export type RatingFieldView = z.infer<typeof ratingFieldViewSchema>;

export const personSchema = z.object({ id: objectIdSchema, displayName: z.string() });
export type Person = z.infer<typeof personSchema>;

export const meetingSummarySchema = z.object({
  subject: z.string(),
  start: z.iso.datetime(),
  end: z.iso.datetime(),
});
export type MeetingSummary = z.infer<typeof meetingSummarySchema>;

/** Longest career goal the API accepts. */
export const MAX_CAREER_GOAL_LENGTH = 500;

/** One recognition of unseen work, as recorded on an earlier board of the pair. */
export const recognitionSchema = z.object({
  occurrenceId: occurrenceIdSchema,
  meetingStart: z.iso.datetime().nullable(),
  text: z.string(),
});
export type Recognition = z.infer<typeof recognitionSchema>;

/**
 * The status guard's record for this meeting: the fields it spoke under (once per field) and how many times it
 * spoke, which the monthly trend reads later.
 */
export const statusGuardViewSchema = z.object({
  nudgedFields: z.array(textFieldIdSchema),
  nudgeCount: z.number().int().nonnegative(),
});
export type StatusGuardView = z.infer<typeof statusGuardViewSchema>;

export const boardViewSchema = z.object({
  ref: boardRefSchema,
  viewer: z.object({ userId: objectIdSchema, role: roleSchema }),
  participants: z.object({ manager: personSchema, report: personSchema }),
  meeting: meetingSummarySchema.nullable(),
  fields: z.record(textFieldIdSchema, boardFieldSchema),
  ratings: z.record(ratingFieldIdSchema, ratingFieldViewSchema),
  /** The report's career goal: one per pair, carried from meeting to meeting, written by the report. */
  careerGoal: boardFieldSchema,
  /** Open commitments of the pair from earlier meetings, then those made or closed in this one. */
  commitments: z.array(commitmentSchema),
  /** The recap of the pair's previous 1:1 that has one. */
  lastTime: savedRecapSchema.nullable(),
  /**
   * The pair's latest 1:1 before this one, when it ended without a recap: either person can still write it on that
   * occurrence's board. Absent when not looked up.
   */
  recapMissingOn: z.object({ occurrenceId: occurrenceIdSchema, meetingStart: z.iso.datetime() }).nullable().optional(),
  /** The manager's recognitions from earlier meetings, newest first (this meeting's is `fields.unseenWork`). */
  recognitions: z.array(recognitionSchema),
  goToQuestion: goToOfferSchema,
  statusGuard: statusGuardViewSchema,
  /** Set once the board is closed with a recap: the answers are read-only from then on (private notes are not). */
  recap: savedRecapSchema
    .extend({
      mail: recapMailStateSchema,
      /** Until when either person may still correct it (24 hours after the first close); absent once that is over. */
      correctableUntil: z.iso.datetime().optional(),
    })
    .nullable(),
  /** The recap both people are writing on the open board (absent when the board is closed). */
  recapDraft: sharedRecapDraftSchema.optional(),
  /** Whether the report sent a status update for this occurrence; absent when not looked up. */
  statusUpdate: statusUpdateSummarySchema.optional(),
});
export type BoardView = z.infer<typeof boardViewSchema>;

/** PUT body for one rating: a value, or null to clear it. */
export const saveRatingRequestSchema = z.strictObject({
  value: ratingValueSchema.nullable(),
  baseRevision: z.number().int().nonnegative(),
});
export type SaveRatingRequest = z.infer<typeof saveRatingRequestSchema>;

export const saveRatingResponseSchema = z.object({ field: ratingFieldSchema });
export type SaveRatingResponse = z.infer<typeof saveRatingResponseSchema>;

export const ratingConflictSchema = z.object({
  error: z.object({ code: z.literal('conflict'), message: z.string() }),
  current: ratingFieldSchema,
});
export type RatingConflict = z.infer<typeof ratingConflictSchema>;

/** PUT body for one field. Unknown keys are rejected so a typo never silently drops text. */
export const saveFieldRequestSchema = z.strictObject({
  text: z.string().max(MAX_FIELD_TEXT_LENGTH, `must be at most ${MAX_FIELD_TEXT_LENGTH} characters`),
  baseRevision: z.number().int().nonnegative(),
});
export type SaveFieldRequest = z.infer<typeof saveFieldRequestSchema>;

export const saveFieldResponseSchema = z.object({
  field: boardFieldSchema,
  /** True while the saved text reads like a status update (the nudge clears when it stops reading so). */
  statusNudge: z.boolean().optional(),
  /** Whether the status guard read this text: it is off for a language it has not been measured in. */
  statusGuard: z
    .object({ state: z.enum(['on', 'off']), reason: z.literal('unsupportedLanguage').optional() })
    .optional(),
});
export type SaveFieldResponse = z.infer<typeof saveFieldResponseSchema>;

/** 409 body: the write was typed against an older revision; `current` is what the server holds now. */
export const fieldConflictSchema = z.object({
  error: z.object({ code: z.literal('conflict'), message: z.string() }),
  current: boardFieldSchema,
});
export type FieldConflict = z.infer<typeof fieldConflictSchema>;
