import type { MailboxSettings, User } from '@microsoft/microsoft-graph-types';
import type { GraphResult, SeedUser } from './types';
import { authorize, isResult, type GraphContext, type Permission, type Route, targetUser } from './graphContext';
import { contextUrl, graphError, graphJson, pageOf, parsePaging, parseSelect, project } from './odata';

/** Reading one's own profile needs User.Read; anyone else's needs a directory-wide permission. */
const USER_READ: Permission = {
  app: ['User.Read.All', 'User.ReadBasic.All', 'User.ReadWrite.All', 'Directory.Read.All'],
  delegated: ['User.Read', 'User.ReadBasic.All', 'User.Read.All', 'Directory.Read.All'],
  delegatedOthers: ['User.ReadBasic.All', 'User.Read.All', 'Directory.Read.All'],
  workload: 'directory',
};
const MAILBOX_SETTINGS_READ: Permission = {
  app: ['MailboxSettings.Read', 'MailboxSettings.ReadWrite'],
  delegated: ['MailboxSettings.Read', 'MailboxSettings.ReadWrite'],
  workload: 'mailbox',
};

const USER_TYPE = 'microsoft.graph.user';
/** What `GET /users/{id}` returns without `$select` (Graph's default property set for users). */
const DEFAULT_USER_PROPERTIES = [
  'businessPhones',
  'displayName',
  'givenName',
  'jobTitle',
  'mail',
  'mobilePhone',
  'officeLocation',
  'preferredLanguage',
  'surname',
  'userPrincipalName',
  'id',
];

function fullUser(tenant: GraphContext['tenant'], user: SeedUser): User {
  return {
    id: user.id,
    businessPhones: [],
    displayName: user.displayName,
    givenName: user.givenName,
    surname: user.surname,
    jobTitle: user.jobTitle ?? null,
    mail: user.mail,
    mobilePhone: null,
    officeLocation: user.officeLocation ?? null,
    preferredLanguage: 'en-US',
    userPrincipalName: user.userPrincipalName,
    department: user.department ?? null,
    companyName: 'Candor Demo',
    accountEnabled: true,
    userType: 'Member',
    mailNickname: user.userPrincipalName.split('@')[0] ?? null,
    usageLocation: 'US',
    employeeId: null,
    createdDateTime: '2024-01-15T09:00:00Z',
    proxyAddresses: [`SMTP:${user.mail}`, ...(user.proxyAddresses ?? [])],
    otherMails: [],
    onPremisesSyncEnabled: null,
    city: null,
    country: null,
    state: null,
    streetAddress: null,
    postalCode: null,
    employeeType: null,
    faxNumber: null,
    identities: [{ signInType: 'userPrincipalName', issuer: tenant.domain, issuerAssignedId: user.userPrincipalName }],
  };
}

const USER_PROPERTIES = Object.keys(
  fullUser({ domain: '' } as GraphContext['tenant'], {
    id: '',
    displayName: '',
    givenName: '',
    surname: '',
    userPrincipalName: '',
    mail: '',
    timeZone: 'UTC',
  }),
);

/** A user as Graph serializes it: the default set, or exactly the `$select`ed properties. */
function userBody(ctx: GraphContext, user: SeedUser, select: string[] | undefined): Record<string, unknown> {
  const wanted = select ?? DEFAULT_USER_PROPERTIES;
  const readable = readsFullProfile(ctx, user) ? wanted : wanted.filter((name) => !FULL_PROFILE_ONLY.has(name));
  return project(fullUser(ctx.tenant, user) as Record<string, unknown>, readable);
}

/** Beyond the basic profile User.ReadBasic.All grants (names, mail, UPN): not returned to a caller without more. */
const FULL_PROFILE_ONLY = new Set(['proxyAddresses']);
const FULL_PROFILE = ['User.Read.All', 'User.ReadWrite.All', 'Directory.Read.All'];

function readsFullProfile(ctx: GraphContext, user: SeedUser): boolean {
  const p = ctx.principal;
  if (p.kind === 'app') return p.roles.some((r) => FULL_PROFILE.includes(r));
  return p.userId.toLowerCase() === user.id.toLowerCase() || p.scopes.some((s) => FULL_PROFILE.includes(s));
}

/** Navigation properties (manager, directReports) return directoryObjects, so each says what type it is. */
function asDirectoryObject(body: Record<string, unknown>): Record<string, unknown> {
  return { '@odata.type': '#microsoft.graph.user', ...body };
}

function selectSuffix(select: string[] | undefined): string {
  return select ? `(${select.join(',')})` : '';
}

