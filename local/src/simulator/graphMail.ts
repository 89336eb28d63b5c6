import type {
  InternetMessageHeader,
  Message,
  Recipient,
  SingleValueLegacyExtendedProperty,
} from '@microsoft/microsoft-graph-types';
import { isRecord, type GraphResult, type SeedUser, type SentMail } from './types';
import { isResult, type GraphContext, type Permission, type Route, targetUser } from './graphContext';
import { contextUrl, graphError, graphJson, pageOf, parsePaging, parseSelect, project } from './odata';
import { FilterError, parseMessageFilter, sameExtendedPropertyId } from './mailFilter';
import { exchangeId, shortHash } from './ids';
import { formatInstant } from './timeZones';
import type { Tenant } from './tenant';

const MAIL_SEND: Permission = { app: ['Mail.Send'], delegated: ['Mail.Send'], workload: 'mailbox' };
/** Extended properties are not part of Mail.ReadBasic, so finding a message by one needs Mail.Read. */
const MAIL_READ: Permission = {
  app: ['Mail.Read', 'Mail.ReadWrite'],
  delegated: ['Mail.Read', 'Mail.ReadWrite'],
  workload: 'mailbox',
};
const MESSAGE_TYPE = 'Microsoft.OutlookServices.Message';
const SENT_ITEMS_FOLDER_ID = 'AQMkAGSentItemsAAA=';

function invalidRecipients(detail: string): GraphResult {
  return graphError(400, 'ErrorInvalidRecipients', `At least one recipient isn't valid., ${detail}`);
}

function recipientsOf(value: unknown, field: string): Recipient[] | GraphResult {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value))
    return graphError(400, 'RequestBodyRead', `Cannot convert the literal to a collection for '${field}'.`);
  const recipients: Recipient[] = [];
  for (const item of value) {
    const address = isRecord(item) && isRecord(item.emailAddress) ? item.emailAddress.address : undefined;
    if (typeof address !== 'string' || !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(address)) {
      return invalidRecipients(
        `Recipient '${typeof address === 'string' ? address : ''}' isn't resolved. All recipients must be resolved before a message can be submitted.`,
      );
    }
    const name =
      isRecord(item) && isRecord(item.emailAddress) && typeof item.emailAddress.name === 'string'
        ? item.emailAddress.name
        : address;
    recipients.push({ emailAddress: { name, address } });
  }
  return recipients;
}

function headersOf(value: unknown): InternetMessageHeader[] | GraphResult {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value))
    return graphError(
      400,
      'RequestBodyRead',
      "Cannot convert the literal to a collection for 'internetMessageHeaders'.",
    );
  if (value.length > 5) {
    return graphError(
      400,
      'InvalidInternetMessageHeaderCollection',
      'Maximum number of headers in one message should be less than or equal to 5.',
    );
  }
  const headers: InternetMessageHeader[] = [];
  for (const item of value) {
    const name = isRecord(item) ? item.name : undefined;
    const headerValue = isRecord(item) ? item.value : undefined;
    if (typeof name !== 'string' || !/^x-/i.test(name)) {
      return graphError(
        400,
        'InvalidInternetMessageHeader',
        `The internet message header name '${String(name)}' should start with 'x-' or 'X-'.`,
      );
    }
    headers.push({ name, value: typeof headerValue === 'string' ? headerValue : '' });
  }
  return headers;
}

function extendedPropertiesOf(value: unknown): SingleValueLegacyExtendedProperty[] | GraphResult {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value))
    return graphError(
      400,
      'RequestBodyRead',
      "Cannot convert the literal to a collection for 'singleValueExtendedProperties'.",
    );
  const props: SingleValueLegacyExtendedProperty[] = [];
  for (const item of value) {
    const id = isRecord(item) ? item.id : undefined;
    const propValue = isRecord(item) ? item.value : undefined;
    const valid =
      typeof id === 'string' && /^\w+\s+(\{[0-9a-f-]{36}\}\s+(Name|Id)\s+\S+|0x[0-9a-f]{1,4})$/i.test(id.trim());
    if (!valid || typeof propValue !== 'string') {
      return graphError(400, 'ErrorInvalidProperty', `The extended property '${String(id)}' is not valid.`);
    }
    props.push({ id: id.trim(), value: propValue });
  }
  return props;
}

