/*
 * Exchange Online accepts at most 30 messages a minute from one mailbox (its message rate limit); what a mailbox
 * submits beyond that waits in its Outbox and leaves later, so it reaches Sent Items late too, where settling an
 * unknown outcome looks for it. The one sender therefore paces every mailbox below the limit itself: the service
 * mailbox that sends most requests, and a manager's own mailbox alike.
 */

/** Exchange Online's message rate limit: messages one mailbox may submit per minute. */
export const EXCHANGE_MESSAGES_PER_MINUTE = 30;

const MINUTE_MS = 60_000;

/** One message's place in its mailbox's minute; `at` moves to when its send answered (it may arrive that late). */
export interface PaceTicket {
  readonly mailbox: string;
  at: number;
}

/**
 * A sliding minute per mailbox, shared by every sender of the process (scan, digest). Places are reserved
 * synchronously, so two runs interleaving on one mailbox never take the same place.
 */
export class SendPacer {
  private readonly tickets = new Map<string, PaceTicket[]>();

  constructor(readonly perMinute: number = EXCHANGE_MESSAGES_PER_MINUTE) {
    if (!Number.isInteger(perMinute) || perMinute < 1) throw new Error('a pacer needs at least one message a minute');
  }

  /** Reserves a place for one message from `mailbox` at `now`, or null when its minute is full. */
  reserve(mailbox: string, now: number): PaceTicket | null {
    const inMinute = this.inMinute(mailbox, now);
    if (inMinute.length >= this.perMinute) return null;
    const ticket: PaceTicket = { mailbox: mailbox.toLowerCase(), at: now };
    inMinute.push(ticket);
    return ticket;
  }

  /** Gives back a place that was not used (nothing was sent under it). */
  release(ticket: PaceTicket): void {
    const list = this.tickets.get(ticket.mailbox);
    const index = list?.indexOf(ticket) ?? -1;
    if (list && index >= 0) list.splice(index, 1);
  }

  /** How long from `now` until `mailbox` has a free place again (0: it has one now). */
  waitMs(mailbox: string, now: number): number {
    const inMinute = this.inMinute(mailbox, now);
    if (inMinute.length < this.perMinute) return 0;
    const oldest = Math.min(...inMinute.map((t) => t.at));
    return oldest + MINUTE_MS - now;
  }

  /** The tickets of the last minute, oldest first; older ones are dropped. */
  private inMinute(mailbox: string, now: number): PaceTicket[] {
    const key = mailbox.toLowerCase();
    const kept = (this.tickets.get(key) ?? []).filter((t) => t.at > now - MINUTE_MS);
    this.tickets.set(key, kept);
    return kept;
  }
}

/** What the one sender paces with: the pacer and a way to wait (the real timer, or a test's clock). */
export interface SendPacing {
  pacer: SendPacer;
  sleep(ms: number): Promise<void>;
}

export const realSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
