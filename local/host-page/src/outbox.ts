import { isRecord } from './config';

/** One sent mail as the Outbox panel lists it. */
export interface OutboxMail {
  key: string;
  subject: string;
  to: string;
  from: string;
  /** ISO time, or '' when the item has none. */
  time: string;
  html: string;
}

/**
 * Reads the simulator's outbox entries — `{ id, fromUserId, message: Graph Message, receivedAt }` — and, defensively,
 * a bare Graph `message` too, so a change of shape shows up as blank cells rather than a broken page.
 */
export function normalizeOutbox(
  items: unknown[],
  nameOf: (userId: string) => string | undefined = () => undefined,
): OutboxMail[] {
  const mails = items.map((item, index) => normalizeMail(item, index, nameOf));
  return mails.sort((a, b) => b.time.localeCompare(a.time));
}

function normalizeMail(item: unknown, index: number, nameOf: (userId: string) => string | undefined): OutboxMail {
  const outer = isRecord(item) ? item : {};
  const message = isRecord(outer.message) ? outer.message : outer;
  const subject = str(message.subject) || '(no subject)';
  const to = recipients(message.toRecipients) || str(outer.to);
  const fromUserId = str(outer.fromUserId);
  const from = address(message.from) || (fromUserId ? (nameOf(fromUserId) ?? fromUserId) : '');
  const time = str(outer.receivedAt) || str(message.sentDateTime) || str(message.createdDateTime) || str(outer.sentAt);
  const body = isRecord(message.body) ? message.body : {};
  const content = str(body.content) || str(outer.html);
  const html =
    str(body.contentType).toLowerCase() === 'html' || str(outer.html) ? content : `<pre>${escapeHtml(content)}</pre>`;
  return { key: str(outer.id) || str(message.id) || `mail-${index}`, subject, to, from, time, html };
}

function recipients(value: unknown): string {
  if (!Array.isArray(value)) return '';
  return value.map(address).filter(Boolean).join(', ');
}

function address(value: unknown): string {
  if (!isRecord(value) || !isRecord(value.emailAddress)) return '';
  const { name, address: addr } = value.emailAddress;
  if (typeof name === 'string' && typeof addr === 'string' && name !== addr) return `${name} <${addr}>`;
  return typeof addr === 'string' ? addr : '';
}

function str(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export function formatTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString();
}
