import { randomUUID } from 'node:crypto';
import { ianaTimeZoneOf } from '../domain/meetingTime';
import type { RenderedEmail } from '../domain/emailHtml';
import { statusRequestEmail } from '../domain/statusRequestEmail';
import { findDueOneOnOnes, leadTimeMinutes, type DueOneOnOne } from '../domain/statusRequests';
import { deliverExactlyOnce, emptyTally, type Composed, type DeliveryTally } from '../delivery/exactlyOnce';
import { timerMailPolicy, type MailMessage, type MailSending } from '../delivery/mail';
import type { SendOutcome } from '../graph/mailGateway';
import type { StatusScanGateway } from '../graph/statusScanGateway';
import type { StatusRequestConfig } from '../config/statusRequests';
import type { Enrolment, EnrolmentStore } from '../store/enrolmentStore';
import type { StatusChannelStore } from '../store/statusChannelStore';
import type { MeetingResolutionStore } from '../store/meetingResolutionStore';
import { refreshKeptResolutions } from './keptResolutions';
import type { MeetingChatStore } from '../store/meetingChatStore';
import type { ClaimPatch, StatusRequestClaim, StatusRequestClaimStore } from '../store/statusRequestClaimStore';
import {
  channelsOf,
  requestsByChannel,
  runChatRequests,
  wants,
  type ChannelRequest,
  type ChatDelivery,
  type ChatRequestDeps,
  type ChatScanReport,
} from './chatStatusRequests';
import { enrolledManagers, orgChartOf, withAddressesResolved } from './managers';
import { noteChatsWithOthers } from './chatsWithOthers';
import {
  prepManagersOf,
  runPrepMessages,
  type PrepDeps,
  type PrepDue,
  type PrepReport,
  type PrepSources,
} from './prepMessages';
import {
  attachManagersOf,
  attachSeriesOf,
  attachToOneOnOnes,
  type AttachDeps,
  type AttachReport,
  type AttachSeries,
} from './attachToOneOnOnes';
import {
  requestedMeetingOf,
  statusFormUrl,
  statusLinkOf,
  statusRequestSteps,
  type DueRequest,
  type StatusLink,
} from './statusRequestSteps';

/**
 * Where a test can stop the scan as a crash would. Throwing from a hook ends the run right there, leaving the
 * claim rows exactly as a process that died at that point would leave them.
 */
export interface ScanHooks {
  /** The claims are written; nothing of this round has been marked `sending` or sent yet. */
  afterClaim?(claims: readonly StatusRequestClaim[]): void | Promise<void>;
  /** The sends have answered; their outcome is not recorded yet. */
  afterSend?(outcomes: ReadonlyMap<string, SendOutcome>): void | Promise<void>;
}

export interface PreMeetingScanDeps {
  tenantId: string;
  config: StatusRequestConfig;
  clock: () => Date;
  enrolments: EnrolmentStore;
  claims: StatusRequestClaimStore;
  gateway: StatusScanGateway;
  /** Where a 1:1 booked by someone else is noted, so its recap stays out of that meeting's chat. */
  meetingChats?: Pick<MeetingChatStore, 'noteOthersInChat'>;
  /** The side panel's kept meeting-chat resolutions, dropped where the calendar read here shows a 1:1 moved. */
  meetingResolutions?: Pick<MeetingResolutionStore, 'chatsOfPair' | 'forget'>;
  /** Pacing under Exchange's per-minute limit and the settling bounds (delivery/mail); absent: unpaced. */
  mailSending?: MailSending;
  hooks?: ScanHooks;
  log?: (line: string) => void;
  /**
   * Candor attaching itself to the meeting chat of each due 1:1 of a manager who turned it on, with the calendar this
   * scan read anyway (jobs/attachToOneOnOnes). Absent (no catalog app id or no tab URL): nothing is attached.
   */
  attach?: Omit<AttachDeps, 'tenantId' | 'clock' | 'log'>;
  /**
   * The managers' prep messages (jobs/prepMessages), from the same calendar reads: a manager who opted into prep is
   * read whether or not they are enrolled for status requests. Absent: no prep messages.
   */
  prep?: PrepSources;
  /**
   * Requests this process already saw `sent`, by occurrence. Sent is final for a generation, so a due 1:1 found
   * here (and not moved beyond its lead time) needs no table read; anything else goes to the table.
   */
  sentCache?: Map<string, StatusRequestClaim>;
  /**
   * The Candor bot, when it is set up: reports who chose chat get the bot's card instead of the email, those who
   * chose both get both; a report Teams will not let the bot reach gets the email instead of the card. Absent:
   * everybody gets email, whatever they chose.
   */
  chat?: {
    channels: StatusChannelStore;
    delivery: ChatDelivery;
    updates: ChatRequestDeps['updates'];
    hooks?: ChatRequestDeps['hooks'];
  };
}

