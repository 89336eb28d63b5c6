import { z } from 'zod';
import { signStatusLink } from '../auth/statusLinkToken';
import { objectIdSchema, occurrenceIdSchema } from '../contract';
import { ianaTimeZoneOf } from '../domain/meetingTime';
import { normalizeId } from '../domain/pairs';
import { botReplyFor, STATUS_CARD_VERBS, statusEditFrom, type StatusCardRef } from '../domain/statusCardActions';
import {
  botReplyCard,
  statusClosedCard,
  statusReceivedCard,
  statusRequestCard,
  type StatusCardMeeting,
} from './statusCards';
import type { StatusRequestConfig } from '../config/statusRequests';
import type { TrendsConfig } from '../config/trends';
import type { OrgChartGateway } from '../graph/orgChartGateway';
import type { StatusScanGateway } from '../graph/statusScanGateway';
import type { StatusUpdateStore } from '../store/statusUpdateStore';
import type { StatusRequestClaim, StatusRequestClaimStore } from '../store/statusRequestClaimStore';
import type { BotHandlers, CardActionAnswer } from './candorBot';

/** The pieces of the finished services the bot's handlers read, named by their own types so the bot needs no wiring. */
export interface BotHandlerServices {
  tenantId: string;
  statusRequests: StatusRequestConfig;
  trends: Pick<TrendsConfig, 'tabUrl'>;
  statusRequestClaims: StatusRequestClaimStore;
  statusUpdates: StatusUpdateStore;
  orgChart: OrgChartGateway;
  clock: () => Date;
  statusScan: StatusScanGateway;
}

const refSchema = z.object({
  managerId: objectIdSchema,
  reportId: objectIdSchema,
  occurrenceId: occurrenceIdSchema,
  // The same shape the status link accepts (auth/statusLinkToken): series hash and original start.
  claimBase: z.string().regex(/^[0-9a-f]{16}-(single|\d{8}T\d{4}Z)$/),
});

/**
 * What the bot does with a card's Action.Execute and with plain messages. The card carries which request it
 * answers; who may answer is decided here from the invoke's sender (Teams' `from.aadObjectId`, inside an activity
 * whose signature the SDK checked), so a card forwarded to someone else saves nothing.
 */
export function createBotHandlers(services: BotHandlerServices): BotHandlers {
  return {
    async cardAction(input) {
      if (
        input.verb !== STATUS_CARD_VERBS.save &&
        input.verb !== STATUS_CARD_VERBS.edit &&
        input.verb !== STATUS_CARD_VERBS.refresh
      ) {
        return { message: 'This card is from an older version of Candor. Say "status" to me for the current one.' };
      }
      const parsed = refSchema.safeParse(input.data);
      if (!parsed.success)
        return { message: 'This card is damaged; open the status form from the email or say "status".' };
      const ref: StatusCardRef = parsed.data;
      if (
        input.tenantId !== services.tenantId ||
        !input.fromUserId ||
        normalizeId(input.fromUserId) !== normalizeId(ref.reportId)
      ) {
        return { message: 'This status card belongs to someone else, so nothing was saved.' };
      }
      const claim = await requestOf(services, ref);
      if (!claim) return { message: 'Candor has no record of the 1:1 this card is for.' };
      const meeting = await meetingOf(
        services,
        ref,
        claim,
        validZone(input.localTimeZone) ?? (await mailboxZone(services, ref.reportId)),
      );
      const key = {
        tenantId: services.tenantId,
        managerId: ref.managerId,
        reportId: ref.reportId,
        occurrenceId: ref.occurrenceId,
      };
      const now = services.clock();
      if (now.getTime() >= Date.parse(claim.latestStartUtc)) return { card: statusClosedCard(meeting) };
      if (input.verb === STATUS_CARD_VERBS.edit) {
        // Opens with what is stored, whichever surface wrote it, and the revision the inputs were read at.
        return { card: statusRequestCard(meeting, ref, await services.statusUpdates.get(key)) };
      }
      if (input.verb === STATUS_CARD_VERBS.refresh) {
        // The card as it stands now: received (from the card or the form) or still asking.
        const current = await services.statusUpdates.get(key);
        return { card: current ? statusReceivedCard(meeting, ref, current.fields) : statusRequestCard(meeting, ref) };
      }
      const edit = statusEditFrom(input.data);
      if ('invalid' in edit)
        return { message: 'Each part of a status update can be at most 2,000 characters. Shorten it and send again.' };
      // The status form's save (http/statusForm): only the changed parts, merged into what is stored.
      const outcome = await services.statusUpdates.save(key, edit, now);
      if (outcome.kind === 'conflict') {
        // Nothing is lost: the card shows what is stored now, and what the person typed beside each clashing part.
        return { card: statusRequestCard(meeting, ref, outcome.current, { parts: outcome.parts, typed: edit.parts }) };
      }
      return { card: statusReceivedCard(meeting, ref, outcome.update.fields) } satisfies CardActionAnswer;
    },
    message(input) {
      return botReplyCard(botReplyFor(input.text), { settingsUrl: services.trends.tabUrl });
    },
  };
}

/** The chat card's claim, or the email's (a card can outlive a channel change); null when neither was made. */
async function requestOf(services: BotHandlerServices, ref: StatusCardRef): Promise<StatusRequestClaim | null> {
  const address = {
    tenantId: services.tenantId,
    managerId: ref.managerId,
    reportId: ref.reportId,
    claimBase: ref.claimBase,
  };
  const chat = await services.statusRequestClaims.latest({ ...address, channel: 'chat' });
  if (chat && chat.occurrenceId === ref.occurrenceId) return chat;
  const email = await services.statusRequestClaims.latest(address);
  return email && email.occurrenceId === ref.occurrenceId ? email : null;
}

async function meetingOf(
  services: BotHandlerServices,
  ref: StatusCardRef,
  claim: StatusRequestClaim,
  timeZone: string | null,
): Promise<StatusCardMeeting> {
  const manager = await services.orgChart.person(ref.managerId).catch(() => null);
  const secret = services.statusRequests.linkSecret;
  const base = services.statusRequests.formBaseUrl;
  let formUrl: string | null = null;
  if (secret && base && services.clock().getTime() < Date.parse(claim.latestStartUtc)) {
    // A fresh link for the refreshed card; the API closes the form at the 1:1's start anyway.
    const token = await signStatusLink(
      secret,
      { tenantId: services.tenantId, ...ref },
      new Date(claim.latestStartUtc),
      services.clock(),
    );
    formUrl = `${base}/?surface=status&token=${encodeURIComponent(token)}`;
  }
  return { managerName: manager?.displayName ?? '', startUtc: claim.latestStartUtc, timeZone, formUrl };
}

/** The zone the request itself used: the report's mailbox setting (cached by the scan's gateway). */
async function mailboxZone(services: BotHandlerServices, reportId: string): Promise<string | null> {
  try {
    return ianaTimeZoneOf((await services.statusScan.timeZones([reportId])).get(reportId));
  } catch {
    return null;
  }
}

/** Only a zone Intl knows; anything else (or nothing) shows the time in UTC rather than failing the save. */
function validZone(zone: string | null): string | null {
  if (!zone) return null;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return zone;
  } catch {
    return null;
  }
}
