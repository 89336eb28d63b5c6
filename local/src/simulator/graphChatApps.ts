/**
 * Apps installed in a chat and tabs pinned to it, as Graph states them (for a meeting's chat, that is the meeting):
 *   - `GET/POST /chats/{chat-id}/installedApps`, `DELETE …/installedApps/{id}`: app-only the app may install only itself
 *     with `TeamsAppInstallation.ReadWriteSelfForChat.All` (or a wider `…ForChat.All`); installing twice is 409.
 *   - `GET/POST /chats/{chat-id}/tabs`, `DELETE …/tabs/{id}`: the tab's app must already be installed in the chat
 *     (else 400); app-only `TeamsTab.Create` or `TeamsTab.ReadWriteSelfForChat.All` (or wider) to add,
 *     `TeamsTab.Read.All` (or a ReadWrite one) to list.
 * A chat unknown to Teams is 404; a token without the permission is 403 naming what was wanted. People remove apps
 * and tabs in Teams itself: the `/_sim/chats/{chat-id}/apps` control endpoint does it for tests and the host page,
 * and counts every install and tab added per chat.
 */
import { randomUUID } from 'node:crypto';
import { graphError, graphJson } from './odata';
import { missingPermission } from './graphChats';
import { catalogHolds } from './graphTeamwork';
import type { GraphContext, Route } from './graphContext';
import { isRecord, type GraphResult } from './types';
import type { Tenant } from './tenant';

const INSTALL_READ = [
  'TeamsAppInstallation.ReadSelfForChat.All',
  'TeamsAppInstallation.ReadForChat.All',
  'TeamsAppInstallation.ReadWriteSelfForChat.All',
  'TeamsAppInstallation.ReadWriteForChat.All',
];
const INSTALL_WRITE = ['TeamsAppInstallation.ReadWriteSelfForChat.All', 'TeamsAppInstallation.ReadWriteForChat.All'];
const TAB_READ = [
  'TeamsTab.Read.All',
  'TeamsTab.ReadWriteSelfForChat.All',
  'TeamsTab.ReadWriteForChat.All',
  'TeamsTab.ReadWrite.All',
];
const TAB_WRITE = [
  'TeamsTab.Create',
  'TeamsTab.ReadWriteSelfForChat.All',
  'TeamsTab.ReadWriteForChat.All',
  'TeamsTab.ReadWrite.All',
];

export interface ChatTab {
  id: string;
  displayName: string;
  appId: string;
  configuration: { entityId: string | null; contentUrl: string; websiteUrl: string | null; removeUrl: string | null };
}

interface ChatApps {
  apps: Set<string>;
  tabs: ChatTab[];
  /** Every successful install and tab added, whatever was removed since: what the tests count. */
  installs: number;
  tabsAdded: number;
}

/** What the simulator's control surface says about one chat. */
export interface ChatAppsState {
  apps: string[];
  tabs: ChatTab[];
  installs: number;
  tabsAdded: number;
}

const chats = new WeakMap<Tenant, Map<string, ChatApps>>();

function appsIn(tenant: Tenant, chatId: string): ChatApps {
  let byChat = chats.get(tenant);
  if (!byChat) chats.set(tenant, (byChat = new Map<string, ChatApps>()));
  let state = byChat.get(chatId);
  if (!state) byChat.set(chatId, (state = { apps: new Set(), tabs: [], installs: 0, tabsAdded: 0 }));
  return state;
}

/** Installation ids are per chat and app, stable and opaque. */
function installationId(chatId: string, appId: string): string {
  return Buffer.from(`${chatId}##${appId}`).toString('base64url');
}

/** The chat (a meeting's: only those exist here), or Graph's 404; a token without `roles` is refused first. */
function chatOf(ctx: GraphContext, params: Record<string, string>, roles: string[]): ChatApps | GraphResult {
  const p = ctx.principal;
  if (p.kind !== 'app' || !roles.some((r) => p.roles.includes(r)))
    return missingPermission('role', roles, p.kind === 'app' ? p.roles : []);
  const chatId = params.chat ?? '';
  if (!ctx.tenant.meetings.some((m) => m.chatId === chatId))
    return graphError(404, 'NotFound', `Chat '${chatId}' was not found.`);
  return appsIn(ctx.tenant, chatId);
}

const isState = (value: ChatApps | GraphResult): value is ChatApps => 'apps' in value;

