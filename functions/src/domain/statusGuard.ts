/**
 * The status guard: does a piece of board text read like a status update (what got done, what is in progress,
 * tickets, percentages, deadlines) rather than the conversation a 1:1 is for? Pure and synchronous, so the API can
 * decide on every save. It weighs signals instead of matching single words, because people also say "I finished
 * a book" or "when we shipped the redesign I felt…" in a real 1:1.
 *
 * Precision and recall on the labelled table (statusGuard.examples.ts) are printed by statusGuard.test.ts.
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

export interface StatusVerdict {
  isStatus: boolean;
  score: number;
  signals: StatusSignal[];
}

/** A verdict needs this much weight: one strong signal (a ticket, a checklist) or two weak ones. */
export const STATUS_THRESHOLD = 2;

const WEIGHTS: Record<StatusSignal, number> = {
  ticketReference: 2,
  checklist: 2,
  statusLabel: 2,
  list: 1,
  listOfTasks: 1,
  doneWord: 1,
  manyWorkVerbs: 1,
  progressWord: 1,
  percentage: 1,
  progressPercentage: 1,
  deadline: 1,
  countOfWorkItems: 1,
  versionOrEnvironment: 1,
  // Feelings, wishes and asks are what the board is for: they pull a borderline text back.
  personalLanguage: -1,
};

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

/** Decides whether `text` reads like a status update; `signals` says why (for tests and tuning, never logged). */
export function looksLikeStatus(text: string): StatusVerdict {
  const signals: StatusSignal[] = [];
  const t = text.trim();
  if (t.length === 0) return { isStatus: false, score: 0, signals };

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

  const score = signals.reduce((sum, s) => sum + WEIGHTS[s], 0);
  return { isStatus: score >= STATUS_THRESHOLD, score, signals };
}
