/**
 * Teams app installation for a user (Graph `users/{id}/teamwork/installedApps`), as the Candor bot uses it to reach
 * a person who never opened it (status by chat): install, find the installation, read the chat with the bot. Only the
 * catalog's Candor app exists; installing it twice answers 409 as Graph does.
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
  if (appId !== DEMO_TEAMS_CATALOG_APP_ID)
    return graphError(404, 'NotFound', `The app ${appId} is not in the organization's app catalog.`);
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
