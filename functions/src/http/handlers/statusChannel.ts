import { saveStatusChannelRequestSchema, type StatusChannelView } from '../../contract';
import type { BotServices } from '../../composition/bot';
import type { AuthenticatedHandler } from '../pipeline/authenticate';
import { parseJsonBody } from '../pipeline/parse';
import { ok } from '../pipeline/responses';

type ChannelServices = Pick<BotServices, 'statusChannels' | 'chatDelivery'>;

/** GET me/status-channel: where the caller's status requests go. Caller-only: the route names nobody. */
export function getStatusChannelHandler(services: ChannelServices): AuthenticatedHandler {
  return async (_request, _context, caller) => ok(await viewOf(services, caller.tenantId, caller.userId));
}

/** PUT me/status-channel: the caller's own choice (the report's; a manager may set theirs for their own 1:1s too). */
export function saveStatusChannelHandler(services: ChannelServices): AuthenticatedHandler {
  return async (request, _context, caller) => {
    const body = await parseJsonBody(request, saveStatusChannelRequestSchema);
    if (!body.ok) return body.response;
    await services.statusChannels.saveChoice(caller.tenantId, caller.userId, body.value.channel);
    return ok(await viewOf(services, caller.tenantId, caller.userId));
  };
}

async function viewOf(services: ChannelServices, tenantId: string, userId: string): Promise<StatusChannelView> {
  const record = await services.statusChannels.get(tenantId, userId);
  const refused = record.chatUnavailable;
  return {
    channel: record.channel,
    chosen: record.chosen,
    chatAvailable: services.chatDelivery !== null,
    // Only while chat is wanted and the bot is set up: otherwise the refusal changes nothing for the person.
    chatUnavailable:
      refused && services.chatDelivery && record.channel !== 'email'
        ? { reason: refused.reason, since: refused.since }
        : null,
  };
}
