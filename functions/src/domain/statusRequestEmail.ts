import { renderEmail, type RenderedEmail } from './emailHtml';
import { formatMeetingTime, formatShortMeetingTime } from './meetingTime';

/** The three prompts of the live 1:1, as the email previews them (the board shows the same three). */
export const PROMPT_PREVIEW = [
  'What is energizing you right now?',
  'What is draining you?',
  'What specific support would help you this week?',
] as const;

export interface StatusRequestEmailInput {
  managerName: string;
  reportName: string;
  meetingSubject: string;
  startUtc: string;
  /** The recipient's (the report's) IANA time zone; null = unknown, the email then says UTC. */
  recipientTimeZone: string | null;
  /** The recipient's locale for dates and times; en-US until readers' languages are known. */
  locale?: string;
  formUrl: string;
}

/**
 * The pre-meeting status request. Every name and subject is passed as data to renderEmail, which escapes it, so a
 * subject like `<img onerror=…>` arrives as text.
 */
export function statusRequestEmail(input: StatusRequestEmailInput): RenderedEmail {
  const when = formatMeetingTime(input.startUtc, input.recipientTimeZone, input.locale);
  const manager = input.managerName || 'your manager';
  // The time in the subject tells two requests of one day apart (e.g. a weekly 1:1 and an in-person one).
  const subject = `Before your 1:1 with ${manager} (${formatShortMeetingTime(input.startUtc, input.recipientTimeZone, input.locale)}): a short status update`;
  return renderEmail(subject, [
    { kind: 'heading', text: `Your 1:1 with ${manager} is on ${when}` },
    {
      kind: 'paragraph',
      text:
        `Hi ${input.reportName || 'there'}, before you meet, put your status in writing: what you finished, what is ` +
        `in progress, what is blocked, and anything ${manager} should know. ${manager} reads it beforehand, so your ` +
        'time together goes to the conversation rather than to a status report.',
    },
    { kind: 'paragraph', text: `In the 1:1 ("${input.meetingSubject}") you will talk about three things:` },
    { kind: 'list', items: [...PROMPT_PREVIEW] },
    { kind: 'button', text: 'Write your status update', href: input.formUrl },
    {
      kind: 'paragraph',
      text: `Every part is optional and it takes a few minutes. You can change it until the 1:1 starts (${when}). The link is just for you and this meeting.`,
    },
  ]);
}