/** The message as the sender's mailbox stores it: what was sent plus the ids and timestamps Exchange adds. */
function storedMessage(
  ctx: GraphContext,
  sender: SeedUser,
  request: Record<string, unknown>,
  recipients: { to: Recipient[]; cc: Recipient[]; bcc: Recipient[] },
): Message {
  const sequence = ctx.tenant.outbox.length + 1;
  const now = formatInstant(ctx.now());
  const id = exchangeId(`message|${sender.id}|${sequence}|${now}`);
  const body =
    isRecord(request.body) && typeof request.body.content === 'string'
      ? {
          contentType: request.body.contentType === 'html' ? ('html' as const) : ('text' as const),
          content: request.body.content,
        }
      : { contentType: 'text' as const, content: '' };
  const me = { emailAddress: { name: sender.displayName, address: sender.mail } };
  return {
    '@odata.etag': `W/"${shortHash(id, 24)}"`,
    id,
    createdDateTime: now,
    lastModifiedDateTime: now,
    changeKey: shortHash(id, 24),
    categories: [],
    receivedDateTime: now,
    sentDateTime: now,
    hasAttachments: false,
    internetMessageId: `<${shortHash(`imid|${id}`, 32).toUpperCase()}@candor-sim.local>`,
    subject: typeof request.subject === 'string' ? request.subject : '',
    bodyPreview: body.content
      .replace(/<[^>]*>/g, ' ')
      .replace(/\s+/g, ' ')
      .trim()
      .slice(0, 255),
    importance: request.importance === 'low' || request.importance === 'high' ? request.importance : 'normal',
    parentFolderId: SENT_ITEMS_FOLDER_ID,
    conversationId: exchangeId(`conversation|${id}`).replace(/^AAMkA/, 'AAQkA'),
    isDeliveryReceiptRequested: false,
    isReadReceiptRequested: false,
    isRead: true,
    isDraft: false,
    webLink: `https://outlook.office365.com/owa/?ItemID=${encodeURIComponent(id)}&exvsurl=1&viewmodel=ReadMessageItem`,
    inferenceClassification: 'focused',
    body,
    sender: me,
    from: me,
    toRecipients: recipients.to,
    ccRecipients: recipients.cc,
    bccRecipients: recipients.bcc,
    replyTo: [],
    flag: { flagStatus: 'notFlagged' },
  } as Message;
}

/**
 * Exchange's transport as a sender's Sent Items shows it. The copy is saved a little after sendMail answered
 * (`sentItemsDelaySeconds`, per test). A mailbox over the message rate limit (30 a minute in Exchange Online) keeps
 * what it submits beyond it in its Outbox and lets it leave as the minute allows: accepted (202), not refused (a
 * refusal is SMTP client submission's answer, not Graph's), sent and saved late, its `sentDateTime` when it left.
 */
export class MailTransport {
  sentItemsDelaySeconds = 0;
  messagesPerMinute = 30;
  private held = 0;
  private readonly departures = new Map<string, number[]>();
  private readonly visibleAt = new Map<string, number>();

  /** When a message submitted by `mailbox` at `now` leaves: now, or once its mailbox's minute has room. */
  depart(mailbox: string, now: number): number {
    const left = this.departures.get(mailbox) ?? [];
    const last = left[left.length - 1] ?? now;
    const minuteFull =
      left.length >= this.messagesPerMinute ? (left[left.length - this.messagesPerMinute] ?? 0) + 60_000 : 0;
    const at = Math.max(now, last, minuteFull);
    if (at > now) this.held++;
    left.push(at);
    this.departures.set(mailbox, left.slice(-this.messagesPerMinute));
    return at;
  }

  saved(messageId: string, departedAt: number): void {
    this.visibleAt.set(messageId, departedAt + this.sentItemsDelaySeconds * 1000);
  }

  inSentItems(mail: SentMail, now: number): boolean {
    return (this.visibleAt.get(mail.id) ?? 0) <= now;
  }

  /** How many messages had to wait in an Outbox because their mailbox was over the limit. */
  heldInOutbox(): number {
    return this.held;
  }
}

const transports = new WeakMap<Tenant, MailTransport>();

export function mailTransportOf(tenant: Tenant): MailTransport {
  let transport = transports.get(tenant);
  if (!transport) {
    transport = new MailTransport();
    transports.set(tenant, transport);
  }
  return transport;
}

/** The sender's Sent Items as they are now: what has left and been saved. */
function visibleSentItems(ctx: GraphContext, userId: string): SentMail[] {
  const transport = mailTransportOf(ctx.tenant);
  const now = ctx.now().getTime();
  return ctx.tenant.sentItemsOf(userId).filter((m) => transport.inSentItems(m, now));
}

