import { z } from 'zod';

/**
 * Each participant's private notes on one meeting. Only their author can read them: the API takes the author
 * from the caller's token and has no way to name anyone else.
 */
export const MAX_PRIVATE_NOTE_LENGTH = 4000;

export const privateNoteSchema = z.object({
  text: z.string(),
  revision: z.number().int().nonnegative(),
  updatedAt: z.iso.datetime().nullable(),
});
export type PrivateNote = z.infer<typeof privateNoteSchema>;

export const savePrivateNoteRequestSchema = z.strictObject({
  text: z.string().max(MAX_PRIVATE_NOTE_LENGTH, `must be at most ${MAX_PRIVATE_NOTE_LENGTH} characters`),
  baseRevision: z.number().int().nonnegative(),
});
export type SavePrivateNoteRequest = z.infer<typeof savePrivateNoteRequestSchema>;

export const privateNoteResponseSchema = z.object({ note: privateNoteSchema });
export type PrivateNoteResponse = z.infer<typeof privateNoteResponseSchema>;

export const privateNoteConflictSchema = z.object({
  error: z.object({ code: z.literal('conflict'), message: z.string() }),
  current: privateNoteSchema,
});
