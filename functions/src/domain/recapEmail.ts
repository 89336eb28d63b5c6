import type { Commitment, RecapLine } from '../contract';
import { DEFAULT_LOCALE, calendarDayText, dateTimeText, dayText, type TimeReader } from '../contract/timeText';
import { renderEmail, type EmailBlock, type RenderedEmail } from './emailHtml';
import { RECAP_TAG_LABELS } from './recap';

export interface RecapEmailInput {
  managerName: string;
  reportName: string;
  /** The meeting's start (UTC); the email names the day. */
  meetingStart: string | null;
  lines: readonly RecapLine[];
  /** Both chose "no blocker this week": the email says so instead of leaving the blocker out silently. */
  noBlocker?: boolean;
  /** Set on a correction: the version and who corrected it; the email is marked "Amended". */
  amended?: { version: number; byName: string };
  /** The manager's open commitments as the board showed them at the close. */
  openCommitments: readonly Commitment[];
  /**
   * The zone the times are written in. One email goes to both people, who may sit in different zones, so the zone
   * is always named; null (not known) writes them in UTC.
   */
  timeZone?: string | null;
  locale?: string;
}

/** The words every surface uses for the explicit choice. */
export const NO_BLOCKER_TEXT = 'No blocker this week.';

/** The recap as it lands in both people's Outlook: the two lines with what each covers, and what stays open. */
export function recapEmail(input: RecapEmailInput): RenderedEmail {
  const reader: TimeReader = { locale: input.locale ?? DEFAULT_LOCALE, timeZone: input.timeZone ?? null };
  const day = input.meetingStart ? dayText(input.meetingStart, reader) : null;
  const when = input.meetingStart ? dateTimeText(input.meetingStart, reader) : null;
  const amended = input.amended;
  const subject = `${amended ? 'Amended: ' : ''}${day ? `Recap of your 1:1 on ${day}` : 'Recap of your 1:1'}`;
  const blocks: EmailBlock[] = [
    { kind: 'heading', text: amended ? 'Your 1:1 recap (Amended)' : 'Your 1:1 recap' },
    ...(amended
      ? [
          {
            kind: 'paragraph' as const,
            text: `${amended.byName} corrected the recap (version ${amended.version}); it now reads as below and replaces the earlier one.`,
          },
        ]
      : []),
    {
      kind: 'paragraph',
      text: `${input.managerName} and ${input.reportName}${when ? `, ${when}` : ''}. The two lines you closed with:`,
    },
    ...input.lines.map((line): EmailBlock => ({
      kind: 'quote',
      label: line.tags.map((t) => RECAP_TAG_LABELS[t]).join(' · '),
      text: line.text,
    })),
  ];
  if (input.noBlocker) blocks.push({ kind: 'paragraph', text: NO_BLOCKER_TEXT });
  if (input.openCommitments.length > 0) {
    blocks.push({ kind: 'paragraph', text: `${input.managerName}'s open commitments:` });
    blocks.push({
      kind: 'list',
      items: input.openCommitments.map((c) =>
        c.dueDate ? `${c.text} (by ${calendarDayText(c.dueDate, reader.locale)})` : c.text,
      ),
    });
  }
  blocks.push({
    kind: 'paragraph',
    text: 'The board of this 1:1 is now closed. It shows up as "Last time" when you next meet.',
  });
  return renderEmail(subject, blocks);
}
