import { z } from 'zod';
import { objectIdSchema, occurrenceIdSchema } from './ids';

/*
 * A blocker is a recap line tagged `blocker`. It stays open until either person marks it resolved — not merely
 * until the pair's next recap. Its text is the recap line's own (stored once, on the board); what is kept apart is
 * only the resolution: per pair, per recap (occurrence) and line.
 */

/** Which of the recap's two lines: 0 or 1. */
export const blockerLineSchema = z.coerce
  .number({ error: 'must be the recap line, 0 or 1' })
  .int('must be the recap line, 0 or 1')
  .min(0, 'must be the recap line, 0 or 1')
  .max(1, 'must be the recap line, 0 or 1');

/** A blocker's resolution as stored; revision 0 = never marked (open). */
export const blockerResolutionSchema = z.object({
  resolved: z.boolean(),
  resolvedBy: objectIdSchema.nullable(),
  resolvedAt: z.iso.datetime().nullable(),
  revision: z.number().int().nonnegative(),
});
export type BlockerResolution = z.infer<typeof blockerResolutionSchema>;

/** One blocker as the board and the trends tab show it. */
export const blockerSchema = z.object({
  occurrenceId: occurrenceIdSchema,
  line: z.number().int().min(0).max(1),
  text: z.string(),
  /** When the recap that named it was saved. */
  namedAt: z.iso.datetime(),
  ageDays: z.number().int().nonnegative(),
  overdue: z.boolean(),
  ...blockerResolutionSchema.shape,
});
export type Blocker = z.infer<typeof blockerSchema>;

/** GET: the pair's open blockers, oldest first. */
export const openBlockersResponseSchema = z.object({ blockers: z.array(blockerSchema) });
export type OpenBlockersResponse = z.infer<typeof openBlockersResponseSchema>;

/**
 * PUT body: mark resolved (true) or reopen (false), typed against `baseRevision`, the revision the person saw.
 * Asking for what is already stored answers 200 (two people resolving the same blocker both succeed); changing a
 * blocker the other person changed since answers 409 with the current state.
 */
export const saveBlockerRequestSchema = z.strictObject({
  resolved: z.boolean({ error: 'must be true (resolved) or false (open again)' }),
  baseRevision: z.number({ error: 'must be the revision you saw' }).int().nonnegative(),
});
export type SaveBlockerRequest = z.infer<typeof saveBlockerRequestSchema>;

export const blockerResponseSchema = z.object({ blocker: blockerSchema });
export type BlockerResponse = z.infer<typeof blockerResponseSchema>;

export const blockerConflictSchema = z.object({
  error: z.object({ code: z.literal('conflict'), message: z.string() }),
  current: blockerSchema,
});
export type BlockerConflict = z.infer<typeof blockerConflictSchema>;

export const blockerRouteTemplates = {
  openBlockers: 'pairs/{managerId}/{reportId}/blockers',
  blocker: 'pairs/{managerId}/{reportId}/blockers/{occurrenceId}/{line}',
} as const;

export const blockerApiPaths = {
  openBlockers: (pair: { managerId: string; reportId: string }): string =>
    `pairs/${pair.managerId}/${pair.reportId}/blockers`,
  blocker: (pair: { managerId: string; reportId: string }, occurrenceId: string, line: number): string =>
    `pairs/${pair.managerId}/${pair.reportId}/blockers/${occurrenceId}/${line}`,
};
