import { directoryPersonOf, graphPageSchema, graphUserSchema, PERSON_SELECT as PERSON_FIELDS } from './graphShapes';
import { z } from 'zod';
import type { CalendarEvent } from '../domain/calendar';
import type { DirectoryPerson } from '../domain/oneOnOnes';
import { normalizeId } from '../domain/pairs';
import { CALENDAR_SELECT, calendarEventsOf } from './calendarGateway';
import type { BatchAnswer, BatchRequest, GraphBatchRunner } from './graphBatch';
import { okBody, readCalendarViews, relativeToVersion, type MailboxUnavailable } from './batchedCalendarView';
import { graphMessageOf, sentItemsFilter, type OutgoingMail, type SendOutcome } from './mailGateway';

/** A manager as the scan needs them: who they are (addresses) and their direct reports. */
export interface ManagerDirectory {
  manager: DirectoryPerson;
  reports: DirectoryPerson[];
}

export interface SentItemsLookup {
  key: string;
  fromMailbox: string;
  claimId: string;
  sentWithin?: { from: Date; to: Date };
}

export interface OutgoingStatusRequest {
  key: string;
  fromMailbox: string;
  mail: OutgoingMail;
}

/**
 * Everything the pre-meeting scan asks Graph, each kind of read or write packed into `$batch` calls of up to 20
 * (graphBatch): one calendar view per manager, one directory read per manager (themselves with their direct reports
 * expanded), one time zone per recipient, one sendMail per request, one Sent Items lookup per unknown outcome.
 * Directory answers and time zones are kept for `directoryTtlMs` (a day by default): they change rarely, and a
 * scan every 15 minutes would otherwise read them 96 times a day.
 */
export interface StatusScanGateway {
  /**
   * Each manager's events in [start, end), or null for a manager whose calendar could not be read this time;
   * `onMailboxUnavailable` hears of those whose mailbox Graph cannot serve at all.
   */
  calendars(
    managerIds: readonly string[],
    start: Date,
    end: Date,
    onMailboxUnavailable?: MailboxUnavailable,
  ): Promise<Map<string, CalendarEvent[] | null>>;
  directories(managerIds: readonly string[]): Promise<Map<string, ManagerDirectory | null>>;
  /** Mailbox time zone names (Windows or IANA) by user id; null = unknown. */
  timeZones(userIds: readonly string[]): Promise<Map<string, string | null>>;
  /**
   * Who the directory knows by each address (SMTP, or an X.500 DN) that the org chart facts lacked: one
   * `proxyAddresses` lookup per address, kept like directories. null = nobody; absent = not read this time.
   */
  peopleByAddress(addresses: readonly string[]): Promise<Map<string, DirectoryPerson | null>>;
  send(requests: readonly OutgoingStatusRequest[]): Promise<Map<string, SendOutcome>>;
  /**
   * Whether each claim id is in its sender's Sent Items; null = Graph could not tell this time. `sentWithin`
   * bounds the search to the messages sent in that range (the attempt being settled).
   */
  sentAlready(lookups: ReadonlyArray<SentItemsLookup>): Promise<Map<string, boolean | null>>;
}

const PERSON_SELECT = PERSON_FIELDS.join(',');
/** Graph expands at most 100 directory objects; a manager with that many reports is read page by page instead. */
const EXPAND_LIMIT = 100;
const MAX_PAGES = 20;

const userWithReports = graphUserSchema.extend({ directReports: z.array(z.unknown()).optional() });
const timeZoneValue = z.object({ value: z.string().nullish() });

