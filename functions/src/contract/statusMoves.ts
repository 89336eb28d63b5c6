import { z } from 'zod';
import { MAX_STATUS_FIELD_LENGTH, statusFieldIdSchema, statusUpdateSchema } from './statusUpdates';

/**
 * Moving words from the side panel into the report's written status update (the status guard's "Move to status
 * update"). The report picks one of the status form's four parts; the words are appended to it as typed, not
 * trimmed or reworded. `moveId` is chosen by the client once per move, so a retried request appends only once.
 */
export const appendStatusTextRequestSchema = z.strictObject({
  moveId: z.uuid('must be a UUID'),
  section: statusFieldIdSchema,
  text: z
    .string()
    .max(MAX_STATUS_FIELD_LENGTH, `must be at most ${MAX_STATUS_FIELD_LENGTH} characters`)
    .refine((text) => text.trim() !== '', 'must not be empty'),
});
export type AppendStatusTextRequest = z.infer<typeof appendStatusTextRequestSchema>;

export const appendStatusTextResponseSchema = z.object({
  update: statusUpdateSchema,
  /** False when this `moveId` had already been applied (a retry): nothing was appended a second time. */
  applied: z.boolean(),
});
export type AppendStatusTextResponse = z.infer<typeof appendStatusTextResponseSchema>;

/** The error code of a move refused because the meeting has started (the status update is closed then). */
export const STATUS_CLOSED_CODE = 'statusClosed';

export const statusMoveRouteTemplate = 'pairs/{managerId}/{reportId}/status/{occurrenceId}/moves';

export const statusMovePath = (ref: { managerId: string; reportId: string; occurrenceId: string }): string =>
  `pairs/${ref.managerId}/${ref.reportId}/status/${ref.occurrenceId}/moves`;
