import {
  PREFER_NOT_TO_SAY,
  RATING_FIELD_IDS,
  STATUS_FIELD_IDS,
  type Commitment,
  type OccurrenceId,
  type RatingField,
  type RatingFieldId,
  type RatingValue,
  type SavedRecap,
  type StatusFieldId,
  type StatusFields,
  type TrendSharing,
} from '../contract';
import { DEFAULT_LOCALE, calendarDayText, dateTimeText, dayText, type TimeReader } from '../contract/timeText';
import { carryForwardCommitments } from './commitments';
import { renderEmail, type EmailBlock, type RenderedEmail } from './emailHtml';
import { visibleToManager } from './ratingVisibility';
import { RECAP_TAG_LABELS } from './recap';

/*
 * The manager's prep message: a set time before a 1:1, what the manager should read before going in — the report's
 * status update (or that none came yet), the ratings the report shares, the last recap of the pair and the
 * manager's open commitments. Decided here once; the email (below) and the chat card (bot/statusCards) only
 * present it, so both channels say the same thing.
 */

/** The status parts as people read them; the chat cards label their inputs with the same words. */
export const STATUS_FIELD_LABELS: Record<StatusFieldId, string> = {
  finished: 'Finished',
  inProgress: 'In progress',
  blocked: 'Blocked',
  fyi: 'FYI',
};

const RATING_LABELS: Record<RatingFieldId, string> = {
  careerPulse: 'Career pulse',
  mood: 'Mood',
  lifeLoad: 'Life load',
  energy: 'Energized',
  drain: 'Drained',
};

export interface PrepInput {
  managerName: string;
  reportName: string;
  meetingSubject: string;
  occurrenceId: OccurrenceId;
  startUtc: string;
  /** The manager's IANA zone (their mailbox's); null writes the times in UTC and says so. */
  timeZone: string | null;
  locale?: string;
  /** The report's status update for this occurrence; null: none sent yet. */
  status: StatusFields | null;
  /** This occurrence's board ratings, when the board exists yet. */
  ratings: Readonly<Record<RatingFieldId, RatingField>> | null;
  /** The report's sharing switches: a rating kept back is left out entirely (domain/ratingVisibility). */
  sharing: TrendSharing;
  lastRecap: SavedRecap | null;
  /** The pair's commitments as the store reads them for this occurrence (open ones, and this meeting's). */
  commitments: readonly Commitment[];
}

export interface PrepMessage {
  subject: string;
  heading: string;
  reportName: string;
  meetingSubject: string;
  status: { kind: 'none' } | { kind: 'received'; parts: Array<{ label: string; text: string }> };
  ratings: Array<{ label: string; value: string }>;
  lastRecap: { day: string | null; lines: Array<{ text: string; tags: string }> } | null;
  commitments: string[];
}

export function prepMessageOf(input: PrepInput): PrepMessage {
  const reader: TimeReader = { locale: input.locale ?? DEFAULT_LOCALE, timeZone: input.timeZone };
  const report = input.reportName || 'your report';
  const status: PrepMessage['status'] = input.status
    ? {
        kind: 'received',
        parts: STATUS_FIELD_IDS.flatMap((id) => {
          const text = input.status?.[id].trim() ?? '';
          return text ? [{ label: STATUS_FIELD_LABELS[id], text }] : [];
        }),
      }
    : { kind: 'none' };
  const ratings = input.ratings ? sharedRatings(input.ratings, input.sharing) : [];
  // Commitments the board carries into this meeting that are still open; none made in it exists yet.
  const commitments = carryForwardCommitments(input.commitments, input.occurrenceId)
    .filter((c) => c.status === 'open' && c.createdIn !== input.occurrenceId)
    .map((c) => (c.dueDate ? `${c.text} (by ${calendarDayText(c.dueDate, reader.locale)})` : c.text));
  return {
    subject: `Prep for your 1:1 with ${report} (${dateTimeText(input.startUtc, reader, { zone: false })})`,
    heading: `Your 1:1 with ${report}: ${dateTimeText(input.startUtc, reader)}`,
    reportName: report,
    meetingSubject: input.meetingSubject,
    status,
    ratings,
    lastRecap: input.lastRecap
      ? {
          day: input.lastRecap.meetingStart ? dayText(input.lastRecap.meetingStart, reader) : null,
          lines: input.lastRecap.lines.map((line) => ({
            text: line.text,
            tags: line.tags.map((t) => RECAP_TAG_LABELS[t]).join(' · '),
          })),
        }
      : null,
    commitments,
  };
}

/** Answered ratings the manager may see, exactly as the board's manager view decides; the rest leave no trace. */
function sharedRatings(
  ratings: Readonly<Record<RatingFieldId, RatingField>>,
  sharing: TrendSharing,
): PrepMessage['ratings'] {
  return RATING_FIELD_IDS.flatMap((id) => {
    const value = ratings[id].value;
    if (value === null || !visibleToManager(id, sharing)) return [];
    return [{ label: RATING_LABELS[id], value: ratingText(value) }];
  });
}

function ratingText(value: RatingValue): string {
  return value === PREFER_NOT_TO_SAY ? 'Prefer not to say' : `${value} of 5`;
}

/** The sentences both channels use for the parts that may be empty. */
export const PREP_TEXT = {
  noStatus: (report: string) => `${report} has not sent a status update yet.`,
  emptyStatus: (report: string) => `${report} sent an empty status update.`,
  noRecap: 'No recap yet: this is the first 1:1 with a recap to look back on.',
  noCommitments: 'No open commitments.',
  lastTime: (day: string | null) => (day ? `Last time (${day})` : 'Last time'),
} as const;

/** The prep message as an email to the manager (the shared email layout escapes every string). */
export function prepEmail(message: PrepMessage): RenderedEmail {
  const report = message.reportName;
  const blocks: EmailBlock[] = [
    { kind: 'heading', text: message.heading },
    { kind: 'paragraph', text: `What to read before "${message.meetingSubject}".` },
    { kind: 'subheading', text: 'Status update' },
  ];
  if (message.status.kind === 'none') blocks.push({ kind: 'paragraph', text: PREP_TEXT.noStatus(report) });
  else if (message.status.parts.length === 0) blocks.push({ kind: 'paragraph', text: PREP_TEXT.emptyStatus(report) });
  else blocks.push(...message.status.parts.map((p): EmailBlock => ({ kind: 'quote', label: p.label, text: p.text })));
  if (message.ratings.length > 0) {
    blocks.push({ kind: 'list', items: message.ratings.map((r) => `${r.label}: ${r.value}`) });
  }
  blocks.push({ kind: 'subheading', text: PREP_TEXT.lastTime(message.lastRecap?.day ?? null) });
  if (message.lastRecap) {
    blocks.push(...message.lastRecap.lines.map((l): EmailBlock => ({ kind: 'quote', label: l.tags, text: l.text })));
  } else blocks.push({ kind: 'paragraph', text: PREP_TEXT.noRecap });
  blocks.push({ kind: 'subheading', text: 'Your open commitments' });
  blocks.push(
    message.commitments.length > 0
      ? { kind: 'list', items: message.commitments }
      : { kind: 'paragraph', text: PREP_TEXT.noCommitments },
  );
  return renderEmail(message.subject, blocks);
}
