import { z } from 'zod';
import type { DirectoryPerson } from '../domain/oneOnOnes';
import { normalizeId } from '../domain/pairs';

/**
 * The Graph response shapes the gateways read, parsed at the boundary so nothing past a gateway trusts Graph's
 * JSON blindly. One definition for every gateway that reads the same resource.
 */

/** A collection page: items are parsed by the caller, `@odata.nextLink` continues it. */
export const graphPageSchema = z.object({ value: z.array(z.unknown()), '@odata.nextLink': z.string().optional() });

/**
 * The user fields Candor selects (PERSON_SELECT); `@odata.type` tells users from other directory objects.
 * `proxyAddresses` comes back only when `$select`ed.
 */
export const graphUserSchema = z.object({
  '@odata.type': z.string().optional(),
  id: z.string(),
  displayName: z.string().nullish(),
  mail: z.string().nullish(),
  userPrincipalName: z.string().nullish(),
  proxyAddresses: z.array(z.string()).nullish(),
});

/** What every directory read of a person selects: enough to know them by any address an invitation carries. */
export const PERSON_SELECT: readonly string[] = ['id', 'displayName', 'mail', 'userPrincipalName', 'proxyAddresses'];

/**
 * `SMTP:primary@…` (upper case: the primary), `smtp:alias@…` and `X500:/o=…` (a legacy Exchange DN, which calendars
 * may show instead of an SMTP address) as the bare address; other kinds (SIP, SPO…) never name an invitee.
 */
function proxyAddressOf(proxy: string): string | null {
  const match = /^(smtp|x500):(.+)$/i.exec(proxy.trim());
  return match?.[2] ? match[2].toLowerCase() : null;
}

/** Users only: direct reports may also list organizational contacts, who cannot use Candor. */
export function directoryPersonOf(raw: unknown): DirectoryPerson | null {
  const parsed = graphUserSchema.safeParse(raw);
  if (!parsed.success) return null;
  const u = parsed.data;
  if (u['@odata.type'] && u['@odata.type'] !== '#microsoft.graph.user') return null;
  const named = [u.mail, u.userPrincipalName].flatMap((a) => (a ? [a.toLowerCase()] : []));
  const proxies = (u.proxyAddresses ?? []).flatMap((p) => proxyAddressOf(p) ?? []);
  const addresses = [...new Set([...named, ...proxies])];
  return { id: normalizeId(u.id), displayName: u.displayName ?? u.mail ?? u.userPrincipalName ?? '', addresses };
}
