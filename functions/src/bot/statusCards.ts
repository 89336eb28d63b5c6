import {
  AdaptiveCard,
  ExecuteAction,
  Fact,
  FactSet,
  OpenUrlAction,
  TextBlock,
  TextInput,
  type IAdaptiveCard,
} from '@microsoft/teams.cards';
import {
  MAX_STATUS_FIELD_LENGTH,
  STATUS_FIELD_IDS,
  type RecapTag,
  type StatusFieldId,
  type StatusFields,
  type StatusSurface,
} from '../contract';
import { formatMeetingTime } from '../domain/meetingTime';
import { NO_BLOCKER_TEXT } from '../domain/recapEmail';
import { PREP_TEXT, STATUS_FIELD_LABELS, type PrepMessage } from '../domain/prepMessage';
import {
  shownHash,
  STATUS_CARD_VERBS,
  type BotReply,
  type StatusCardClash,
  type StatusCardRef,
  type StatusCardShown,
} from '../domain/statusCardActions';

/*
 * The Candor bot's Adaptive Cards, built with the Teams SDK's card types: the chat channel's presentation of the
 * decisions in domain/statusCardActions.ts. Cards are rendered by Teams (or the host page), never as
 * HTML, so names and subjects cannot inject markup; Markdown is turned off wherever free text appears.
 */

/**
 * Universal Actions' refresh: Teams runs it when the card is shown again (automatically in a 1:1 chat), so a card
 * opened after the 1:1 started turns into "closed" and one answered elsewhere (the form) into "received".
 */
const refreshOf = (ref: StatusCardRef) => ({
  action: new ExecuteAction({ verb: STATUS_CARD_VERBS.refresh, data: { ...ref } }),
});

const FIELD_HINTS: Record<StatusFieldId, string> = {
  finished: 'What you got done since you last met',
  inProgress: 'What you are working on now',
  blocked: 'What is stuck, and on what',
  fyi: 'Anything else your manager should know',
};

export interface StatusCardMeeting {
  managerName: string;
  startUtc: string;
  /** The report's IANA time zone (null: UTC). */
  timeZone: string | null;
  /** The status form's link: the card's fallback for clients that cannot run Action.Execute. */
  formUrl: string | null;
}

const plain = (text: string, options: ConstructorParameters<typeof TextBlock>[1] = {}): TextBlock =>
  new TextBlock(text, { wrap: true, ...options });

function heading(meeting: StatusCardMeeting): TextBlock {
  const manager = meeting.managerName || 'your manager';
  return plain(`Your 1:1 with ${manager}: ${formatMeetingTime(meeting.startUtc, meeting.timeZone)}`, {
    weight: 'Bolder',
    size: 'Medium',
  });
}

function formLink(meeting: StatusCardMeeting): OpenUrlAction[] {
  return meeting.formUrl ? [new OpenUrlAction(meeting.formUrl, { title: 'Open the form instead' })] : [];
}

const WHERE: Record<StatusSurface, string> = {
  form: ' in the status form',
  chat: ' in Teams chat',
  board: ' from the meeting board',
};

function clashNotice(clash: StatusCardClash): TextBlock[] {
  const places = [...new Set(clash.parts.map((p) => (p.changedIn ? WHERE[p.changedIn] : '')))].filter((w) => w !== '');
  const where = places.length === 1 ? places[0] : '';
  return [
    plain(`Not saved: your status update changed since this card was sent${where}.`, {
      weight: 'Bolder',
      color: 'Attention',
    }),
    plain(
      'Below is what is saved now, with what you typed under each part that changed. Choose what to keep and send again.',
      {
        isSubtle: true,
      },
    ),
  ];
}

/** The request: when the 1:1 is (in the report's zone), why status goes in writing, four optional inputs. */
export function statusRequestCard(
  meeting: StatusCardMeeting,
  ref: StatusCardRef,
  shown: StatusCardShown | null = null,
  clash: StatusCardClash | null = null,
): IAdaptiveCard {
  const manager = meeting.managerName || 'your manager';
  const fields = shown?.fields ?? { finished: '', inProgress: '', blocked: '', fyi: '' };
  const inputs = STATUS_FIELD_IDS.flatMap((id) => {
    const input = new TextInput({
      id,
      label: STATUS_FIELD_LABELS[id],
      placeholder: FIELD_HINTS[id],
      isMultiline: true,
      maxLength: MAX_STATUS_FIELD_LENGTH,
      ...(fields[id] ? { value: fields[id] } : {}),
    });
    const typed = clash?.parts.some((p) => p.part === id) ? clash.typed[id] : undefined;
    return typed === undefined
      ? [input]
      : [input, new FactSet(new Fact('You typed (not saved)', typed || '(nothing)'))];
  });
  const data = {
    ...ref,
    baseRevision: shown?.revision ?? 0,
    shown: Object.fromEntries(STATUS_FIELD_IDS.map((id) => [id, shownHash(fields[id])])),
  };
  return new AdaptiveCard(
    heading(meeting),
    ...(clash
      ? clashNotice(clash)
      : [
          plain(
            `Put your status in writing before you meet: ${manager} reads it beforehand, so your time together goes to ` +
              'the conversation rather than to a status report. Every part is optional; you can change it until the 1:1 starts.',
          ),
        ]),
    ...inputs,
  )
    .withVersion('1.5')
    .withRefresh(refreshOf(ref))
    .withActions(
      new ExecuteAction({
        title: 'Send my status update',
        verb: STATUS_CARD_VERBS.save,
        data,
        associatedInputs: 'auto',
      }),
      ...formLink(meeting),
    );
}

