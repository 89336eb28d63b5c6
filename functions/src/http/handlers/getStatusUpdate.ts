import { signStatusLink } from '../../auth/statusLinkToken';
import type { StatusAvailability, StatusUpdateView } from '../../contract';
import { normalizeId } from '../../domain/pairs';
import type { Services } from '../../composition';
import type { StatusRequestClaim } from '../../store/statusRequestClaimStore';
import type { AuthenticatedHandler } from '../pipeline/authenticate';
import { checkPairAccess } from '../../application/pairAccess';
import { parseRouteParams } from '../pipeline/parse';
import { ok } from '../pipeline/responses';
import { boardParams } from '../pipeline/routeParams';

type StatusUpdateServices = Pick<
  Services,
  'orgChart' | 'statusUpdates' | 'statusRequestClaims' | 'enrolments' | 'statusRequests' | 'clock'
>;

/**
 * GET pairs/{managerId}/{reportId}/status/{occurrenceId}: the report's status update, for the pair's two people, and
 * whether one can still be sent. The report also gets a freshly signed link to their own form while it is open, so
 * the prep view never sends them hunting for an email.
 */
export function getStatusUpdateHandler(services: StatusUpdateServices): AuthenticatedHandler {
  return async (request, _context, caller) => {
    const params = parseRouteParams(request.params, boardParams);
    if (!params.ok) return params.response;
    const access = await checkPairAccess(services.orgChart, caller, params.value);
    if (!access.ok) return access.response;
    const key = { tenantId: caller.tenantId, ...params.value };
    const [update, channels, claim] = await Promise.all([
      services.statusUpdates.get(key),
      services.statusRequestClaims.sentChannels(key, key.occurrenceId),
      sentRequestOf(services, key),
    ]);
    // Which channel the request used (email or status by chat), so the manager knows where the report was asked.
    const requestChannel =
      channels.size === 2 ? 'both' : channels.has('chat') ? 'chat' : channels.has('email') ? 'email' : null;
    const now = services.clock();
    const start = claim?.latestStartUtc ?? startOfOccurrence(key.occurrenceId);
    const availability: StatusAvailability =
      start !== null && now.getTime() >= Date.parse(start)
        ? 'started'
        : claim || channels.size > 0
          ? 'open'
          : (await requestsOn(services, caller.tenantId, key.managerId))
            ? 'notRequested'
            : 'requestsOff';
    const formUrl =
      access.role === 'report' && availability === 'open' && claim
        ? await formLinkOf(services, key.tenantId, claim, now)
        : null;
    const view: StatusUpdateView = {
      update,
      ...(requestChannel ? { requestChannel } : {}),
      availability,
      ...(formUrl ? { formUrl } : {}),
    };
    return ok(view);
  };
}

/**
 * The claim bases an occurrence's requests can live under (domain/statusRequests claimBaseOf): both ids hash the same
 * series key, and a recurring occurrence's claim base carries the same original start, a single meeting's `single`.
 */
export function claimBasesOfOccurrence(occurrenceId: string): string[] {
  const match = /^(\d{8}T\d{4}Z)-([0-9a-f]{16})$/.exec(occurrenceId);
  return match ? [`${match[2]}-${match[1]}`, `${match[2]}-single`] : [];
}

/** The occurrence's original start, from its id (contract occurrenceIdSchema); null when it does not parse. */
function startOfOccurrence(occurrenceId: string): string | null {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})Z-/.exec(occurrenceId);
  return m ? `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:00.000Z` : null;
}

/** The request that went out for this occurrence (email or chat card), with the start it was last seen at. */
async function sentRequestOf(
  services: StatusUpdateServices,
  key: { tenantId: string; managerId: string; reportId: string; occurrenceId: string },
): Promise<StatusRequestClaim | null> {
  for (const claimBase of claimBasesOfOccurrence(key.occurrenceId)) {
    const address = { tenantId: key.tenantId, managerId: key.managerId, reportId: key.reportId, claimBase };
    const found = await Promise.all([
      services.statusRequestClaims.latest(address),
      services.statusRequestClaims.latest({ ...address, channel: 'chat' }),
    ]);
    const sent = found.find((c) => c !== null && c.state === 'sent' && c.occurrenceId === key.occurrenceId);
    if (sent) return sent;
  }
  return null;
}

/** The manager's own choice when they made one, else configuration (as the pre-meeting scan decides). */
async function requestsOn(services: StatusUpdateServices, tenantId: string, managerId: string): Promise<boolean> {
  const stored = await services.enrolments.get(tenantId, managerId);
  return stored ? stored.enrolled : services.statusRequests.enrolledManagerIds.includes(normalizeId(managerId));
}

/** As the bot's refreshed card does (bot/botHandlers meetingOf): a new link, valid until the 1:1 starts. */
async function formLinkOf(
  services: StatusUpdateServices,
  tenantId: string,
  claim: StatusRequestClaim,
  now: Date,
): Promise<string | null> {
  const secret = services.statusRequests.linkSecret;
  const base = services.statusRequests.formBaseUrl;
  if (!secret || !base) return null;
  const link = {
    tenantId,
    managerId: claim.managerId,
    reportId: claim.reportId,
    occurrenceId: claim.occurrenceId,
    claimBase: claim.claimBase,
  };
  const token = await signStatusLink(secret, link, new Date(claim.latestStartUtc), now);
  return `${base}/?surface=status&token=${encodeURIComponent(token)}`;
}
