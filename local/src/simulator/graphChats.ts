/**
 * Meeting chats and online meetings as Graph states them, for meetings whose short join link carries no chat id:
 *   - `GET /chats/{chat-id}` with the chat's `onlineMeetingInfo` (calendarEventId, joinWebUrl, organizer). App-only
 *     it needs a tenant-wide Chat.* role or the resource-specific `ChatSettings.Read.Chat` of an app installed in
 *     that chat (Candor is, in the chat of every 1:1 the host page opens); delegated it needs Chat.ReadBasic (or
 *     more) and the caller must be in the meeting.
 *   - `GET /users/{id}/onlineMeetings?$filter=JoinWebUrl eq '…'` with `chatInfo.threadId`. App-only it needs
 *     OnlineMeetings.Read.All and an application access policy granted to that user (else 403 "No application
 *     access policy found for this app."); delegated it works only for the caller's own meetings.
 */
import { eventId } from './calendarRender';
import { graphError, graphJson } from './odata';
import { findUser, isResult, type GraphContext, type Route } from './graphContext';
import { oneOnOnes } from './oneOnOnes';
import type { MeetingModel, Tenant } from './tenant';
import type { GraphResult } from './types';

const CHAT_APP_ROLES = ['Chat.ReadBasic.All', 'Chat.Read.All', 'Chat.ReadWrite.All'];
const CHAT_RSC = 'ChatSettings.Read.Chat';
const CHAT_SCOPES = ['Chat.ReadBasic', 'Chat.Read', 'Chat.ReadWrite'];
const MEETING_APP_ROLES = ['OnlineMeetings.Read.All', 'OnlineMeetings.ReadWrite.All'];
const MEETING_SCOPES = ['OnlineMeetings.Read', 'OnlineMeetings.ReadWrite'];

/** Chats Candor is installed in (the host page opens it in every 1:1's meeting chat), computed once per tenant. */
const candorChats = new WeakMap<Tenant, Set<string>>();

function candorInstalledIn(tenant: Tenant, chatId: string): boolean {
  let chats = candorChats.get(tenant);
  if (!chats) candorChats.set(tenant, (chats = new Set(oneOnOnes(tenant.seed).map((m) => m.chatId))));
  return chats.has(chatId);
}

function meetingOfChat(tenant: Tenant, chatId: string): MeetingModel | undefined {
  return tenant.meetings.find((m) => m.chatId === chatId);
}

/** Teams' 403 for a token without the permission, naming what the API wanted and what the token had. */
export function missingPermission(kind: 'role' | 'scope', wanted: string[], had: string[]): GraphResult {
  const noun = kind === 'role' ? 'Roles' : 'Scopes';
  return graphError(
    403,
    'Forbidden',
    `Missing ${kind} permissions on the request. API requires one of '${wanted.join(', ')}'. ${noun} on the request '${had.join(', ')}'.`,
  );
}

function getChat(ctx: GraphContext, params: Record<string, string>): GraphResult {
  const chatId = params.chat ?? '';
  const meeting = meetingOfChat(ctx.tenant, chatId);
  const p = ctx.principal;
  if (p.kind === 'app') {
    const tenantWide = CHAT_APP_ROLES.some((r) => p.roles.includes(r));
    // Resource-specific consent: granted when the app (the API's registration) was installed in this very chat.
    const rsc = p.appId === ctx.tenant.seed.apiApp.clientId && candorInstalledIn(ctx.tenant, chatId);
    if (!tenantWide && !rsc) return missingPermission('role', [...CHAT_APP_ROLES, CHAT_RSC], p.roles);
  } else {
    if (!CHAT_SCOPES.some((s) => p.scopes.includes(s))) return missingPermission('scope', CHAT_SCOPES, p.scopes);
    if (meeting && !meeting.members.some((m) => m.toLowerCase() === p.userId.toLowerCase()))
      return graphError(403, 'Forbidden', 'The caller is not a member of this chat.');
  }
  if (!meeting) return graphError(404, 'NotFound', `Chat '${chatId}' was not found.`);
  const { seed } = meeting;
  return graphJson(200, {
    '@odata.context': `${ctx.baseUrl}/v1.0/$metadata#chats/$entity`,
    id: chatId,
    topic: seed.subject,
    createdDateTime: seed.createdDateTime,
    lastUpdatedDateTime: seed.createdDateTime,
    chatType: 'meeting',
    webUrl: `https://teams.microsoft.com/l/chat/${encodeURIComponent(chatId)}/0?tenantId=${ctx.tenant.id}`,
    tenantId: ctx.tenant.id,
    isHiddenForAllMembers: false,
    onlineMeetingInfo: {
      calendarEventId: eventId(seed.organizerId, seed.key),
      joinWebUrl: seed.teamsJoinUrl ?? null,
      organizer: { id: seed.organizerId, displayName: null, userIdentityType: 'aadUser', tenantId: ctx.tenant.id },
    },
    ...(p.kind === 'user' ? { viewpoint: { isHidden: false, lastMessageReadDateTime: seed.createdDateTime } } : {}),
  });
}