export function createStatusScanGateway(
  runner: GraphBatchRunner,
  options: { directoryTtlMs: number; now?: () => number },
): StatusScanGateway {
  const now = options.now ?? Date.now;
  const directoryCache = new ExpiringMap<ManagerDirectory>(options.directoryTtlMs, now);
  const timeZoneCache = new ExpiringMap<string | null>(options.directoryTtlMs, now);
  const addressCache = new ExpiringMap<DirectoryPerson | null>(options.directoryTtlMs, now);
  const userPath = (id: string): string => `/users/${encodeURIComponent(id)}`;

  return {
    async calendars(managerIds, start, end, onMailboxUnavailable) {
      return readCalendarViews(
        runner,
        managerIds.map((userId) => ({ userId, start, end })),
        {
          select: CALENDAR_SELECT,
          eventsOf: calendarEventsOf,
          ...(onMailboxUnavailable ? { onMailboxUnavailable } : {}),
        },
      );
    },

    async directories(managerIds) {
      const result = new Map<string, ManagerDirectory | null>();
      const missing: string[] = [];
      for (const id of managerIds) {
        const cached = directoryCache.get(normalizeId(id));
        if (cached) result.set(id, cached.value);
        else missing.push(id);
      }
      const answers = await runner.run(
        missing.map((id) => ({
          key: id,
          mailbox: id,
          method: 'GET' as const,
          url: `${userPath(id)}?$select=${PERSON_SELECT}&$expand=directReports($select=${PERSON_SELECT})`,
        })),
      );
      const needPaging: string[] = [];
      for (const id of missing) {
        const body = okBody(answers.get(id), userWithReports);
        const manager = body ? directoryPersonOf(body) : null;
        if (!body || !manager) {
          result.set(id, null);
          continue;
        }
        const reports = (body.directReports ?? []).flatMap((raw) => directoryPersonOf(raw) ?? []);
        if ((body.directReports?.length ?? 0) >= EXPAND_LIMIT) needPaging.push(id);
        result.set(id, { manager, reports });
      }
      // Rare: a manager with 100 or more reports. Their list is read in full, page by page.
      for (const id of needPaging) {
        const reports = await allDirectReports(runner, id);
        const entry = result.get(id);
        if (entry && reports) result.set(id, { ...entry, reports });
        else result.set(id, null);
      }
      for (const id of missing) {
        const entry = result.get(id);
        if (entry) directoryCache.set(normalizeId(id), entry);
      }
      return result;
    },

    async timeZones(userIds) {
      const result = new Map<string, string | null>();
      const missing: string[] = [];
      for (const id of new Set(userIds)) {
        const cached = timeZoneCache.get(normalizeId(id));
        if (cached) result.set(id, cached.value);
        else missing.push(id);
      }
      const answers = await runner.run(
        missing.map((id) => ({
          key: id,
          mailbox: id,
          method: 'GET' as const,
          url: `${userPath(id)}/mailboxSettings/timeZone`,
        })),
      );
      for (const id of missing) {
        const answer = answers.get(id);
        const body = okBody(answer, timeZoneValue);
        const zone = body?.value ?? null;
        result.set(id, zone);
        // Only a real answer is kept; a failed read is tried again next scan.
        if (body) timeZoneCache.set(normalizeId(id), zone);
      }
      return result;
    },

    async peopleByAddress(addresses) {
      const result = new Map<string, DirectoryPerson | null>();
      const missing: string[] = [];
      for (const address of new Set(addresses.map((a) => a.toLowerCase()))) {
        const cached = addressCache.get(address);
        if (cached) result.set(address, cached.value);
        else missing.push(address);
      }
      const answers = await runner.run(
        missing.slice(0, MAX_ADDRESS_LOOKUPS).map((address) => ({
          key: address,
          // A directory read touches no mailbox: Exchange's per-mailbox limit does not bind it.
          mailbox: address,
          method: 'GET' as const,
          url: `/users?$filter=${encodeURIComponent(proxyAddressFilter(address))}&$select=${PERSON_SELECT}&$top=2`,
        })),
      );
      for (const [address, answer] of answers) {
        const body = okBody(answer, graphPageSchema);
        if (!body) continue;
        const people = body.value.flatMap((raw) => directoryPersonOf(raw) ?? []);
        // Two users with one address cannot both be the invitee: nobody, rather than a guess.
        const person = people.length === 1 ? (people[0] ?? null) : null;
        result.set(address, person);
        addressCache.set(address, person);
      }
      return result;
    },

    async send(requests) {
      const answers = await runner.run(
        requests.map((r): BatchRequest<string> => ({
          key: r.key,
          mailbox: r.fromMailbox,
          method: 'POST',
          url: `${userPath(r.fromMailbox)}/sendMail`,
          body: { message: graphMessageOf(r.mail), saveToSentItems: true },
        })),
      );
      const outcomes = new Map<string, SendOutcome>();
      for (const r of requests) outcomes.set(r.key, sendOutcomeOf(answers.get(r.key)));
      return outcomes;
    },

    async sentAlready(lookups) {
      const answers = await runner.run(
        lookups.map((l) => {
          return {
            key: l.key,
            mailbox: l.fromMailbox,
            method: 'GET' as const,
            url: `${userPath(l.fromMailbox)}/mailFolders/SentItems/messages?$filter=${encodeURIComponent(sentItemsFilter(l.claimId, l.sentWithin))}&$select=id&$top=1`,
          };
        }),
      );
      const found = new Map<string, boolean | null>();
      for (const l of lookups) {
        const body = okBody(answers.get(l.key), graphPageSchema);
        found.set(l.key, body ? body.value.length > 0 : null);
      }
      return found;
    },
  };
}

