/**
 * What happened in the demo team's 1:1s over the last year (the words and numbers only; demoHistory.ts writes them).
 * One story a newcomer reads at once on the trend tab:
 *   Adele  steady and well: every 1:1 held, the same good answers month after month, no signal.
 *   Alex   mood and his energy rating down, his drain rating up, three months running, life load heavy while energy
 *          falls, more meetings outside his working hours (he is in New York, the team in Europe): moodFalling,
 *          energyFalling, drainRising, lifeLoadHighEnergyFalling, afterHoursRising.
 * Energy and drain are rated only from RATED_SINCE_MONTHS ago (the ratings came later): older 1:1s say "not stated".
 *   Diego  his last 1:1s were skipped or cancelled and a support commitment is past its due date: skippedRepeatedly,
 *          openPastDue.
 *   Lynne  does not share mood and life load with Megan (the manager sees "not shared"); her answers drift into
 *          status reports, so the status guard speaks more every month: statusDriftRising.
 * Everything is a pure function of the slot (how many months and weeks ago), so the same slot always gets the same
 * board: seeding twice writes nothing new.
 */
import type { RatingValue, RecapLine } from '@candor/functions/contract';

export const DEMO_STORY_REPORTS = ['adele', 'alex', 'diego', 'lynne'] as const;
export type DemoReport = (typeof DEMO_STORY_REPORTS)[number];

/** Where a 1:1 sits in the history: `weeksAgo` 1 is the latest past occurrence, `monthsAgo` 0 the current month. */
export interface Slot {
  weeksAgo: number;
  monthsAgo: number;
  /** 0 for the month's first 1:1 of the pair. */
  weekInMonth: number;
}

export type Outcome = 'held' | 'skipped' | 'cancelled';

/** The board of a held 1:1: who typed what. Absent text = left empty. */
export interface HeldBoard {
  report: Partial<Record<'energizing' | 'draining' | 'support' | 'careerNote', string>>;
  manager: Partial<Record<'energizingNote' | 'drainingNote' | 'supportNote' | 'unseenWork', string>>;
  mood: RatingValue | null;
  lifeLoad: RatingValue | null;
  careerPulse: RatingValue | null;
  /** How energized / drained the week felt (1–5), as rated under the two prompts; null = not stated. */
  energy: RatingValue | null;
  drain: RatingValue | null;
  recap: [RecapLine, RecapLine] | null;
}

/** The months (ago) with energy and drain rated; before, those ratings did not exist yet. */
export const RATED_SINCE_MONTHS = 8;
const stated = (slot: Slot, value: RatingValue): RatingValue | null =>
  slot.monthsAgo <= RATED_SINCE_MONTHS ? value : null;

/** A manager's commitment, made in the held 1:1 `createdWeeksAgo` and (when done) closed in `doneWeeksAgo`. */
export interface StoryCommitment {
  key: string;
  text: string;
  createdWeeksAgo: number;
  /** Days after it was made; null = no due date. */
  dueInDays: number | null;
  doneWeeksAgo: number | null;
  /** Made from the report's support ask, which that board then carries. */
  supportAsk: string | null;
}

/** One week of the report's calendar (counts only). */
export interface StoryWeek {
  meetings: number;
  meetingHours: number;
  afterHoursMeetings: number;
}

const pick = <T>(pool: readonly T[], n: number): T => pool[((n % pool.length) + pool.length) % pool.length] as T;

const line = (text: string, ...tags: RecapLine['tags']): RecapLine => ({ text, tags });

/** Most held 1:1s close with a recap; now and then one ends without (never in the last two months). */
const hasRecap = (slot: Slot): boolean => !(slot.weeksAgo > 8 && slot.weeksAgo % 5 === 2);

