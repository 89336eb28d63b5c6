import { DEFAULT_STATUS_CHANNEL, deliveryChannelsOf, type DeliveryChannel } from '../contract';
import type { DueOneOnOne } from '../domain/statusRequests';
import { describeError, type ChatDelivery, type ChatReach } from '../delivery/chat';
import { forEachLimited } from '../delivery/concurrency';
import type { StatusChannelRecord, StatusChannelStore } from '../store/statusChannelStore';

/*
 * Whether the bot can reach a report who chose Teams chat, and what goes by email when it cannot. Teams refuses
 * to add the bot for a person for reasons only an admin changes (the app missing from the catalog, an app
 * permission policy, no Teams licence): such a report gets the email instead, and their channel setting says why.
 */

/** Each report's choice and how the bot reaches them, read once per scan (a point read per report). */
export async function channelsOf(
  channels: StatusChannelStore,
  tenantId: string,
  reportIds: readonly string[],
): Promise<Map<string, StatusChannelRecord>> {
  const found = new Map<string, StatusChannelRecord>();
  await forEachLimited([...new Set(reportIds)], async (id) => {
    found.set(id, await channels.get(tenantId, id));
  });
  return found;
}

export function wants(
  channels: ReadonlyMap<string, Pick<StatusChannelRecord, 'channel'>>,
  reportId: string,
  channel: DeliveryChannel,
): boolean {
  return deliveryChannelsOf(channels.get(reportId)?.channel ?? DEFAULT_STATUS_CHANNEL).includes(channel);
}

/**
 * How often the scan tries again to add the bot for a person Teams refused. What fixes a refusal is an admin's
 * change in the tenant (uploading the app, a permission policy, a licence), which Teams itself takes hours to apply
 * and nothing tells Candor about; once a day finds it the next day at the latest without asking Graph every scan.
 * The person saving their choice again asks for a try at the next scan (statusChannelStore.saveChoice).
 */
export const CHAT_RECHECK_MS = 24 * 60 * 60_000;

/** Whether Teams refused the bot for this person recently enough that the scan does not ask again yet. */
export function knownUnreachable(record: StatusChannelRecord | undefined, now: Date): boolean {
  const refused = record?.chatUnavailable;
  if (!refused || record.chatConversationId || refused.checkedAt === '') return false;
  return now.getTime() - Date.parse(refused.checkedAt) < CHAT_RECHECK_MS;
}

/** One due 1:1 on one channel; `standsInFor`: the other channel it replaces, skipped if that one holds the request. */
export interface ChannelRequest<T> {
  due: T;
  standsInFor?: DeliveryChannel;
}

/**
 * Which due 1:1s go by email and which by chat card: as each report chose, except that a report Teams recently
 * refused the bot for gets the email instead of the card. A request that stands in for the other channel (chat
 * chosen alone) is never sent when the other channel's request of the same occurrence went out or is on its way, so
 * a report the bot reaches again later gets no card for a 1:1 already asked by email, and the reverse.
 */
export function requestsByChannel<T extends { occurrence: DueOneOnOne }>(
  due: readonly T[],
  channels: ReadonlyMap<string, StatusChannelRecord> | null,
  now: Date,
): { email: Array<ChannelRequest<T>>; chat: Array<ChannelRequest<T>> } {
  const email: Array<ChannelRequest<T>> = [];
  const chat: Array<ChannelRequest<T>> = [];
  for (const d of due) {
    const id = d.occurrence.pair.reportId;
    if (!channels) {
      email.push({ due: d });
      continue;
    }
    const byEmail = wants(channels, id, 'email');
    if (byEmail) email.push({ due: d });
    if (!wants(channels, id, 'chat')) continue;
    if (knownUnreachable(channels.get(id), now)) {
      if (!byEmail) email.push({ due: d, standsInFor: 'chat' });
    } else {
      chat.push(byEmail ? { due: d } : { due: d, standsInFor: 'email' });
    }
  }
  return { email, chat };
}

/** How a report who chose chat is reached in this run. */
export type ChatRoute =
  | { kind: 'chat'; conversationId: string }
  /** Teams will not let the bot reach them: this occurrence's request goes by email instead. */
  | { kind: 'emailInstead' }
  /** Not reachable right now (throttled, an outage): the chat claim is given back for the next scan. */
  | { kind: 'later'; detail: string };

/**
 * Reaches each report at most once per run (a report may have two 1:1s due): their chat; or Teams' lasting refusal,
 * recorded with the day it began (kept while the reason stays the same); or a passing failure, which records
 * nothing — and which leaves a report Teams refused before on email.
 */
export function chatReacher(deps: {
  tenantId: string;
  now: Date;
  channels: StatusChannelStore;
  delivery: ChatDelivery;
  records: ReadonlyMap<string, StatusChannelRecord>;
  log?: (line: string) => void;
}): (reportId: string) => Promise<ChatRoute> {
  const routes = new Map<string, Promise<ChatRoute>>();
  const route = async (id: string): Promise<ChatRoute> => {
    const before = deps.records.get(id)?.chatUnavailable ?? null;
    let reached: ChatReach;
    try {
      reached = await deps.delivery.reach(id);
    } catch (error) {
      return before ? { kind: 'emailInstead' } : { kind: 'later', detail: describeError(error) };
    }
    if (reached.kind === 'chat') return reached;
    const now = deps.now.toISOString();
    await deps.channels.saveChatUnavailable(deps.tenantId, id, {
      reason: reached.reason,
      since: before?.reason === reached.reason && before.since ? before.since : now,
      checkedAt: now,
    });
    deps.log?.(`status by chat: Teams refused to add the bot (${reached.detail}); email instead`);
    return { kind: 'emailInstead' };
  };
  return (id) => {
    let found = routes.get(id);
    if (!found) routes.set(id, (found = route(id)));
    return found;
  };
}
