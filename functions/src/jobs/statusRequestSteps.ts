import { signStatusLink } from '../auth/statusLinkToken';
import type { DeliveryChannel } from '../contract';
import { nextRequestStep, type DueOneOnOne } from '../domain/statusRequests';
import { NOT_RESENT } from '../delivery/chat';
import { forEachLimited } from '../delivery/concurrency';
import type { DeliveryStep } from '../delivery/exactlyOnce';
import { claimIdOf, type StatusRequestClaim, type StatusRequestClaimStore } from '../store/statusRequestClaimStore';

/** What deciding a channel's requests counted before anything is claimed. */
export interface DecisionCounts {
  alreadySent: number;
  busyElsewhere: number;
  rejected: number;
}

/** One due 1:1 on one channel, with the mailbox (or `bot`) it goes from. */
export interface DueRequest {
  occurrence: DueOneOnOne;
  sender: string;
  /**
   * The other channel this request replaces (a report who chose chat alone, by email while the bot cannot reach
   * them, or by chat again once it can): not sent when that channel's request of the occurrence went out or is on
   * its way.
   */
  standsInFor?: DeliveryChannel;
}

/**
 * Load → decide for the status requests of one channel: each occurrence's latest claim is read and
 * domain/statusRequests decides (a new generation after a big move; a small move only follows the meeting). What is
 * to be claimed, taken over or settled goes to the one sender; the rest is counted here.
 */
export async function statusRequestSteps(
  deps: {
    tenantId: string;
    claims: StatusRequestClaimStore;
    now: Date;
    run: { owner: string; leaseUntil: string };
    channel?: 'chat';
    /** Requests this process already saw `sent` (email only): sent is final for a generation, so no table read. */
    sentCache?: Map<string, StatusRequestClaim>;
  },
  due: readonly DueRequest[],
  counts: DecisionCounts,
): Promise<Array<DeliveryStep<StatusRequestClaim, DueOneOnOne>>> {
  const { now, sentCache } = deps;
  const steps: Array<DeliveryStep<StatusRequestClaim, DueOneOnOne>> = [];
  await forEachLimited(due, async ({ occurrence, sender, standsInFor }) => {
    const address = {
      tenantId: deps.tenantId,
      ...occurrence.pair,
      claimBase: occurrence.claimBase,
      ...(deps.channel ? { channel: deps.channel } : {}),
    };
    const cacheKey = `${address.managerId}|${address.reportId}|${address.claimBase}`;
    const cached = sentCache?.get(cacheKey);
    if (
      cached &&
      nextRequestStep(occurrence, cached, now).kind === 'done' &&
      cached.latestStartUtc === occurrence.startUtc
    ) {
      counts.alreadySent++;
      return;
    }
    const latest = await deps.claims.latest(address);
    const step = nextRequestStep(occurrence, latest, now);
    if (standsInFor && (step.kind === 'claim' || step.kind === 'fresh' || (step.kind === 'takeOver' && !step.settle))) {
      const common = { tenantId: deps.tenantId, ...occurrence.pair, claimBase: occurrence.claimBase };
      const other = await deps.claims.latest(standsInFor === 'chat' ? { ...common, channel: 'chat' } : common);
      if (heldElsewhere(other, nextRequestStep(occurrence, other, now))) {
        counts.alreadySent++;
        return;
      }
    }
    switch (step.kind) {
      case 'claim':
      case 'fresh': {
        const claim: StatusRequestClaim = {
          ...address,
          generation: step.generation,
          state: 'claimed',
          owner: deps.run.owner,
          leaseUntil: deps.run.leaseUntil,
          takeovers: 0,
          claimId: claimIdOf(address, step.generation),
          occurrenceId: occurrence.occurrenceId,
          subject: occurrence.subject,
          requestedStartUtc: occurrence.startUtc,
          latestStartUtc: occurrence.startUtc,
          sender: null,
          attempts: 0,
          problem: null,
          sentAt: null,
        };
        steps.push({ kind: 'claim', claim, item: occurrence, sender, fresh: step.kind === 'fresh' });
        return;
      }
      case 'done':
        counts.alreadySent++;
        if (latest?.state === 'sent')
          sentCache?.set(cacheKey, { ...latest, latestStartUtc: step.movedTo ?? latest.latestStartUtc });
        // A small move: the form's "editable until" follows the meeting.
        if (latest && step.movedTo && latest.latestStartUtc !== step.movedTo) {
          await deps.claims.update(latest, { latestStartUtc: step.movedTo });
        }
        return;
      case 'busy':
        counts.busyElsewhere++;
        return;
      case 'rejected':
        counts.rejected++;
        return;
      case 'takeOver':
        if (latest) steps.push({ kind: 'takeOver', claim: latest, item: occurrence, sender, settle: step.settle });
        return;
    }
  });
  return steps;
}

/** The other channel's request of the occurrence went out, may have, or is being sent right now. */
function heldElsewhere(claim: StatusRequestClaim | null, step: ReturnType<typeof nextRequestStep>): boolean {
  // A chat card whose fate was unknown is recorded `rejected` and never resent: it may be in the chat.
  if (claim?.state === 'rejected') return claim.problem === NOT_RESENT;
  return step.kind === 'done' || step.kind === 'busy' || (step.kind === 'takeOver' && step.settle);
}

export interface StatusLink {
  secret: Uint8Array;
  formBaseUrl: string;
  tenantId: string;
}

/** What signing the form's links needs; null until both the secret and the form's address are configured. */
export function statusLinkOf(
  config: { linkSecret: Uint8Array | null; formBaseUrl: string | null },
  tenantId: string,
): StatusLink | null {
  return config.linkSecret && config.formBaseUrl
    ? { secret: config.linkSecret, formBaseUrl: config.formBaseUrl, tenantId }
    : null;
}

/** The form's link for one request: signed, valid until the request's lead time before the meeting ends. */
export async function statusFormUrl(link: StatusLink, occurrence: DueOneOnOne, now: Date): Promise<string> {
  const expiresAt = new Date(Date.parse(occurrence.startUtc) + occurrence.leadTimeMinutes * 60_000);
  const token = await signStatusLink(
    link.secret,
    {
      tenantId: link.tenantId,
      ...occurrence.pair,
      occurrenceId: occurrence.occurrenceId,
      claimBase: occurrence.claimBase,
    },
    expiresAt,
    now,
  );
  return `${link.formBaseUrl}/?surface=status&token=${encodeURIComponent(token)}`;
}

/** The sending patch of a status request: the meeting as it stands now, so the form's deadline follows it. */
export function requestedMeetingOf(
  occurrence: DueOneOnOne,
): Pick<StatusRequestClaim, 'requestedStartUtc' | 'latestStartUtc' | 'subject'> {
  return { requestedStartUtc: occurrence.startUtc, latestStartUtc: occurrence.startUtc, subject: occurrence.subject };
}
