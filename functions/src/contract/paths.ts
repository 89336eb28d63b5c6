import type { BoardRef } from './ids';
import type { RatingFieldId, TextFieldId } from './board';
import type { RecapDraftPart } from './recap';

/**
 * The API's URL paths, relative to its base (`…/api`). One definition for the functions' routes,
 * the tab's client and the tests, so they cannot drift apart.
 */
export const routeTemplates = {
  meetingBoard: 'meetings/{chatId}/board',
  board: 'pairs/{managerId}/{reportId}/boards/{occurrenceId}',
  boardField: 'pairs/{managerId}/{reportId}/boards/{occurrenceId}/fields/{fieldId}',
  boardRating: 'pairs/{managerId}/{reportId}/boards/{occurrenceId}/ratings/{ratingId}',
  careerGoal: 'pairs/{managerId}/{reportId}/career-goal',
  commitments: 'pairs/{managerId}/{reportId}/boards/{occurrenceId}/commitments',
  commitment: 'pairs/{managerId}/{reportId}/boards/{occurrenceId}/commitments/{commitmentId}',
  privateNote: 'pairs/{managerId}/{reportId}/boards/{occurrenceId}/private-note',
  recap: 'pairs/{managerId}/{reportId}/boards/{occurrenceId}/recap',
  recapCorrection: 'pairs/{managerId}/{reportId}/boards/{occurrenceId}/recap/correction',
  recapDraft: 'pairs/{managerId}/{reportId}/boards/{occurrenceId}/recap/draft/{part}',
  skipGoToQuestion: 'pairs/{managerId}/{reportId}/boards/{occurrenceId}/go-to-question/skip',
  myGoToQuestions: 'me/go-to-questions',
} as const;

export const apiPaths = {
  meetingBoard: (chatId: string): string => `meetings/${encodeURIComponent(chatId)}/board`,
  board: (ref: BoardRef): string => `pairs/${ref.managerId}/${ref.reportId}/boards/${ref.occurrenceId}`,
  boardField: (ref: BoardRef, fieldId: TextFieldId): string =>
    `pairs/${ref.managerId}/${ref.reportId}/boards/${ref.occurrenceId}/fields/${fieldId}`,
  boardRating: (ref: BoardRef, ratingId: RatingFieldId): string =>
    `pairs/${ref.managerId}/${ref.reportId}/boards/${ref.occurrenceId}/ratings/${ratingId}`,
  careerGoal: (pair: { managerId: string; reportId: string }): string =>
    `pairs/${pair.managerId}/${pair.reportId}/career-goal`,
  commitments: (ref: BoardRef): string =>
    `pairs/${ref.managerId}/${ref.reportId}/boards/${ref.occurrenceId}/commitments`,
  commitment: (ref: BoardRef, commitmentId: string): string =>
    `pairs/${ref.managerId}/${ref.reportId}/boards/${ref.occurrenceId}/commitments/${commitmentId}`,
  privateNote: (ref: BoardRef): string =>
    `pairs/${ref.managerId}/${ref.reportId}/boards/${ref.occurrenceId}/private-note`,
  recap: (ref: BoardRef): string => `pairs/${ref.managerId}/${ref.reportId}/boards/${ref.occurrenceId}/recap`,
  recapCorrection: (ref: BoardRef): string =>
    `pairs/${ref.managerId}/${ref.reportId}/boards/${ref.occurrenceId}/recap/correction`,
  recapDraft: (ref: BoardRef, part: RecapDraftPart): string =>
    `pairs/${ref.managerId}/${ref.reportId}/boards/${ref.occurrenceId}/recap/draft/${part}`,
  skipGoToQuestion: (ref: BoardRef): string =>
    `pairs/${ref.managerId}/${ref.reportId}/boards/${ref.occurrenceId}/go-to-question/skip`,
  myGoToQuestions: (): string => 'me/go-to-questions',
};