function listOnlineMeetings(ctx: GraphContext, params: Record<string, string>): GraphResult {
  const user = findUser(ctx, params.user ?? '', 'directory');
  if (isResult(user)) return user;
  const p = ctx.principal;
  if (p.kind === 'app') {
    if (!MEETING_APP_ROLES.some((r) => p.roles.includes(r)))
      return missingPermission('role', MEETING_APP_ROLES, p.roles);
    const policy = ctx.tenant.seed.apiApp.onlineMeetingsAccessPolicy;
    const granted = policy === 'global' || (policy ?? []).some((id) => id.toLowerCase() === user.id.toLowerCase());
    if (p.appId !== ctx.tenant.seed.apiApp.clientId || !granted)
      return graphError(403, 'Forbidden', 'No application access policy found for this app.');
  } else {
    if (p.userId.toLowerCase() !== user.id.toLowerCase())
      return graphError(
        403,
        'General',
        `Organizer ID in token(${p.userId}) does not match organizer ID in request url(${user.id}). With delegated permission only /me endpoint is supported.`,
      );
    if (!MEETING_SCOPES.some((s) => p.scopes.includes(s))) return missingPermission('scope', MEETING_SCOPES, p.scopes);
  }
  const filter = ctx.query.get('$filter') ?? '';
  const match = /^\s*JoinWebUrl\s+eq\s+'((?:[^']|'')*)'\s*$/i.exec(filter);
  if (!match)
    return graphError(400, 'BadRequest', "This API needs $filter=JoinWebUrl eq '<join URL>' (or a meeting id).");
  const joinWebUrl = (match[1] ?? '').replace(/''/g, "'");
  const value = ctx.tenant.meetings
    .filter((m) => m.seed.organizerId.toLowerCase() === user.id.toLowerCase() && m.seed.teamsJoinUrl === joinWebUrl)
    .map((m) => onlineMeetingOf(ctx, m, user.userPrincipalName));
  return graphJson(200, {
    '@odata.context': `${ctx.baseUrl}/v1.0/$metadata#users('${user.id}')/onlineMeetings`,
    value,
  });
}

function onlineMeetingOf(ctx: GraphContext, meeting: MeetingModel, organizerUpn: string): Record<string, unknown> {
  const { seed } = meeting;
  const threadId = meeting.chatId ?? '';
  const joinUrl = seed.teamsJoinUrl ?? '';
  const shortLink = /\/meet\/([^/?#]+)(?:\?p=([^&#]+))?/.exec(joinUrl);
  return {
    // Graph's online meeting ids are base64 of `1*{organizer}*0**{thread id}`.
    id: Buffer.from(`1*${seed.organizerId}*0**${threadId}`).toString('base64'),
    creationDateTime: seed.createdDateTime,
    subject: seed.subject,
    joinWebUrl: joinUrl,
    joinMeetingIdSettings: shortLink
      ? { joinMeetingId: shortLink[1], passcode: shortLink[2] ?? null, isPasscodeRequired: true }
      : null,
    chatInfo: { threadId, messageId: '0', replyChainMessageId: null },
    participants: {
      organizer: {
        upn: organizerUpn,
        role: 'presenter',
        identity: { user: { id: seed.organizerId, displayName: null, tenantId: ctx.tenant.id } },
      },
    },
    isBroadcast: false,
  };
}

export const chatRoutes: Route[] = [
  { method: 'GET', pattern: /^\/chats\/(?<chat>[^/]+)$/i, handler: getChat },
  { method: 'GET', pattern: /^\/users\/(?<user>[^/]+)\/onlineMeetings$/i, handler: listOnlineMeetings },
];
