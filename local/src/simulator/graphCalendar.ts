import type { Event } from '@microsoft/microsoft-graph-types';
import type { GraphResult, SeedUser } from './types';
import { header, isResult, type GraphContext, type Permission, type Route, targetUser } from './graphContext';
import { contextUrl, graphError, graphJson, pageOf, parsePaging, parseSelect, project } from './odata';
import { expandMeeting, instanceAt, instanceInterval, type Instance } from './calendarExpansion';
import { EVENT_PROPERTIES, renderInstance, renderMaster, type ReaderZone, UTC_READER } from './calendarRender';
import { resolveTimeZone } from './timeZones';

const CALENDAR_READ: Permission = {
  app: ['Calendars.Read', 'Calendars.ReadWrite', 'Calendars.ReadBasic'],
  delegated: ['Calendars.Read', 'Calendars.ReadWrite', 'Calendars.ReadBasic'],
  workload: 'mailbox',
};
const EVENT_TYPE = 'Microsoft.OutlookServices.Event';
/** Outlook items always carry these, whatever `$select` says. */
const ALWAYS = ['@odata.etag', 'id'] as const;

interface Preferences {
  reader: ReaderZone;
  textBody: boolean;
  applied: string[];
}

/** `Prefer: outlook.timezone="…", outlook.body-content-type="text"`; unknown zones are ignored, as Graph does. */
function preferences(ctx: GraphContext): Preferences {
  const prefer = header(ctx, 'prefer') ?? '';
  const prefs: Preferences = { reader: UTC_READER, textBody: false, applied: [] };
  const tz = /outlook\.timezone\s*=\s*(?:"([^"]*)"|([^,;\s]+))/i.exec(prefer);
  const tzName = tz?.[1] ?? tz?.[2];
  const zone = tzName ? resolveTimeZone(tzName) : undefined;
  if (tzName && zone) {
    prefs.reader = { name: tzName, zone };
    prefs.applied.push(`outlook.timezone="${tzName}"`);
  }
  if (/outlook\.body-content-type\s*=\s*"?text"?/i.test(prefer)) {
    prefs.textBody = true;
    prefs.applied.push('outlook.body-content-type="text"');
  }
  return prefs;
}

function preferenceHeaders(prefs: Preferences): Record<string, string> {
  return prefs.applied.length ? { 'Preference-Applied': prefs.applied.join(', ') } : {};
}

function shape(event: Event, prefs: Preferences, select: string[] | undefined): Record<string, unknown> {
  if (prefs.textBody && event.body?.content) {
    const text = event.body.content
      .replace(/<[^>]*>/g, ' ')
      .replace(/\s+/g, ' ')
      .trim();
    event.body = { contentType: 'text', content: text };
  }
  return project(event as Record<string, unknown>, select, ALWAYS);
}

/** Query parameter names are case-insensitive for these Outlook parameters. */
function param(query: URLSearchParams, name: string): string | undefined {
  for (const [key, value] of query) if (key.toLowerCase() === name.toLowerCase()) return value;
  return undefined;
}

/** Graph reads a window bound without an offset as UTC. */
function parseBound(value: string): Date | undefined {
  const withZone = /(Z|[+-]\d{2}:?\d{2})$/i.test(value) ? value : `${value}Z`;
  const ms = Date.parse(withZone);
  return Number.isNaN(ms) || !/^\d{4}-\d{2}-\d{2}/.test(value) ? undefined : new Date(ms);
}

function timeWindow(ctx: GraphContext): { from: Date; to: Date } | GraphResult {
  const start = param(ctx.query, 'startDateTime');
  const end = param(ctx.query, 'endDateTime');
  if (!start || !end) {
    return graphError(
      400,
      'ErrorInvalidParameter',
      'This request requires a time window specified by the query string parameters StartDateTime and EndDateTime.',
    );
  }
  const from = parseBound(start);
  if (!from)
    return graphError(400, 'ErrorInvalidParameter', `The value '${start}' of parameter 'StartDateTime' is invalid.`);
  const to = parseBound(end);
  if (!to) return graphError(400, 'ErrorInvalidParameter', `The value '${end}' of parameter 'EndDateTime' is invalid.`);
  return { from, to };
}

function sortInstances(ctx: GraphContext, instances: Instance[], zone: string): Instance[] | GraphResult {
  const orderBy = (ctx.query.get('$orderby') ?? 'start/dateTime').trim();
  const match = /^(start|end)\/dateTime(?:\s+(asc|desc))?$/i.exec(orderBy);
  if (!match)
    return graphError(
      400,
      'BadRequest',
      `The Candor simulator only orders calendar views by start/dateTime or end/dateTime, not '${orderBy}'.`,
    );
  const key = match[1]?.toLowerCase() === 'end' ? 'end' : 'start';
  const sign = match[2]?.toLowerCase() === 'desc' ? -1 : 1;
  return [...instances].sort(
    (a, b) => sign * (instanceInterval(a, zone)[key].getTime() - instanceInterval(b, zone)[key].getTime()),
  );
}

