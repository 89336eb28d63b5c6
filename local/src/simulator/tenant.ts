import type { SeedException, SeedMeeting, SeedUser, SentMail, TenantSeed } from './types';
import { fromLocal, type LocalDateTime, parseLocal, resolveTimeZone, toLocal, daysBetween } from './timeZones';
import { occurrenceDates } from './recurrence';
import { meetingChatIdOf } from './ids';

/** A seeded meeting with its times resolved once, so expansion never re-parses the seed. */
export interface MeetingModel {
  seed: SeedMeeting;
  /** IANA zone the organizer created it in; recurrence is expanded on that wall clock. */
  zone: string;
  startLocal: LocalDateTime;
  /** Timed events: length in ms. All-day events: length in days. */
  durationMs: number;
  allDayDays: number;
  exceptions: Map<number, SeedException>;
  cancelled: Set<number>;
  /** Cancelled by the organizer, still shown (as cancelled) in attendees' calendars. */
  cancelledKept: Set<number>;
  /** Users whose calendars hold a copy: the organizer and attendees that are directory users (not resources). */
  members: string[];
  chatId?: string;
}

/** Where an event id points, so `GET /users/{id}/events/{eventId}` finds what a calendar view handed out. */
export interface EventRef {
  mailboxId: string;
  meetingKey: string;
  originalStart?: number;
}

function zoneOf(name: string | null | undefined, what: string): string {
  const zone = name ? resolveTimeZone(name) : undefined;
  if (!zone) throw new Error(`seed: ${what} has an unknown time zone ${String(name)}`);
  return zone;
}

function localOf(value: string | null | undefined, what: string): LocalDateTime {
  const local = value ? parseLocal(value) : undefined;
  if (!local) throw new Error(`seed: ${what} must be a local date-time, got ${String(value)}`);
  return local;
}

function modelMeeting(seed: SeedMeeting, users: Map<string, SeedUser>): MeetingModel {
  const zone = zoneOf(seed.start.timeZone, `${seed.key}.start`);
  const startLocal = localOf(seed.start.dateTime, `${seed.key}.start`);
  const endLocal = localOf(seed.end.dateTime, `${seed.key}.end`);
  const endZone = zoneOf(seed.end.timeZone, `${seed.key}.end`);
  const durationMs = fromLocal(endLocal, endZone).getTime() - fromLocal(startLocal, zone).getTime();
  const allDayDays = seed.isAllDay ? daysBetween(startLocal, endLocal) : 0;
  if (durationMs <= 0) throw new Error(`seed: ${seed.key} ends before it starts`);
  const memberIds = [seed.organizerId, ...seed.attendees.filter((a) => a.type !== 'resource').map((a) => a.userId)];
  const members = [...new Set(memberIds.filter((id): id is string => typeof id === 'string'))];
  for (const id of members)
    if (!users.has(id.toLowerCase())) throw new Error(`seed: ${seed.key} names unknown user ${id}`);
  const model: MeetingModel = {
    seed,
    zone,
    startLocal,
    durationMs,
    allDayDays,
    exceptions: new Map((seed.exceptions ?? []).map((e) => [Date.parse(e.originalStart), e])),
    cancelled: new Set((seed.cancelledOccurrences ?? []).map((s) => Date.parse(s))),
    cancelledKept: new Set((seed.cancelledKeptByAttendees ?? []).map((s) => Date.parse(s))),
    members,
  };
  const chatId = meetingChatIdOf(seed);
  if (chatId) model.chatId = chatId;
  checkOccurrenceKeys(model);
  return model;
}

/** Exceptions and cancellations must name real occurrences; a typo in a seed would otherwise vanish silently. */
function checkOccurrenceKeys(model: MeetingModel): void {
  const keys = [...model.exceptions.keys(), ...model.cancelled, ...model.cancelledKept];
  if (keys.length === 0) return;
  if (!model.seed.recurrence) throw new Error(`seed: ${model.seed.key} has exceptions but no recurrence`);
  const latest = toLocal(new Date(Math.max(...keys)), model.zone);
  const starts = new Set(
    occurrenceDates(model.seed.recurrence, latest).map((d) =>
      fromLocal(
        { ...d, hour: model.startLocal.hour, minute: model.startLocal.minute, second: model.startLocal.second },
        model.zone,
      ).getTime(),
    ),
  );
  for (const key of keys) {
    if (Number.isNaN(key) || !starts.has(key)) {
      throw new Error(
        `seed: ${model.seed.key} has an exception/cancellation at ${new Date(key).toISOString()}, which is not an occurrence`,
      );
    }
  }
}

