import { z } from 'zod';

/**
 * The Graph response shapes the gateways read, parsed at the boundary so nothing past a gateway trusts Graph's
 * JSON blindly. One definition for every gateway that reads the same resource.
 */

/** A collection page: items are parsed by the caller, `@odata.nextLink` continues it. */
export const graphPageSchema = z.object({ value: z.array(z.unknown()), '@odata.nextLink': z.string().optional() });

/** The user fields Candor selects (`id,displayName,mail,userPrincipalName`); `@odata.type` tells users from other directory objects. */
export const graphUserSchema = z.object({
  '@odata.type': z.string().optional(),
  id: z.string(),
  displayName: z.string().nullish(),
  mail: z.string().nullish(),
  userPrincipalName: z.string().nullish(),
});
