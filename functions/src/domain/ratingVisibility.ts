import {
  NOT_SHARED,
  RATING_FIELD_IDS,
  type RatingField,
  type RatingFieldId,
  type RatingFieldView,
  type Role,
  type TrendSharing,
} from '../contract';

/*
 * The one rule for who sees a report's ratings. The report answers mood, life load, energy and drain for themself
 * and chooses, per rating, whether their manager sees them (the sharing switches: PUT trends/sharing). Career pulse
 * is about the goal the two work on together and has no switch. Every surface where a manager can read a rating — the live
 * board, past boards, the prep view, the trends, the digest built from them, the manager's export — asks this rule.
 */

/** The sharing switch behind each rating that has one. */
export type RatingSwitch = 'shareMood' | 'shareLifeLoad' | 'shareEnergy' | 'shareDrain';
const SWITCH_OF: Readonly<Partial<Record<RatingFieldId, RatingSwitch>>> = {
  mood: 'shareMood',
  lifeLoad: 'shareLifeLoad',
  energy: 'shareEnergy',
  drain: 'shareDrain',
};

/** The sharing switch behind a rating, or undefined for one the manager always sees (career pulse). */
export function sharingSwitchOf(ratingId: RatingFieldId): RatingSwitch | undefined {
  return SWITCH_OF[ratingId];
}

/** Whether the manager sees this rating of the report under the report's current choices. */
export function visibleToManager(ratingId: RatingFieldId, sharing: TrendSharing): boolean {
  const choice = SWITCH_OF[ratingId];
  return choice === undefined || sharing[choice];
}

/** Whether `audience` may read the report's answer to this rating: the report always, the manager as shared. */
export function ratingVisibleTo(audience: Role, ratingId: RatingFieldId, sharing: TrendSharing): boolean {
  return audience === 'report' || visibleToManager(ratingId, sharing);
}

/** Exactly what the manager sees of a rating kept back: nothing about whether, when or by whom it was answered. */
const NOT_SHARED_VIEW: RatingFieldView = { value: NOT_SHARED, revision: 0, updatedBy: null, updatedAt: null };

/**
 * A board's ratings as `audience` sees them. The report gets every value with a `visibleToManager` flag each, so
 * the board can say plainly who sees what; the manager gets shared ratings as stored and the rest as `notShared`.
 */
export function ratingsViewFor(
  audience: Role,
  ratings: Readonly<Record<RatingFieldId, RatingField>>,
  sharing: TrendSharing,
): Record<RatingFieldId, RatingFieldView> {
  const view = {} as Record<RatingFieldId, RatingFieldView>;
  for (const id of RATING_FIELD_IDS) {
    if (audience === 'report') view[id] = { ...ratings[id], visibleToManager: visibleToManager(id, sharing) };
    else view[id] = visibleToManager(id, sharing) ? { ...ratings[id] } : { ...NOT_SHARED_VIEW };
  }
  return view;
}
