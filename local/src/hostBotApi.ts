import type { IncomingMessage, ServerResponse } from 'node:http';
import { cardActionActivity, messageActivity, type BotFrameworkSim } from './simulator/botFramework';
import { personalChatId } from './simulator/graphTeamwork';

/**
 * The host page's Teams chat (status by chat): the bot's personal chat with each person and each meeting's chat, as the
 * simulator's Bot Connector recorded them, and the way back: a card's Action.Execute or a typed message, delivered
 * to the bot's messaging endpoint as a Bot Framework-signed activity, exactly as Teams would.
 */
export interface HostPageBot {
  /** Read from the simulator's memory: nothing to wait for. */
  chats(): HostChat[];
  act(input: {
    userId: string;
    conversationId: string;
    activityId: string;
    verb: string;
    data: Record<string, unknown>;
    timeZone?: string;
  }): Promise<{ status: number; body: unknown }>;
  say(input: { userId: string; conversationId: string; text: string }): Promise<{ status: number }>;
}

export interface HostChat {
  id: string;
  kind: 'personal' | 'meeting';
  /** personal: whose chat with the bot it is. */
  userId?: string;
  messages: Array<{ id: string; text: string; cards: unknown[] }>;
}

export function createHostPageBot(options: {
  bot: BotFrameworkSim;
  /** The functions' messaging endpoint, e.g. http://localhost:7071/api/messages */
  endpoint: string;
  tenantId: string;
  botAppId: string;
  userIds: readonly string[];
  meetingChatIds: readonly string[];
}): HostPageBot {
  const personal = new Map(options.userIds.map((id) => [personalChatId(id, options.botAppId), id]));
  const actor = (userId: string, conversationId: string) => ({
    userId,
    tenantId: options.tenantId,
    botAppId: options.botAppId,
    conversationId,
    conversationType: personal.has(conversationId) ? ('personal' as const) : ('groupChat' as const),
  });
  return {
    chats() {
      const ids = [...personal.keys(), ...options.meetingChatIds];
      return ids.map((id) => ({
        id,
        kind: personal.has(id) ? 'personal' : 'meeting',
        ...(personal.has(id) ? { userId: personal.get(id) } : {}),
        messages: options.bot.conversation(id).map((m) => ({
          id: m.id,
          text: typeof m.activity.text === 'string' ? m.activity.text : '',
          cards: Array.isArray(m.activity.attachments)
            ? m.activity.attachments
                .filter(
                  (a): a is { contentType: string; content: unknown } =>
                    typeof a === 'object' &&
                    a !== null &&
                    (a as { contentType?: unknown }).contentType === 'application/vnd.microsoft.card.adaptive',
                )
                .map((a) => a.content)
            : [],
        })),
      }));
    },
    async act(input) {
      const answer = await options.bot.deliver(
        options.endpoint,
        // Teams sends the client's own zone as `localTimezone`; the host page sends the browser's.
        cardActionActivity(
          actor(input.userId, input.conversationId),
          { verb: input.verb, data: input.data },
          input.timeZone,
        ),
      );
      // Universal Actions: Teams replaces the card in place with the one the bot answered.
      const body = answer.body as { type?: unknown; value?: unknown } | null;
      if (answer.status === 200 && body?.type === 'application/vnd.microsoft.card.adaptive') {
        options.bot.replaceCard(input.conversationId, input.activityId, body.value);
      }
      return answer;
    },
    async say(input) {
      const answer = await options.bot.deliver(
        options.endpoint,
        messageActivity(actor(input.userId, input.conversationId), input.text),
      );
      return { status: answer.status };
    },
  };
}

/** `/host-api/bot/chats` (GET), `/host-api/bot/action` and `/host-api/bot/message` (POST JSON). */
export async function handleHostBotApi(
  req: IncomingMessage,
  res: ServerResponse,
  pathname: string,
  bot: HostPageBot,
  readJson: (req: IncomingMessage) => Promise<unknown>,
  send: (res: ServerResponse, status: number, body: unknown) => void,
): Promise<void> {
  const text = (v: unknown): v is string => typeof v === 'string' && v.length > 0 && v.length <= 4000;
  if (pathname === '/host-api/bot/chats' && req.method === 'GET') {
    send(res, 200, { chats: bot.chats() });
    return;
  }
  if (req.method !== 'POST' || !/^application\/json\b/i.test(req.headers['content-type'] ?? '')) {
    send(res, 405, { error: { code: 'methodNotAllowed', message: 'POST JSON here.' } });
    return;
  }
  const raw = await readJson(req);
  const body = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {};
  if (pathname === '/host-api/bot/action') {
    const data = typeof body.data === 'object' && body.data !== null ? (body.data as Record<string, unknown>) : null;
    if (!text(body.userId) || !text(body.conversationId) || !text(body.activityId) || !text(body.verb) || !data) {
      send(res, 400, {
        error: { code: 'badRequest', message: 'Send { userId, conversationId, activityId, verb, data }.' },
      });
      return;
    }
    const timeZone = typeof body.timeZone === 'string' && body.timeZone.length <= 64 ? body.timeZone : undefined;
    send(
      res,
      200,
      await bot.act({
        userId: body.userId,
        conversationId: body.conversationId,
        activityId: body.activityId,
        verb: body.verb,
        data,
        ...(timeZone ? { timeZone } : {}),
      }),
    );
    return;
  }
  if (pathname === '/host-api/bot/message') {
    if (!text(body.userId) || !text(body.conversationId) || !text(body.text)) {
      send(res, 400, { error: { code: 'badRequest', message: 'Send { userId, conversationId, text }.' } });
      return;
    }
    send(res, 200, await bot.say({ userId: body.userId, conversationId: body.conversationId, text: body.text }));
    return;
  }
  send(res, 404, { error: { code: 'notFound', message: `No host API at ${pathname}` } });
}
