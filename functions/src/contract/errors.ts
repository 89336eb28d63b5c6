import { z } from 'zod';

/** Every 4xx/5xx answer of the API has this body. `field` names the offending input when there is one. */
export const errorBodySchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    field: z.string().optional(),
    /**
     * With `claimsChallenge`: the claims Entra ID's Conditional Access asks for (its JSON string, as is). The tab
     * passes them to its host's SSO (teams-js getAuthToken `claims`) and sends the call again with the new token.
     */
    claims: z.string().optional(),
  }),
});
export type ErrorBody = z.infer<typeof errorBodySchema>;
