import type { ScorePart } from '../blend';
import { COLLABORATIVE_TEXT } from '../../words';
import { scoreRows } from './model-rows';

/** x · y over one item's dequantised factors: the scoring kernel. */
export function dotFactors(x: Float64Array, y: Float32Array): number {
  let dot = 0;
  for (let a = 0; a < y.length; a++) dot += y[a]! * x[a]!;
  return dot;
}

/**
 * The visitor's folded-in factors against the item's in the site's model:
 * people with their taste chose it. What the visitor chose already is no news.
 */
export const collaborative: ScorePart = {
  kind: 'collaborative',
  score: (pool, settings) => {
    const x = settings.dense?.factors(settings.now);
    // An item without interactions in the logs has zero factors: no evidence, not a zero score.
    return scoreRows(pool, settings, x && (({ factors }) => (factors ? dotFactors(x, factors) : NaN)));
  },
  mass: (_pool, { dense, now }) => dense?.mass(now) ?? 0,
  weight: (blend, _strength, confident) => confident * blend.collaborative,
  // "People who chose what you did" needs a visitor who chose something.
  reason: ({ dense, now }) => (dense?.chose(now) ? COLLABORATIVE_TEXT : undefined),
};
