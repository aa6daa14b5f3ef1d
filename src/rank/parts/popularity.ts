import type { ScorePart } from '../blend';
import { POPULAR_TEXT } from '../../words';
import { modelRows } from './model-rows';
import { popularityOf } from './gathered-rows';

/**
 * How many people chose the item, from the site's model: the prior of a thin
 * profile, counting most at the first interaction and fading as the history
 * grows. With no history at all it counts nothing, so a new visitor sees the
 * site's order as the site set it.
 */
export const popularity: ScorePart = {
  kind: 'popular',
  // Popularity counts by its order of magnitude: the tenth most popular item is not a tenth as good.
  // An item nobody has chosen yet (a new story) has no evidence either way, not the lowest score.
  // The same for every visitor, items chosen too; a copy, since the blend turns a part's scores into its lifts in place.
  score: (pool, settings) => {
    const known = modelRows(pool, settings);
    return known && popularityOf(known.list).slice();
  },
  weight: (blend, strength, confident) => (confident > 0 ? (strength - confident) * blend.popularity : 0),
  reason: () => POPULAR_TEXT,
};
