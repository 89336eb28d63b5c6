import { z } from 'zod';

/** Entra ID object ids (users) are GUIDs; keys and URLs only ever carry these, never names or addresses. */
export const objectIdSchema = z
  .string()
  .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'must be an Entra ID object id (a GUID)');
export type ObjectId = z.infer<typeof objectIdSchema>;

/**
 * One occurrence of a pair's 1:1: its original start in UTC (sortable, stable when the occurrence is moved)
 * and a short hash of the series (or single event) id, e.g. `20261126T0900Z-3f9c0a1b2c3d4e5f`.
 */
export const occurrenceIdSchema = z
  .string()
  .regex(/^\d{8}T\d{4}Z-[0-9a-f]{16}$/, 'must look like 20261126T0900Z-0123456789abcdef');
export type OccurrenceId = z.infer<typeof occurrenceIdSchema>;

export const boardRefSchema = z.object({
  managerId: objectIdSchema,
  reportId: objectIdSchema,
  occurrenceId: occurrenceIdSchema,
});
export type BoardRef = z.infer<typeof boardRefSchema>;

/** A Teams meeting chat thread id, e.g. `19:meeting_abc@thread.v2`. */
export const chatIdSchema = z
  .string()
  .min(8)
  .max(200)
  .regex(/^19:[A-Za-z0-9_\-.=]+@thread\.(v2|skype|tacv2)$/, 'must be a Teams chat thread id (19:…@thread.v2)');
