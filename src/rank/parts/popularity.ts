import type { ScorePart } from '../blend';
import { POPULAR_TEXT } from '../../words';
import { scoreRows } from './model-rows';

/**
 * How many people chose the item, from the site's model: the prior of a thin
 * profile, counting most for a visitor with no history and fading as theirs grows.
 */
export const popularity: ScorePart = {
  kind: 'popular',
  // Popularity counts by its order of magnitude: the tenth most popular item is not a tenth as good.
  // An item nobody has chosen yet (a new story) has no evidence either way, not the lowest score.
  score: (pool, settings) =>
    scoreRows(pool, settings, ({ popularity }) => (row) => (popularity[row]! > 0 ? Math.log(popularity[row]!) : NaN), true),
  weight: (blend, strength, confident) => (strength - confident) * blend.popularity,
  reason: () => POPULAR_TEXT,
};