function getUser(ctx: GraphContext, params: Record<string, string>): GraphResult {
  const user = targetUser(ctx, params.user ?? '', USER_READ);
  if (isResult(user)) return user;
  const { select, error } = parseSelect(ctx.query, USER_PROPERTIES, USER_TYPE);
  if (error) return error;
  const expanded = expandDirectReports(ctx, user);
  if (expanded && 'status' in expanded) return expanded;
  return graphJson(200, {
    '@odata.context': contextUrl(ctx.baseUrl, `users${selectSuffix(select)}/$entity`),
    ...userBody(ctx, user, select),
    ...(expanded ? { directReports: expanded.value } : {}),
  });
}

/**
 * `$expand=directReports` or `$expand=directReports($select=…)` on a user, as Graph serves it: at most 100
 * directory objects (Graph's limit for expanding directory objects; longer lists must be paged separately).
 */
function expandDirectReports(
  ctx: GraphContext,
  user: SeedUser,
): { value: Record<string, unknown>[] } | GraphResult | undefined {
  const expand = ctx.query.get('$expand');
  if (expand === null || expand.trim() === '') return undefined;
  const match = /^directReports(?:\(\$select=([^)]*)\))?$/i.exec(expand.trim());
  if (!match)
    return graphError(400, 'BadRequest', `The Candor simulator only expands directReports on a user, not '${expand}'.`);
  const nested =
    match[1] === undefined ? {} : parseSelect(new URLSearchParams({ $select: match[1] }), USER_PROPERTIES, USER_TYPE);
  if (nested.error) return nested.error;
  const value = ctx.tenant
    .directReports(user.id)
    .slice(0, 100)
    .map((u) => asDirectoryObject(userBody(ctx, u, nested.select)));
  return { value };
}

function listUsers(ctx: GraphContext): GraphResult {
  // Listing the directory is "someone else's data" for a delegated caller.
  const denied = authorize(ctx, USER_READ, '');
  if (denied) return denied;
  const { select, error } = parseSelect(ctx.query, USER_PROPERTIES, USER_TYPE);
  if (error) return error;
  const paging = parsePaging(ctx.query, 100, 999);
  if (!paging.page) return paging.error ?? graphError(400, 'BadRequest', 'Invalid paging.');
  const filter = userFilter(ctx, ctx.query.get('$filter'));
  if ('status' in filter) return filter;
  const page = pageOf(ctx.tenant.users().filter(filter.matches), paging.page, ctx);
  return graphJson(200, {
    '@odata.context': contextUrl(ctx.baseUrl, `users${selectSuffix(select)}`),
    value: page.value.map((u) => userBody(ctx, u, select)),
    ...(page.nextLink ? { '@odata.nextLink': page.nextLink } : {}),
  });
}

/**
 * The `$filter`s on users the simulator knows, as Graph evaluates them without advanced query parameters:
 * `proxyAddresses/any(x:x eq 'smtp:a@b')` (a multi-valued property needs `any`; `eq` is a default query, so no
 * ConsistencyLevel header is needed; directory strings compare case-insensitively, so `smtp:` also finds the
 * primary `SMTP:`), and `mail eq '…'` / `userPrincipalName eq '…'`. Anything else is refused, never ignored.
 */
function userFilter(ctx: GraphContext, filter: string | null): { matches: (user: SeedUser) => boolean } | GraphResult {
  if (filter === null || filter.trim() === '') return { matches: () => true };
  const text = filter.trim();
  const proxy = /^proxyAddresses\/any\((\w+):\s*(\w+)\s+eq\s+'((?:[^']|'')*)'\)$/i.exec(text);
  if (proxy && proxy[1] === proxy[2]) {
    const wanted = (proxy[3] ?? '').replace(/''/g, "'").toLowerCase();
    // A resource whose filtered property the caller may not read is left out, as Graph does.
    return {
      matches: (u) =>
        readsFullProfile(ctx, u) &&
        [`SMTP:${u.mail}`, ...(u.proxyAddresses ?? [])].some((p) => p.toLowerCase() === wanted),
    };
  }
  const single = /^(mail|userPrincipalName)\s+eq\s+'((?:[^']|'')*)'$/i.exec(text);
  if (single) {
    const wanted = (single[2] ?? '').replace(/''/g, "'").toLowerCase();
    const field = (single[1] ?? '').toLowerCase() === 'mail' ? 'mail' : 'userPrincipalName';
    return { matches: (u) => u[field].toLowerCase() === wanted };
  }
  return graphError(
    400,
    'Request_UnsupportedQuery',
    `Unsupported or invalid query filter clause specified for users (the Candor simulator knows proxyAddresses/any(…eq…), mail eq and userPrincipalName eq): '${text}'.`,
  );
}