/** `POST /users/{id}/sendMail`: validates like Exchange, records the mail, answers 202 with no body at all. */
function sendMail(ctx: GraphContext, params: Record<string, string>): GraphResult {
  const sender = targetUser(ctx, params.user ?? '', MAIL_SEND);
  if (isResult(sender)) return sender;
  if (!isRecord(ctx.body)) return graphError(400, 'BadRequest', 'Empty Payload. JSON content expected.');
  const { message, saveToSentItems } = ctx.body;
  if (!isRecord(message))
    return graphError(400, 'ErrorInvalidParameter', "The value of the parameter 'Message' is empty.");
  if (saveToSentItems !== undefined && typeof saveToSentItems !== 'boolean') {
    return graphError(
      400,
      'RequestBodyRead',
      "Cannot convert the literal to the expected type 'Edm.Boolean' for 'saveToSentItems'.",
    );
  }
  const to = recipientsOf(message.toRecipients, 'toRecipients');
  if (!Array.isArray(to)) return to;
  const cc = recipientsOf(message.ccRecipients, 'ccRecipients');
  if (!Array.isArray(cc)) return cc;
  const bcc = recipientsOf(message.bccRecipients, 'bccRecipients');
  if (!Array.isArray(bcc)) return bcc;
  const recipients = { to, cc, bcc };
  if (recipients.to.length === 0)
    return invalidRecipients("A message can't be sent because it contains no recipients in toRecipients.");
  // Exchange would send a subject-less mail; Candor never means to, so the simulator treats it as a bug.
  if (typeof message.subject !== 'string' || message.subject.trim() === '') {
    return graphError(
      400,
      'ErrorInvalidParameter',
      "The message has no subject (the Candor simulator requires 'subject').",
    );
  }
  const headers = headersOf(message.internetMessageHeaders);
  if (!Array.isArray(headers)) return headers;
  const extended = extendedPropertiesOf(message.singleValueExtendedProperties);
  if (!Array.isArray(extended)) return extended;

  const stored = storedMessage(ctx, sender, message, recipients);
  const transport = mailTransportOf(ctx.tenant);
  const departedAt = transport.depart(sender.id, ctx.now().getTime());
  stored.sentDateTime = formatInstant(new Date(departedAt));
  const sent: SentMail = {
    id: stored.id ?? '',
    fromUserId: sender.id,
    message: stored,
    receivedAt: formatInstant(ctx.now()),
    saveToSentItems: saveToSentItems !== false,
    ...(headers.length ? { internetMessageHeaders: headers } : {}),
    ...(extended.length ? { singleValueExtendedProperties: extended } : {}),
  };
  ctx.tenant.outbox.push(sent);
  if (sent.saveToSentItems) {
    ctx.tenant.sentItemsOf(sender.id).push(sent);
    transport.saved(sent.id, departedAt);
  }
  return { status: 202, headers: {} };
}

/** `$expand=singleValueExtendedProperties($filter=id eq '…')`, the only way Graph returns an extended property. */
function expandedProperties(ctx: GraphContext, stored: SentMail): SingleValueLegacyExtendedProperty[] | undefined {
  const expand = ctx.query.get('$expand');
  if (!expand) return undefined;
  const match = /^singleValueExtendedProperties\(\$filter=id eq '((?:[^']|'')*)'\)$/i.exec(expand.trim());
  if (!match) return undefined;
  const id = (match[1] ?? '').replace(/''/g, "'");
  return (stored.singleValueExtendedProperties ?? []).filter((p) => sameExtendedPropertyId(p.id ?? '', id));
}

/** Graph's default message properties; internetMessageHeaders only on `$select` (and never for sent items). */
function messageBody(ctx: GraphContext, stored: SentMail, select: string[] | undefined): Record<string, unknown> {
  const body = project(
    stored.message as Record<string, unknown>,
    select?.filter((s) => s !== 'internetMessageHeaders'),
    ['@odata.etag', 'id'],
  );
  const expanded = expandedProperties(ctx, stored);
  if (expanded) body.singleValueExtendedProperties = expanded;
  return body;
}

const MESSAGE_PROPERTIES = [
  'id',
  'createdDateTime',
  'lastModifiedDateTime',
  'changeKey',
  'categories',
  'receivedDateTime',
  'sentDateTime',
  'hasAttachments',
  'internetMessageId',
  'subject',
  'bodyPreview',
  'importance',
  'parentFolderId',
  'conversationId',
  'isDeliveryReceiptRequested',
  'isReadReceiptRequested',
  'isRead',
  'isDraft',
  'webLink',
  'inferenceClassification',
  'body',
  'sender',
  'from',
  'toRecipients',
  'ccRecipients',
  'bccRecipients',
  'replyTo',
  'flag',
  'internetMessageHeaders',
];

