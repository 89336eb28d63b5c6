import type { Commitment, RecapLine } from '../contract';
import { renderEmail, type EmailBlock, type RenderedEmail } from './emailHtml';
import { RECAP_TAG_LABELS } from './recap';

export interface RecapEmailInput {
  managerName: string;
  reportName: string;
  /** The meeting's start (UTC); the email names the day. */
  meetingStart: string | null;
  lines: readonly RecapLine[];
  /** The manager's open commitments as the board showed them at the close. */
  openCommitments: readonly Commitment[];
}

/** The day of the meeting in words, e.g. "Thursday, 26 November 2026" (UTC: the email has no reader time zone). */
function meetingDay(iso: string | null): string | null {
  if (!iso) return null;
  return new Intl.DateTimeFormat('en-GB', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(iso),
  );
}

/** The recap as it lands in both people's Outlook: the two lines with what each covers, and what stays open. */
export function recapEmail(input: RecapEmailInput): RenderedEmail {
  const day = meetingDay(input.meetingStart);
  const subject = day ? `Recap of your 1:1 on ${day}` : 'Recap of your 1:1';
  const blocks: EmailBlock[] = [
    { kind: 'heading', text: 'Your 1:1 recap' },
    {
      kind: 'paragraph',
      text: `${input.managerName} and ${input.reportName}${day ? `, ${day}` : ''}. The two lines you closed with:`,
    },
    ...input.lines.map(
      (line): EmailBlock => ({ kind: 'quote', label: line.tags.map((t) => RECAP_TAG_LABELS[t]).join(' · '), text: line.text }),
    ),
  ];
  if (input.openCommitments.length > 0) {
    blocks.push({ kind: 'paragraph', text: `${input.managerName}'s open commitments:` });
    blocks.push({
      kind: 'list',
      items: input.openCommitments.map((c) => (c.dueDate ? `${c.text} (by ${c.dueDate})` : c.text)),
    });
  }
  blocks.push({ kind: 'paragraph', text: 'The board of this 1:1 is now closed. It shows up as "Last time" when you next meet.' });
  return renderEmail(subject, blocks);
}
