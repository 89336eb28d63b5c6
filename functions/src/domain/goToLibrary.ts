/*
 * Candor's starter library of go-to 1:1 questions, grouped by theme. Ids are stable: a bank remembers which library
 * question it took by id, and translations will key their texts by the same ids. Every text lives here, once.
 */

export const GO_TO_THEMES = ['energy', 'growth', 'support', 'recognition', 'wellbeing', 'togetherness'] as const;
export type GoToTheme = (typeof GO_TO_THEMES)[number];

export const GO_TO_THEME_LABELS: Readonly<Record<GoToTheme, string>> = {
  energy: 'Energy',
  growth: 'Growth',
  support: 'Support',
  recognition: 'Recognition',
  wellbeing: 'Wellbeing',
  togetherness: 'Working together',
};

export interface LibraryQuestion {
  id: string;
  theme: GoToTheme;
  text: string;
}

export const GO_TO_LIBRARY: readonly LibraryQuestion[] = [
  { id: 'energy-spark', theme: 'energy', text: 'Which part of your week did you look forward to most?' },
  { id: 'energy-drain', theme: 'energy', text: 'What quietly drained you this week that I might not see?' },
  { id: 'energy-flow', theme: 'energy', text: 'When did you last lose track of time at work, in a good way?' },
  {
    id: 'energy-swap',
    theme: 'energy',
    text: 'If you could hand one task to someone else tomorrow, which would it be?',
  },
  { id: 'energy-more', theme: 'energy', text: 'What kind of work would you happily do more of next month?' },
  {
    id: 'growth-stretch',
    theme: 'growth',
    text: 'What is something you would like to be stretched on, but have not asked for?',
  },
  { id: 'growth-learned', theme: 'growth', text: 'What did you learn recently that changed how you work?' },
  { id: 'growth-skill', theme: 'growth', text: 'Which skill do you want people to come to you for a year from now?' },
  {
    id: 'growth-feedback',
    theme: 'growth',
    text: 'What feedback would help you most right now, even if it is hard to hear?',
  },
  { id: 'growth-room', theme: 'growth', text: 'Who outside our team would you like to learn from?' },
  {
    id: 'support-unblock',
    theme: 'support',
    text: 'What is one thing I could take off your plate or unblock this week?',
  },
  {
    id: 'support-better',
    theme: 'support',
    text: 'What could I do differently as your manager that would make your work easier?',
  },
  { id: 'support-decide', theme: 'support', text: 'Is there a decision you are waiting on that I could help move?' },
  { id: 'support-context', theme: 'support', text: 'What do you wish you had more context on?' },
  { id: 'support-ask', theme: 'support', text: 'What is something you have been meaning to ask me but have not yet?' },
  { id: 'recognition-proud', theme: 'recognition', text: 'What are you proud of from the last couple of weeks?' },
  { id: 'recognition-unseen', theme: 'recognition', text: 'What work of yours deserves more attention than it got?' },
  { id: 'recognition-thanks', theme: 'recognition', text: 'Who helped you lately that you would like to see thanked?' },
  {
    id: 'recognition-how',
    theme: 'recognition',
    text: 'How do you like your good work to be noticed: in public, in private, or not at all?',
  },
  { id: 'recognition-win', theme: 'recognition', text: 'What small win from this week would be easy to overlook?' },
  { id: 'wellbeing-weather', theme: 'wellbeing', text: 'How is the weather inside your head this week?' },
  { id: 'wellbeing-load', theme: 'wellbeing', text: 'How sustainable does your current pace feel, honestly?' },
  { id: 'wellbeing-rest', theme: 'wellbeing', text: 'When did you last properly switch off, and what helped?' },
  {
    id: 'wellbeing-outside',
    theme: 'wellbeing',
    text: 'Is anything outside work taking up room that I should know about?',
  },
  { id: 'wellbeing-boundary', theme: 'wellbeing', text: 'Which boundary would you like me to help you protect?' },
  { id: 'together-meetings', theme: 'togetherness', text: 'Which of your meetings could we drop or shorten?' },
  { id: 'together-team', theme: 'togetherness', text: 'How is it working with the rest of the team right now?' },
  {
    id: 'together-friction',
    theme: 'togetherness',
    text: 'Where is there friction between teams that I could help smooth?',
  },
  {
    id: 'together-ours',
    theme: 'togetherness',
    text: 'Is there anything about how we work together you would change?',
  },
  { id: 'together-oneonone', theme: 'togetherness', text: 'What would make these 1:1s more useful for you?' },
  {
    id: 'together-hear',
    theme: 'togetherness',
    text: 'What is something the team is talking about that I might not be hearing?',
  },
];

export function libraryQuestion(id: string): LibraryQuestion | null {
  return GO_TO_LIBRARY.find((q) => q.id === id) ?? null;
}