/** `teamsApp/id eq '…'` (the one filter simulated); undefined: none given; null: one it cannot read. */
function appFilter(ctx: GraphContext): string | undefined | null {
  const filter = ctx.query.get('$filter');
  if (!filter) return undefined;
  return /^\s*teamsApp\/id\s+eq\s+'([^']*)'\s*$/i.exec(filter)?.[1] ?? null;
}

function teamsAppOf(appId: string): Record<string, unknown> {
  return { id: appId, externalId: appId, displayName: 'Candor', distributionMethod: 'organization' };
}

function listApps(ctx: GraphContext, params: Record<string, string>): GraphResult {
  const state = chatOf(ctx, params, INSTALL_READ);
  if (!isState(state)) return state;
  const wanted = appFilter(ctx);
  if (wanted === null) return graphError(400, 'BadRequest', "Only $filter=teamsApp/id eq '…' is simulated.");
  const chatId = params.chat ?? '';
  const value = [...state.apps]
    .filter((app) => wanted === undefined || app === wanted)
    .map((app) => ({ id: installationId(chatId, app), teamsApp: teamsAppOf(app) }));
  return graphJson(200, { '@odata.context': `${ctx.baseUrl}/v1.0/$metadata#chats('${chatId}')/installedApps`, value });
}

/** The catalog app a body binds (`…/appCatalogs/teamsApps/{id}`), or undefined. */
function boundApp(body: unknown): string | undefined {
  const bind = isRecord(body) ? body['teamsApp@odata.bind'] : undefined;
  return typeof bind === 'string' ? /\/appCatalogs\/teamsApps\/([^/]+)$/.exec(bind)?.[1] : undefined;
}

function installApp(ctx: GraphContext, params: Record<string, string>): GraphResult {
  const state = chatOf(ctx, params, INSTALL_WRITE);
  if (!isState(state)) return state;
  const appId = boundApp(ctx.body);
  if (!appId) return graphError(400, 'BadRequest', 'teamsApp@odata.bind must name an app of the app catalog.');
  if (!catalogHolds(ctx.tenant, appId)) return graphError(404, 'NotFound', 'Not Found');
  if (state.apps.has(appId)) return graphError(409, 'Conflict', 'The app is already installed in this chat.');
  state.apps.add(appId);
  state.installs++;
  return { status: 201, headers: {} };
}

function uninstallApp(ctx: GraphContext, params: Record<string, string>): GraphResult {
  const state = chatOf(ctx, params, INSTALL_WRITE);
  if (!isState(state)) return state;
  const app = [...state.apps].find((a) => installationId(params.chat ?? '', a) === params.installation);
  if (!app) return graphError(404, 'NotFound', 'No such app installation in this chat.');
  removeApp(state, app);
  return { status: 204, headers: {} };
}

/** Uninstalling an app takes its tabs with it, as in Teams. */
function removeApp(state: ChatApps, appId: string): void {
  state.apps.delete(appId);
  state.tabs = state.tabs.filter((t) => t.appId !== appId);
}

function tabJson(ctx: GraphContext, chatId: string, tab: ChatTab, expandApp: boolean): Record<string, unknown> {
  return {
    id: tab.id,
    displayName: tab.displayName,
    webUrl: `https://teams.microsoft.com/l/entity/${tab.appId}/${encodeURIComponent(tab.id)}?webUrl=&label=${encodeURIComponent(tab.displayName)}&context=${encodeURIComponent(JSON.stringify({ chatId }))}&tenantId=${ctx.tenant.id}`,
    configuration: { ...tab.configuration },
    ...(expandApp ? { teamsApp: teamsAppOf(tab.appId) } : {}),
  };
}

function listTabs(ctx: GraphContext, params: Record<string, string>): GraphResult {
  const state = chatOf(ctx, params, TAB_READ);
  if (!isState(state)) return state;
  const wanted = appFilter(ctx);
  if (wanted === null) return graphError(400, 'BadRequest', "Only $filter=teamsApp/id eq '…' is simulated.");
  const chatId = params.chat ?? '';
  const expand = /(^|,)\s*teamsApp\s*(,|$)/i.test(ctx.query.get('$expand') ?? '');
  const value = state.tabs
    .filter((t) => wanted === undefined || t.appId === wanted)
    .map((t) => tabJson(ctx, chatId, t, expand));
  return graphJson(200, { '@odata.context': `${ctx.baseUrl}/v1.0/$metadata#chats('${chatId}')/tabs`, value });
}

const text = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);

