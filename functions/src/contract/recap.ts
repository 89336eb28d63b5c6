import { z } from 'zod';
import { objectIdSchema, occurrenceIdSchema } from './ids';

/**
 * The close of a 1:1: two short lines that together cover one real blocker, one concrete support need and one
 * learning carried forward. Each line carries the tags it covers.
 */
export const MAX_RECAP_LINE_LENGTH = 200;
export const RECAP_TAGS = ['blocker', 'supportNeed', 'learning'] as const;
export const recapTagSchema = z.enum(RECAP_TAGS);
export type RecapTag = z.infer<typeof recapTagSchema>;

export const recapLineSchema = z.strictObject({
  text: z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(MAX_RECAP_LINE_LENGTH, `must be at most ${MAX_RECAP_LINE_LENGTH} characters`),
  tags: z.array(recapTagSchema).min(1, 'must carry at least one tag').max(RECAP_TAGS.length),
});
export type RecapLine = z.infer<typeof recapLineSchema>;

const recapLinesSchema = z.tuple([recapLineSchema, recapLineSchema], { error: 'must be exactly two lines' });

/**
 * PUT body of the close. With `lines` the recap is those lines (and `noBlocker`, the explicit "no blocker this
 * week", which lets the lines cover only a support need and a learning); without, it is the board's shared draft as
 * both people wrote it. Idempotent: the same recap again answers 200 and never sends a second email.
 */
export const saveRecapRequestSchema = z
  .strictObject({ lines: recapLinesSchema.optional(), noBlocker: z.boolean().optional() })
  .refine((body) => body.lines !== undefined || body.noBlocker === undefined, {
    message: 'goes with "lines"; without them the shared draft’s own choice is closed',
    path: ['noBlocker'],
  });
export type SaveRecapRequest = z.infer<typeof saveRecapRequestSchema>;

/** How long after the first close either person may still correct the recap (by the server's clock). */
export const RECAP_CORRECTION_WINDOW_MS = 24 * 3600_000;

/**
 * PUT body of a correction: the whole recap as it should read, typed against `baseVersion` (the version the writer
 * saw). Each accepted correction is a new version and one correction email; the same correction again sends nothing.
 */
export const correctRecapRequestSchema = z.strictObject({
  baseVersion: z.number().int('must be a whole number').min(1, 'must be 1 or more'),
  lines: recapLinesSchema,
  noBlocker: z.boolean().optional(),
});
export type CorrectRecapRequest = z.infer<typeof correctRecapRequestSchema>;

/** The latest correction of a recap: version 2 is the first correction (the close itself is version 1). */
export const recapCorrectionSchema = z.object({
  version: z.number().int().min(2),
  correctedBy: objectIdSchema,
  correctedAt: z.iso.datetime(),
});
export type RecapCorrection = z.infer<typeof recapCorrectionSchema>;

/** The recap's version: 1 until it is corrected. */
export function recapVersionOf(recap: { correction?: RecapCorrection | undefined }): number {
  return recap.correction?.version ?? 1;
}

/*
 * The shared draft of the recap on an open board: the two lines (text and tags) and the "no blocker this week"
 * choice, each part with its own revision, co-edited by both people like the answers (a write names the revision it
 * was typed against; 409 with the current draft when the other person changed that part since).
 */
const draftPartMeta = {
  revision: z.number().int().nonnegative(),
  updatedBy: objectIdSchema.nullable(),
  updatedAt: z.iso.datetime().nullable(),
};
export const recapDraftLineViewSchema = z.object({
  text: z.string(),
  tags: z.array(recapTagSchema),
  ...draftPartMeta,
});
export type RecapDraftLineView = z.infer<typeof recapDraftLineViewSchema>;
export const sharedRecapDraftSchema = z.object({
  lines: z.tuple([recapDraftLineViewSchema, recapDraftLineViewSchema]),
  noBlocker: z.object({ value: z.boolean(), ...draftPartMeta }),
});
export type SharedRecapDraft = z.infer<typeof sharedRecapDraftSchema>;

export const RECAP_DRAFT_PARTS = ['line1', 'line2', 'noBlocker'] as const;
export const recapDraftPartSchema = z.enum(RECAP_DRAFT_PARTS);
export type RecapDraftPart = z.infer<typeof recapDraftPartSchema>;

const baseRevision = z.number().int('must be a whole number').nonnegative('must be 0 or more');
/** PUT body for one line of the shared draft: it may still be empty or untagged (the close checks the rules). */
export const saveRecapDraftLineRequestSchema = z.strictObject({
  text: z.string().max(MAX_RECAP_LINE_LENGTH, `must be at most ${MAX_RECAP_LINE_LENGTH} characters`),
  tags: z
    .array(recapTagSchema)
    .max(RECAP_TAGS.length)
    .refine((tags) => new Set(tags).size === tags.length, 'must not repeat a tag'),
  baseRevision,
});
export type SaveRecapDraftLineRequest = z.infer<typeof saveRecapDraftLineRequestSchema>;
/** PUT body for the shared draft's "no blocker this week" choice. */
export const saveRecapDraftChoiceRequestSchema = z.strictObject({ value: z.boolean(), baseRevision });
export type SaveRecapDraftChoiceRequest = z.infer<typeof saveRecapDraftChoiceRequestSchema>;

/** 200 and 409 (`conflict`: that part changed since `baseRevision`) both carry the whole current draft. */
export const recapDraftResponseSchema = z.object({ draft: sharedRecapDraftSchema });
export type RecapDraftResponse = z.infer<typeof recapDraftResponseSchema>;
export const recapDraftConflictSchema = z.object({
  error: z.object({ code: z.literal('conflict'), message: z.string() }),
  draft: sharedRecapDraftSchema,
});
export type RecapDraftConflict = z.infer<typeof recapDraftConflictSchema>;

/** Where the recap email is: `pending` while it is being sent (or its outcome is being settled). */
export const recapMailStateSchema = z.enum(['pending', 'sent', 'failed']);
export type RecapMailState = z.infer<typeof recapMailStateSchema>;

export const savedRecapSchema = z.object({
  occurrenceId: occurrenceIdSchema,
  /** When that meeting started, for "Last time · Tue 3 Nov". */
  meetingStart: z.iso.datetime().nullable(),
  lines: z.tuple([recapLineSchema, recapLineSchema]),
  /** The explicit "no blocker this week" (absent on recaps saved before the choice existed: false). */
  noBlocker: z.boolean().optional(),
  /** Who closed it and when (the first close: the 24 hours for corrections run from here). */
  savedBy: objectIdSchema,
  savedAt: z.iso.datetime(),
  /** Absent until corrected; then the latest version, which is what the lines are. */
  correction: recapCorrectionSchema.optional(),
});
export type SavedRecap = z.infer<typeof savedRecapSchema>;

export const saveRecapResponseSchema = z.object({ recap: savedRecapSchema, mail: recapMailStateSchema });
export type SaveRecapResponse = z.infer<typeof saveRecapResponseSchema>;

/**
 * 409: the board already has a different recap (the other person saved first: `recapExists`), or a correction was
 * typed against an older version (`recapCorrected`: the other person corrected it since). The current one is attached.
 */
export const recapConflictSchema = z.object({
  error: z.object({ code: z.enum(['recapExists', 'recapCorrected']), message: z.string() }),
  recap: savedRecapSchema,
});
export type RecapConflict = z.infer<typeof recapConflictSchema>;