/** `calendarView` and `instances`: expanded occurrences in a window, paged. */
function listInstances(
  ctx: GraphContext,
  mailbox: SeedUser,
  contextFragment: string,
  onlyMeetingKey?: string,
): GraphResult {
  const window = timeWindow(ctx);
  if ('status' in window) return window;
  const { select, error } = parseSelect(ctx.query, EVENT_PROPERTIES, EVENT_TYPE);
  if (error) return error;
  const paging = parsePaging(ctx.query, 10, 1000);
  if (!paging.page) return paging.error ?? graphError(400, 'BadRequest', 'Invalid paging.');
  if (ctx.query.get('$filter') !== null) {
    return graphError(
      400,
      'BadRequest',
      'The Candor simulator does not support $filter on calendar views; filter the results instead.',
    );
  }
  const prefs = preferences(ctx);
  const meetings = ctx.tenant.meetingsOf(mailbox.id).filter((m) => !onlyMeetingKey || m.seed.key === onlyMeetingKey);
  const found = meetings.flatMap((m) => expandMeeting(m, window.from, window.to, prefs.reader.zone, mailbox.id));
  const sorted = sortInstances(ctx, found, prefs.reader.zone);
  if (!Array.isArray(sorted)) return sorted;
  const page = pageOf(sorted, paging.page, ctx);
  const selectSuffix = select ? `(${select.join(',')})` : '';
  return graphJson(
    200,
    {
      '@odata.context': contextUrl(
        ctx.baseUrl,
        `users('${encodeURIComponent(mailbox.id)}')/${contextFragment}${selectSuffix}`,
      ),
      value: page.value.map((i) => shape(renderInstance(ctx.tenant, i, mailbox, prefs.reader), prefs, select)),
      ...(page.nextLink ? { '@odata.nextLink': page.nextLink } : {}),
    },
    preferenceHeaders(prefs),
  );
}

function calendarView(ctx: GraphContext, params: Record<string, string>): GraphResult {
  const mailbox = targetUser(ctx, params.user ?? '', CALENDAR_READ);
  if (isResult(mailbox)) return mailbox;
  return listInstances(ctx, mailbox, 'calendarView');
}

/** `/events`: single instances and series masters, not expanded (as Graph lists them). */
function listEvents(ctx: GraphContext, params: Record<string, string>): GraphResult {
  const mailbox = targetUser(ctx, params.user ?? '', CALENDAR_READ);
  if (isResult(mailbox)) return mailbox;
  const { select, error } = parseSelect(ctx.query, EVENT_PROPERTIES, EVENT_TYPE);
  if (error) return error;
  const paging = parsePaging(ctx.query, 10, 1000);
  if (!paging.page) return paging.error ?? graphError(400, 'BadRequest', 'Invalid paging.');
  const prefs = preferences(ctx);
  const events = ctx.tenant.meetingsOf(mailbox.id).map((m) => renderMaster(ctx.tenant, m, mailbox, prefs.reader));
  const page = pageOf(events, paging.page, ctx);
  return graphJson(
    200,
    {
      '@odata.context': contextUrl(ctx.baseUrl, `users('${encodeURIComponent(mailbox.id)}')/events`),
      value: page.value.map((e) => shape(e, prefs, select)),
      ...(page.nextLink ? { '@odata.nextLink': page.nextLink } : {}),
    },
    preferenceHeaders(prefs),
  );
}

function findEvent(
  ctx: GraphContext,
  mailbox: SeedUser,
  eventId: string,
): { event: Event; instance?: Instance } | GraphResult {
  const ref = ctx.tenant.eventRefs.get(eventId);
  const meeting = ref && ref.mailboxId === mailbox.id ? ctx.tenant.meeting(ref.meetingKey) : undefined;
  const prefs = preferences(ctx);
  if (ref && meeting) {
    if (ref.originalStart === undefined) return { event: renderMaster(ctx.tenant, meeting, mailbox, prefs.reader) };
    const instance = instanceAt(meeting, ref.originalStart);
    if (instance) return { event: renderInstance(ctx.tenant, instance, mailbox, prefs.reader), instance };
  }
  return graphError(404, 'ErrorItemNotFound', 'The specified object was not found in the store.');
}

function getEvent(ctx: GraphContext, params: Record<string, string>): GraphResult {
  const mailbox = targetUser(ctx, params.user ?? '', CALENDAR_READ);
  if (isResult(mailbox)) return mailbox;
  const found = findEvent(ctx, mailbox, params.event ?? '');
  if ('status' in found) return found;
  const { select, error } = parseSelect(ctx.query, EVENT_PROPERTIES, EVENT_TYPE);
  if (error) return error;
  const prefs = preferences(ctx);
  return graphJson(
    200,
    {
      '@odata.context': contextUrl(ctx.baseUrl, `users('${encodeURIComponent(mailbox.id)}')/events/$entity`),
      ...shape(found.event, prefs, select),
    },
    preferenceHeaders(prefs),
  );
}

function instances(ctx: GraphContext, params: Record<string, string>): GraphResult {
  const mailbox = targetUser(ctx, params.user ?? '', CALENDAR_READ);
  if (isResult(mailbox)) return mailbox;
  const ref = ctx.tenant.eventRefs.get(params.event ?? '');
  if (!ref || ref.mailboxId !== mailbox.id || ref.originalStart !== undefined) {
    return graphError(404, 'ErrorItemNotFound', 'The specified object was not found in the store.');
  }
  return listInstances(ctx, mailbox, `events('${params.event ?? ''}')/instances`, ref.meetingKey);
}

const USER = '(?<user>[^/]+)';
const EVENT = '(?<event>[^/]+)';

export const calendarRoutes: Route[] = [
  { method: 'GET', pattern: new RegExp(`^/users/${USER}(?:/calendar)?/calendarView$`, 'i'), handler: calendarView },
  { method: 'GET', pattern: new RegExp(`^/users/${USER}(?:/calendar)?/events$`, 'i'), handler: listEvents },
  { method: 'GET', pattern: new RegExp(`^/users/${USER}(?:/calendar)?/events/${EVENT}$`, 'i'), handler: getEvent },
  {
    method: 'GET',
    pattern: new RegExp(`^/users/${USER}(?:/calendar)?/events/${EVENT}/instances$`, 'i'),
    handler: instances,
  },
];
