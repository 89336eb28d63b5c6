/**
 * The old guard's hand-written signals: tickets, checklists, status labels, done words, percentages, deadlines. They
 * are no longer the verdict; the trained model reads them as a few of its features, beside lemmas and parts of
 * speech, so a ticket number still counts without the guard hanging on keywords alone.
 */

export type StatusSignal =
  | 'ticketReference'
  | 'checklist'
  | 'statusLabel'
  | 'list'
  | 'listOfTasks'
  | 'doneWord'
  | 'manyWorkVerbs'
  | 'progressWord'
  | 'percentage'
  | 'progressPercentage'
  | 'deadline'
  | 'countOfWorkItems'
  | 'versionOrEnvironment'
  | 'personalLanguage';

const TICKET = [
  /\b[A-Z][A-Z0-9]{1,9}-\d{1,6}\b/, // JIRA-1234, ABC-12
  /(^|[\s(,])#\d{2,}\b/, // #482
  /\bPRs?\s*#?\d+\b/i, // PR 77, PR #12
  /\bAB#\d+\b/, // Azure Boards
  /\b(bug|issue|ticket|story|task)\s+#?\d{3,}\b/i, // bug 4411
  /\/(pull|pulls|pullrequest|merge_requests|issues)\/\d+/i, // links to PRs and issues
];
const CHECKLIST = /(^|\n)\s*([-*•]\s*)?\[( |x|X)\]/;
const STATUS_LABEL = [
  /\b(done|doing|todo|to do|next|blocked|status|progress update|in progress|eta|completed)\s*:/i,
  /:\s*(done|not started|in progress|wip|blocked|complete|\d{1,3}\s?%)/i,
];
const LIST_ITEM = /(^|\n)\s*([-*•]|\d+[.)])\s+\S/g;
const INLINE_NUMBERED = /(^|\s)\d[.)]\s+\S/g;
const TASK_VERB =
  /\b(finish|write|fix|deploy|release|update|refactor|migrate|test|review|ship|merge|implement|document|set up)\b/i;
const DONE_WORDS =
  /\b(done|finished|shipped|merged|deployed|released|completed|complete|closed|resolved|landed|wrapped up|fixed|pushed|rolled out|tagged|demoed)\b/gi;
const WORK_VERBS =
  /\b(done|finished|shipped|merged|deployed|released|completed|closed|resolved|landed|wrapped up|fixed|pushed|rolled out|tagged|demoed|reviewed|wrote|started|sent|migrated|implemented|refactored|tested|updated)\b/gi;
const PROGRESS_WORDS =
  /\b(in progress|wip|on track|blocked on|blocked until|waiting on|waiting for (qa|review|approval|sign-?off)|eta|story points?|sprint|backlog|milestone|epic|rollout|estimate|remaining|left to do|working on|deploying|releasing|shipping|merging|hotfix|eod|eow|code freeze|sign-?off)\b/i;
const PERCENT = /\b\d{1,3}\s?(%|percent\b)/i;
const PROGRESS_PERCENT =
  /(\b(at|about|around|is|now|coverage)\s+(at\s+)?\d{1,3}\s?(%|percent)|\d{1,3}\s?(%|percent)\s+(done|complete|finished|through|of the (services|tickets|work|migration))|(migrated|completed|done with)\s+\d{1,3}\s?(%|percent))/i;
const WEEKDAY_OR_DATE =
  '((mon|tues|wednes|thurs|fri|satur|sun)day|eod|eow|end of (the |next |this )?(day|week|sprint|month|quarter)|tomorrow|the \\d{1,2}(st|nd|rd|th)|\\d{1,2}(st|nd|rd|th)|\\d{1,2}/\\d{1,2}|\\d{4}-\\d{2}-\\d{2}|(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\\.? \\d{1,2})';
const DEADLINE = new RegExp(
  `\\b(by|due|until|before|deadline|eta|scheduled for|planned for|target(ed)? for)\\b[^.;!?\\n]{0,25}?\\b${WEEKDAY_OR_DATE}|\\b${WEEKDAY_OR_DATE}[^.;!?\\n]{0,6}\\bdeadline\\b|\\bdue date\\b`,
  'i',
);
const WORK_ITEM_COUNT =
  /\b\d+\s+(tickets?|prs?|pull requests?|bugs?|issues?|stories|tasks?|points?|services|commits?|tests?)\b/i;
const VERSION_OR_ENV = /\bv?\d+\.\d+(\.\d+)?\b|\b(to|in|on) (production|prod|staging|main|master)\b/i;
const PERSONAL =
  /\b(i|i'm|i've|i'd|me|my)\b[^.!?]{0,40}\b(feel|felt|feeling|love|enjoy|worried|worry|anxious|stress|stressed|stressing|tired|excited|proud|happy|overwhelmed|want|wish|like|appreciate|hope|afraid|drain|drains|draining)\b|\b(feel|felt|feels|feeling|stressful|stressing|draining|energizing|exhausting|frustrating|proud|excited|grateful|anxious|lonely)\b|\b(help me|can we|could you|could we|career|grow|growth|mentor|learn|learning)\b/i;

function countMatches(text: string, pattern: RegExp): number {
  return [...text.matchAll(pattern)].length;
}

function distinctMatches(text: string, pattern: RegExp): number {
  return new Set([...text.matchAll(pattern)].map((m) => m[0].toLowerCase())).size;
}

/** The signals `text` carries, each at most once. */
export function statusSignals(text: string): StatusSignal[] {
  const signals: StatusSignal[] = [];
  const t = text.trim();
  if (t.length === 0) return signals;

  if (TICKET.some((p) => p.test(t))) signals.push('ticketReference');
  if (CHECKLIST.test(t)) signals.push('checklist');
  if (STATUS_LABEL.some((p) => p.test(t))) signals.push('statusLabel');
  const listItems = Math.max(countMatches(t, LIST_ITEM), countMatches(t, INLINE_NUMBERED));
  if (listItems >= 3) {
    signals.push('list');
    if (TASK_VERB.test(t)) signals.push('listOfTasks');
  }
  if (distinctMatches(t, DONE_WORDS) >= 1) signals.push('doneWord');
  if (distinctMatches(t, WORK_VERBS) >= 2) signals.push('manyWorkVerbs');
  if (PROGRESS_WORDS.test(t)) signals.push('progressWord');
  if (PERCENT.test(t)) signals.push('percentage');
  if (PROGRESS_PERCENT.test(t)) signals.push('progressPercentage');
  if (DEADLINE.test(t)) signals.push('deadline');
  if (WORK_ITEM_COUNT.test(t)) signals.push('countOfWorkItems');
  if (VERSION_OR_ENV.test(t)) signals.push('versionOrEnvironment');
  if (PERSONAL.test(t)) signals.push('personalLanguage');
  return signals;
}