function addTab(ctx: GraphContext, params: Record<string, string>): GraphResult {
  const state = chatOf(ctx, params, TAB_WRITE);
  if (!isState(state)) return state;
  const body = isRecord(ctx.body) ? ctx.body : {};
  const appId = boundApp(body);
  const displayName = text(body.displayName);
  const configuration = isRecord(body.configuration) ? body.configuration : {};
  const contentUrl = text(configuration.contentUrl);
  if (!appId || !displayName || !contentUrl)
    return graphError(400, 'BadRequest', 'A tab needs displayName, teamsApp@odata.bind and configuration.contentUrl.');
  if (!state.apps.has(appId))
    return graphError(
      400,
      'BadRequest',
      `The app '${appId}' is not installed in this chat; install it before adding its tab.`,
    );
  const tab: ChatTab = {
    id: randomUUID(),
    displayName,
    appId,
    configuration: {
      entityId: text(configuration.entityId),
      contentUrl,
      websiteUrl: text(configuration.websiteUrl),
      removeUrl: text(configuration.removeUrl),
    },
  };
  state.tabs.push(tab);
  state.tabsAdded++;
  return graphJson(201, {
    '@odata.context': `${ctx.baseUrl}/v1.0/$metadata#chats('${params.chat ?? ''}')/tabs/$entity`,
    ...tabJson(ctx, params.chat ?? '', tab, false),
  });
}

function deleteTab(ctx: GraphContext, params: Record<string, string>): GraphResult {
  const state = chatOf(ctx, params, TAB_WRITE);
  if (!isState(state)) return state;
  const before = state.tabs.length;
  state.tabs = state.tabs.filter((t) => t.id !== params.tab);
  if (state.tabs.length === before) return graphError(404, 'NotFound', 'No such tab in this chat.');
  return { status: 204, headers: {} };
}

/** The apps and tabs of a chat, and how often each was added: what tests and the host page read. */
export function chatAppsState(tenant: Tenant, chatId: string): ChatAppsState {
  const state = appsIn(tenant, chatId);
  return {
    apps: [...state.apps],
    tabs: structuredClone(state.tabs),
    installs: state.installs,
    tabsAdded: state.tabsAdded,
  };
}

/** A person in the chat removes the app (and with it its tabs) or only its tabs, as they can in Teams. */
export function removeByPerson(tenant: Tenant, chatId: string, what: 'app' | 'tab', appId: string): void {
  const state = appsIn(tenant, chatId);
  if (what === 'app') removeApp(state, appId);
  else state.tabs = state.tabs.filter((t) => t.appId !== appId);
}

/**
 * `/_sim/chats/{chat-id}/apps`: GET the chat's apps, tabs and counters; POST `{ remove: 'app' | 'tab', appId }` as a
 * person would. Null for any other path.
 */
export function chatAppsControl(tenant: Tenant, method: string, path: string, body: unknown): GraphResult | null {
  const match = /^\/_sim\/chats\/([^/]+)\/apps\/?$/.exec(path);
  if (!match) return null;
  const chatId = decodeURIComponent(match[1] ?? '');
  const json = (status: number, value: unknown): GraphResult => ({
    status,
    headers: { 'Content-Type': 'application/json; charset=utf-8' },
    body: value,
  });
  if (method === 'GET') return json(200, chatAppsState(tenant, chatId));
  if (method === 'POST' && isRecord(body) && (body.remove === 'app' || body.remove === 'tab') && text(body.appId)) {
    removeByPerson(tenant, chatId, body.remove, String(body.appId));
    return json(200, chatAppsState(tenant, chatId));
  }
  return json(400, { error: { code: 'BadRequest', message: "Body must be { remove: 'app' | 'tab', appId }." } });
}

const CHAT = '(?<chat>[^/]+)';
export const chatAppRoutes: Route[] = [
  { method: 'GET', pattern: new RegExp(`^/chats/${CHAT}/installedApps$`, 'i'), handler: listApps },
  { method: 'POST', pattern: new RegExp(`^/chats/${CHAT}/installedApps$`, 'i'), handler: installApp },
  {
    method: 'DELETE',
    pattern: new RegExp(`^/chats/${CHAT}/installedApps/(?<installation>[^/]+)$`, 'i'),
    handler: uninstallApp,
  },
  { method: 'GET', pattern: new RegExp(`^/chats/${CHAT}/tabs$`, 'i'), handler: listTabs },
  { method: 'POST', pattern: new RegExp(`^/chats/${CHAT}/tabs$`, 'i'), handler: addTab },
  { method: 'DELETE', pattern: new RegExp(`^/chats/${CHAT}/tabs/(?<tab>[^/]+)$`, 'i'), handler: deleteTab },
];
