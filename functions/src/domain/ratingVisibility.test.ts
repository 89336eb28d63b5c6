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
  energy: answered(1),
  drain: answered(5),
};
const keepsMood = { ...DEFAULT_TREND_SHARING, shareMood: false };

describe('the one rating visibility rule', () => {
  it('hides only what the report switched off, and only from the manager; career pulse has no switch', () => {
    expect(visibleToManager('mood', keepsMood)).toBe(false);
    expect(visibleToManager('lifeLoad', keepsMood)).toBe(true);
    const nothingShared = {
      shareMood: false,
      shareLifeLoad: false,
      shareEnergy: false,
      shareDrain: false,
      calendarLoad: false,
    };
    expect(visibleToManager('careerPulse', nothingShared)).toBe(true);
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

describe('energy and drain', () => {
  it('are shared by default and each kept back by its own switch, like mood', () => {
    expect(visibleToManager('energy', DEFAULT_TREND_SHARING)).toBe(true);
    expect(visibleToManager('drain', DEFAULT_TREND_SHARING)).toBe(true);
    const keepsEnergy = { ...DEFAULT_TREND_SHARING, shareEnergy: false };
    const manager = ratingsViewFor('manager', ratings, keepsEnergy);
    expect(manager.energy).toEqual({ value: NOT_SHARED, revision: 0, updatedBy: null, updatedAt: null });
    expect(manager.drain).toEqual(ratings.drain);
    expect(ratingsViewFor('report', ratings, keepsEnergy).energy).toEqual({
      ...ratings.energy,
      visibleToManager: false,
    });
    const keepsDrain = { ...DEFAULT_TREND_SHARING, shareDrain: false };
    expect(ratingsViewFor('manager', ratings, keepsDrain).drain).toEqual({
      value: NOT_SHARED,
      revision: 0,
      updatedBy: null,
      updatedAt: null,
    });
  });
});
