import { z } from 'zod';
import { commitmentIdSchema, objectIdSchema, ratingFieldIdSchema } from '../../contract';
import { boardParams } from './routeParams';

// Ids are stored and compared lower-case (see domain/pairs normalizeId).
const lowerObjectId = objectIdSchema.transform((id) => id.toLowerCase());

export const pairParams = z.object({ managerId: lowerObjectId, reportId: lowerObjectId });

export const boardRatingParams = boardParams.extend({ ratingId: ratingFieldIdSchema });

export const commitmentParams = boardParams.extend({
  commitmentId: commitmentIdSchema.transform((id) => id.toLowerCase()),
});