function getManager(ctx: GraphContext, params: Record<string, string>): GraphResult {
  const user = targetUser(ctx, params.user ?? '', USER_READ);
  if (isResult(user)) return user;
  const manager = user.managerId ? ctx.tenant.user(user.managerId) : undefined;
  if (!manager) {
    return graphError(
      404,
      'Request_ResourceNotFound',
      "Resource 'manager' does not exist or one of its queried reference-property objects are not present.",
    );
  }
  const { select, error } = parseSelect(ctx.query, USER_PROPERTIES, USER_TYPE);
  if (error) return error;
  return graphJson(200, {
    '@odata.context': contextUrl(ctx.baseUrl, 'directoryObjects/$entity'),
    ...asDirectoryObject(userBody(ctx, manager, select)),
  });
}

function getDirectReports(ctx: GraphContext, params: Record<string, string>): GraphResult {
  const user = targetUser(ctx, params.user ?? '', USER_READ);
  if (isResult(user)) return user;
  const { select, error } = parseSelect(ctx.query, USER_PROPERTIES, USER_TYPE);
  if (error) return error;
  const paging = parsePaging(ctx.query, 100, 999);
  if (!paging.page) return paging.error ?? graphError(400, 'BadRequest', 'Invalid paging.');
  const page = pageOf(ctx.tenant.directReports(user.id), paging.page, ctx);
  return graphJson(200, {
    '@odata.context': contextUrl(ctx.baseUrl, 'directoryObjects'),
    value: page.value.map((u) => asDirectoryObject(userBody(ctx, u, select))),
    ...(page.nextLink ? { '@odata.nextLink': page.nextLink } : {}),
  });
}

function mailboxSettings(user: SeedUser): MailboxSettings {
  return {
    archiveFolder: null,
    timeZone: user.timeZone,
    automaticRepliesSetting: {
      status: 'disabled',
      externalAudience: 'all',
      internalReplyMessage: '',
      externalReplyMessage: '',
      scheduledStartDateTime: { dateTime: '2024-01-01T00:00:00.0000000', timeZone: 'UTC' },
      scheduledEndDateTime: { dateTime: '2024-01-02T00:00:00.0000000', timeZone: 'UTC' },
    },
    language: { locale: 'en-US', displayName: 'English (United States)' },
    dateFormat: 'M/d/yyyy',
    timeFormat: 'h:mm tt',
    userPurpose: 'user',
    delegateMeetingMessageDeliveryOptions: 'sendToDelegateOnly',
    workingHours: {
      daysOfWeek: ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'],
      startTime: '08:00:00.0000000',
      endTime: '17:00:00.0000000',
      timeZone: { name: user.timeZone },
    },
  };
}

/** `GET /users/{id}/mailboxSettings/timeZone`: one setting on its own, as `{ value }`. */
function getMailboxTimeZone(ctx: GraphContext, params: Record<string, string>): GraphResult {
  const user = targetUser(ctx, params.user ?? '', MAILBOX_SETTINGS_READ);
  if (isResult(user)) return user;
  return graphJson(200, {
    '@odata.context': contextUrl(
      ctx.baseUrl,
      `users('${encodeURIComponent(params.user ?? '')}')/mailboxSettings/timeZone`,
    ),
    value: user.timeZone,
  });
}

function getMailboxSettings(ctx: GraphContext, params: Record<string, string>): GraphResult {
  const user = targetUser(ctx, params.user ?? '', MAILBOX_SETTINGS_READ);
  if (isResult(user)) return user;
  const settings = mailboxSettings(user) as Record<string, unknown>;
  const { select, error } = parseSelect(ctx.query, Object.keys(settings), 'Microsoft.OutlookServices.MailboxSettings');
  if (error) return error;
  return graphJson(200, {
    '@odata.context': contextUrl(ctx.baseUrl, `users('${encodeURIComponent(params.user ?? '')}')/mailboxSettings`),
    ...project(settings, select),
  });
}

const USER = '(?<user>[^/]+)';

export const userRoutes: Route[] = [
  { method: 'GET', pattern: /^\/users$/i, handler: listUsers },
  { method: 'GET', pattern: new RegExp(`^/users/${USER}$`, 'i'), handler: getUser },
  { method: 'GET', pattern: new RegExp(`^/users/${USER}/manager$`, 'i'), handler: getManager },
  { method: 'GET', pattern: new RegExp(`^/users/${USER}/directReports$`, 'i'), handler: getDirectReports },
  { method: 'GET', pattern: new RegExp(`^/users/${USER}/mailboxSettings$`, 'i'), handler: getMailboxSettings },
  { method: 'GET', pattern: new RegExp(`^/users/${USER}/mailboxSettings/timeZone$`, 'i'), handler: getMailboxTimeZone },
];
