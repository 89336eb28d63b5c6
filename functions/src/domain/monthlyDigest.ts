import type { Month, MonthTrend, OpenCommitment, PairTrend } from '../contract';
import { DEFAULT_LOCALE, calendarDayText, monthText } from '../contract/timeText';
import { renderEmail, type EmailBlock, type RenderedEmail } from './emailHtml';
import { plural } from './signalText';
import { monthOf } from './trends';

/*
 * The monthly digest: on the first working day of a month every enrolled manager gets one short email
 * about the month before — per direct report the early signals and the manager's open commitments, and one link to
 * the trend tab. Pure: which day is the first working day, which month a digest covers, and the email itself.
 */

/**
 * The first working day of a month: its first Monday–Friday, in UTC. There is deliberately no holiday calendar:
 * public holidays differ per country and team, and a digest on a holiday simply waits in the inbox. Because the
 * timer runs in UTC, a manager far east or west of UTC may get it late on the evening before or early that morning.
 */
export function firstWorkingDayOf(month: Month): string {
  const [year, monthNumber] = month.split('-').map(Number) as [number, number];
  for (let day = 1; ; day++) {
    const date = new Date(Date.UTC(year, monthNumber - 1, day));
    const weekday = date.getUTCDay();
    if (weekday !== 0 && weekday !== 6) return date.toISOString().slice(0, 10);
  }
}

export function isFirstWorkingDayOfMonth(now: Date): boolean {
  return now.toISOString().slice(0, 10) === firstWorkingDayOf(monthOf(now));
}

export function previousMonth(month: Month): Month {
  const [year, monthNumber] = month.split('-').map(Number) as [number, number];
  return monthOf(new Date(Date.UTC(year, monthNumber - 2, 1)));
}

/** A digest sent in a month is about the month before (UTC): December's digest looks back on November. */
export function digestMonthOf(now: Date): Month {
  return previousMonth(monthOf(now));
}

/** A date in the middle of a month: what a trend window "ending at" that month is computed from. */
export function midMonth(month: Month): Date {
  const [year, monthNumber] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(year, monthNumber - 1, 15, 12));
}

/** "November 2026", in the shared formatter's words. */
export function monthName(month: Month, locale: string = DEFAULT_LOCALE): string {
  return monthText(month, locale);
}

export interface MonthlyDigestInput {
  managerName: string;
  /** The month the digest looks back on. */
  month: Month;
  /** The manager's current direct reports, each as the manager may see them (audience 'manager'). */
  reports: readonly PairTrend[];
  /** The trend tab (a Teams deep link, or the host page locally); null = no link configured. */
  trendsUrl: string | null;
  /** The manager's locale for month and day names; en-US until readers' languages are known. */
  locale?: string;
}

/**
 * The digest email. Only the manager's view of each pair goes in (anything else is refused), and even of that only
 * signals, 1:1 counts, support asked and commitments: no energy, drain, mood or life-load figure appears, so an
 * answer the report did not share can never reach the inbox. Every string goes to renderEmail as data, which escapes it.
 */
export function monthlyDigestEmail(input: MonthlyDigestInput): RenderedEmail {
  if (input.reports.some((r) => r.audience !== 'manager')) {
    throw new RangeError('a digest is built from the manager view only');
  }
  const locale = input.locale ?? DEFAULT_LOCALE;
  const when = monthName(input.month, locale);
  const reports = [...input.reports].sort(
    (a, b) =>
      Number(b.signals.length > 0) - Number(a.signals.length > 0) ||
      a.report.displayName.localeCompare(b.report.displayName),
  );
  const signalCount = reports.reduce((sum, r) => sum + r.signals.length, 0);
  const subject =
    signalCount === 0
      ? `Your 1:1s in ${when}: all calm`
      : `Your 1:1s in ${when}: ${signalCount === 1 ? '1 thing' : `${signalCount} things`} worth a look`;
  const blocks: EmailBlock[] = [
    { kind: 'heading', text: `Your 1:1s in ${when}` },
    {
      kind: 'paragraph',
      text:
        `Hi ${input.managerName || 'there'}, here is a short look back at last month's 1:1s: anything worth raising ` +
        'early, and what you said you would do. A signal is a reason to ask, not a conclusion.',
    },
  ];
  if (reports.length === 0)
    blocks.push({ kind: 'paragraph', text: 'Nobody reports to you in the directory right now.' });
  for (const pair of reports) blocks.push(...reportBlocks(pair, input.month, when, locale));
  if (input.trendsUrl) blocks.push({ kind: 'button', text: 'Open your team’s trends', href: input.trendsUrl });
  blocks.push({
    kind: 'paragraph',
    text: 'Each person can see their own trends, and exactly what you see of them. Answers they keep to themselves stay out of this email.',
  });
  return renderEmail(subject, blocks);
}

function reportBlocks(pair: PairTrend, month: Month, when: string, locale: string): EmailBlock[] {
  const name = pair.report.displayName || 'Your report';
  const blocks: EmailBlock[] = [{ kind: 'subheading', text: name }];
  const figures = pair.months.find((m) => m.month === month);
  if (!figures || figures.scheduled === 0)
    blocks.push({ kind: 'paragraph', text: `No 1:1s on the calendar in ${when}.` });
  else blocks.push({ kind: 'paragraph', text: `${figures.held} of ${figures.scheduled} 1:1s held in ${when}.` });
  if (figures) blocks.push({ kind: 'paragraph', text: supportLine(figures, when) });
  if (pair.signals.length === 0) {
    blocks.push({ kind: 'paragraph', text: 'No signals: nothing stood out.' });
  } else {
    blocks.push({ kind: 'paragraph', text: 'Worth a look:' });
    blocks.push({ kind: 'list', items: pair.signals.map((s) => `${s.title}: ${s.why}`) });
  }
  if (pair.openCommitments.length === 0) {
    blocks.push({ kind: 'paragraph', text: `No open commitments to ${name}.` });
  } else {
    blocks.push({ kind: 'paragraph', text: `Your open commitments to ${name}:` });
    blocks.push({ kind: 'list', items: pair.openCommitments.map((c) => commitmentLine(c, locale)) });
  }
  return blocks;
}

/**
 * Support asked (recaps with a line tagged "support need": a statement, never a filled-in box) beside support
 * given (the commitments the manager made and closed as done in the month).
 */
function supportLine(m: MonthTrend, when: string): string {
  const given = `you made ${plural(m.commitmentsOpened, 'commitment')} and closed ${m.commitmentsDone} as done`;
  if (m.supportNeedsNamed === 0) {
    const gaveAnyway = m.commitmentsOpened + m.commitmentsDone > 0 ? `; ${given}` : '';
    return `No support asked in a recap in ${when}${gaveAnyway}.`;
  }
  return `Support asked in ${plural(m.supportNeedsNamed, 'recap')} in ${when}; ${given}.`;
}

/** "Book the training (open 12 days, due Friday, November 20, overdue)". */
export function commitmentLine(c: OpenCommitment, locale: string = DEFAULT_LOCALE): string {
  const age = c.ageDays === 0 ? 'made today' : c.ageDays === 1 ? 'open 1 day' : `open ${c.ageDays} days`;
  const due = c.dueDate ? `, due ${calendarDayText(c.dueDate, locale)}` : '';
  return `${c.text} (${age}${due}${c.overdue ? ', overdue' : ''})`;
}
