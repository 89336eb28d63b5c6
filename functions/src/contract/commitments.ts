import { z } from 'zod';
import { objectIdSchema, occurrenceIdSchema } from './ids';

/**
 * A commitment is the manager's "I will…", usually made from the report's support ask. It belongs to the pair,
 * not to one meeting: open commitments show on every later board of the pair until marked done or dropped.
 */
export const MAX_COMMITMENT_TEXT_LENGTH = 300;

export const COMMITMENT_STATUSES = ['open', 'done', 'dropped'] as const;
export const commitmentStatusSchema = z.enum(COMMITMENT_STATUSES);
export type CommitmentStatus = z.infer<typeof commitmentStatusSchema>;

/** A calendar date, e.g. 2026-12-04 (no time: "by Friday" is a day, whatever the time zone). */
export const dueDateSchema = z.iso.date('must be a date like 2026-12-04');

/** Commitment ids are chosen by the client (a UUID), so a retried create never makes a second commitment. */
export const commitmentIdSchema = z.uuid('must be a UUID');

export const commitmentSchema = z.object({
  id: commitmentIdSchema,
  text: z.string(),
  dueDate: dueDateSchema.nullable(),
  status: commitmentStatusSchema,
  /** Made from the report's "what specific support would help" answer. */
  fromSupportAsk: z.boolean(),
  /** The meeting it was made in, and the one it was closed in (done or dropped). */
  createdIn: occurrenceIdSchema,
  createdAt: z.iso.datetime(),
  createdBy: objectIdSchema,
  closedIn: occurrenceIdSchema.nullable(),
  closedAt: z.iso.datetime().nullable(),
  revision: z.number().int().nonnegative(),
});
export type Commitment = z.infer<typeof commitmentSchema>;

/** What the tab's form starts a commitment with: the manager finishes the sentence. */
export const COMMITMENT_PREFILL = 'I will ';

/** "I will", "I'll" or "I’ll" at the start, then nothing but spaces and punctuation: nothing promised yet. */
const OPENING_WORDS = /^\s*(i\s+will|i['’]ll)(?![\p{L}\p{N}])/iu;

/**
 * Whether a commitment says something beyond its opening words: the form's "I will " alone (or with dots) is a
 * sentence nobody finished, and would sit in both people's lists for weeks promising nothing.
 */
export function commitmentSaysSomething(text: string): boolean {
  return /[\p{L}\p{N}]/u.test(text.replace(OPENING_WORDS, ''));
}

const commitmentText = z
  .string()
  .trim()
  .max(MAX_COMMITMENT_TEXT_LENGTH, `must be at most ${MAX_COMMITMENT_TEXT_LENGTH} characters`)
  .refine(commitmentSaysSomething, 'must say what you will do, beyond “I will”');

/** POST body: a new commitment, made in the board's meeting. */
export const createCommitmentRequestSchema = z.strictObject({
  id: commitmentIdSchema,
  text: commitmentText,
  dueDate: dueDateSchema.nullable().optional(),
  fromSupportAsk: z.boolean().optional(),
});
export type CreateCommitmentRequest = z.infer<typeof createCommitmentRequestSchema>;

/** PUT body: mark done, drop, or reopen; `baseRevision` is the revision the manager saw. */
export const updateCommitmentRequestSchema = z.strictObject({
  status: commitmentStatusSchema,
  baseRevision: z.number().int().nonnegative(),
});
export type UpdateCommitmentRequest = z.infer<typeof updateCommitmentRequestSchema>;

export const commitmentResponseSchema = z.object({ commitment: commitmentSchema });
export type CommitmentResponse = z.infer<typeof commitmentResponseSchema>;

/** 409: the commitment changed since the manager saw it (another device); `current` is what is stored. */
export const commitmentConflictSchema = z.object({
  error: z.object({ code: z.literal('conflict'), message: z.string() }),
  current: commitmentSchema,
});
export type CommitmentConflict = z.infer<typeof commitmentConflictSchema>;
