/**
 * Teams app installation for a user (Graph `users/{id}/teamwork/installedApps`), as the Candor bot uses it to reach
 * a person who never opened it (status by chat): install, find the installation, read the chat with the bot. Only the
 * catalog's Candor app exists; installing it twice answers 409 as Graph does.
 *
 * What a Teams admin controls, and Graph's refusals for it (TeamsAdmin): the app taken out of the organization's
 * catalog (404 NotFound on install), an app permission policy blocking it for a person (403 Forbidden "App is
 * blocked by app permission policy", inner code AccessDenied), a person without a Teams licence (403 Forbidden
 * "Failed to get license information for the user", on listing and installing alike).
 */
import { DEMO_TEAMS_CATALOG_APP_ID } from './demoTenant';
import { graphError, graphJson } from './odata';
import { isResult, targetUser, type GraphContext, type Permission, type Route } from './graphContext';
import { isRecord } from './types';
import type { Tenant } from './tenant';

const INSTALL: Permission = {
  app: ['TeamsAppInstallation.ReadWriteSelfForUser.All', 'TeamsAppInstallation.ReadWriteForUser.All'],
  delegated: ['TeamsAppInstallation.ReadWriteSelfForUser'],
  workload: 'directory',
};

const installed = new WeakMap<Tenant, Map<string, Set<string>>>();

/** What a Teams admin changes in the tenant that decides whether the bot may be added for a person. */
export interface TeamsAdmin {
  /** Uploads the Candor app to the organization's app catalog (`true`, the default) or takes it out. */
  setInCatalog(inCatalog: boolean): void;
  /** Blocks (or allows) the Candor app for a person through the app permission policy assigned to them. */
  setBlockedFor(userId: string, blocked: boolean): void;
  /** Removes (or assigns) a person's Teams licence. */
  setTeamsLicence(userId: string, licensed: boolean): void;
}

interface AdminState {
  catalog: Set<string>;
  blocked: Set<string>;
  unlicensed: Set<string>;
}

const admin = new WeakMap<Tenant, AdminState>();

function adminOf(tenant: Tenant): AdminState {
  let state = admin.get(tenant);
  if (!state)
    admin.set(
      tenant,
      (state = { catalog: new Set([DEMO_TEAMS_CATALOG_APP_ID]), blocked: new Set(), unlicensed: new Set() }),
    );
  return state;
}

/** Whether the organization's app catalog holds the app (a Teams admin may take Candor out). */
export function catalogHolds(tenant: Tenant, appId: string): boolean {
  return adminOf(tenant).catalog.has(appId);
}

export function teamsAdmin(tenant: Tenant): TeamsAdmin {
  const toggle = (set: Set<string>, key: string, on: boolean): void => {
    if (on) set.add(key);
    else set.delete(key);
  };
  return {
    setInCatalog: (inCatalog) => toggle(adminOf(tenant).catalog, DEMO_TEAMS_CATALOG_APP_ID, inCatalog),
    setBlockedFor: (userId, blocked) => toggle(adminOf(tenant).blocked, userId.toLowerCase(), blocked),
    setTeamsLicence: (userId, licensed) => toggle(adminOf(tenant).unlicensed, userId.toLowerCase(), !licensed),
  };
}

/** Teams' answer for a person without a Teams licence, whatever is asked about their apps. */
function unlicensed(ctx: GraphContext, userId: string) {
  return adminOf(ctx.tenant).unlicensed.has(userId.toLowerCase())
    ? graphError(
        403,
        'Forbidden',
        'Failed to get license information for the user. Ensure user has a valid Office365 license assigned to them.',
      )
    : null;
}

function appsOf(tenant: Tenant, userId: string): Set<string> {
  let byUser = installed.get(tenant);
  if (!byUser) installed.set(tenant, (byUser = new Map<string, Set<string>>()));
  let apps = byUser.get(userId.toLowerCase());
  if (!apps) byUser.set(userId.toLowerCase(), (apps = new Set()));
  return apps;
}

/** Installation ids are per user and app, stable, and opaque to the caller. */
function installationId(userId: string, appId: string): string {
  return Buffer.from(`${userId}##${appId}`).toString('base64url');
}

