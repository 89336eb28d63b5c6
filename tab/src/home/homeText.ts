import type { HomeOneOnOne, HomeStatus, HomeView } from '@candor/contract';
import { dateTimeText, type TimeReader } from '@candor/contract/timeText';

/*
 * Home's words, kept apart from its components so they are tested as text: each 1:1's state in a sentence a person
 * reads (and a screen reader speaks) instead of icons or colours alone.
 */

export interface OneOnOneText {
  /** The other person of the pair: what the list is scanned by. */
  title: string;
  /** When it starts, or for an ended one when it ended. */
  when: string;
  /** Only for a 1:1 without a Teams meeting: its board lives here, on Home. */
  where: string | null;
  states: string[];
  action: { label: 'Write the recap' | 'Open the board'; primary: boolean };
  /** The button's accessible name: the action and which 1:1, since every row has one. */
  actionName: string;
}

function statusText(status: HomeStatus, role: HomeOneOnOne['role'], reader: TimeReader): string {
  switch (status.state) {
    case 'received':
      return role === 'report'
        ? `You sent your status update ${dateTimeText(status.updatedAt, reader)}`
        : `Status update received ${dateTimeText(status.updatedAt, reader)}`;
    case 'asked':
      return role === 'report'
        ? `Candor asked for your status update ${dateTimeText(status.askedAt, reader)}`
        : `Status update asked ${dateTimeText(status.askedAt, reader)}, no answer yet`;
    case 'notAsked':
      return `Status update not asked: ${status.why}`;
  }
}

function commitmentsText(open: number): string {
  if (open === 0) return 'No open commitments';
  return open === 1 ? '1 commitment open' : `${open} commitments open`;
}

export function oneOnOneText(item: HomeOneOnOne, reader: TimeReader): OneOnOneText {
  const title = item.counterpart.displayName || item.subject;
  const when = item.ended ? `Ended ${dateTimeText(item.end, reader)}` : dateTimeText(item.start, reader);
  const states = [
    statusText(item.status, item.role, reader),
    item.boardStarted ? 'Board started' : 'Board not started yet',
    ...(item.recapMissing ? ['Recap missing'] : []),
    commitmentsText(item.openCommitments),
  ];
  const action = item.recapMissing
    ? ({ label: 'Write the recap', primary: true } as const)
    : ({ label: 'Open the board', primary: false } as const);
  return {
    title,
    when,
    where: item.online ? null : 'No Teams meeting: in person or by phone',
    states,
    action,
    actionName: `${action.label}: 1:1 with ${title}, ${when}`,
  };
}

/** Ended 1:1s still waiting for their recap first (they have a deadline), then the coming ones as the API ordered. */
export function homeSections(view: HomeView): { recap: HomeOneOnOne[]; coming: HomeOneOnOne[] } {
  return {
    recap: view.oneOnOnes.filter((o) => o.recapMissing),
    coming: view.oneOnOnes.filter((o) => !o.recapMissing),
  };
}

export interface FirstRunCardText {
  title: string;
  body: string;
  button: string;
}

/**
 * The first-run card, or null once the person has chosen. A manager's settings page holds a report's choice too,
 * so someone who is both gets the manager's card.
 */
export function firstRunCard(view: HomeView): FirstRunCardText | null {
  if (view.firstRun.manager)
    return {
      title: 'Set up Candor for your 1:1s',
      body: 'Choose whether Candor asks your reports for a status update before each 1:1, how early, and from which mailbox. You can change it any time.',
      button: 'Set up Candor',
    };
  if (view.firstRun.report)
    return {
      title: 'Choose how status requests reach you',
      body: 'Before each 1:1, Candor can ask you for a short status update by email, in a Teams chat, or both. You also choose what your manager sees of your trends.',
      button: 'Choose how',
    };
  return null;
}
