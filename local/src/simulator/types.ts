import type {
  AttendeeType,
  DateTimeTimeZone,
  FreeBusyStatus,
  InternetMessageHeader,
  Message,
  PatternedRecurrence,
  ResponseType,
  SingleValueLegacyExtendedProperty,
} from '@microsoft/microsoft-graph-types';

/** A directory user with a mailbox. Only what Candor reads; the Graph shape is produced from it. */
export interface SeedUser {
  id: string;
  displayName: string;
  givenName: string;
  surname: string;
  userPrincipalName: string;
  mail: string;
  jobTitle?: string;
  department?: string;
  officeLocation?: string;
  /** Object id of the user's manager in the directory (Graph `/users/{id}/manager`). */
  managerId?: string;
  /** Mailbox time zone, a Windows name as Exchange stores it (`/mailboxSettings`). */
  timeZone: string;
  /** Free text for the local host page's user picker (`/_sim/users`); never served through Graph. */
  roleHint?: string;
  /**
   * Proxy addresses besides the primary `SMTP:{mail}`: aliases (`smtp:old@…`, from before a rename or a domain
   * move) and legacy Exchange DNs (`X500:/o=ExchangeLabs/…`). Graph returns them only on `$select=proxyAddresses`.
   */
  proxyAddresses?: string[];
  /**
   * A mailbox Graph cannot serve (on-premises in a hybrid tenant, inactive, soft-deleted, or no Exchange Online
   * licence): every mailbox call for this user (calendar, mail, mailbox settings) answers 404
   * `MailboxNotEnabledForRESTAPI`, as Graph does. The directory still knows the user.
   */
  mailboxUnreachable?: boolean;
}

export interface SeedAttendee {
  /** A directory user (the meeting then also lands in that user's calendar)… */
  userId?: string;
  /** …or an address outside the directory, e.g. a room mailbox. */
  emailAddress?: { name: string; address: string };
  type: AttendeeType;
  /** What this attendee answered; the organizer sees it, other attendees see `none` (as in Exchange). */
  response?: ResponseType;
  /** The address the invitation named a directory user by (one of their aliases); every copy shows it. */
  address?: string;
}

/** A moved (or retitled) occurrence of a series, keyed by the occurrence's original start. */
export interface SeedException {
  /** The occurrence's original start, an ISO instant (e.g. `2026-11-26T09:00:00Z`). */
  originalStart: string;
  start: DateTimeTimeZone;
  end: DateTimeTimeZone;
  subject?: string;
}

/**
 * A meeting as its organizer created it. The simulator puts a copy in the calendar of the organizer and of every
 * attendee that is a directory user (same iCalUId, different event ids per mailbox, as Exchange does).
 */
export interface SeedMeeting {
  /** Stable key the event ids and iCalUId are derived from. */
  key: string;
  subject: string;
  organizerId: string;
  /**
   * How attendees' copies show the organizer when not by their primary SMTP address: e.g. their X.500 DN
   * (`/O=EXCHANGELABS/OU=EXCHANGE ADMINISTRATIVE GROUP (FYDIBOHF23SPDLT)/CN=RECIPIENTS/CN=…`), as Exchange does
   * when the organizer was resolved from the address book. The organizer's own copy shows their mail.
   */
  organizerAddress?: string;
  attendees: SeedAttendee[];
  /** First occurrence (or the single instance), local wall time in a Windows or IANA zone. */
  start: DateTimeTimeZone;
  end: DateTimeTimeZone;
  isAllDay?: boolean;
  recurrence?: PatternedRecurrence;
  /**
   * Teams meeting: the join URL every occurrence shares. A long link (`/l/meetup-join/…`) carries the meeting chat
   * id; a short one (`/meet/<id>?p=…`) does not, and `teamsChatId` names the chat instead.
   */
  teamsJoinUrl?: string;
  /** The meeting chat's thread id when `teamsJoinUrl` is a short link (ids.ts teamsMeetingLinks). */
  teamsChatId?: string;
  location?: { displayName: string; roomAddress?: string };
  showAs?: FreeBusyStatus;
  bodyText?: string;
  exceptions?: SeedException[];
  /** Original starts (ISO instants) of occurrences the organizer deleted. */
  cancelledOccurrences?: string[];
  /**
   * Original starts (ISO instants) of occurrences the organizer cancelled that attendees have not removed yet: gone
   * from the organizer's calendar, still in each attendee's, marked `isCancelled` with "Canceled: " before the
   * subject (as Exchange leaves them until the attendee removes them).
   */
  cancelledKeptByAttendees?: string[];
  createdDateTime: string;
}

/** The Candor API's app registration as the tenant has consented to it. */
export interface SeedApiApp {
  clientId: string;
  /** Application ID URI, e.g. `api://localhost/{clientId}`. */
  appIdUri: string;
  /** Graph application permissions granted by an admin (the `roles` of an app-only Graph token). */
  graphApplicationPermissions: string[];
  /** Graph delegated permissions consented for on-behalf-of (`scp` of an OBO token asking for `.default`). */
  graphDelegatedPermissions: string[];
  /** Other client ids allowed to get user tokens for the API (Teams/Outlook clients pre-authorized by the app). */
  preAuthorizedClientIds: string[];
  /**
   * Teams application access policy for online meetings (New-/Grant-CsApplicationAccessPolicy): app-only
   * `onlineMeetings` calls work only for the users it is granted to, or everyone when granted `global`. Absent: none.
   */
  onlineMeetingsAccessPolicy?: 'global' | string[];
}

export interface TenantSeed {
  tenantId: string;
  /** The tenant's verified domain (UPNs end in it); also accepted in place of the tenant id in Entra URLs. */
  domain: string;
  apiApp: SeedApiApp;
  users: SeedUser[];
  meetings: SeedMeeting[];
}

/** One accepted `sendMail`, as the outbox shows it. */
export interface SentMail {
  /** The message id (the same id it has in Sent Items when it was saved there). */
  id: string;
  fromUserId: string;
  /** The message as stored by the mailbox: the request's message plus id, from, sender, timestamps. */
  message: Message;
  receivedAt: string;
  saveToSentItems: boolean;
  internetMessageHeaders?: InternetMessageHeader[];
  singleValueExtendedProperties?: SingleValueLegacyExtendedProperty[];
}

/** Who a Graph request acts as, read from its verified bearer token. */
export type Principal =
  { kind: 'app'; appId: string; roles: string[] } | { kind: 'user'; appId: string; userId: string; scopes: string[] };

/** A Graph answer before it is written to a socket (or into a `$batch` response). */
export interface GraphResult {
  status: number;
  headers: Record<string, string>;
  /** JSON body; undefined = no body and no Content-Type (e.g. sendMail's 202). */
  body?: unknown;
  /** A non-JSON body written as is (the sign-in pages of the authorize endpoint); wins over `body`. */
  text?: string;
}

/** What happened to a request: an answer, or a dropped connection (fault injection). */
export type Outcome = GraphResult | { dropped: true };

export function isDropped(outcome: Outcome): outcome is { dropped: true } {
  return 'dropped' in outcome;
}

/** JSON values as parsed from request bodies; narrowed before use. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
