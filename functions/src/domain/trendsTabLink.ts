/*
 * Where the monthly digest (and the bot's reply) sends a manager: the Trends tab, by Microsoft's documented deep link to
 * a personal tab, https://teams.microsoft.com/l/entity/<appId>/<entityId>. For an app uploaded to the organization's
 * catalog `appId` is the catalog's id (Graph appCatalogs/teamsApps `id`), not the manifest's `id` (Graph's
 * `externalId`): the same id the bot installs itself with, so the link is built from that one setting.
 *
 * Only `tenantId` is added. `webUrl`, `label` and `context` would need URI encoding, and Microsoft documents that deep
 * links with encoded URIs are not supported in Outlook. Microsoft documents no deep link that opens a personal tab
 * inside Outlook or the Microsoft 365 app from an email: this one opens the tab in Teams (desktop or web) whichever
 * mail client the manager reads the digest in.
 */

/** The manifest's static tab (manifest/manifest.template.json `staticTabs[].entityId`). */
export const TRENDS_TAB_ENTITY_ID = 'candor-trends';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const isGuid = (value: string): boolean => GUID.test(value);

/** Throws a RangeError for anything but a GUID as the catalog id: nothing else may reach the link's path. */
export function trendsTabDeepLink(catalogAppId: string, tenantId: string | null): string {
  if (!isGuid(catalogAppId)) throw new RangeError('the app id of the organization catalog is a GUID');
  const link = `https://teams.microsoft.com/l/entity/${catalogAppId}/${TRENDS_TAB_ENTITY_ID}`;
  // A tenant named by its domain stays out: the documented parameter is the tenant's id.
  return tenantId !== null && isGuid(tenantId) ? `${link}?tenantId=${tenantId}` : link;
}
