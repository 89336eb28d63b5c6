import {
  RATING_FIELD_IDS,
  TEXT_FIELD_IDS,
  type BoardField,
  type BoardView,
  type RatingField,
  type RatingFieldId,
  type TextFieldId,
} from '@candor/contract';

/** Test data only: a board view with every field empty, for tab unit tests. */
export const TEST_MANAGER = '11111111-1111-4111-8111-111111111111';
export const TEST_REPORT = '22222222-2222-4222-8222-222222222222';
export const testRef = {
  managerId: TEST_MANAGER,
  reportId: TEST_REPORT,
  occurrenceId: '20261126T0900Z-0123456789abcdef',
};

export const field = (text: string, revision: number): BoardField => ({
  text,
  revision,
  updatedBy: null,
  updatedAt: null,
});
export const rating = (value: RatingField['value'], revision: number): RatingField => ({
  value,
  revision,
  updatedBy: null,
  updatedAt: null,
});

export function testBoardView(
  role: 'manager' | 'report',
  fields: Partial<Record<TextFieldId, BoardField>> = {},
  more: Partial<BoardView> = {},
): BoardView {
  return {
    ref: testRef,
    viewer: { userId: role === 'manager' ? TEST_MANAGER : TEST_REPORT, role },
    participants: {
      manager: { id: TEST_MANAGER, displayName: 'Mia' },
      report: { id: TEST_REPORT, displayName: 'Ravi' },
    },
    meeting: null,
    fields: {
      ...(Object.fromEntries(TEXT_FIELD_IDS.map((id) => [id, field('', 0)])) as Record<TextFieldId, BoardField>),
      ...fields,
    },
    ratings: Object.fromEntries(RATING_FIELD_IDS.map((id) => [id, rating(null, 0)])) as Record<
      RatingFieldId,
      RatingField
    >,
    careerGoal: field('', 0),
    commitments: [],
    lastTime: null,
    recognitions: [],
    goToQuestion: { state: 'noQuestions' },
    statusGuard: { nudgedFields: [], nudgeCount: 0 },
    recap: null,
    ...more,
  };
}