/** What one run did, in counts only (never names, addresses or text); the email's sends as the one sender tallied them. */
export interface ScanReport extends DeliveryTally {
  managers: number;
  unreadCalendars: number;
  /** Of those, mailboxes Graph cannot serve at all (MailboxNotEnabledForRESTAPI): an admin's to fix, not a retry's. */
  mailboxesUnavailable: number;
  due: number;
  alreadySent: number;
  /** The chat cards' part of the run, when the bot is set up. */
  chat?: ChatScanReport;
  /** Candor attaching itself to 1:1s' meeting chats, when it is set up. */
  attach?: AttachReport;
  /** The managers' prep messages of the run, when any was due. */
  prep?: PrepReport;
}

interface DueFound {
  occurrence: DueOneOnOne;
  enrolment: Enrolment | null;
}

/**
 * The pre-meeting scan (timer): for every enrolled manager, read the calendar ahead, find the 1:1s whose lead time
 * has come, and send each report one status request — by email, by chat card or both, as the report chose —
 * exactly once, through the one sender (delivery/exactlyOnce).
 */
export async function runPreMeetingScan(deps: PreMeetingScanDeps): Promise<ScanReport> {
  const log = deps.log ?? (() => undefined);
  const link = statusLinkOf(deps.config, deps.tenantId);
  if (!link) {
    log('pre-meeting scan skipped: STATUS_LINK_SECRET and STATUS_FORM_BASE_URL must both be set');
    return emptyReport();
  }
  const { managers, unreadCalendars, mailboxesUnavailable, due, attach, prepDue } = await loadDue(deps);
  const report: ScanReport = { ...emptyReport(), managers, unreadCalendars, mailboxesUnavailable, due: due.length };
  if (deps.prep && prepDue.length > 0) report.prep = await runPrepMessages(prepDepsOf(deps, deps.prep), prepDue);
  if (deps.attach && attach.length > 0) {
    const attachDeps = { ...deps.attach, tenantId: deps.tenantId, clock: deps.clock, log };
    // Attaching is a convenience: its failure must never hold back the status requests.
    report.attach = await attachToOneOnOnes(attachDeps, attach).catch((error: unknown) => {
      log(`attach to 1:1s failed: ${error instanceof Error ? error.name : 'unknown error'}`);
      return undefined;
    });
  }
  if (managers === 0) return report;
  if (deps.meetingResolutions) {
    const occurrences = due.map((d) => d.occurrence);
    // A convenience for the side panel: its failure must never hold back the status requests.
    await refreshKeptResolutions(deps.meetingResolutions, deps.tenantId, occurrences).catch((error: unknown) => {
      log(`refreshing kept meeting chats failed: ${error instanceof Error ? error.name : 'unknown error'}`);
    });
  }
  if (deps.meetingChats) {
    const occurrences = due.map((d) => d.occurrence);
    await noteChatsWithOthers(deps.meetingChats, deps.tenantId, occurrences, log);
  }
  // Each report's channel: one point read per report, only when the bot can deliver at all.
  const channels = deps.chat
    ? await channelsOf(
        deps.chat.channels,
        deps.tenantId,
        due.map((d) => d.occurrence.pair.reportId),
      )
    : null;
  const requests = requestsByChannel(due, channels, deps.clock());
  Object.assign(report, await deliverEmails(deps, link, requests.email));
  if (deps.chat && channels) {
    const chat = await runChatRequests(
      chatDepsOf(deps, deps.chat, channels),
      requests.chat.map((r) => ({ ...r, due: r.due.occurrence })),
    );
    // Those Teams just refused the bot for get the email in this same scan, in place of the card.
    const instead = new Set(chat.emailInstead);
    const byEmail = due
      .filter((d) => instead.has(d.occurrence) && !wants(channels, d.occurrence.pair.reportId, 'email'))
      .map((d) => ({ due: d, standsInFor: 'chat' as const }));
    if (byEmail.length > 0) addTally(report, await deliverEmails(deps, link, byEmail));
    const known = requests.email.filter((r) => r.standsInFor === 'chat').length;
    report.chat = { ...chat.report, emailInstead: chat.report.emailInstead + known };
  }
  log(
    `pre-meeting scan: ${report.managers} managers, ${report.due} due, ${report.sent} sent, ${report.alreadySent} already sent, ` +
      `${report.settledAsSent} settled as sent, ${report.unknownOutcome} unknown, ${report.retryLater} later, ${report.rejected} refused, ` +
      `${report.unreadCalendars} calendars unread (${report.mailboxesUnavailable} mailboxes unavailable)`,
  );
  return report;
}

