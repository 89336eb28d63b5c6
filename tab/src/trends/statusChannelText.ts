import type { ChatUnavailableReason, StatusChannelView } from '@candor/contract';

/** Why the bot cannot reach the person, in their words: what is missing and who can change it. */
const WHY: Record<ChatUnavailableReason, string> = {
  notInCatalog: "Candor has not been added to your organization's Teams apps yet",
  blocked: "your organization's Teams app settings don't allow Candor for you",
  noTeamsLicence: "your account doesn't have a Microsoft Teams licence",
  notPermitted: 'Candor has not been given permission to add itself to Teams',
};

/**
 * What the settings say when a chosen Teams chat is not in force, or null when it is (or email was chosen): the
 * bot not set up at all, or Teams refusing to add it for this person — why, since when (`day` formats the date),
 * and that the requests come by email meanwhile.
 */
export function chatNoticeOf(view: StatusChannelView, day: (iso: string) => string): string | null {
  if (view.channel === 'email') return null;
  if (!view.chatAvailable)
    return 'The Candor bot is not set up in your organization yet, so requests come by email until it is.';
  if (!view.chatUnavailable) return null;
  const meanwhile =
    view.channel === 'both'
      ? 'Until then you get your status requests by email only.'
      : 'Until then your status requests come by email instead.';
  return (
    `Teams chat isn't working for you since ${day(view.chatUnavailable.since)}: ${WHY[view.chatUnavailable.reason]}. ` +
    `${meanwhile} Your IT admin can fix this; Candor tries Teams again every day, or when you save your choice again.`
  );
}
