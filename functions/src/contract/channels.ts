import { z } from 'zod';

/*
 * Where a report's pre-meeting status requests reach them: email (the default), the Candor bot's card in
 * Teams chat, or both. The report chooses; the manager sees which channel a request used.
 *
 *   GET me/status-channel → StatusChannelView
 *   PUT me/status-channel   body SaveStatusChannelRequest → StatusChannelView
 */
export const statusChannelSchema = z.enum(['email', 'chat', 'both']);
export type StatusChannel = z.infer<typeof statusChannelSchema>;

/** One way a request went out; `both` sends one of each. */
export const deliveryChannelSchema = z.enum(['email', 'chat']);
export type DeliveryChannel = z.infer<typeof deliveryChannelSchema>;

export const DEFAULT_STATUS_CHANNEL: StatusChannel = 'email';

/**
 * Why the bot cannot reach a person who chose chat, as Teams refused to add Candor for them: the app is not in
 * the organization's app catalog, an app permission policy (or an admin) blocks it for them, they have no Teams
 * licence, or Candor itself lacks the Graph permission to add itself. Their requests go by email meanwhile.
 */
export const chatUnavailableReasonSchema = z.enum(['notInCatalog', 'blocked', 'noTeamsLicence', 'notPermitted']);
export type ChatUnavailableReason = z.infer<typeof chatUnavailableReasonSchema>;

export const chatUnavailableSchema = z.object({
  reason: chatUnavailableReasonSchema,
  /** When Teams first refused for this reason (ISO instant). */
  since: z.string(),
});
export type ChatUnavailable = z.infer<typeof chatUnavailableSchema>;

export const statusChannelViewSchema = z.object({
  channel: statusChannelSchema,
  /** False until the person saved a choice: the default (email) applies. */
  chosen: z.boolean(),
  /** Whether this Candor has the bot set up at all; without it `chat` is stored but requests go by email. */
  chatAvailable: z.boolean(),
  /** Set while Teams refuses to add the bot for this person: their requests go by email until it can. */
  chatUnavailable: chatUnavailableSchema.nullable(),
});
export type StatusChannelView = z.infer<typeof statusChannelViewSchema>;

export const saveStatusChannelRequestSchema = z.strictObject({ channel: statusChannelSchema });
export type SaveStatusChannelRequest = z.infer<typeof saveStatusChannelRequestSchema>;

/** The channels a choice sends on, in the order they are sent. */
export function deliveryChannelsOf(channel: StatusChannel): DeliveryChannel[] {
  return channel === 'both' ? ['email', 'chat'] : [channel];
}

export const channelRouteTemplates = {
  statusChannel: 'me/status-channel',
  /** The Bot Framework messaging endpoint (Teams posts activities here, signed by the Bot Connector). */
  botMessages: 'messages',
} as const;

export const channelApiPaths = {
  statusChannel: (): string => channelRouteTemplates.statusChannel,
};