function emptyReport(): ScanReport {
  return { managers: 0, unreadCalendars: 0, mailboxesUnavailable: 0, due: 0, alreadySent: 0, ...emptyTally() };
}

/** Load: the enrolled managers' directories and calendars as far ahead as the longest lead time; the due 1:1s. */
async function loadDue(deps: PreMeetingScanDeps): Promise<{
  managers: number;
  unreadCalendars: number;
  mailboxesUnavailable: number;
  due: DueFound[];
  attach: AttachSeries[];
  prepDue: PrepDue[];
}> {
  const { config } = deps;
  const now = deps.clock();
  const listed = await deps.enrolments.list(deps.tenantId);
  const enrolments = { list: () => Promise.resolve(listed) };
  const managers = await enrolledManagers(enrolments, deps.tenantId, config.enrolledManagerIds);
  // Prep and attaching are their own opt-ins: those managers' calendars are read too, enrolled for status requests
  // or not.
  const prepping = deps.prep ? prepManagersOf(listed) : new Map<string, Enrolment>();
  const attaching = deps.attach ? attachManagersOf(listed) : new Map<string, Enrolment>();
  if (managers.size === 0 && prepping.size === 0 && attaching.size === 0) {
    return { managers: 0, unreadCalendars: 0, mailboxesUnavailable: 0, due: [], attach: [], prepDue: [] };
  }
  const ids = [...new Set([...managers.keys(), ...prepping.keys(), ...attaching.keys()])];
  const directories = await deps.gateway.directories(ids);
  const readable = ids.filter((id) => directories.get(id));
  const maxLead = Math.max(
    config.defaultLeadTimeMinutes,
    ...[...managers.values(), ...attaching.values()].flatMap((e) => leadTimesOf(e)),
    ...[...prepping.values()].map((e) => e.prepMinutesBefore),
  );
  const unavailable = new Set<string>();
  const calendars = await deps.gateway.calendars(readable, now, new Date(now.getTime() + maxLead * 60_000), (id) =>
    unavailable.add(id),
  );
  const read = ids.flatMap((id) => {
    const directory = directories.get(id);
    const events = calendars.get(id);
    return directory && events ? [{ id, facts: orgChartOf(directory), events }] : [];
  });
  const resolved = await withAddressesResolved(deps.gateway, read);
  const facts = new Map(read.map((r, i) => [r.id, resolved[i] ?? r.facts]));
  let unreadCalendars = 0;
  const due: DueFound[] = [];
  const attach: AttachSeries[] = [];
  const prepDue: PrepDue[] = [];
  for (const id of ids) {
    const directory = directories.get(id);
    const events = calendars.get(id);
    if (!directory || !events) {
      unreadCalendars++;
      continue;
    }
    const orgChart = facts.get(id) ?? orgChartOf(directory);
    const prep = prepping.get(id);
    if (prep) {
      const before = prep.prepMinutesBefore;
      const found = findDueOneOnOnes({ managerId: id, events, orgChart, leadTimeMinutesFor: () => before, now });
      for (const occurrence of found) prepDue.push({ occurrence, enrolment: prep });
    }
    if (!managers.has(id) && !attaching.has(id)) continue;
    const enrolment = managers.get(id) ?? attaching.get(id) ?? null;
    const lead = {
      globalMinutes: config.defaultLeadTimeMinutes,
      managerMinutes: enrolment?.leadTimeMinutes ?? null,
      pairMinutes: new Map(Object.entries(enrolment?.pairLeadTimeMinutes ?? {})),
    };
    const found = findDueOneOnOnes({
      managerId: id,
      events,
      orgChart,
      leadTimeMinutesFor: (reportId) => leadTimeMinutes(lead, reportId),
      now,
    });
    // A series is attached when its occurrence comes within the lead time, whether its request is sent or not.
    if (managers.has(id)) for (const occurrence of found) due.push({ occurrence, enrolment });
    if (attaching.has(id)) attach.push(...attachSeriesOf(id, found, events));
  }
  return { managers: managers.size, unreadCalendars, mailboxesUnavailable: unavailable.size, due, attach, prepDue };
}

