import type { ScorePart } from '../blend';
import type { ModelFactors } from '../../model/format';
import { COLLABORATIVE_TEXT } from '../../words';
import { dotRows } from '../dot-rows';
import { scoreRows } from './model-rows';

/** Each model's int8 factors as 32-bit floats, made once: the same numbers, in the form the kernel reads. */
const widened = new WeakMap<ModelFactors, Float32Array>();
const rowsOf = (factors: ModelFactors) => widened.get(factors) ?? widened.set(factors, Float32Array.from(factors.values)).get(factors)!;

/**
 * The visitor's folded-in factors against the item's in the site's model:
 * people with their taste chose it. What the visitor chose already is no news.
 */
export const collaborative: ScorePart = {
  kind: 'collaborative',
  score: (pool, settings) =>
    scoreRows(pool, settings, ({ factors }, rows, scores) => {
      const x = settings.dense?.factors(settings.now);
      if (!x || !factors) return;
      dotRows(x, rowsOf(factors), factors.dimensions, rows, scores);
      const { scale } = factors;
      for (let i = 0; i < rows.length; i++) {
        const row = rows[i]!;
        // An item without interactions in the logs has zero factors: no evidence, not a zero score.
        if (row >= 0) scores[i] = scale[row]! > 0 ? scores[i]! * scale[row]! : NaN;
      }
    }),
  mass: (_pool, { dense, now }) => dense?.mass(now) ?? 0,
  weight: (blend, _strength, confident) => confident * blend.collaborative,
  // "People who chose what you did" needs a visitor who chose something.
  reason: ({ dense, now }) => (dense?.chose(now) ? COLLABORATIVE_TEXT : undefined),
};
