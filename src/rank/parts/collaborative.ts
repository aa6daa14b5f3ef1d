import type { ScorePart } from '../blend';
import { COLLABORATIVE_TEXT } from '../../words';
import { scoreRows } from './model-rows';

/**
 * The visitor's folded-in factors against the item's in the site's model:
 * people with their taste chose it. What the visitor chose already is no news.
 */
export const collaborative: ScorePart = {
  kind: 'collaborative',
  score: (pool, settings) =>
    scoreRows(pool, settings, ({ factors }) => {
      const x = settings.dense?.factors(settings.now);
      if (!x || !factors) return undefined;
      const { dimensions: k, values, scale } = factors;
      return (row) => {
        // An item without interactions in the logs has zero factors: no evidence, not a zero score.
        if (!(scale[row]! > 0)) return NaN;
        let dot = 0;
        for (let a = 0, at = row * k; a < k; a++, at++) dot += values[at]! * x[a]!;
        return dot * scale[row]!;
      };
    }),
  mass: (_pool, { dense, now }) => dense?.mass(now) ?? 0,
  weight: (blend, _strength, confident) => confident * blend.collaborative,
  // "People who chose what you did" needs a visitor who chose something.
  reason: ({ dense, now }) => (dense?.chose(now) ? COLLABORATIVE_TEXT : undefined),
};
