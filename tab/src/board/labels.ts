import type { PromptId, RatingFieldId, RecapTag, TextFieldId } from '@candor/contract';

/** The words of the board, in one place: second person, warm, short, no HR jargon. */

export const PROMPT_TEXT: Record<PromptId, string> = {
  energizing: 'What is energizing you?',
  draining: 'What is draining you?',
  support: 'What specific support would help this week?',
};

/** How each text field is named when its words have to travel (e.g. into private notes after the close). */
export const FIELD_LABELS: Record<TextFieldId, string> = {
  energizing: PROMPT_TEXT.energizing,
  draining: PROMPT_TEXT.draining,
  support: PROMPT_TEXT.support,
  energizingNote: `Shared note on “${PROMPT_TEXT.energizing}”`,
  drainingNote: `Shared note on “${PROMPT_TEXT.draining}”`,
  supportNote: `Shared note on “${PROMPT_TEXT.support}”`,
  careerNote: 'Career pulse note',
  unseenWork: 'Unseen work',
  goToAnswer: 'Go-to question',
};

export interface RatingWords {
  /** The question the five choices answer. */
  question: string;
  /** One word per point, 1 to 5, so no choice is a bare number. */
  points: [string, string, string, string, string];
}

export const RATING_WORDS: Record<RatingFieldId, RatingWords> = {
  careerPulse: {
    question: 'How close does your goal feel this week?',
    points: ['Stalled', 'Slow', 'Steady', 'Growing', 'Thriving'],
  },
  mood: { question: 'Mood', points: ['Low', 'Meh', 'Okay', 'Good', 'Great'] },
  lifeLoad: { question: 'Life load outside work', points: ['Light', 'Manageable', 'Full', 'Heavy', 'Too much'] },
  energy: {
    question: 'How energized did this week feel?',
    points: ['Not at all', 'A little', 'Somewhat', 'Quite', 'Very'],
  },
  drain: {
    question: 'How drained did this week feel?',
    points: ['Not at all', 'A little', 'Somewhat', 'Quite', 'Very'],
  },
};

export const PREFER_NOT_LABEL = 'Prefer not to say';

export const RECAP_TAG_TEXT: Record<RecapTag, string> = {
  blocker: 'Blocker',
  supportNeed: 'Support need',
  learning: 'Learning',
};