/** The people the bot has reached (for the host page's chat view). */
export function installedUsers(tenant: Tenant): string[] {
  return [...(installed.get(tenant)?.entries() ?? [])].filter(([, apps]) => apps.size > 0).map(([user]) => user);
}

/** The bot's personal chat id with a user, as Teams forms it. */
export function personalChatId(userId: string, botAppId: string): string {
  return `19:${userId.toLowerCase()}_${botAppId}@unq.gbl.spaces`;
}

function list(ctx: GraphContext, params: Record<string, string>) {
  const user = targetUser(ctx, params.user ?? '', INSTALL);
  if (isResult(user)) return user;
  const refused = unlicensed(ctx, user.id);
  if (refused) return refused;
  const filter = ctx.query.get('$filter');
  const wanted = filter ? /teamsApp\/id eq '([^']*)'/i.exec(filter)?.[1] : undefined;
  if (filter && wanted === undefined)
    return graphError(400, 'BadRequest', "Only $filter=teamsApp/id eq '…' is simulated.");
  const value = [...appsOf(ctx.tenant, user.id)]
    .filter((app) => wanted === undefined || app === wanted)
    .map((app) => ({
      id: installationId(user.id, app),
      teamsApp: { id: app, externalId: app, displayName: 'Candor', distributionMethod: 'organization' },
    }));
  return graphJson(200, {
    '@odata.context': `${ctx.baseUrl}/v1.0/$metadata#users('${user.id}')/teamwork/installedApps`,
    value,
  });
}

function install(ctx: GraphContext, params: Record<string, string>) {
  const user = targetUser(ctx, params.user ?? '', INSTALL);
  if (isResult(user)) return user;
  const bind = isRecord(ctx.body) ? ctx.body['teamsApp@odata.bind'] : undefined;
  const appId = typeof bind === 'string' ? /\/appCatalogs\/teamsApps\/([^/]+)$/.exec(bind)?.[1] : undefined;
  if (!appId) return graphError(400, 'BadRequest', 'teamsApp@odata.bind must name an app of the app catalog.');
  const refused = unlicensed(ctx, user.id);
  if (refused) return refused;
  // An app id the catalog does not hold: Graph answers a bare 404.
  if (!adminOf(ctx.tenant).catalog.has(appId)) return graphError(404, 'NotFound', 'Not Found');
  if (adminOf(ctx.tenant).blocked.has(user.id.toLowerCase())) {
    const message =
      `App is blocked by app permission policy. TenantId: ${ctx.tenant.seed.tenantId}, UserObjectId: ${user.id}, ` +
      `AppId: ${appId}, AppType: Private`;
    return graphJson(403, {
      error: {
        code: 'Forbidden',
        message,
        innerError: { code: 'AccessDenied', message, date: new Date().toISOString() },
      },
    });
  }
  const apps = appsOf(ctx.tenant, user.id);
  if (apps.has(appId)) return graphError(409, 'Conflict', 'The app is already installed for this user.');
  apps.add(appId);
  return { status: 201, headers: {} };
}

function chat(ctx: GraphContext, params: Record<string, string>) {
  const user = targetUser(ctx, params.user ?? '', INSTALL);
  if (isResult(user)) return user;
  const app = [...appsOf(ctx.tenant, user.id)].find((a) => installationId(user.id, a) === params.installation);
  if (!app) return graphError(404, 'NotFound', 'No such app installation for this user.');
  return graphJson(200, {
    id: personalChatId(user.id, ctx.tenant.seed.apiApp.clientId),
    chatType: 'oneOnOne',
    tenantId: ctx.tenant.seed.tenantId,
  });
}

const USER = '(?<user>[^/]+)';
export const teamworkRoutes: Route[] = [
  { method: 'GET', pattern: new RegExp(`^/users/${USER}/teamwork/installedApps$`, 'i'), handler: list },
  { method: 'POST', pattern: new RegExp(`^/users/${USER}/teamwork/installedApps$`, 'i'), handler: install },
  {
    method: 'GET',
    pattern: new RegExp(`^/users/${USER}/teamwork/installedApps/(?<installation>[^/]+)/chat$`, 'i'),
    handler: chat,
  },
];
