import type { ScorePart } from '../blend';
import { COLLABORATIVE_TEXT } from '../../words';
import { modelRows, noEvidence } from './model-rows';
import { factorsOf } from './gathered-rows';

/** x · y over one item's dequantised factors, `y[at .. at + k)`: the scoring kernel. */
export function dotFactors(x: Float64Array, y: Float32Array, at: number): number {
  let dot = 0;
  for (let a = 0; a < x.length; a++) dot += y[at + a]! * x[a]!;
  return dot;
}

/**
 * The visitor's folded-in factors against the item's in the site's model:
 * people with their taste chose it. What the visitor chose already is no news.
 */
export const collaborative: ScorePart = {
  kind: 'collaborative',
  score: (pool, settings) => {
    const known = modelRows(pool, settings);
    if (!known) return undefined;
    const scores = noEvidence(known);
    const x = settings.dense?.factors(settings.now);
    if (!x) return scores;
    // An item without interactions in the logs has zero factors: no evidence, not a zero score.
    const { values, at } = factorsOf(known.list, x.length);
    for (let i = 0; i < scores.length; i++) if (at[i]! >= 0 && !known.chosen[i]) scores[i] = dotFactors(x, values, at[i]!);
    return scores;
  },
  mass: (_pool, { dense, now }) => dense?.mass(now) ?? 0,
  weight: (blend, _strength, confident) => confident * blend.collaborative,
  // "People who chose what you did" needs a visitor who chose something.
  reason: ({ dense, now }) => (dense?.chose(now) ? COLLABORATIVE_TEXT : undefined),
};