/** The prep job's part of the scan: its stores, and the scan's Graph gateway, mail pacing and bot. */
function prepDepsOf(deps: PreMeetingScanDeps, sources: PrepSources): PrepDeps {
  return {
    ...sources,
    tenantId: deps.tenantId,
    clock: deps.clock,
    claimLeaseMs: deps.config.claimLeaseMs,
    serviceMailbox: deps.config.serviceMailbox,
    senderOf: (enrolment, managerId) => requestSenderOf(enrolment, managerId, deps.config.serviceMailbox),
    gateway: deps.gateway,
    ...(deps.chat ? { chat: deps.chat.delivery } : {}),
    ...(deps.mailSending ? { mailSending: deps.mailSending } : {}),
    ...(deps.log ? { log: deps.log } : {}),
  };
}

/** Decide → deliver for the emails: the one sender with mail's policy (Sent Items, the service mailbox fallback). */
async function deliverEmails(
  deps: PreMeetingScanDeps,
  link: StatusLink,
  due: ReadonlyArray<ChannelRequest<DueFound>>,
): Promise<
  Omit<ScanReport, 'managers' | 'unreadCalendars' | 'mailboxesUnavailable' | 'due' | 'chat' | 'prep' | 'attach'>
> {
  const { config } = deps;
  const now = deps.clock();
  const run = { owner: randomUUID(), leaseUntil: new Date(now.getTime() + config.claimLeaseMs).toISOString() };
  const counts = { alreadySent: 0, busyElsewhere: 0, rejected: 0 };
  const requests = due.flatMap(({ due: { occurrence, enrolment }, standsInFor }): DueRequest[] => {
    const sender = requestSenderOf(enrolment, occurrence.pair.managerId, config.serviceMailbox);
    return [{ occurrence, sender, ...(standsInFor ? { standsInFor } : {}) }];
  });
  const steps = await statusRequestSteps(
    {
      tenantId: deps.tenantId,
      claims: deps.claims,
      now,
      run,
      ...(deps.sentCache ? { sentCache: deps.sentCache } : {}),
    },
    requests,
    counts,
  );
  forgetPast(deps.sentCache, now);
  const policy = timerMailPolicy<StatusRequestClaim, DueOneOnOne, ClaimPatch>(
    {
      rows: deps.claims,
      clock: deps.clock,
      composer: (works) =>
        emailComposer(
          deps,
          link,
          works.map((w) => w.item),
          now,
        ),
      ...(deps.hooks ? { hooks: deps.hooks } : {}),
      note: (event) => {
        if (event.kind === 'refused') deps.log?.(`status request refused by Graph (status ${event.status})`);
      },
    },
    deps.gateway,
    config.serviceMailbox,
    deps.mailSending,
  );
  const tally = await deliverExactlyOnce(policy, deps.claims, run, steps);
  return {
    ...tally,
    alreadySent: counts.alreadySent,
    busyElsewhere: counts.busyElsewhere + tally.busyElsewhere,
    rejected: counts.rejected + tally.rejected,
  };
}

