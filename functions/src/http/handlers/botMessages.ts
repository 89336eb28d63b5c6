import type { HttpResponseInit } from '@azure/functions';
import type { BotServices } from '../../composition/bot';
import type { RouteHandler } from '../pipeline/authenticate';
import { payloadTooLarge } from '../pipeline/responses';

/** An activity (a card's action with four 2,000-character parts included) stays far below this. */
const MAX_ACTIVITY_BYTES = 256 * 1024;

/**
 * POST messages: the Bot Framework messaging endpoint. Authentication is the Teams SDK's own (the Bot Connector's
 * signed JWT, checked against the Bot Framework's published keys, audience = the bot's app id): a missing, forged or
 * foreign token is a 401 before any Candor code runs. The SDK's pure handler answers `{ status, body }`.
 */
export function botMessagesHandler(services: Pick<BotServices, 'bot'>): RouteHandler {
  return async (request): Promise<HttpResponseInit> => {
    const declared = Number(request.headers.get('content-length') ?? '0');
    if (declared > MAX_ACTIVITY_BYTES)
      return payloadTooLarge(`An activity must be at most ${MAX_ACTIVITY_BYTES} bytes.`);
    const raw = await request.arrayBuffer();
    if (raw.byteLength > MAX_ACTIVITY_BYTES)
      return payloadTooLarge(`An activity must be at most ${MAX_ACTIVITY_BYTES} bytes.`);
    let body: unknown;
    try {
      body = raw.byteLength === 0 ? {} : JSON.parse(new TextDecoder().decode(raw));
    } catch {
      // The SDK still decides: without a valid token this is a 401, never a parse error that reveals anything.
      body = {};
    }
    if (typeof body !== 'object' || body === null || Array.isArray(body)) body = {};
    const headers: Record<string, string> = {};
    request.headers.forEach((value, name) => {
      headers[name.toLowerCase()] = value;
    });
    const answer = await services.bot.handle({ body, headers });
    return answer.body === undefined ? { status: answer.status } : { status: answer.status, jsonBody: answer.body };
  };
}
