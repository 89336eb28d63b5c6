import type { Client } from '@microsoft/microsoft-graph-client';
import type { Message } from '@microsoft/microsoft-graph-types';
import { z } from 'zod';
import type { RenderedEmail } from '../domain/emailHtml';
import { graphStatusOf } from './graphClient';

/**
 * Graph's sendMail has no idempotency key. Every Candor message therefore carries its claim id in a
 * single-value extended property (a named MAPI string property in Candor's own property set), so a send whose
 * outcome is unknown can be settled by looking the claim up in the sender's Sent Items instead of repeating it.
 * (Internet message headers would not do: Graph can neither filter Sent Items by them nor return them there.)
 */
export const CLAIM_PROPERTY_ID = 'String {5e0c8a4e-3b7c-4e55-9a61-0c2f7d1b9a3e} Name CandorClaimId';

export interface OutgoingMail {
  to: Array<{ address: string; name?: string }>;
  email: RenderedEmail;
  /** Unique per logical message (e.g. pair + occurrence + kind); what `wasSent` looks for. */
  claimId: string;
}

export type SendOutcome =
  | { kind: 'sent' }
  /** The request may or may not have reached Exchange (timeout, dropped connection): settle with wasSent. */
  | { kind: 'unknown'; detail: string }
  /** Graph answered and refused; retrying the same request will not help. */
  | { kind: 'rejected'; status: number; detail: string };

export interface MailGateway {
  send(fromUserId: string, mail: OutgoingMail): Promise<SendOutcome>;
  /** True when a message with this claim id is in the sender's Sent Items. */
  wasSent(fromUserId: string, claimId: string): Promise<boolean>;
}

/** Graph message JSON for one Candor email; exported for the batch sender, which posts the same body. */
export function graphMessageOf(mail: OutgoingMail): Message {
  return {
    subject: mail.email.subject,
    body: { contentType: 'html', content: mail.email.html },
    toRecipients: mail.to.map((recipient) => ({
      emailAddress: { address: recipient.address, ...(recipient.name ? { name: recipient.name } : {}) },
    })),
    singleValueExtendedProperties: [{ id: CLAIM_PROPERTY_ID, value: mail.claimId }],
  };
}

/**
 * The Sent Items `$filter` for a claim id: its extended property, and when known the `sentDateTime` range of the
 * attempt (DateTimeOffset literals are unquoted in OData), so Exchange need not search the whole folder.
 */
export function sentItemsFilter(claimId: string, sentWithin?: { from: Date; to: Date }): string {
  const quoted = claimId.replace(/'/g, "''");
  const claim = `singleValueExtendedProperties/Any(ep: ep/id eq '${CLAIM_PROPERTY_ID}' and ep/value eq '${quoted}')`;
  if (!sentWithin) return claim;
  const at = (d: Date): string => d.toISOString().replace(/\.\d{3}Z$/, 'Z');
  return `sentDateTime ge ${at(sentWithin.from)} and sentDateTime le ${at(sentWithin.to)} and ${claim}`;
}

const sentItemsPage = z.object({ value: z.array(z.object({ id: z.string() })) });

export function createGraphMailGateway(client: Client): MailGateway {
  return {
    async send(fromUserId, mail) {
      try {
        await client
          .api(`/users/${encodeURIComponent(fromUserId)}/sendMail`)
          .post({ message: graphMessageOf(mail), saveToSentItems: true });
        return { kind: 'sent' };
      } catch (error) {
        const status = graphStatusOf(error);
        // The client has already retried 429/503/504 after Retry-After; -1 or none means no answer came back.
        if (status === undefined || status < 0 || status >= 500 || status === 429) {
          return { kind: 'unknown', detail: status === undefined || status < 0 ? 'no answer' : `status ${status}` };
        }
        return { kind: 'rejected', status, detail: error instanceof Error ? error.message : 'rejected' };
      }
    },

    async wasSent(fromUserId, claimId) {
      const filter = sentItemsFilter(claimId);
      const page = sentItemsPage.parse(
        await client
          .api(`/users/${encodeURIComponent(fromUserId)}/mailFolders/SentItems/messages`)
          .filter(filter)
          .select('id')
          .top(1)
          .get(),
      );
      return page.value.length > 0;
    },
  };
}