function adele(slot: Slot): HeldBoard {
  const { weeksAgo: w } = slot;
  return {
    report: {
      energizing: pick(
        [
          'Pairing with the new joiner on the search service. Explaining it made it click for me too.',
          'Leading the architecture review; people changed their minds in the room, kindly.',
          'A customer showed us how they really use the export. I loved seeing it.',
          'Mentoring Diego on the caching layer, he asks great questions.',
          'Writing the guide I had in my head for months.',
        ],
        w,
      ),
      ...(w % 2 === 0
        ? {
            draining: pick(
              ['Review requests pile up on me on Fridays.', 'Switching between two projects in one day.'],
              w / 2,
            ),
          }
        : {}),
      ...(w % 3 === 0 ? { support: 'A second reviewer for the platform area, so it is not always me.' } : {}),
    },
    manager: {
      ...(w % 2 === 0 ? { drainingNote: 'Let us look at the review rota together.' } : {}),
      ...(slot.weekInMonth === 1
        ? {
            unseenWork: pick(
              [
                'You quietly rewrote the onboarding notes; three new people used them.',
                'Thank you for calming the room in the incident review.',
              ],
              w,
            ),
          }
        : {}),
    },
    mood: 4,
    lifeLoad: w % 6 === 5 ? 'preferNot' : 2,
    careerPulse: 4,
    energy: stated(slot, 4),
    drain: stated(slot, 2),
    recap: hasRecap(slot)
      ? [
          line(
            pick(
              [
                'Review load is the one blocker; Megan asks for a second reviewer.',
                'Two projects at once is the blocker; Megan helps pick one.',
              ],
              w,
            ),
            'blocker',
            'supportNeed',
          ),
          line(
            pick(
              [
                'Learned: a short guide first makes the design review shorter.',
                'Learned: pairing early saves a week of review.',
              ],
              w,
            ),
            'learning',
          ),
        ]
      : null,
  };
}

/** Alex's last months: each a step worse than the one before (mood, energy named, life load). */
function alex(slot: Slot): HeldBoard {
  const { weeksAgo: w, monthsAgo: m, weekInMonth: k } = slot;
  const late = m <= 3;
  // Share of 1:1s where something energizing was named: all of them, then 3 in 4, 1 in 2, 1 in 4, none.
  const namedEnergy = m >= 4 || (m === 3 ? k % 4 !== 3 : m === 2 ? k % 2 === 0 : m === 1 ? k % 4 === 0 : false);
  // Mood 4, then 4/3, 3, 3/2, 2: averages 4 → 3.5 → 3 → 2.5 → 2. His energy rating follows the same steps.
  const mood: RatingValue =
    m >= 4 ? 4 : m === 3 ? (k % 2 === 0 ? 4 : 3) : m === 2 ? 3 : m === 1 ? (k % 2 === 0 ? 3 : 2) : 2;
  // Drain 2, then 2/3, 3, 4/3, 4: averages 2 → 2.5 → 3 → 3.5 → 4.
  const drain: RatingValue =
    m >= 4 ? 2 : m === 3 ? (k % 2 === 0 ? 2 : 3) : m === 2 ? 3 : m === 1 ? (k % 2 === 0 ? 4 : 3) : 4;
  return {
    report: {
      ...(namedEnergy
        ? {
            energizing: pick(
              [
                'The hack day. I built a tiny tool people now use every day.',
                'Getting the alert noise down; the team sleeps better.',
                'Learning the billing domain from Lynne, it is fascinating.',
              ],
              w,
            ),
          }
        : {}),
      ...(late || w % 3 === 0
        ? {
            draining: late
              ? pick(
                  [
                    'Three pages after midnight this week. I am running on fumes.',
                    'The early calls with Europe start at 7 for me now, most days.',
                    'Moving house while on call has been a lot.',
                  ],
                  w,
                )
              : 'Long review threads that go in circles.',
          }
        : {}),
      ...(late
        ? {
            support: pick(
              ['Could someone else take night on-call for a while?', 'Fewer early calls, could the sync move later?'],
              w,
            ),
          }
        : {}),
    },
    manager: {
      ...(late ? { drainingNote: 'Thank you for saying it. Let us fix the early calls first.' } : {}),
      ...(k === 1 && m % 2 === 0
        ? { unseenWork: 'You stayed with the customer until their import worked. They wrote to thank us.' }
        : {}),
    },
    mood,
    lifeLoad: late ? (k % 2 === 0 ? 5 : 4) : 3,
    careerPulse: late ? 3 : 4,
    energy: stated(slot, mood),
    drain: stated(slot, drain),
    recap: hasRecap(slot)
      ? [
          line(
            late
              ? 'Night on-call and early calls are the blocker; Megan looks for a rota swap.'
              : 'Review threads are the blocker; Megan joins the next one.',
            'blocker',
            'supportNeed',
          ),
          line(
            late ? 'Learned: saying no to the 7 am call was fine.' : 'Learned: a short call ends a long thread.',
            'learning',
          ),
        ]
      : null,
  };
}

