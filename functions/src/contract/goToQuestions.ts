import { z } from 'zod';

/** The manager's own bank of go-to questions: one is offered per meeting, in turn, and can be skipped. */
export const MAX_GO_TO_QUESTIONS = 12;
export const MAX_GO_TO_QUESTION_LENGTH = 200;

export const goToQuestionSchema = z.strictObject({
  id: z.uuid('must be a UUID'),
  text: z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(MAX_GO_TO_QUESTION_LENGTH, `must be at most ${MAX_GO_TO_QUESTION_LENGTH} characters`),
});
export type GoToQuestion = z.infer<typeof goToQuestionSchema>;

export const goToBankSchema = z.object({
  questions: z.array(goToQuestionSchema),
  revision: z.number().int().nonnegative(),
});
export type GoToBank = z.infer<typeof goToBankSchema>;

/** PUT body: the whole bank, in the order questions are offered. */
export const saveGoToBankRequestSchema = z.strictObject({
  questions: z
    .array(goToQuestionSchema)
    .max(MAX_GO_TO_QUESTIONS, `must hold at most ${MAX_GO_TO_QUESTIONS} questions`)
    .refine((qs) => new Set(qs.map((q) => q.id)).size === qs.length, 'must not repeat a question id'),
  baseRevision: z.number().int().nonnegative(),
});
export type SaveGoToBankRequest = z.infer<typeof saveGoToBankRequestSchema>;

export const goToBankConflictSchema = z.object({
  error: z.object({ code: z.literal('conflict'), message: z.string() }),
  current: goToBankSchema,
});

/** This meeting's go-to question, as the board shows it. */
export const goToOfferSchema = z.discriminatedUnion('state', [
  z.object({ state: z.literal('offered'), questionId: z.string(), text: z.string() }),
  /** Every question in the bank was skipped in this meeting. */
  z.object({ state: z.literal('skipped') }),
  /** The manager has no go-to questions yet. */
  z.object({ state: z.literal('noQuestions') }),
]);
export type GoToOffer = z.infer<typeof goToOfferSchema>;

/** POST body of "skip": names the question skipped, so a retried skip never skips two. */
export const skipGoToQuestionRequestSchema = z.strictObject({ questionId: z.string().min(1).max(64) });
export type SkipGoToQuestionRequest = z.infer<typeof skipGoToQuestionRequestSchema>;

export const skipGoToQuestionResponseSchema = z.object({ goToQuestion: goToOfferSchema });
export type SkipGoToQuestionResponse = z.infer<typeof skipGoToQuestionResponseSchema>;
