import { z } from 'zod';

/** Every 4xx/5xx answer of the API has this body. `field` names the offending input when there is one. */
export const errorBodySchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    field: z.string().optional(),
  }),
});
export type ErrorBody = z.infer<typeof errorBodySchema>;