/** The simulated directory and mailboxes of one tenant. Mutable only through mail (sendMail, Sent Items). */
export class Tenant {
  readonly id: string;
  readonly domain: string;
  readonly seed: TenantSeed;
  meetings: MeetingModel[];
  readonly outbox: SentMail[] = [];
  /** Event ids are one-way hashes; this remembers every id handed out (ids are deterministic, so it never goes stale). */
  readonly eventRefs = new Map<string, EventRef>();
  private readonly usersById = new Map<string, SeedUser>();
  private readonly usersByUpn = new Map<string, SeedUser>();
  /** Sent Items per user: the same records as the outbox (a mail's extended properties live beside its message). */
  private readonly sentItems = new Map<string, SentMail[]>();
  /** Indexes built once, so a generated tenant of thousands of mailboxes answers in constant time per user. */
  private readonly meetingsByMember = new Map<string, MeetingModel[]>();
  private readonly reportsByManager = new Map<string, SeedUser[]>();

  constructor(seed: TenantSeed) {
    this.id = seed.tenantId;
    this.domain = seed.domain;
    this.seed = seed;
    for (const user of seed.users) {
      zoneOf(user.timeZone, `user ${user.id}`);
      this.usersById.set(user.id.toLowerCase(), user);
      this.usersByUpn.set(user.userPrincipalName.toLowerCase(), user);
    }
    this.meetings = seed.meetings.map((m) => modelMeeting(m, this.usersById));
    for (const meeting of this.meetings) {
      for (const member of meeting.members) {
        const list = this.meetingsByMember.get(member);
        if (list) list.push(meeting);
        else this.meetingsByMember.set(member, [meeting]);
      }
    }
    for (const user of seed.users) {
      if (!user.managerId) continue;
      const key = user.managerId.toLowerCase();
      const list = this.reportsByManager.get(key);
      if (list) list.push(user);
      else this.reportsByManager.set(key, [user]);
    }
  }

  /**
   * Replaces the meeting with the same key (or adds it): how a test moves or cancels an occurrence after the
   * simulator started, as an organizer would in Outlook.
   */
  upsertMeeting(seed: SeedMeeting): void {
    const model = modelMeeting(seed, this.usersById);
    const old = this.meetings.find((m) => m.seed.key === seed.key);
    this.meetings = [...this.meetings.filter((m) => m !== old), model];
    for (const [member, list] of this.meetingsByMember) {
      if (old && list.includes(old))
        this.meetingsByMember.set(
          member,
          list.filter((m) => m !== old),
        );
    }
    for (const member of model.members)
      this.meetingsByMember.set(member, [...(this.meetingsByMember.get(member) ?? []), model]);
  }

  /**
   * Moves a user to another manager (null: none), as an administrator would in Entra ID: `/manager` and
   * `/directReports` answer the new reporting line from then on. How tests exercise a change of manager.
   */
  setManager(userId: string, managerId: string | null): void {
    const user = this.user(userId);
    if (!user) throw new Error(`simulator: no user ${userId}`);
    if (managerId !== null && !this.user(managerId)) throw new Error(`simulator: no user ${managerId}`);
    const previous = user.managerId?.toLowerCase();
    if (previous)
      this.reportsByManager.set(
        previous,
        (this.reportsByManager.get(previous) ?? []).filter((u) => u !== user),
      );
    if (managerId === null) delete user.managerId;
    else {
      user.managerId = managerId;
      this.reportsByManager.set(managerId.toLowerCase(), [
        ...(this.reportsByManager.get(managerId.toLowerCase()) ?? []),
        user,
      ]);
    }
  }

  /** Graph addresses users by object id or userPrincipalName, case-insensitively. */
  user(idOrUpn: string): SeedUser | undefined {
    const key = idOrUpn.toLowerCase();
    return this.usersById.get(key) ?? this.usersByUpn.get(key);
  }

  users(): SeedUser[] {
    return [...this.usersById.values()];
  }

  directReports(userId: string): SeedUser[] {
    return [...(this.reportsByManager.get(userId.toLowerCase()) ?? [])];
  }

  meetingsOf(userId: string): MeetingModel[] {
    return [...(this.meetingsByMember.get(userId) ?? [])];
  }

  meeting(key: string): MeetingModel | undefined {
    return this.meetings.find((m) => m.seed.key === key);
  }

  sentItemsOf(userId: string): SentMail[] {
    let folder = this.sentItems.get(userId);
    if (!folder) {
      folder = [];
      this.sentItems.set(userId, folder);
    }
    return folder;
  }
}
