import { z } from 'zod';
import { dueDateSchema, MAX_COMMITMENT_TEXT_LENGTH } from './commitments';
import { MAX_RECAP_LINE_LENGTH, RECAP_TAGS, recapTagSchema } from './recap';
import { MAX_STATUS_FIELD_LENGTH } from './statusUpdates';

/*
 * Words a person typed and has not saved yet, kept on the server as THEIR draft: device storage is cleared at
 * sign-out, can be denied, and is partitioned per host, so a draft kept only there is lost with it. A draft belongs to
 * its author (taken from the caller's credential, never from the request) and to one meeting occurrence of a pair.
 *
 *   GET    pairs/{m}/{r}/boards/{o}/drafts            → BoardDraftsResponse    (the caller's drafts on this board)
 *   PUT    pairs/{m}/{r}/boards/{o}/drafts/{draftId}  → DraftResponse          (409 staleDraft: a newer one is kept)
 *   DELETE pairs/{m}/{r}/boards/{o}/drafts/{draftId}  → DeleteDraftResponse    (after the real save succeeded)
 *   GET | PUT | DELETE status-form/draft              (the status form's link token is the credential)
 *
 * Each draft carries a revision its writer counts up: the newest typing wins, whichever device or request arrives
 * last, and a surface restores whichever of server draft and device cache has the higher revision.
 */

export const BOARD_DRAFT_IDS = ['recapComposer', 'commitmentForm'] as const;
export const boardDraftIdSchema = z.enum(BOARD_DRAFT_IDS);
export type BoardDraftId = z.infer<typeof boardDraftIdSchema>;

/** Longest a draft may be as stored (its JSON): far above any draft the forms can produce, inside one table cell. */
export const MAX_DRAFT_CHARS = 30_000;

const max = (n: number) => z.string().max(n, `must be at most ${n} characters`);

/** A recap line as typed: it may still be empty or untagged (the recap's own rules apply when it is saved). */
const recapDraftLineSchema = z.strictObject({
  text: max(MAX_RECAP_LINE_LENGTH),
  tags: z.array(recapTagSchema).max(RECAP_TAGS.length),
});

/** The recap's two lines as typed (the composer's own shape: its device drafts have always been these two). */
export const recapDraftSchema = z.tuple([recapDraftLineSchema, recapDraftLineSchema], {
  error: 'must be exactly two lines',
});
export type RecapDraft = z.infer<typeof recapDraftSchema>;

export const commitmentDraftSchema = z.strictObject({
  /** Chosen once per draft, so a retried save never makes a second commitment. */
  id: z.uuid('must be a UUID'),
  text: max(MAX_COMMITMENT_TEXT_LENGTH),
  dueDate: z.union([z.literal(''), dueDateSchema]),
});
export type CommitmentDraft = z.infer<typeof commitmentDraftSchema>;

const statusDraftFieldsSchema = z.strictObject({
  finished: max(MAX_STATUS_FIELD_LENGTH),
  inProgress: max(MAX_STATUS_FIELD_LENGTH),
  blocked: max(MAX_STATUS_FIELD_LENGTH),
  fyi: max(MAX_STATUS_FIELD_LENGTH),
});

/** The status form as typed, and the stored update it was typed against (so a restore can rebase it). */
export const statusFormDraftSchema = z.strictObject({
  fields: statusDraftFieldsSchema,
  base: z.strictObject({ revision: z.number().int().nonnegative(), fields: statusDraftFieldsSchema }),
});
export type StatusFormDraft = z.infer<typeof statusFormDraftSchema>;

export const boardDraftValueSchemas = {
  recapComposer: recapDraftSchema,
  commitmentForm: commitmentDraftSchema,
} as const satisfies Record<BoardDraftId, z.ZodType>;

const revisionSchema = z.number().int().min(1, 'must be at least 1').max(Number.MAX_SAFE_INTEGER);

