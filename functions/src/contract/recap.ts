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

/** PUT body. Saving is idempotent: the same lines again answer 200 and never send a second email. */
export const saveRecapRequestSchema = z.strictObject({
  lines: z.tuple([recapLineSchema, recapLineSchema], { error: 'must be exactly two lines' }),
});
export type SaveRecapRequest = z.infer<typeof saveRecapRequestSchema>;

/** Where the recap email is: `pending` while it is being sent (or its outcome is being settled). */
export const recapMailStateSchema = z.enum(['pending', 'sent', 'failed']);
export type RecapMailState = z.infer<typeof recapMailStateSchema>;

export const savedRecapSchema = z.object({
  occurrenceId: occurrenceIdSchema,
  /** When that meeting started, for "Last time · Tue 3 Nov". */
  meetingStart: z.iso.datetime().nullable(),
  lines: z.tuple([recapLineSchema, recapLineSchema]),
  savedBy: objectIdSchema,
  savedAt: z.iso.datetime(),
});
export type SavedRecap = z.infer<typeof savedRecapSchema>;

export const saveRecapResponseSchema = z.object({ recap: savedRecapSchema, mail: recapMailStateSchema });
export type SaveRecapResponse = z.infer<typeof saveRecapResponseSchema>;

/** 409: the board already has a different recap (the other person saved first); it is attached. */
export const recapConflictSchema = z.object({
  error: z.object({ code: z.literal('recapExists'), message: z.string() }),
  recap: savedRecapSchema,
});
export type RecapConflict = z.infer<typeof recapConflictSchema>;
