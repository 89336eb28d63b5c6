import { z } from 'zod';
import type { DirectoryPerson } from '../domain/oneOnOnes';
import { normalizeId } from '../domain/pairs';

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

/** Users only: direct reports may also list organizational contacts, who cannot use Candor. */
export function directoryPersonOf(raw: unknown): DirectoryPerson | null {
  const parsed = graphUserSchema.safeParse(raw);
  if (!parsed.success) return null;
  const u = parsed.data;
  if (u['@odata.type'] && u['@odata.type'] !== '#microsoft.graph.user') return null;
  const addresses = [u.mail, u.userPrincipalName].flatMap((a) => (a ? [a.toLowerCase()] : []));
  return { id: normalizeId(u.id), displayName: u.displayName ?? u.mail ?? u.userPrincipalName ?? '', addresses };
}