/** A draft as stored: what was typed, its writer's revision, and when the server kept it. */
function storedDraftSchema<T extends z.ZodType>(value: T) {
  return z.object({ value, revision: z.number().int().nonnegative(), savedAt: z.iso.datetime() });
}

/** PUT body of one draft: its value (checked against the draft's own schema) and the writer's revision. */
function saveDraftRequestSchema<T extends z.ZodType>(value: T) {
  return z.strictObject({ value, revision: revisionSchema }).superRefine((body, ctx) => {
    if (JSON.stringify((body as { value: unknown }).value).length > MAX_DRAFT_CHARS)
      ctx.addIssue({
        code: 'custom',
        path: ['value'],
        message: `must be at most ${MAX_DRAFT_CHARS} characters as JSON`,
      });
  });
}

/** What the server does with any draft's body: its value checked, then kept as it came. */
export type SaveDraftRequest = { value: unknown; revision: number };

export const saveBoardDraftRequestSchemas: Record<BoardDraftId, z.ZodType<SaveDraftRequest>> = {
  recapComposer: saveDraftRequestSchema(recapDraftSchema),
  commitmentForm: saveDraftRequestSchema(commitmentDraftSchema),
};
export const saveStatusFormDraftRequestSchema = saveDraftRequestSchema(statusFormDraftSchema);

export const recapStoredDraftSchema = storedDraftSchema(recapDraftSchema);
export const commitmentStoredDraftSchema = storedDraftSchema(commitmentDraftSchema);
export const statusFormStoredDraftSchema = storedDraftSchema(statusFormDraftSchema);
/** Any draft as stored, its value unread (the store and the privacy export do not interpret it). */
export const anyStoredDraftSchema = storedDraftSchema(z.unknown());
export type AnyStoredDraft = z.infer<typeof anyStoredDraftSchema>;

export const boardDraftsResponseSchema = z.object({
  drafts: z.object({
    recapComposer: recapStoredDraftSchema.optional(),
    commitmentForm: commitmentStoredDraftSchema.optional(),
  }),
});
export type BoardDraftsResponse = z.infer<typeof boardDraftsResponseSchema>;

export const draftResponseSchema = z.object({ draft: anyStoredDraftSchema });
export type DraftResponse = z.infer<typeof draftResponseSchema>;

export const statusFormDraftResponseSchema = z.object({ draft: statusFormStoredDraftSchema.nullable() });
export type StatusFormDraftResponse = z.infer<typeof statusFormDraftResponseSchema>;

export const deleteDraftResponseSchema = z.object({ deleted: z.boolean() });
export type DeleteDraftResponse = z.infer<typeof deleteDraftResponseSchema>;

/** 409 of a PUT whose revision is below the kept one: nothing was written; `current` is the newer draft. */
export const staleDraftSchema = z.object({
  error: z.object({ code: z.literal('staleDraft'), message: z.string() }),
  current: anyStoredDraftSchema,
});
export type StaleDraft = z.infer<typeof staleDraftSchema>;

export const draftRouteTemplates = {
  boardDrafts: 'pairs/{managerId}/{reportId}/boards/{occurrenceId}/drafts',
  boardDraft: 'pairs/{managerId}/{reportId}/boards/{occurrenceId}/drafts/{draftId}',
  statusFormDraft: 'status-form/draft',
} as const;

export const draftApiPaths = {
  boardDrafts: (ref: { managerId: string; reportId: string; occurrenceId: string }): string =>
    `pairs/${ref.managerId}/${ref.reportId}/boards/${ref.occurrenceId}/drafts`,
  boardDraft: (ref: { managerId: string; reportId: string; occurrenceId: string }, draftId: BoardDraftId): string =>
    `pairs/${ref.managerId}/${ref.reportId}/boards/${ref.occurrenceId}/drafts/${draftId}`,
  statusFormDraft: (): string => draftRouteTemplates.statusFormDraft,
};
