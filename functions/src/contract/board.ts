import { z } from 'zod';
import { boardRefSchema, objectIdSchema } from './ids';

/** The three core prompts of the live 1:1, in the order the board shows them. */
export const PROMPT_IDS = ['energizing', 'draining', 'support'] as const;
export const promptIdSchema = z.enum(PROMPT_IDS);
export type PromptId = z.infer<typeof promptIdSchema>;

/**
 * Text fields of a board. `<prompt>` is the report's answer; `<prompt>Note` is the manager's shared note under it.
 * Each field has one owner role, so the two people never type into the same field.
 */
export const TEXT_FIELD_IDS = [
  'energizing',
  'draining',
  'support',
  'energizingNote',
  'drainingNote',
  'supportNote',
] as const;
export const textFieldIdSchema = z.enum(TEXT_FIELD_IDS);
export type TextFieldId = z.infer<typeof textFieldIdSchema>;

/** Longest text a board field accepts; the API answers 400 above it. */
export const MAX_FIELD_TEXT_LENGTH = 4000;

export const roleSchema = z.enum(['manager', 'report']);
export type Role = z.infer<typeof roleSchema>;

export const boardFieldSchema = z.object({
  text: z.string(),
  /** Increases by one on every accepted write; a write names the revision it was typed against. */
  revision: z.number().int().nonnegative(),
  updatedBy: objectIdSchema.nullable(),
  updatedAt: z.iso.datetime().nullable(),
});
export type BoardField = z.infer<typeof boardFieldSchema>;

export const personSchema = z.object({ id: objectIdSchema, displayName: z.string() });
export type Person = z.infer<typeof personSchema>;

export const meetingSummarySchema = z.object({
  subject: z.string(),
  start: z.iso.datetime(),
  end: z.iso.datetime(),
});
export type MeetingSummary = z.infer<typeof meetingSummarySchema>;

export const boardViewSchema = z.object({
  ref: boardRefSchema,
  viewer: z.object({ userId: objectIdSchema, role: roleSchema }),
  participants: z.object({ manager: personSchema, report: personSchema }),
  meeting: meetingSummarySchema.nullable(),
  fields: z.record(textFieldIdSchema, boardFieldSchema),
});
export type BoardView = z.infer<typeof boardViewSchema>;

/** PUT body for one field. Unknown keys are rejected so a typo never silently drops text. */
export const saveFieldRequestSchema = z.strictObject({
  text: z.string().max(MAX_FIELD_TEXT_LENGTH, `must be at most ${MAX_FIELD_TEXT_LENGTH} characters`),
  baseRevision: z.number().int().nonnegative(),
});
export type SaveFieldRequest = z.infer<typeof saveFieldRequestSchema>;

export const saveFieldResponseSchema = z.object({ field: boardFieldSchema });
export type SaveFieldResponse = z.infer<typeof saveFieldResponseSchema>;

/** 409 body: the write was typed against an older revision; `current` is what the server holds now. */
export const fieldConflictSchema = z.object({
  error: z.object({ code: z.literal('conflict'), message: z.string() }),
  current: boardFieldSchema,
});
export type FieldConflict = z.infer<typeof fieldConflictSchema>;
