import { z } from 'zod';
import { boardRefSchema, objectIdSchema, type BoardRef } from './ids';

/*
 * Home: the personal tab where Candor starts. It lists the caller's coming 1:1s (the next 30 days, and each series'
 * next occurrence even when further), each with its state in words, and opens any of them full width, before,
 * during or after the meeting.
 */

/** How far ahead Home lists every occurrence; past it, only each series' next one. */
export const HOME_HORIZON_DAYS = 30;

/** Where the status request of one occurrence stands, for the person reading Home. */
export const homeStatusSchema = z.discriminatedUnion('state', [
  /** The report wrote their update (the form, the chat card or a board move). */
  z.object({ state: z.literal('received'), updatedAt: z.iso.datetime() }),
  /** The request went out and nothing came back yet. */
  z.object({ state: z.literal('asked'), askedAt: z.iso.datetime() }),
  /**
   * No request went out (yet). `why` says it in words: requests are off for this manager, the lead time has not
   * begun, the 1:1 already started, …
   */
  z.object({ state: z.literal('notAsked'), why: z.string().min(1).max(300) }),
]);
export type HomeStatus = z.infer<typeof homeStatusSchema>;

export const homeOneOnOneSchema = z.object({
  /** The board this occurrence has, or would have when opened (the same id the side panel uses). */
  ref: boardRefSchema,
  role: z.enum(['manager', 'report']),
  counterpart: z.object({ id: objectIdSchema, displayName: z.string() }),
  subject: z.string(),
  start: z.iso.datetime(),
  end: z.iso.datetime(),
  /** False for a 1:1 without a Teams meeting (in person, by phone): it still has a board, opened from Home. */
  online: z.boolean(),
  /** The meeting has ended; its recap may still be missing. */
  ended: z.boolean(),
  status: homeStatusSchema,
  /** Someone has written on this occurrence's board. */
  boardStarted: z.boolean(),
  /** This occurrence ended without a recap: Home offers "Write the recap" first. */
  recapMissing: z.boolean(),
  /** Commitments of this pair not yet done. */
  openCommitments: z.number().int().min(0),
});
export type HomeOneOnOne = z.infer<typeof homeOneOnOneSchema>;

export const homeViewSchema = z.object({
  me: z.object({
    id: objectIdSchema,
    displayName: z.string(),
    /** Has direct reports in the directory. */
    isManager: z.boolean(),
    /** Has a manager in the directory. */
    hasManager: z.boolean(),
  }),
  /**
   * First run: a manager who has not chosen about status requests yet (no enrolment of their own, none by
   * configuration), or a report who has not chosen how requests reach them. Home shows a card leading to settings.
   */
  firstRun: z.object({ manager: z.boolean(), report: z.boolean() }),
  /**
   * Ended occurrences whose recap is missing (until the next occurrence's lead time begins) first, then the coming
   * ones by start.
   */
  oneOnOnes: z.array(homeOneOnOneSchema),
});
export type HomeView = z.infer<typeof homeViewSchema>;

export const homeRouteTemplates = {
  home: 'me/home',
  /**
   * Opens (creating on first open) the board of one occurrence found in the caller's calendar, outside any
   * meeting: Home's full-width board, and the board of a 1:1 without a Teams meeting. Answers a BoardView.
   */
  openBoard: 'pairs/{managerId}/{reportId}/boards/{occurrenceId}/open',
} as const;

export const homeApiPaths = {
  home: (): string => 'me/home',
  openBoard: (ref: BoardRef): string => `pairs/${ref.managerId}/${ref.reportId}/boards/${ref.occurrenceId}/open`,
};