/**
 * The mailbox a manager's requests go from: their own when they chose it, else Candor's. Where the organization set
 * up no mailbox for Candor, the manager's own is the only one there is (the settings say so).
 */
export function requestSenderOf(
  enrolment: Pick<Enrolment, 'sendFromManagerMailbox'> | null,
  managerId: string,
  serviceMailbox: string | null,
): string {
  return enrolment?.sendFromManagerMailbox || !serviceMailbox ? managerId : serviceMailbox;
}

/** One occurrence's request email, in the report's mailbox time zone: the scan sends it, the settings preview it. */
export function statusRequestEmailOf(
  occurrence: Pick<DueOneOnOne, 'manager' | 'report' | 'subject' | 'startUtc'>,
  reportMailboxTimeZone: string | null | undefined,
  formUrl: string,
): RenderedEmail {
  return statusRequestEmail({
    managerName: occurrence.manager.displayName,
    reportName: occurrence.report.displayName,
    meetingSubject: occurrence.subject,
    startUtc: occurrence.startUtc,
    recipientTimeZone: ianaTimeZoneOf(reportMailboxTimeZone),
    formUrl,
  });
}

/** Composes each report's email: the form's signed link, the meeting in the report's own time zone. */
async function emailComposer(
  deps: PreMeetingScanDeps,
  link: StatusLink,
  occurrences: readonly DueOneOnOne[],
  now: Date,
): Promise<(work: { item: DueOneOnOne }) => Promise<Composed<MailMessage, ClaimPatch>>> {
  const zones = await deps.gateway.timeZones(occurrences.map((o) => o.pair.reportId));
  return async ({ item: occurrence }) => {
    const email = statusRequestEmailOf(
      occurrence,
      zones.get(occurrence.pair.reportId),
      await statusFormUrl(link, occurrence, now),
    );
    const address = occurrence.report.addresses[0];
    if (!address) return { kind: 'reject', problem: 'report has no mail address' };
    return {
      kind: 'ready',
      message: { to: [{ address, name: occurrence.report.displayName }], email },
      patch: requestedMeetingOf(occurrence),
    };
  };
}

function chatDepsOf(
  deps: PreMeetingScanDeps,
  chat: NonNullable<PreMeetingScanDeps['chat']>,
  records: ChatRequestDeps['records'],
): ChatRequestDeps {
  return {
    records,
    tenantId: deps.tenantId,
    config: deps.config,
    clock: deps.clock,
    claims: deps.claims,
    gateway: deps.gateway,
    channels: chat.channels,
    delivery: chat.delivery,
    updates: chat.updates,
    ...(chat.hooks ? { hooks: chat.hooks } : {}),
    ...(deps.log ? { log: deps.log } : {}),
  };
}

/** Adds a second email pass's counts to the scan's. */
function addTally(report: ScanReport, more: Awaited<ReturnType<typeof deliverEmails>>): void {
  for (const key of Object.keys(more) as Array<keyof typeof more>) report[key] += more[key];
}

function leadTimesOf(enrolment: Enrolment | null): number[] {
  if (!enrolment) return [];
  return [
    ...(enrolment.leadTimeMinutes ? [enrolment.leadTimeMinutes] : []),
    ...Object.values(enrolment.pairLeadTimeMinutes),
  ];
}

/** Drops cached requests whose meeting has started: they can never be due again. */
function forgetPast(cache: Map<string, StatusRequestClaim> | undefined, now: Date): void {
  if (!cache) return;
  for (const [key, claim] of cache) if (Date.parse(claim.latestStartUtc) <= now.getTime()) cache.delete(key);
}
