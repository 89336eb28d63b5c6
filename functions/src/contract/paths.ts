import type { BoardRef } from './ids';
import type { TextFieldId } from './board';

/**
 * The API's URL paths, relative to its base (`…/api`). One definition for the functions' routes,
 * the tab's client and the tests, so they cannot drift apart.
 */
export const routeTemplates = {
  meetingBoard: 'meetings/{chatId}/board',
  board: 'pairs/{managerId}/{reportId}/boards/{occurrenceId}',
  boardField: 'pairs/{managerId}/{reportId}/boards/{occurrenceId}/fields/{fieldId}',
} as const;

export const apiPaths = {
  meetingBoard: (chatId: string): string => `meetings/${encodeURIComponent(chatId)}/board`,
  board: (ref: BoardRef): string =>
    `pairs/${ref.managerId}/${ref.reportId}/boards/${ref.occurrenceId}`,
  boardField: (ref: BoardRef, fieldId: TextFieldId): string =>
    `pairs/${ref.managerId}/${ref.reportId}/boards/${ref.occurrenceId}/fields/${fieldId}`,
};