function folderMessages(ctx: GraphContext, user: SeedUser, folder: string | undefined): SentMail[] | GraphResult {
  if (folder === undefined || /^(sentitems|'sentitems'|AQMkAGSentItemsAAA=)$/i.test(folder))
    return visibleSentItems(ctx, user.id);
  if (/^'?(inbox|drafts|deleteditems|archive|junkemail|outbox)'?$/i.test(folder)) return [];
  return graphError(404, 'ErrorItemNotFound', 'The specified object was not found in the store.');
}

function listMessages(ctx: GraphContext, params: Record<string, string>): GraphResult {
  const user = targetUser(ctx, params.user ?? '', MAIL_READ);
  if (isResult(user)) return user;
  const messages = folderMessages(ctx, user, params.folder);
  if (!Array.isArray(messages)) return messages;
  const { select, error } = parseSelect(ctx.query, MESSAGE_PROPERTIES, MESSAGE_TYPE);
  if (error) return error;
  const paging = parsePaging(ctx.query, 10, 1000);
  if (!paging.page) return paging.error ?? graphError(400, 'BadRequest', 'Invalid paging.');
  let matching = [...messages].reverse(); // newest first, as Graph lists mail
  const filter = ctx.query.get('$filter');
  if (filter) {
    try {
      const predicate = parseMessageFilter(filter);
      matching = matching.filter((m) =>
        predicate({
          properties: m.message as Record<string, unknown>,
          extendedProperties: m.singleValueExtendedProperties ?? [],
        }),
      );
    } catch (e) {
      if (e instanceof FilterError) return graphError(400, 'BadRequest', e.message);
      throw e;
    }
  }
  const page = pageOf(matching, paging.page, ctx);
  const where = params.folder === undefined ? 'messages' : `mailFolders('${params.folder}')/messages`;
  return graphJson(200, {
    '@odata.context': contextUrl(
      ctx.baseUrl,
      `users('${encodeURIComponent(user.id)}')/${where}${select ? `(${select.join(',')})` : ''}`,
    ),
    value: page.value.map((m) => messageBody(ctx, m, select)),
    ...(page.nextLink ? { '@odata.nextLink': page.nextLink } : {}),
  });
}

function getMessage(ctx: GraphContext, params: Record<string, string>): GraphResult {
  const user = targetUser(ctx, params.user ?? '', MAIL_READ);
  if (isResult(user)) return user;
  const stored = visibleSentItems(ctx, user.id).find((m) => m.id === params.message);
  if (!stored) return graphError(404, 'ErrorItemNotFound', 'The specified object was not found in the store.');
  const { select, error } = parseSelect(ctx.query, MESSAGE_PROPERTIES, MESSAGE_TYPE);
  if (error) return error;
  return graphJson(200, {
    '@odata.context': contextUrl(ctx.baseUrl, `users('${encodeURIComponent(user.id)}')/messages/$entity`),
    ...messageBody(ctx, stored, select),
  });
}

const USER = '(?<user>[^/]+)';
/** `mailFolders/SentItems` and `mailFolders('SentItems')` both address a well-known folder. */
const FOLDER = `mailFolders(?:/(?<folder>[^/(]+)|\\((?<folder2>[^)]+)\\))`;

const withFolder = (handler: typeof listMessages) => (ctx: GraphContext, params: Record<string, string>) =>
  handler(ctx, { ...params, ...(params.folder2 ? { folder: params.folder2 } : {}) });

export const mailRoutes: Route[] = [
  { method: 'POST', pattern: new RegExp(`^/users/${USER}/sendMail$`, 'i'), handler: sendMail },
  { method: 'GET', pattern: new RegExp(`^/users/${USER}/messages$`, 'i'), handler: listMessages },
  { method: 'GET', pattern: new RegExp(`^/users/${USER}/messages/(?<message>[^/]+)$`, 'i'), handler: getMessage },
  { method: 'GET', pattern: new RegExp(`^/users/${USER}/${FOLDER}/messages$`, 'i'), handler: withFolder(listMessages) },
  {
    method: 'GET',
    pattern: new RegExp(`^/users/${USER}/${FOLDER}/messages/(?<message>[^/]+)$`, 'i'),
    handler: withFolder(getMessage),
  },
];