/** After a save: what was received, and an edit action while the 1:1 has not started. */
export function statusReceivedCard(
  meeting: StatusCardMeeting,
  ref: StatusCardRef,
  fields: StatusFields,
): IAdaptiveCard {
  const facts = STATUS_FIELD_IDS.filter((id) => fields[id].trim() !== '').map(
    (id) => new Fact(STATUS_FIELD_LABELS[id], fields[id]),
  );
  return new AdaptiveCard(
    heading(meeting),
    plain('Status received', { weight: 'Bolder', color: 'Good' }),
    facts.length > 0 ? new FactSet(...facts) : plain('You sent an empty update; that is fine.', { isSubtle: true }),
    plain('You can change it until the 1:1 starts.', { isSubtle: true }),
  )
    .withVersion('1.5')
    .withRefresh(refreshOf(ref))
    .withActions(
      new ExecuteAction({ title: 'Edit my status update', verb: STATUS_CARD_VERBS.edit, data: { ...ref } }),
      ...formLink(meeting),
    );
}

/** Once the 1:1 has started the update is closed; the card says so instead of offering inputs. */
export function statusClosedCard(meeting: StatusCardMeeting): IAdaptiveCard {
  return new AdaptiveCard(
    heading(meeting),
    plain('Your 1:1 has started, so this status update is closed. Bring anything new to the conversation.'),
  ).withVersion('1.5');
}

const TAG_LABELS: Record<RecapTag, string> = { blocker: 'Blocker', supportNeed: 'Support need', learning: 'Learning' };

/** The recap for the meeting chat: the two lines and their tags, nothing else (no notes, ratings or names). */
export function recapChatCard(
  lines: ReadonlyArray<{ text: string; tags: readonly RecapTag[] }>,
  options: { noBlocker?: boolean } = {},
): IAdaptiveCard {
  return new AdaptiveCard(
    plain('1:1 recap', { weight: 'Bolder' }),
    ...lines.flatMap((line) => [
      plain(line.text),
      plain(line.tags.map((t) => TAG_LABELS[t]).join(' · '), { isSubtle: true, spacing: 'None', size: 'Small' }),
    ]),
    // The explicit choice, in the words the email and the board use.
    ...(options.noBlocker ? [plain(NO_BLOCKER_TEXT)] : []),
  ).withVersion('1.5');
}

export function botReplyCard(reply: BotReply, links: { settingsUrl: string | null }): IAdaptiveCard {
  const settings = links.settingsUrl ? [new OpenUrlAction(links.settingsUrl, { title: 'Open Candor settings' })] : [];
  switch (reply) {
    case 'help':
      return new AdaptiveCard(
        plain('Candor', { weight: 'Bolder' }),
        plain(
          'Before each 1:1 I ask you for a short written status update, so your time with your manager goes to the conversation.',
        ),
        plain(
          'Say "status" to see how status requests work, or "settings" to choose whether they come by email, here in chat, or both.',
        ),
      ).withVersion('1.5');
    case 'status':
      return new AdaptiveCard(
        plain('Status updates', { weight: 'Bolder' }),
        plain(
          'A day or so before a 1:1 (your manager sets how early) a card arrives with four optional parts: finished, in progress, blocked and FYI. Send it from the card; you can edit it until the 1:1 starts.',
        ),
      ).withVersion('1.5');
    case 'settings':
      return new AdaptiveCard(
        plain('Where status requests reach you', { weight: 'Bolder' }),
        plain('Choose email, Teams chat or both in Candor\'s Trends tab, under "Your 1:1s".'),
      )
        .withVersion('1.5')
        .withActions(...settings);
    case 'unknown':
      return new AdaptiveCard(
        plain(
          'I only understand a few words here: "status", "settings" and "help". Your status update itself goes in the card I send before each 1:1.',
        ),
      ).withVersion('1.5');
  }
}

/**
 * The manager's prep message in their chat with the bot: the same decisions as the email (domain/prepMessage), read
 * only — nothing to answer, so no refresh and no actions.
 */
export function prepCard(message: PrepMessage): IAdaptiveCard {
  const report = message.reportName;
  const section = (text: string): TextBlock => plain(text, { weight: 'Bolder', spacing: 'Medium' });
  const status =
    message.status.kind === 'none'
      ? [plain(PREP_TEXT.noStatus(report))]
      : message.status.parts.length === 0
        ? [plain(PREP_TEXT.emptyStatus(report))]
        : [new FactSet(...message.status.parts.map((p) => new Fact(p.label, p.text)))];
  const ratings =
    message.ratings.length > 0 ? [new FactSet(...message.ratings.map((r) => new Fact(r.label, r.value)))] : [];
  const recap = message.lastRecap
    ? message.lastRecap.lines.flatMap((line) => [
        plain(line.text),
        plain(line.tags, { isSubtle: true, spacing: 'None', size: 'Small' }),
      ])
    : [plain(PREP_TEXT.noRecap, { isSubtle: true })];
  const commitments =
    message.commitments.length > 0
      ? message.commitments.map((c) => plain(`• ${c}`, { spacing: 'Small' }))
      : [plain(PREP_TEXT.noCommitments, { isSubtle: true })];
  return new AdaptiveCard(
    plain(message.heading, { weight: 'Bolder', size: 'Medium' }),
    plain(`What to read before "${message.meetingSubject}".`, { isSubtle: true }),
    section('Status update'),
    ...status,
    ...ratings,
    section(PREP_TEXT.lastTime(message.lastRecap?.day ?? null)),
    ...recap,
    section('Your open commitments'),
    ...commitments,
  ).withVersion('1.5');
}
