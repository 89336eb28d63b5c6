import type { OutgoingMail, SendOutcome } from '../graph/mailGateway';
import type { OutgoingStatusRequest, StatusScanGateway } from '../graph/statusScanGateway';
import type { DeliveryClaim, DeliveryPolicy, Verdict, Work } from './exactlyOnce';
import type { SendPacing } from './pacing';
import { DEFAULT_SETTLING, sentWindowOf, type SettlingBounds } from './settling';

/*
 * Mail's side of the one sender. Graph's sendMail has no idempotency key, but every Candor message carries its
 * claim id (graph/mailGateway), so a send that may have left is settled by finding that id in the sender's Sent
 * Items. A message is always for a claim: the request's key is the claim id.
 */

/** A mail as a channel composes it; the one sender adds the claim id it carries. */
export type MailMessage = Omit<OutgoingMail, 'claimId'>;

/** Graph's answer on the ladder: a 429 after the client's own retries was not carried out; any other refusal is. */
export function mailVerdictOf(outcome: SendOutcome): Verdict {
  if (outcome.kind === 'sent') return { kind: 'sent' };
  if (outcome.kind === 'unknown') return { kind: 'unknown', detail: outcome.detail };
  if (outcome.status === 429) return { kind: 'retryLater', problem: 'throttled' };
  return { kind: 'refused', status: outcome.status };
}

/** A manager's mailbox that is not open to Candor (Exchange's application access policy) falls back to the service mailbox. */
export function serviceMailboxFallback(
  serviceMailbox: string | null,
): (sender: string, status: number) => string | null {
  return (sender, status) => (status === 403 && serviceMailbox && sender !== serviceMailbox ? serviceMailbox : null);
}

/**
 * The Sent Items lookup of the timer jobs, `$batch`ed: null = Graph could not tell this time. Each lookup is
 * bounded to the `sentDateTime` range of the attempt it settles, so Exchange does not search the whole folder.
 */
export function sentItemsLookup<C extends DeliveryClaim, T>(
  gateway: Pick<StatusScanGateway, 'sentAlready'>,
  settling: SettlingBounds = DEFAULT_SETTLING,
): (works: ReadonlyArray<Work<C, T>>) => Promise<ReadonlyMap<string, boolean | null>> {
  return (works) =>
    gateway.sentAlready(
      works.map((w) => {
        const sentWithin = sentWindowOf(w.claim, settling);
        return {
          key: w.claim.claimId,
          fromMailbox: w.sender,
          claimId: w.claim.claimId,
          ...(sentWithin ? { sentWithin } : {}),
        };
      }),
    );
}

/** Sends a round of mail in `$batch` calls, each keyed by its claim id. */
export function batchedMailSend<C extends DeliveryClaim, T>(
  gateway: Pick<StatusScanGateway, 'send'>,
): (ready: ReadonlyArray<{ work: Work<C, T>; message: MailMessage }>) => Promise<ReadonlyMap<string, SendOutcome>> {
  return (ready) =>
    gateway.send(
      ready.map(({ work, message }): OutgoingStatusRequest => ({
        key: work.claim.claimId,
        fromMailbox: work.sender,
        mail: { ...message, claimId: work.claim.claimId },
      })),
    );
}

/** The timer jobs' mail policy; a job adds its rows, composer and hooks. */
export type MailPolicy<C extends DeliveryClaim, T, P> = DeliveryPolicy<C, T, MailMessage, SendOutcome, P>;

/** How the timer jobs' mail leaves: paced per mailbox (one pacer per process), and how long settling waits. */
export interface MailSending {
  pace: SendPacing;
  settling: SettlingBounds;
}

export function timerMailPolicy<C extends DeliveryClaim, T, P>(
  parts: Pick<MailPolicy<C, T, P>, 'rows' | 'clock' | 'composer' | 'hooks' | 'note'>,
  gateway: Pick<StatusScanGateway, 'send' | 'sentAlready'>,
  serviceMailbox: string | null,
  sending?: MailSending,
): MailPolicy<C, T, P> {
  return {
    ...parts,
    ...(sending ? { pace: sending.pace, settling: sending.settling } : {}),
    settle: { kind: 'lookUp', sentAlready: sentItemsLookup(gateway, sending?.settling) },
    fallbackSender: serviceMailboxFallback(serviceMailbox),
    send: batchedMailSend(gateway),
    verdictOf: mailVerdictOf,
  };
}
