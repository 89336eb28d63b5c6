import { DEFAULT_TREND_SHARING, NOT_SHARED, type RatingField, type RatingFieldId } from '../contract';
import { ratingVisibleTo, ratingsViewFor, visibleToManager } from './ratingVisibility';

const answered = (value: RatingField['value']): RatingField => ({
  value,
  revision: 3,
  updatedBy: 'a',
  updatedAt: '2026-11-25T09:12:00.000Z',
});
const ratings: Record<RatingFieldId, RatingField> = {
  careerPulse: answered(4),
  mood: answered('preferNot'),
  lifeLoad: answered(2),
};
const keepsMood = { ...DEFAULT_TREND_SHARING, shareMood: false };

describe('the one rating visibility rule', () => {
  it('hides only what the report switched off, and only from the manager; career pulse has no switch', () => {
    expect(visibleToManager('mood', keepsMood)).toBe(false);
    expect(visibleToManager('lifeLoad', keepsMood)).toBe(true);
    expect(visibleToManager('careerPulse', { shareMood: false, shareLifeLoad: false, calendarLoad: false })).toBe(true);
    expect(ratingVisibleTo('report', 'mood', keepsMood)).toBe(true);
    expect(ratingVisibleTo('manager', 'mood', keepsMood)).toBe(false);
  });

  it('gives the manager "notShared" with nothing of the answer, the report every value with who sees it', () => {
    const manager = ratingsViewFor('manager', ratings, keepsMood);
    expect(manager.mood).toEqual({ value: NOT_SHARED, revision: 0, updatedBy: null, updatedAt: null });
    expect(manager.lifeLoad).toEqual(ratings.lifeLoad);
    const report = ratingsViewFor('report', ratings, keepsMood);
    expect(report.mood).toEqual({ ...ratings.mood, visibleToManager: false });
    expect(report.careerPulse).toEqual({ ...ratings.careerPulse, visibleToManager: true });
  });
});
