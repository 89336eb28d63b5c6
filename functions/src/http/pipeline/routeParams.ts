import { z } from 'zod';
import { chatIdSchema, objectIdSchema, occurrenceIdSchema, textFieldIdSchema } from '../../contract';

// Ids are stored and compared lower-case (see domain/pairs normalizeId).
const lowerObjectId = objectIdSchema.transform((id) => id.toLowerCase());

export const meetingBoardParams = z.object({ chatId: chatIdSchema });

export const boardParams = z.object({
  managerId: lowerObjectId,
  reportId: lowerObjectId,
  occurrenceId: occurrenceIdSchema,
});

export const boardFieldParams = boardParams.extend({ fieldId: textFieldIdSchema });
