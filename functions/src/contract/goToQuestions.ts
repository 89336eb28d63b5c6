import { z } from 'zod';

/*
 * Go-to questions. A manager's own bank is used in every 1:1 they manage; a report adds "ask me this" questions to
 * their pair; the rotation offers one per meeting. A starter library and an opt-in exchange inside the organization
 * feed the manager's bank.
 */
export const MAX_GO_TO_QUESTIONS = 40;
export const MAX_GO_TO_QUESTION_LENGTH = 200;

/** Who put a question in a bank: typed by the manager, asked for by the report, taken from the library or exchange. */
export const GO_TO_SOURCES = ['manager', 'report', 'library', 'exchange'] as const;
export type GoToSource = (typeof GO_TO_SOURCES)[number];

const questionText = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(MAX_GO_TO_QUESTION_LENGTH, `must be at most ${MAX_GO_TO_QUESTION_LENGTH} characters`);
const libraryId = z
  .string()
  .regex(/^[a-z]+-[a-z]+$/, 'must be a library question id')
  .max(40, 'must be a library question id');

export const goToQuestionSchema = z.strictObject({
  id: z.uuid('must be a UUID'),
  text: questionText,
  /** Absent on questions saved before sources were recorded: those were typed by the manager. */
  source: z.enum(GO_TO_SOURCES).optional(),
  /** The library question it came from: the library offers it as already taken. */
  libraryId: libraryId.optional(),
});
export type GoToQuestion = z.infer<typeof goToQuestionSchema>;

export const goToBankSchema = z.object({
  questions: z.array(goToQuestionSchema),
  revision: z.number().int().nonnegative(),
});
export type GoToBank = z.infer<typeof goToBankSchema>;

const tooMany = `must hold at most ${MAX_GO_TO_QUESTIONS} questions`;

/** PUT body: the whole bank, in the order questions are offered. */
export const saveGoToBankRequestSchema = z.strictObject({
  questions: z
    .array(goToQuestionSchema)
    .max(MAX_GO_TO_QUESTIONS, tooMany)
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
  /** The pair has no go-to questions yet. */
  z.object({ state: z.literal('noQuestions') }),
]);
export type GoToOffer = z.infer<typeof goToOfferSchema>;

/** POST body of "skip": names the question skipped, so a retried skip never skips two. */
export const skipGoToQuestionRequestSchema = z.strictObject({ questionId: z.string().min(1).max(64) });
export type SkipGoToQuestionRequest = z.infer<typeof skipGoToQuestionRequestSchema>;

export const skipGoToQuestionResponseSchema = z.object({ goToQuestion: goToOfferSchema });
export type SkipGoToQuestionResponse = z.infer<typeof skipGoToQuestionResponseSchema>;

/* The pair's go-to questions. */

/**
 * POST body of adding one question in a pair: typed, or picked from the library by id. The manager's question joins
 * their own bank (every pair of theirs); the report's is an "ask me this" of this pair. The id makes retries safe.
 */
export const addGoToQuestionRequestSchema = z.union([
  z.strictObject({ id: z.uuid('must be a UUID'), text: questionText }),
  z.strictObject({ id: z.uuid('must be a UUID'), libraryId }),
]);
export type AddGoToQuestionRequest = z.infer<typeof addGoToQuestionRequestSchema>;

export const pairGoToQuestionSchema = z.object({
  id: z.string(),
  text: z.string(),
  source: z.enum(GO_TO_SOURCES),
  libraryId: z.string().optional(),
  /** The report has answered it in one of this pair's 1:1s. */
  answered: z.boolean(),
});
export type PairGoToQuestion = z.infer<typeof pairGoToQuestionSchema>;

/**
 * What the caller sees of a pair's go-to questions: the manager sees their bank and the report's asks; the report
 * sees their own asks only (the manager's bank is shown one question at a time, when it is asked).
 */
export const pairGoToBankSchema = z.object({ questions: z.array(pairGoToQuestionSchema) });
export type PairGoToBank = z.infer<typeof pairGoToBankSchema>;

/* The starter library. */

export const goToLibrarySchema = z.object({
  themes: z.array(
    z.object({
      id: z.string(),
      label: z.string(),
      questions: z.array(z.object({ id: z.string(), text: z.string() })),
    }),
  ),
});
export type GoToLibrary = z.infer<typeof goToLibrarySchema>;

/* The exchange: go-to questions shared inside the organization (tenant), adopted with one click. */

/** POST body of sharing: the name goes with it only when `showName` says so, chosen every time. */
export const shareGoToQuestionRequestSchema = z.strictObject({
  id: z.uuid('must be a UUID'),
  text: questionText,
  showName: z.boolean({ error: 'must say whether your name is shown (true or false)' }),
});
export type ShareGoToQuestionRequest = z.infer<typeof shareGoToQuestionRequestSchema>;

/** POST body of adopting: the id the question gets in the adopter's bank. */
export const adoptGoToQuestionRequestSchema = z.strictObject({ id: z.uuid('must be a UUID') });
export type AdoptGoToQuestionRequest = z.infer<typeof adoptGoToQuestionRequestSchema>;

export const sharedGoToQuestionSchema = z.object({
  id: z.string(),
  text: z.string(),
  /** The sharer's name, or null when shared without it. Never their id. */
  sharedBy: z.string().nullable(),
  /** Distinct people who adopted it. */
  adopters: z.number().int().nonnegative(),
  mine: z.boolean(),
  adoptedByMe: z.boolean(),
});
export type SharedGoToQuestion = z.infer<typeof sharedGoToQuestionSchema>;

/** The exchange, most adopted first. */
export const goToExchangeSchema = z.object({ shares: z.array(sharedGoToQuestionSchema) });
export type GoToExchange = z.infer<typeof goToExchangeSchema>;

export interface PairRefLike {
  managerId: string;
  reportId: string;
}

export const goToApiPaths = {
  pairQuestions: (pair: PairRefLike): string => `pairs/${pair.managerId}/${pair.reportId}/go-to-questions`,
  /** One of the report's own asks in the pair: DELETE removes it (the report only; the manager edits their bank). */
  pairQuestion: (pair: PairRefLike, questionId: string): string =>
    `pairs/${pair.managerId}/${pair.reportId}/go-to-questions/${questionId}`,
  library: (): string => 'go-to-library',
  exchange: (): string => 'go-to-exchange',
  share: (shareId: string): string => `go-to-exchange/${shareId}`,
  adopt: (shareId: string): string => `go-to-exchange/${shareId}/adopt`,
};

export const goToRouteTemplates = {
  pairQuestions: 'pairs/{managerId}/{reportId}/go-to-questions',
  pairQuestion: 'pairs/{managerId}/{reportId}/go-to-questions/{questionId}',
  library: 'go-to-library',
  exchange: 'go-to-exchange',
  share: 'go-to-exchange/{shareId}',
  adopt: 'go-to-exchange/{shareId}/adopt',
};