function diego(slot: Slot): HeldBoard {
  const { weeksAgo: w } = slot;
  return {
    report: {
      energizing: pick(
        [
          'Digging into the payment retries. A real puzzle.',
          'Teaching the team the new tracing setup.',
          'The design review with Lynne, we think alike.',
        ],
        w,
      ),
      ...(w % 2 === 1
        ? {
            draining: pick(['Waiting weeks on the platform team.', 'I am not sure where my career goes from here.'], w),
          }
        : {}),
      ...(w % 4 === 0 ? { support: 'An intro to someone who moved into architecture.' } : {}),
      ...(w % 4 === 2 ? { careerNote: 'Still curious about architecture; reading a lot.' } : {}),
    },
    manager: {
      ...(slot.weekInMonth === 2 ? { unseenWork: 'Your tracing notes saved the on-call a night.' } : {}),
    },
    // "Prefer not to say" now and then: counted apart, never a number.
    mood: w % 3 === 0 ? 'preferNot' : 3,
    lifeLoad: 3,
    careerPulse: w % 5 === 0 ? 'preferNot' : 3,
    energy: stated(slot, 3),
    drain: stated(slot, w % 4 === 1 ? 'preferNot' : 3),
    recap: hasRecap(slot)
      ? [
          line('Waiting on the platform team is the blocker; Megan asks their lead.', 'blocker', 'supportNeed'),
          line(
            pick(['Learned: tracing first, then guessing.', 'Learned: a small spike answers big questions.'], w),
            'learning',
          ),
        ]
      : null,
  };
}

/** Lynne's answers turn into status reports lately, which the status guard notices. */
function lynne(slot: Slot): HeldBoard {
  const { weeksAgo: w, monthsAgo: m, weekInMonth: k } = slot;
  // No status text, then once in the month, then in every 1:1, then in two answers of every 1:1.
  const statusAnswers = m >= 3 ? 0 : m === 2 ? (k === 0 ? 1 : 0) : m === 1 ? 1 : 2;
  const statusTexts = [
    'Done: checkout mockups v3, PR #512 merged. Next: usability tests on Thursday.',
    'Finished the icon set, DES-231 in review, DES-240 blocked on copy. Handoff by Friday.',
    'Status: onboarding flow 90% done, 2 tickets left, QA next week.',
  ];
  return {
    report: {
      energizing:
        statusAnswers >= 1
          ? pick(statusTexts, w)
          : pick(
              [
                'User interviews this week. People laughed at the old flow, with us.',
                'Sketching with Adele, we finish each other’s ideas.',
                'The accessibility audit; I learn so much.',
              ],
              w,
            ),
      ...(statusAnswers >= 2
        ? { support: pick(statusTexts, w + 1) }
        : w % 3 === 0
          ? { support: 'Earlier feedback, before the designs feel final.' }
          : {}),
      ...(w % 2 === 0 ? { draining: 'Feedback that arrives after the handoff.' } : {}),
    },
    manager: {
      ...(statusAnswers >= 1 ? { energizingNote: 'I read your status update already. What about you this week?' } : {}),
      ...(k === 0 ? { unseenWork: 'The way you ran the research readout: the whole team left curious.' } : {}),
    },
    mood: 4,
    lifeLoad: 2,
    careerPulse: 4,
    energy: stated(slot, 4),
    drain: stated(slot, 2),
    recap: hasRecap(slot)
      ? [
          line('Late feedback is the blocker; Megan brings design reviews forward.', 'blocker', 'supportNeed'),
          line(
            pick(
              ['Learned: showing rough sketches early saves rework.', 'Learned: one question per interview is enough.'],
              w,
            ),
            'learning',
          ),
        ]
      : null,
  };
}

const BOARDS: Record<DemoReport, (slot: Slot) => HeldBoard> = { adele, alex, diego, lynne };