/** At most this many addresses are looked up per scan; the rest wait for the next one (the answers are kept). */
const MAX_ADDRESS_LOOKUPS = 200;

/**
 * `proxyAddresses/any(x:x eq 'smtp:…')`: an `eq` on proxyAddresses is a default directory query (no
 * ConsistencyLevel header or $count), compared case-insensitively, so `smtp:` finds the primary `SMTP:` too.
 * Calendars show a legacy Exchange DN (it starts with `/`) for an address its X500 proxy carries.
 */
function proxyAddressFilter(address: string): string {
  const proxy = address.startsWith('/') ? `x500:${address}` : `smtp:${address}`;
  return `proxyAddresses/any(x:x eq '${proxy.replace(/'/g, "''")}')`;
}

async function allDirectReports(runner: GraphBatchRunner, managerId: string): Promise<DirectoryPerson[] | null> {
  const reports: DirectoryPerson[] = [];
  let url: string | undefined =
    `/users/${encodeURIComponent(managerId)}/directReports?$select=${PERSON_SELECT}&$top=999`;
  for (let page = 0; page < MAX_PAGES && url; page++) {
    const answers: Map<string, BatchAnswer> = await runner.run([
      { key: 'page', mailbox: managerId, method: 'GET', url },
    ]);
    const body = okBody(answers.get('page'), graphPageSchema);
    if (!body) return null;
    reports.push(...body.value.flatMap((raw) => directoryPersonOf(raw) ?? []));
    const next = body['@odata.nextLink'];
    url = next ? relativeToVersion(next) : undefined;
  }
  return reports;
}

/** sendMail answers 202 with no body; a 4xx is a refusal (nothing sent), anything unanswered is unknown. */
function sendOutcomeOf(answer: BatchAnswer | undefined): SendOutcome {
  if (!answer) return { kind: 'unknown', detail: 'no answer' };
  if (answer.kind === 'unknown') return { kind: 'unknown', detail: answer.detail };
  // Throttled or skipped on every attempt: Graph did not carry it out.
  if (answer.kind === 'gaveUp') return { kind: 'rejected', status: 429, detail: answer.detail };
  if (answer.status >= 200 && answer.status < 300) return { kind: 'sent' };
  return { kind: 'rejected', status: answer.status, detail: `status ${answer.status}` };
}

/** A plain map whose entries expire; small enough not to need a library (Map iteration order drops the oldest). */
class ExpiringMap<V> {
  private readonly entries = new Map<string, { value: V; expiresAt: number }>();
  constructor(
    private readonly ttlMs: number,
    private readonly now: () => number,
    private readonly maxEntries = 200_000,
  ) {}

  get(key: string): { value: V } | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= this.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return { value: entry.value };
  }

  set(key: string, value: V): void {
    this.entries.delete(key);
    this.entries.set(key, { value, expiresAt: this.now() + this.ttlMs });
    for (const oldest of this.entries.keys()) {
      if (this.entries.size <= this.maxEntries) break;
      this.entries.delete(oldest);
    }
  }
}
