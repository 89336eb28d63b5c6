import { z } from 'zod';
import { meetingSummarySchema, ratingFieldIdSchema, ratingValueSchema, roleSchema, textFieldIdSchema } from './board';
import { blockerResolutionSchema } from './blockers';
import { commitmentSchema } from './commitments';
import { goToBankSchema } from './goToQuestions';
import { objectIdSchema, occurrenceIdSchema } from './ids';
import { privateNoteSchema } from './privateNotes';
import { recapCorrectionSchema, recapLineSchema, recapTagSchema } from './recap';
import { statusUpdateSchema } from './statusUpdates';
import { pairTrendSchema, trendSharingSchema } from './trends';
import { statusChannelSchema } from './channels';
import { anyStoredDraftSchema } from './drafts';

/*
 * A person's own data: export everything Candor stores that the caller owns, and delete it. The routes name
 * nobody: the caller is the token's user, so nobody can export or delete anyone else's data.
 *
 *   GET    me/export    → MyDataExport
 *   DELETE me/answers   → DeleteMyAnswersResponse   (as a report: answers, ratings, career goals, status updates, private notes)
 *   DELETE me/notes     → DeleteMyNotesResponse     (as a manager: shared notes, recognitions, private notes)
 */
export const privacyRouteTemplates = {
  export: 'me/export',
  answers: 'me/answers',
  notes: 'me/notes',
} as const;

export const privacyApiPaths = {
  export: (): string => privacyRouteTemplates.export,
  answers: (): string => privacyRouteTemplates.answers,
  notes: (): string => privacyRouteTemplates.notes,
};

const instant = z.iso.datetime();

export const exportedFieldSchema = z.object({ text: z.string(), updatedAt: instant.nullable() });
export const exportedRatingSchema = z.object({ value: ratingValueSchema, updatedAt: instant.nullable() });

/**
 * One board of a pair the caller is in: the caller's OWN fields (those their role writes, the non-empty ones), their
 * ratings (a report's), and what both people share: the meeting, the recap that closed it and the go-to question.
 * The other person's fields are not in it: they export those themselves.
 */
export const exportedBoardSchema = z.object({
  managerId: objectIdSchema,
  reportId: objectIdSchema,
  occurrenceId: occurrenceIdSchema,
  role: roleSchema,
  meeting: meetingSummarySchema.nullable(),
  fields: z.partialRecord(textFieldIdSchema, exportedFieldSchema),
  ratings: z.partialRecord(ratingFieldIdSchema, exportedRatingSchema),
  recap: z
    .object({
      lines: z.array(recapLineSchema),
      noBlocker: z.boolean().optional(),
      savedAt: instant,
      correction: recapCorrectionSchema.optional(),
    })
    .nullable(),
  /** The recap both people were writing on a board never closed (shared like the recap: exported to both). */
  recapDraft: z
    .object({
      lines: z.array(z.object({ text: z.string(), tags: z.array(recapTagSchema) })),
      noBlocker: z.boolean(),
    })
    .nullable()
    .optional(),
  goToQuestion: z.string().nullable(),
});
export type ExportedBoard = z.infer<typeof exportedBoardSchema>;

/** The pair's rows beside its boards: the report's career goal, the commitments the manager made to the report. */
export const exportedPairSchema = z.object({
  managerId: objectIdSchema,
  reportId: objectIdSchema,
  role: roleSchema,
  careerGoal: exportedFieldSchema.nullable(),
  commitments: z.array(commitmentSchema),
  /** Which recap blockers of the pair were marked resolved or reopened, by whom and when (the words are the recap's). */
  blockers: z.array(blockerResolutionSchema.extend({ occurrenceId: occurrenceIdSchema, line: z.number().int() })),
});
export type ExportedPair = z.infer<typeof exportedPairSchema>;

export const myDataExportSchema = z.object({
  exportedAt: instant,
  tenantId: z.string(),
  userId: objectIdSchema,
  boards: z.array(exportedBoardSchema),
  pairs: z.array(exportedPairSchema),
  /** The caller's status updates (as a report). */
  statusUpdates: z.array(
    z.object({
      managerId: objectIdSchema,
      reportId: objectIdSchema,
      occurrenceId: occurrenceIdSchema,
      update: statusUpdateSchema,
    }),
  ),
  /** The caller's private notes, in every pair. */
  privateNotes: z.array(
    z.object({
      managerId: objectIdSchema,
      reportId: objectIdSchema,
      occurrenceId: occurrenceIdSchema,
      note: privateNoteSchema,
    }),
  ),
  /** The caller's unsaved drafts (a recap or commitment being written, a status form not yet sent), in every pair. */
  drafts: z.array(
    z.object({
      managerId: objectIdSchema,
      reportId: objectIdSchema,
      occurrenceId: occurrenceIdSchema,
      draftId: z.enum(['recapComposer', 'commitmentForm', 'statusForm']),
      draft: anyStoredDraftSchema,
    }),
  ),
  /** The caller's sharing choices (mood, life load, calendar load). */
  sharing: trendSharingSchema,
  /** Where the caller's status requests reach them, and whether the Candor bot has a chat with them (its id stays inside). */
  statusChannel: z.object({ channel: statusChannelSchema, chosen: z.boolean(), botChatKnown: z.boolean() }),
  /** The caller's go-to questions (as a manager; empty otherwise). */
  goToQuestions: goToBankSchema,
  /** The caller's "ask me this" go-to questions, per manager (as a report). */
  goToAsks: z.array(z.object({ managerId: z.string(), questions: goToBankSchema.shape.questions })),
  /** The go-to questions the caller shares with their organization, and whether their name is shown. */
  goToShares: z.array(z.object({ id: z.string(), text: z.string(), nameShown: z.boolean(), sharedAt: z.string() })),
  /** Monthly aggregates of every pair in which the caller is the report, as the report sees them. */
  trends: z.array(pairTrendSchema),
});
export type MyDataExport = z.infer<typeof myDataExportSchema>;

export const deleteMyAnswersResponseSchema = z.object({
  /** Boards whose answers and ratings were cleared (closed ones too: deletion beats the read-only rule). */
  boardsCleared: z.number().int().nonnegative(),
  careerGoalsCleared: z.number().int().nonnegative(),
  statusUpdatesDeleted: z.number().int().nonnegative(),
  privateNotesDeleted: z.number().int().nonnegative(),
  /** Pairs whose monthly aggregates were rebuilt before the answer (synchronously). */
  trendsRebuilt: z.number().int().nonnegative(),
});
export type DeleteMyAnswersResponse = z.infer<typeof deleteMyAnswersResponseSchema>;

export const deleteMyNotesResponseSchema = z.object({
  boardsCleared: z.number().int().nonnegative(),
  privateNotesDeleted: z.number().int().nonnegative(),
  trendsRebuilt: z.number().int().nonnegative(),
});
export type DeleteMyNotesResponse = z.infer<typeof deleteMyNotesResponseSchema>;