/** Skipped and cancelled 1:1s: one each long ago for Adele and Alex, and Diego's last weeks. */
const MISSED: Record<DemoReport, Readonly<Record<number, Outcome>>> = {
  adele: { 33: 'cancelled' },
  alex: { 30: 'skipped' },
  // Diego's latest (cancelled in the calendar too), then skipped ones around his last 1:1s held.
  diego: { 1: 'cancelled', 2: 'skipped', 3: 'skipped', 5: 'skipped' },
  lynne: {},
};

export function outcomeOf(report: DemoReport, slot: Slot): Outcome {
  return MISSED[report][slot.weeksAgo] ?? 'held';
}

export function heldBoardOf(report: DemoReport, slot: Slot): HeldBoard {
  return BOARDS[report](slot);
}

export const STORY_COMMITMENTS: Record<DemoReport, readonly StoryCommitment[]> = {
  adele: [
    {
      key: 'architecture-group',
      text: 'Introduce you to the platform architecture group',
      createdWeeksAgo: 40,
      dueInDays: 14,
      doneWeeksAgo: 38,
      supportAsk: null,
    },
    {
      key: 'second-reviewer',
      text: 'Find a second reviewer for the platform area',
      createdWeeksAgo: 21,
      dueInDays: 21,
      doneWeeksAgo: 18,
      supportAsk: 'A second reviewer for the platform area, so it is not always me.',
    },
    {
      key: 'conference',
      text: 'Book your ticket for the spring conference',
      createdWeeksAgo: 6,
      dueInDays: 14,
      doneWeeksAgo: 4,
      supportAsk: null,
    },
  ],
  alex: [
    {
      key: 'promotion-doc',
      text: 'Share the promotion criteria and go through them with you',
      createdWeeksAgo: 28,
      dueInDays: 14,
      doneWeeksAgo: 26,
      supportAsk: null,
    },
    {
      key: 'on-call-swap',
      text: 'Find a swap so you are off night on-call for a month',
      createdWeeksAgo: 2,
      dueInDays: 21,
      doneWeeksAgo: null,
      supportAsk: 'Could someone else take night on-call for a while?',
    },
  ],
  diego: [
    {
      key: 'pair-with-lynne',
      text: 'Pair you with Lynne on the checkout redesign',
      createdWeeksAgo: 25,
      dueInDays: 14,
      doneWeeksAgo: 23,
      supportAsk: null,
    },
    {
      key: 'course-budget',
      text: 'Ask Patti about budget for the Kubernetes course',
      createdWeeksAgo: 6,
      dueInDays: 14,
      doneWeeksAgo: null,
      supportAsk: 'A course on Kubernetes, if there is budget for it.',
    },
  ],
  lynne: [
    {
      key: 'roadmap',
      text: 'Share the design system roadmap before the offsite',
      createdWeeksAgo: 15,
      dueInDays: 10,
      doneWeeksAgo: 12,
      supportAsk: null,
    },
    {
      key: 'readout',
      text: 'Bring your research readout to the leads meeting',
      createdWeeksAgo: 3,
      dueInDays: null,
      doneWeeksAgo: null,
      supportAsk: null,
    },
  ],
};

/**
 * One week of the report's calendar. Alex's meetings outside his working hours climb over the last three full
 * months (a few, then about 2 and 4 a week), so each month's total is above the one before whatever its week count.
 */
export function weekOf(report: DemoReport, monthsAgo: number, weeksAgo: number): StoryWeek {
  const wobble = weeksAgo % 3;
  switch (report) {
    case 'adele':
      return { meetings: 14 + wobble, meetingHours: 11 + wobble, afterHoursMeetings: weeksAgo % 6 === 0 ? 1 : 0 };
    case 'alex': {
      const afterHours = monthsAgo >= 4 ? weeksAgo % 2 : monthsAgo === 3 ? 1 : monthsAgo === 2 ? 2 : 4;
      return {
        meetings: (monthsAgo >= 4 ? 15 : 19) + wobble,
        meetingHours: (monthsAgo >= 4 ? 12 : 16.5) + wobble,
        afterHoursMeetings: afterHours,
      };
    }
    case 'diego':
      return { meetings: 11 + wobble, meetingHours: 8.5 + wobble, afterHoursMeetings: 0 };
    case 'lynne':
      return { meetings: 15 + wobble, meetingHours: 12 + wobble, afterHoursMeetings: weeksAgo % 4 === 0 ? 1 : 0 };
  }
}
